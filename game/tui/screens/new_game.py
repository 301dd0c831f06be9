"""New game: choose a pack, a role (with its briefing and objectives) and a seed."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens import NEW_GAME_CSS
from game.tui.typed import GameScreen
from game.tui.widgets.briefing_text import BriefingText
from game.tui.widgets.choices import ConfirmList
from game.tui.widgets.field import TextField
from game.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from game.content.compiler import LoadResult
    from game.engine.pack import Pack, Role

WORDS = (
    "amber", "birch", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper",
    "kestrel", "lumen", "maple", "north", "onyx", "pine", "quartz", "river", "slate", "tundra",
    "umber", "vale", "willow", "yarrow", "zephyr", "tumen", "khasan", "amur", "baikal", "hanul",
)  # fmt: skip


def random_seed() -> str:
    """A seed that is easy to read out to a class: `cedar-417`."""
    return f"{secrets.choice(WORDS)}-{secrets.randbelow(900) + 100}"


class NewGameScreen(GameScreen[None]):
    """Pack, role and seed; Enter starts.

    In classroom mode the classroom file has chosen the pack and the seed (shown, locked), the
    roles are the ones it allows, and the student gives their name for the reports."""

    CSS_PATH = NEW_GAME_CSS
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", key_display="^s"),
        Binding("ctrl+r", "reseed", "New seed", key_display="^r"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: LoadResult | None = None
        self.path: Path | None = None

    @property
    def classroom(self):
        return self.app.settings.classroom

    @property
    def AUTO_FOCUS(self) -> str:  # type: ignore[override]  # Textual's class setting, per game
        """The student's name first, where the classroom asks for it; else the roles. Focused
        with the screen, before the footer's keys are made (they follow the focus)."""
        classroom = self.classroom
        return "#player" if classroom is not None and classroom.classroom.ask_name else "#roles"

    def compose(self) -> ComposeResult:
        # A pack already loaded (the title loads the default one) comes with the screen, its
        # roles and the first role's briefing too: one layout, no worker, no thread.
        classroom = self.classroom
        default = Path(self.app.settings.pack)
        opened = self.app.packs.cached(default)
        pack = opened.pack if opened is not None else None
        role = pack.roles[self._first_role(pack)] if pack is not None else None
        if opened is not None:
            self.path, self.result = default, opened
        yield Header()
        with Horizontal(id="pickers"):
            packs = [Option(self._pack_prompt(path), id=str(path)) for path in self.app.packs.paths]
            yield ConfirmList(*packs, id="packs", markup=False)
            yield ConfirmList(*self._role_options(pack), id="roles", markup=False)
        yield Static(id="assigned", markup=False)
        with VerticalScroll(id="role-info"):
            yield BriefingText(role.briefing if role else "", id="role-briefing")
            yield Static(self._objectives(role) if role else "", id="objectives")
        if classroom is not None and classroom.classroom.ask_name:
            with Horizontal(id="name-row", classes="field-row"):
                yield Label("Your name", id="name-label", classes="field-label")
                yield TextField(
                    id="player",
                    max_length=60,
                    placeholder="as your teacher will see it",
                    tooltip="Your name goes in your save and your report for the teacher.",
                )
        with Horizontal(id="seed-row", classes="field-row"):
            yield Label("Seed", id="seed-label", classes="field-label")
            if classroom is not None:
                yield TextField(
                    value=classroom.seed,
                    id="seed",
                    disabled=True,
                    tooltip="The classroom's seed: everyone in the class faces the same world.",
                )
            else:
                yield TextField(
                    value=self.app.settings.seed or random_seed(),
                    id="seed",
                    max_length=64,
                    tooltip="A word or number: the same seed gives the same world.",
                )
            yield Button("Start ▶", id="start", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        classroom = self.classroom
        self.title = "New game"
        self.sub_title = "choose a pack, a role and a seed"
        if classroom is not None:
            self.title = f"New game · {classroom.title}"
            self.sub_title = "choose whom you advise"
        packs = self.query_one("#packs", OptionList)
        packs.border_title = "Pack"
        self.query_one("#roles", OptionList).border_title = "Whom do you advise?"
        self.query_one("#role-info").border_title = "Briefing"
        library = self.app.packs
        default = Path(self.app.settings.pack)
        if self.result is not None:  # opened with the screen
            self._opened(default, self.result)
        if default in library.paths:
            packs.highlighted = library.paths.index(default)
        elif library.paths:
            packs.highlighted = 0
        if classroom is not None:
            packs.border_title = "Classroom pack"
            self.query_one("#seed-label", Label).update("Class seed")

    def _pack_prompt(self, path: Path) -> Content:
        result = self.app.packs.cached(path)
        if result is None:
            return Content.assemble((path.name, "bold"), ("\n" + str(path), "dim"))
        if result.pack is None:
            return Content.assemble(
                (path.name, "bold"), (f"\n{len(result.errors)} problem(s)", "$error")
            )
        meta = result.pack.meta
        return Content.assemble(
            (meta.title, "bold"), (f"\n{meta.turns} turns · v{meta.version}", "dim")
        )

    @on(OptionList.OptionHighlighted, "#packs")
    def _pack_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.open_pack(Path(event.option.id))

    @on(OptionList.OptionSelected, "#packs")
    def _pack_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#roles").focus()

    def open_pack(self, path: Path) -> None:
        """Show the pack's roles, loading it first if no screen has (in a worker)."""
        if path == self.path and self.result is self.app.packs.cached(path):
            return  # on show
        if self.app.packs.cached(path) is None:
            self.result = None
            self.query_one("#roles", OptionList).clear_options()
            self.query_one(BriefingText).show("")
            self.query_one("#objectives", Static).update(
                Content.styled("Opening the pack…", "dim italic")
            )
        self._load_pack(path)

    @work(exclusive=True, group="open-pack")
    async def _load_pack(self, path: Path) -> None:
        # the load runs in a thread; the keys typed meanwhile wait for it (game.tui.keys waits
        # for a screen's async workers), so a quick Enter starts the game instead of a warning
        result = await asyncio.to_thread(self.app.packs.load, path)
        self._opened(path, result)

    def _opened(self, path: Path, result: LoadResult) -> None:
        self.path, self.result = path, result
        if path == Path(self.app.settings.pack):
            self.app.default_pack_opened(result)
        packs = self.query_one("#packs", OptionList)
        packs.replace_option_prompt(str(path), self._pack_prompt(path))
        roles = self.query_one("#roles", OptionList)
        options = self._role_options(result.pack)
        if [(o.id, o.prompt) for o in roles.options] != [(o.id, o.prompt) for o in options]:
            roles.clear_options()
            roles.add_options(options)
        if result.pack is None:
            self.query_one(BriefingText).show("")
            self.query_one("#objectives", Static).update(
                Content("\n").join(
                    [Content.styled("This pack cannot be played:", "bold $error")]
                    + [Content(p.format().splitlines()[0]) for p in result.errors[:12]]
                )
            )
            return
        roles.highlighted = list(result.pack.roles).index(self._first_role(result.pack))
        self._apply_assignment()

    def _first_role(self, pack: Pack) -> str:
        """The role highlighted when the pack opens: the one asked for, else the first."""
        wanted = self.app.settings.role
        return wanted if wanted in pack.roles else next(iter(pack.roles))

    @staticmethod
    def _role_options(pack: Pack | None) -> list[Option]:
        if pack is None:
            return []
        return [
            Option(Content.assemble((role.name, "bold"), ("\n" + role.office, "dim")), id=role.id)
            for role in pack.roles.values()
        ]

    def _assigned_role(self) -> str | None:
        """The role the classroom file gives the student whose name is typed, or None."""
        if self.classroom is None or not self.query("#player") or self.result is None:
            return None
        a = self.classroom.assignment_of(self.query_one("#player", Input).value)
        pack = self.result.pack
        return a.role if a is not None and pack is not None and a.role in pack.roles else None

    @on(Input.Changed, "#player")
    def _apply_assignment(self) -> None:
        """A student the teacher gave a role to has it chosen and locked, with a line saying so;
        a student of a group sees the group's seed."""
        if self.classroom is not None and self.query("#player"):
            player = self.query_one("#player", Input).value
            self.query_one("#seed", Input).value = self.classroom.seed_for(player)
        role = self._assigned_role()
        roles = self.query_one("#roles", OptionList)
        line = self.query_one("#assigned", Static)
        line.display = role is not None
        roles.disabled = role is not None
        if role is None or self.result is None or self.result.pack is None:
            return
        from game.classroom.views import assigned_line

        player = self.query_one("#player", Input).value
        line.update(assigned_line(self.classroom, self.result.pack, player) or "")
        roles.highlighted = list(self.result.pack.roles).index(role)

    @on(OptionList.OptionHighlighted, "#roles")
    def _role_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.result is None or self.result.pack is None or not event.option.id:
            return
        role = self.result.pack.roles[event.option.id]
        self.query_one("#role-info").border_title = f"Briefing — {role.name}"
        self.query_one(BriefingText).show(role.briefing)
        objectives = self.query_one("#objectives", Static)
        content = self._objectives(role)
        if content != objectives.content:
            objectives.update(content)

    @staticmethod
    def _objectives(role: Role) -> Content:
        lines = [Content.styled("Objectives", "bold $accent")]
        for o in role.objectives:
            weight = f"  ×{o.weight:g}" if o.weight != 1 else ""
            lines.append(Content.assemble(("• ", "$accent"), (o.label, "bold"), (weight, "dim")))
            if o.description:
                lines.append(Content.styled("  " + o.description, "dim"))
        return Content("\n").join(lines)

    @on(Input.Submitted, "#player")
    def _name_given(self, event: Input.Submitted) -> None:
        event.stop()
        if self._name_problem() is None:
            roles = self.query_one("#roles", OptionList)
            if roles.disabled:
                self.action_start()  # the teacher chose the role: Enter starts
            else:
                roles.focus()

    def _name_problem(self) -> str | None:
        """What is wrong with the student's name (classroom mode), or None."""
        if not self.query("#player"):
            return None
        from game.classroom.files import slug

        if not slug(self.query_one("#player", Input).value):
            return "Type your name, or your initials: your teacher sees it on your report."
        return None

    @on(OptionList.OptionSelected, "#roles")
    @on(Input.Submitted, "#seed")
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        roles = self.query_one("#roles", OptionList)
        result = self.result
        if result is None or result.pack is None:
            self.notify("Choose a pack that opens without problems.", severity="warning")
            return
        problem = self._name_problem()
        if problem is not None:
            self.notify(problem, title="Your name", severity="warning")
            self.query_one("#player", Input).focus()
            return
        role = self._assigned_role()
        if role is None:
            if roles.highlighted is None:
                self.notify("Choose whom you advise.", severity="warning")
                return
            role = roles.get_option_at_index(roles.highlighted).id
        seed = self.query_one("#seed", Input).value.strip() or random_seed()
        player = self.query_one("#player", Input).value if self.query("#player") else ""
        assert role is not None
        self.app.start_new(result, role, seed, player=player)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the classroom's seed is locked
        return not (action == "reseed" and self.classroom is not None)

    def action_reseed(self) -> None:
        if self.classroom is not None:
            self.notify("The classroom file sets the seed: everyone plays the same world.")
            return
        self.query_one("#seed", Input).value = random_seed()

    def action_back(self) -> None:
        self.dismiss(None)
