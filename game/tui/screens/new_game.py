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
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.widgets.choices import ConfirmList
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


class NewGameScreen(Screen[None]):
    """Pack, role and seed; Enter starts."""

    CSS_PATH = "new_game.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", key_display="^s"),
        Binding("ctrl+r", "reseed", "New seed", key_display="^r"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: LoadResult | None = None
        self.path: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="pickers"):
            yield ConfirmList(id="packs", markup=False)
            yield ConfirmList(id="roles", markup=False)
        with VerticalScroll(id="role-info"):
            yield Markdown(id="role-briefing")
            yield Static(id="objectives")
        with Horizontal(id="seed-row"):
            yield Label("Seed", id="seed-label")
            yield Input(
                value=self.app.settings.seed or random_seed(),
                id="seed",
                max_length=64,
                tooltip="A word or number: the same seed gives the same world.",
            )
            yield Button("Start ▶", id="start", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "New game"
        self.sub_title = "choose a pack, a role and a seed"
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

    @on(OptionList.OptionSelected, "#roles")
    @on(Input.Submitted, "#seed")
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        roles = self.query_one("#roles", OptionList)
        result = self.result
        if result is None or result.pack is None:
            self.notify("Choose a pack that opens without problems.", severity="warning")
            return
        if roles.highlighted is None:
            self.notify("Choose whom you advise.", severity="warning")
            return
        role = roles.get_option_at_index(roles.highlighted).id
        seed = self.query_one("#seed", Input).value.strip() or random_seed()
        assert role is not None
        self.app.start_new(result, role, seed)

    def action_reseed(self) -> None:
        self.query_one("#seed", Input).value = random_seed()

    def action_back(self) -> None:
        self.dismiss(None)
