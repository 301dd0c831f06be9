"""New game: choose a pack, a role (with its briefing and objectives) and a seed."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens import NEW_GAME_CSS
from game.tui.typed import GameScreen
from game.tui.widgets.choices import ConfirmList
from game.tui.widgets.field import TextField
from game.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from game.content.compiler import LoadResult

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

    def compose(self) -> ComposeResult:
        classroom = self.classroom
        yield Header()
        with Horizontal(id="pickers"):
            yield ConfirmList(id="packs", markup=False)
            yield ConfirmList(id="roles", markup=False)
        yield Static(id="assigned", markup=False)
        with VerticalScroll(id="role-info"):
            yield Markdown(id="role-briefing")
            yield Static(id="objectives")
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
        for path in library.paths:
            packs.add_option(Option(self._pack_prompt(path), id=str(path)))
        if default in library.paths:
            packs.highlighted = library.paths.index(default)
        elif library.paths:
            packs.highlighted = 0
        if classroom is not None:
            packs.border_title = "Classroom pack"
            self.query_one("#seed-label", Label).update("Class seed")
        if self.query("#player"):
            self.query_one("#player", Input).focus()
        else:
            self.query_one("#roles", OptionList).focus()

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

    @work(exclusive=True, thread=True, group="open-pack")
    def open_pack(self, path: Path) -> None:
        result = self.app.packs.load(path)
        self.app.call_from_thread(self._opened, path, result)

    def _opened(self, path: Path, result: LoadResult) -> None:
        self.path, self.result = path, result
        packs = self.query_one("#packs", OptionList)
        packs.replace_option_prompt(str(path), self._pack_prompt(path))
        roles = self.query_one("#roles", OptionList)
        roles.clear_options()
        if result.pack is None:
            self.query_one("#role-briefing", Markdown).update("")
            self.query_one("#objectives", Static).update(
                Content("\n").join(
                    [Content.styled("This pack cannot be played:", "bold $error")]
                    + [Content(p.format().splitlines()[0]) for p in result.errors[:12]]
                )
            )
            return
        for role in result.pack.roles.values():
            roles.add_option(
                Option(
                    Content.assemble((role.name, "bold"), ("\n" + role.office, "dim")), id=role.id
                )
            )
        wanted = self.app.settings.role
        ids = list(result.pack.roles)
        roles.highlighted = ids.index(wanted) if wanted in ids else 0
        self._apply_assignment()

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
        self.query_one("#role-briefing", Markdown).update(role.briefing)
        lines = [Content.styled("Objectives", "bold $accent")]
        for o in role.objectives:
            weight = f"  ×{o.weight:g}" if o.weight != 1 else ""
            lines.append(Content.assemble(("• ", "$accent"), (o.label, "bold"), (weight, "dim")))
            if o.description:
                lines.append(Content.styled("  " + o.description, "dim"))
        self.query_one("#objectives", Static).update(Content("\n").join(lines))

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
