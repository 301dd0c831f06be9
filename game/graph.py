"""A map of a pack: events and their choices, delayed consequences, and the state in between.

Nodes are events, choices, endings, rules, actors and the pieces of state (flags, meters,
situations). Edges say: an event offers a choice; a choice sets an event in motion `in` N turns
(`later`); a choice, rule, actor move or situation *writes* a flag or meter; a flag or meter is
*read* by an event's `when`/`weight`, a choice's `when`, a rule, a move or an ending. So "which
events set the flags that others read" is a path writer → flag → reader.

Rendered as Mermaid (for Markdown viewers) or Graphviz DOT. Pure; pack text is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.engine.expr import Compiled
from game.engine.pack import Effect, Later, Pack

STATE_CHOICES = ("all", "flags", "none")


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # "event:ID", "choice:EVENT/ID", "flag:ID", "var:ID", …
    kind: str  # event | choice | ending | rule | actor | flag | variable | situation
    label: str


@dataclass(frozen=True, slots=True)
class Edge:
    src: str
    dst: str
    kind: str  # offers | later | writes | reads
    label: str = ""


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def node(self, id_: str, kind: str, label: str) -> str:
        self.nodes.setdefault(id_, Node(id_, kind, label))
        return id_

    def edge(self, src: str, dst: str, kind: str, label: str = "") -> None:
        e = Edge(src, dst, kind, label)
        if e not in self._seen:
            self._seen.add(e)
            self.edges.append(e)

    def __post_init__(self) -> None:
        self._seen: set[Edge] = set()


def _short(text: str, n: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def build(pack: Pack, state: str = "all", choices: bool = True, role: str | None = None) -> Graph:
    """The graph of `pack`. `state`: which state nodes to show (all, flags, none); `choices`:
    draw choices as their own nodes (else their edges start at the event); `role`: only the
    events and choices that role can see."""
    g = Graph()
    names: dict[str, tuple[str, str, str]] = {}  # expression name -> (node id, kind, label)
    if state != "none":
        for f in pack.flags:
            names[f"flags.{f.id}"] = (f"flag:{f.id}", "flag", f"flags.{f.id}")
        for s in pack.situations:
            names[f"situation.{s.id}"] = (f"sit:{s.id}", "situation", f"situation.{s.id}")
    if state == "all":
        for v in pack.variables:
            names[v.id] = (f"var:{v.id}", "variable", v.id)

    def state_node(name: str) -> str | None:
        found = names.get(name)
        return g.node(*found) if found else None

    def reads(c: Compiled | None, reader: str) -> None:
        if c is None:
            return
        for name in sorted(c.reads):
            n = state_node(name)
            if n is not None:
                g.edge(n, reader, "reads")

    def writes(effects: tuple[Effect, ...], writer: str, when: str = "") -> None:
        for eff in effects:
            n = state_node(eff.stmt.target.name)
            if n is not None:
                value = eff.stmt.value.src[eff.stmt.value.node.pos : eff.stmt.value.node.end]
                label = f"{eff.stmt.op} {_short(value, 24)}"
                if eff.mode != "immediate":
                    label += f" ({eff.mode})"
                g.edge(writer, n, "writes", f"{when}{label}")
            reads(eff.when, writer)

    def laters(items: tuple[Later, ...], src: str) -> None:
        for item in items:
            when = f"in {item.delay}: "
            if item.event is not None and (
                role is None or role in pack.events_by_id[item.event].roles
            ):
                label = f"in {item.delay}" + (", forced" if item.force else "")
                g.edge(src, f"event:{item.event}", "later", label)
            writes(item.effects, src, when)

    events = [e for e in pack.events if role is None or role in e.roles]
    for e in events:
        g.node(f"event:{e.id}", "event", e.title)
    for e in events:
        ev = f"event:{e.id}"
        reads(e.when, ev)
        reads(e.weight, ev)
        for c in e.choices:
            if role is not None and role not in c.roles:
                continue
            src = ev
            if choices:
                src = g.node(f"choice:{e.id}/{c.id}", "choice", _short(c.label, 40))
                g.edge(ev, src, "offers")
            reads(c.when, src)
            writes(c.effects, src)
            laters(c.later, src)
            for o in c.outcomes:
                writes(o.effects, src, f"p {_short(o.chance.src, 16)}: ")
                laters(o.later, src)
    for r in pack.rules:
        node = f"rule:{r.id}"
        touched = [state_node(eff.stmt.target.name) for eff in r.effects]
        if any(touched) or any(n in names for n in r.when.reads):
            g.node(node, "rule", r.label)
            reads(r.when, node)
            reads(r.chance, node)
            writes(r.effects, node)
    for a in pack.actors:
        node = f"actor:{a.id}"
        if state == "none":
            continue
        g.node(node, "actor", a.name)
        for m in a.moves:
            reads(m.when, node)
            writes(m.effects, node)
    for s in pack.situations:
        named = names.get(f"situation.{s.id}")
        if named is None:
            continue
        reads(s.start, named[0])
        reads(s.stop, named[0])
        writes(s.effects, named[0])
    for en in pack.endings:
        node = g.node(f"ending:{en.id}", "ending", en.title)
        reads(en.when, node)
    if pack.escalation is not None:
        ladder = state_node(pack.escalation.variable)
        if ladder is not None:
            g.edge(ladder, f"ending:{pack.escalation.ending}", "reads", "last rung")
    return g


# --------------------------------------------------------------------------- Mermaid

_MERMAID_SHAPES = {
    "event": ('["', '"]'),
    "choice": ('(["', '"])'),
    "ending": ('[["', '"]]'),
    "rule": ('[/"', '"/]'),
    "actor": ('("', '")'),
    "flag": ('{{"', '"}}'),
    "variable": ('[("', '")]'),
    "situation": ('{{"', '"}}'),
}
_MERMAID_STYLE = {
    "event": "fill:#dbe4ff,stroke:#4f6bd8",
    "choice": "fill:#f4f6fa,stroke:#8a93a8",
    "ending": "fill:#ffe3e3,stroke:#c92a2a",
    "rule": "fill:#fff3bf,stroke:#e67700",
    "actor": "fill:#fff3bf,stroke:#e67700",
    "flag": "fill:#d3f9d8,stroke:#2b8a3e",
    "variable": "fill:#e6fcf5,stroke:#0b7285",
    "situation": "fill:#d3f9d8,stroke:#2b8a3e",
}


def _mermaid_text(text: str) -> str:
    out = []
    for ch in text:
        if ch == '"':
            out.append("#quot;")
        elif ch in "<>&#|`\\":
            out.append(f"#{ord(ch)};")
        elif ch in "\r\n\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _ids(graph: Graph) -> dict[str, str]:
    """Node ids safe for Mermaid and DOT: letters, digits and underscores, unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in graph.nodes:
        base = re.sub(r"[^A-Za-z0-9_]", "_", key)
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        out[key] = name
    return out


