"""The pending-work budget: how much a pack can make the engine hold pending (V312), and chains
of events that pile up without end (V313).

Between two turns the engine holds what is still to land: the later steps of `smooth` and
`decay` effects, `lag` effects, and `later` consequences (effects, and events waiting for the
desk). Each source of them applies at most once a turn: the decision (or the decisions of an
agenda), each actor's move, each rule and each active situation. So a game never holds more
than the sum, over the sources, of the *item-turns* one application can cost — every pending
item counted for each turn it waits, plus once for the turn it is set:

- `lag` over T turns: T + 1;
- `smooth` over T turns: T − 1 steps waiting 1 … T − 1 turns, (T − 1)(T + 2) / 2 in all;
- `decay` by a factor f: one step at a time, for as many turns as a shock as large as the widest
  meter keeps a step of at least DECAY_MIN_STEP (at most the game's length), plus one;
- a `later` entry arriving in d turns: d + 1 for its effects (and what they cost once they
  land) and d + 1 for its event.

The decision counts with its costliest option (its costliest outcome) — as many times as an
`[agenda]` settles briefings a turn — an actor with its costliest move. A pack whose sum is over
MAX_PENDING is refused (V312), pointing at the source that costs most.

An event waits on the desk queue until a turn draws it, and a turn draws one. Events that can
recur (`once = false`; a `cooldown` only delays them, and a copy that waits behind another event
outlives it) and bring each other back through `later` form chains that never end. An option in
such a chain that keeps it going and also brings a second event leading into a chain (its own
or another) starts one more endless chain on every pass, and the queue grows with the game:
that is refused (V313), at the `later` entry of the second one. What events that can recur
bring in turn otherwise is finite, and counted in the budget with the option that brings it
("events brought in turn").
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from game.content import schema as S
from game.content import shorthand
from game.content.loader import Item, Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.engine.limits import DECAY_MIN_STEP, MAX_PENDING


def check_pending(loaded: Loaded) -> list[Problem]:
    """V312 and V313 for the items that validated."""
    cal = loaded.singletons.get("calendar")
    turns = cal.model.turns if cal is not None else 1000
    spans = [v.model.max - v.model.min for v in loaded.items["variable"]]
    agenda = loaded.singletons.get("agenda")
    costs = _Costs(max(spans, default=0.0), turns, agenda.model.size if agenda else 1)
    queue = _Queue(loaded)
    return queue.problems + _budget(loaded, costs, queue.source())


# --------------------------------------------------------------------------- the budget


@dataclass(frozen=True)
class _Costs:
    span: float  # the widest meter's range: no decay shock is larger
    turns: int
    decisions: int  # decisions a turn: the advisor's, and the defaults of an agenda

    def effect(self, eff: S.Effect) -> float:
        if isinstance(eff, str):  # "x -= 6 over 2 turns" is as timed as its table
            timed = _timed(eff)
            return 0.0 if timed is None else self.timed(*timed)
        return self.timed(eff.mode, eff.turns, eff.factor)

    def timed(self, mode: str, turns: int, factor: float) -> float:
        if mode == "immediate":
            return 0.0
        if mode == "lag":
            return turns + 1.0
        if mode == "smooth":
            return max(0, (turns - 1) * (turns + 2) / 2)
        return self.decay_steps(factor) + 1.0

    def decay_steps(self, factor: float) -> float:
        """How many steps a decay chain can take: while span·factorᵏ ≥ DECAY_MIN_STEP."""
        if factor <= 0 or self.span * factor < DECAY_MIN_STEP:
            return 0.0
        steps = math.floor(math.log(DECAY_MIN_STEP / self.span) / math.log(factor) + 1e-9)
        return float(min(max(steps, 1), self.turns + 1))

    def effects(self, effects: list[S.Effect]) -> float:
        return sum(map(self.effect, effects))

    def later(self, items: list[S.Later]) -> float:
        total = 0.0
        for item in items:
            if item.effects:
                total += item.in_ + 1 + self.effects(item.effects)
            if item.event is not None:
                total += item.in_ + 1
        return total

    def choice(self, c: S.Choice) -> float:
        own = self.effects(c.effects) + self.later(c.later)
        if not c.outcomes:
            return own
        return own + max(self.effects(o.effects) + self.later(o.later) for o in c.outcomes)


@functools.lru_cache(maxsize=4096)
def _timed(src: str) -> tuple[str, int, float] | None:
    """The mode, turns and factor of an effect written as one string (None: a plain one).
    Cached: a pack writes the same few effects in many places."""
    short = shorthand.split(src)
    return None if short is None else (short.mode, short.turns, short.factor)


@dataclass(frozen=True)
class _Source:
    what: str
    cost: float
    file: SourceFile
    path: KeyPath
    hint: str | None = None  # when the code's standard fix does not apply


def _sources(loaded: Loaded, costs: _Costs) -> Iterator[_Source]:
    """What each source can hold pending; the decision as its costliest option."""
    costliest: tuple[float, Item, int] | None = None  # the first of the costliest
    for item in loaded.items["event"]:
        for k, c in enumerate(item.model.choices):
            cost = costs.choice(c)
            if costliest is None or cost > costliest[0]:
                costliest = (cost, item, k)
    if costliest is not None:
        cost, item, k = costliest
        c = item.model.choices[k]
        what = f"option {c.id!r} of event {item.model.id!r}"
        worst = _Source(what, cost, item.file, (*item.path, "choice", k))
        if costs.decisions > 1:
            what = f"{worst.what}, decided {costs.decisions} times a turn on an agenda"
            worst = dataclasses.replace(worst, what=what, cost=worst.cost * costs.decisions)
        yield worst
    for item in loaded.items["actor"]:
        moves = [(costs.effects(m.effects), k) for k, m in enumerate(item.model.moves)]
        if moves:
            cost, k = max(moves)
            yield _Source(f"actor {item.model.id!r}", cost, item.file, (*item.path, "move", k))
    for key, kind in (("rule", "rule"), ("situation", "situation")):
        for item in loaded.items[key]:
            cost = costs.effects(item.model.effects)
            yield _Source(f"{kind} {item.model.id!r}", cost, item.file, (*item.path, "effects"))


def _budget(loaded: Loaded, costs: _Costs, queue: _Source | None) -> list[Problem]:
    found = list(_sources(loaded, costs))
    if queue is not None:
        found.append(queue)
    sources = sorted(found, key=lambda s: -s.cost)
    total = sum(s.cost for s in sources)
    if total <= MAX_PENDING:
        return []
    top = sources[0]
    shown = "; ".join(f"{s.what}: {s.cost:,.0f}" for s in sources[:3] if s.cost > 0)
    line, col = top.file.at(top.path)
    return [
        problem(
            top.file.name,
            line,
            col,
            "V312",
            f"the pack can keep up to {total:,.0f} steps and consequences pending at once; the "
            f"limit is {MAX_PENDING:,} (most from {shown})",
            top.hint,
        )
    ]


# --------------------------------------------------------------------------- chains of events


def _decisions(c: S.Choice) -> Iterator[list[tuple[KeyPath, S.Later]]]:
    """For each way one decision of `c` can go (each outcome, or none), the `later` entries
    with an event that it runs, each with its path under the option."""
    base: list[tuple[KeyPath, S.Later]] = [
        (("later", j), x) for j, x in enumerate(c.later) if x.event is not None
    ]
    yield base
    for i, o in enumerate(c.outcomes):
        yield base + [(("outcomes", i, "later", j), x) for j, x in enumerate(o.later) if x.event]


class _Queue:
    """The events waiting for the desk: chains that pile up (V313), and how many events one
    option can bring in turn through events that can recur (for the budget)."""

    def __init__(self, loaded: Loaded) -> None:
        self.items: dict[str, Item] = {}
        for item in loaded.items["event"]:
            self.items.setdefault(item.model.id, item)
        again = {eid for eid, item in self.items.items() if not item.model.once}
        edges = {
            eid: {
                x.event
                for c in self.items[eid].model.choices
                for way in _decisions(c)
                for _, x in way
                if x.event in again
            }
            for eid in again
        }
        self.chain: dict[str, frozenset[str]] = {}
        self.endless: set[str] = set()  # events that can recur and lead into a chain
        self.brings: dict[str, int] = {}  # event that can recur -> events one draw brings
        self.problems: list[Problem] = []
        for group, cyclic in _components(edges):  # each after every group it reaches
            if cyclic or any(edges[eid] & self.endless for eid in group):
                self.endless |= group
            for eid in group:
                self.chain[eid] = group if cyclic else frozenset()
            for eid in sorted(group):
                self._check(eid)
                self.brings[eid] = max(
                    (self.count(way, group if cyclic else frozenset()) for way in self._ways(eid)),
                    default=0,
                )

    def _ways(self, eid: str) -> Iterator[list[tuple[KeyPath, S.Later]]]:
        for c in self.items[eid].model.choices:
            yield from _decisions(c)

    def count(self, way: list[tuple[KeyPath, S.Later]], loop: frozenset[str]) -> int:
        """Events a decision brings, with those they bring in turn (outside its own loop)."""
        total = 0
        for _, x in way:
            total += 1
            if x.event not in loop:
                total += self.brings.get(x.event, 0)  # type: ignore[arg-type]
        return min(total, _SATURATED)

    def _check(self, eid: str) -> None:
        """V313 for an option of a chain's event that keeps the chain going and also brings
        another event that leads into a chain: each pass then adds one that never ends."""
        chain = self.chain[eid]
        if not chain:
            return
        item = self.items[eid]
        for k, c in enumerate(item.model.choices):
            for way in _decisions(c):
                endless = [(path, x) for path, x in way if x.event in self.endless]
                if len(endless) < 2 or not any(x.event in chain for _, x in endless):
                    continue
                line, col = item.file.at((*item.path, "choice", k, *endless[1][0], "event"))
                ids = ", ".join(repr(x) for x in sorted(chain))
                shown = ", ".join(repr(x.event) for _, x in endless)
                self.problems.append(
                    problem(
                        item.file.name,
                        line,
                        col,
                        "V313",
                        f"option {c.id!r} of event {eid!r} brings back {len(endless)} events "
                        f"({shown}) that can recur and bring events back without end, while "
                        f"its own chain ({ids}) goes on: the events waiting for the desk pile up, "
                        "and a turn draws only one",
                    )
                )
                return

    def source(self) -> _Source | None:
        """The option whose events bring the most events in turn."""
        best: _Source | None = None
        if not any(self.brings.values()):
            return None  # no option brings an event that brings more
        for item in self.items.values():
            for k, c in enumerate(item.model.choices):
                brought = max(
                    sum(self.brings.get(x.event or "", 0) for _, x in way) for way in _decisions(c)
                )
                if brought and (best is None or brought > best.cost):
                    what = f"events brought in turn by option {c.id!r} of event {item.model.id!r}"
                    path = (*item.path, "choice", k)
                    best = _Source(what, brought, item.file, path, _QUEUE_HINT)
        return best


_QUEUE_HINT = (
    "Bring back fewer events with `later`, or give the events it brings `once = true`, so that "
    "copies of them are dropped instead of waiting."
)
_SATURATED = 10**9  # counts stop here: any more is as much over the limit


def _components(edges: dict[str, set[str]]) -> Iterator[tuple[frozenset[str], bool]]:
    """The strongly connected components of a graph, each with whether it has a cycle, every
    component after all those it reaches (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = set()
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    members.add(m)
                    if m == node:
                        break
                yield frozenset(members), len(members) > 1 or node in edges[node]
