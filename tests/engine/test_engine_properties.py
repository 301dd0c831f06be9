"""Hypothesis plays the engine: any legal sequence keeps the world sane and reproducible."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.content.compiler import load_pack
from game.engine.resolve import initial_state, resolve
from game.engine.session import Session

PACKS = {
    "example": Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "example",
    "shipped": Path(__file__).resolve().parents[2] / "content" / "korean-theater",
}


def _packs():
    out = []
    for path in PACKS.values():
        if (path / "pack.toml").exists():
            result = load_pack(path)
            if result.pack is not None:
                out.append(result.pack)
    return out


LOADED = _packs()


class Game(RuleBasedStateMachine):
    @initialize(
        pack=st.sampled_from(LOADED),
        data=st.data(),
        seed=st.text(min_size=0, max_size=12),
    )
    def start(self, pack, data, seed: str) -> None:
        role = data.draw(st.sampled_from(sorted(pack.roles)))
        self.pack = pack
        self.session = Session.start(pack, role, seed)
        self.forks: list[tuple[Session, object]] = []

    @precondition(lambda self: not self.session.over)
    @rule(data=st.data(), why=st.text(max_size=30))
    def choose(self, data, why: str) -> None:
        options = [o for b in self.session.agenda() for o in b.open_options]
        assert options, "a drawn event always has an open option"
        pick = data.draw(st.sampled_from(options))
        self.session = self.session.submit(pick.decision, why)

    @precondition(lambda self: len(self.session.steps) > 0)
    @rule(data=st.data())
    def fork_and_diverge(self, data) -> None:
        n = data.draw(st.integers(0, len(self.session.steps)))
        before = self.session.state
        fork = self.session.fork(n)
        if not fork.over:
            fork = fork.submit(fork.agenda()[-1].open_options[-1].decision)
        assert self.session.state == before  # the original is untouched
        self.forks.append((fork, fork.state))

    @invariant()
    def meters_stay_in_range(self) -> None:
        if not hasattr(self, "session"):
            return
        values = self.session.state.values
        for v in self.pack.variables:
            assert v.min <= values[v.slot] <= v.max, (v.id, values[v.slot])
        for f in self.pack.flags:
            assert isinstance(values[f.slot], bool)
        budget = self.pack.budget
        if budget is not None:  # spending never overdraws it
            assert values[budget.slot] >= self.pack.variable(budget.variable).min

    @invariant()
    def memory_holds_every_decision_the_government_took(self) -> None:
        if not hasattr(self, "session") or not self.pack.uses_memory:
            return
        memory = self.session.state.values[self.pack.memory_slot]
        taken = [(r.turn, f"{r.event}/{r.choice}") for s in self.session.steps
                 for r in [s.report] if r.event is not None]  # fmt: skip
        left = [(s.report.turn, f"{e}/{c}") for s in self.session.steps
                for e, c in s.report.defaults if c]  # fmt: skip
        assert sorted((t, k) for t, k, _ in memory) == sorted(taken + left)

    @invariant()
    def replay_reproduces_the_state(self) -> None:
        if not hasattr(self, "session"):
            return
        s = self.session
        again = Session.replay(self.pack, s.role, s.seed, s.choices, list(s.rationales))
        assert again.state == s.state
        assert again.state.digest() == s.state.digest()

    @invariant()
    def unexplained_play_reaches_the_same_state(self) -> None:
        """The simulator's path (no explanations, its shortcuts) plays the very same game."""
        if not hasattr(self, "session"):
            return
        s = self.session
        state = initial_state(self.pack, s.role, s.seed)
        for choice in s.choices:
            state = resolve(self.pack, state, choice, explain=False)[0]
        assert state == s.state

    @invariant()
    def forks_keep_their_own_state(self) -> None:
        for fork, state in getattr(self, "forks", []):
            assert fork.state == state


Game.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestGame = Game.TestCase