def to_mermaid(graph: Graph) -> str:
    ids = _ids(graph)
    lines = ["flowchart LR"]
    for key, node in graph.nodes.items():
        left, right = _MERMAID_SHAPES[node.kind]
        lines.append(f"  {ids[key]}{left}{_mermaid_text(node.label)}{right}")
    for e in graph.edges:
        if e.src not in ids or e.dst not in ids:
            continue
        a, b = ids[e.src], ids[e.dst]
        label = _mermaid_text(e.label)
        if e.kind == "later" or e.kind == "reads":
            lines.append(f'  {a} -. "{label}" .-> {b}' if label else f"  {a} -.-> {b}")
        elif label:
            lines.append(f'  {a} -- "{label}" --> {b}')
        else:
            lines.append(f"  {a} --> {b}")
    kinds: dict[str, list[str]] = {}
    for key, node in graph.nodes.items():
        kinds.setdefault(node.kind, []).append(ids[key])
    for kind, members in kinds.items():
        lines.append(f"  classDef {kind} {_MERMAID_STYLE[kind]}")
        lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- DOT

_DOT_NODE = {
    "event": 'shape=box, style="rounded,filled", fillcolor="#dbe4ff"',
    "choice": 'shape=box, style="filled", fillcolor="#f4f6fa", fontsize=10',
    "ending": 'shape=doubleoctagon, style="filled", fillcolor="#ffe3e3"',
    "rule": 'shape=parallelogram, style="filled", fillcolor="#fff3bf"',
    "actor": 'shape=house, style="filled", fillcolor="#fff3bf"',
    "flag": 'shape=hexagon, style="filled", fillcolor="#d3f9d8"',
    "variable": 'shape=cylinder, style="filled", fillcolor="#e6fcf5"',
    "situation": 'shape=hexagon, style="filled,dashed", fillcolor="#d3f9d8"',
}
_DOT_EDGE = {
    "offers": "",
    "later": 'style=dashed, color="#4f6bd8"',
    "writes": 'color="#2b8a3e"',
    "reads": 'style=dotted, color="#868e96"',
}


def _dot_text(text: str) -> str:
    text = " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: Graph, name: str = "pack") -> str:
    ids = _ids(graph)
    lines = [
        f"digraph {_dot_text(name)} {{",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for key, node in graph.nodes.items():
        lines.append(f"  {ids[key]} [label={_dot_text(node.label)}, {_DOT_NODE[node.kind]}];")
    for e in graph.edges:
        if e.src not in ids or e.dst not in ids:
            continue
        attrs = [
            a for a in (_DOT_EDGE[e.kind], f"label={_dot_text(e.label)}" if e.label else "") if a
        ]
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {ids[e.src]} -> {ids[e.dst]}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(pack: Pack, fmt: str = "mermaid", **options: object) -> str:
    graph = build(pack, **options)  # type: ignore[arg-type]
    return to_dot(graph, pack.meta.id) if fmt == "dot" else to_mermaid(graph)
