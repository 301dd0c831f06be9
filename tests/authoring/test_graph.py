"""`korean-theater graph`: events, choices, delayed consequences and who writes what others read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.content.compiler import load_pack
from game.graph import build, render, to_dot, to_mermaid

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"


def test_graph_has_events_choices_laters_and_state_edges(example_pack) -> None:
    g = build(example_pack)
    kinds = {n.kind for n in g.nodes.values()}
    assert kinds >= {"event", "choice", "ending", "rule", "actor", "flag", "variable", "situation"}
    edges = {(e.src, e.dst, e.kind) for e in g.edges}
    assert ("event:shipments", "choice:shipments/declassify", "offers") in edges
    assert ("choice:shipments/declassify", "event:treasury", "later") in edges
    assert ("choice:shipments/declassify", "flag:exposed", "writes") in edges
    assert ("var:cooperation", "event:drills", "reads") in edges  # drills' `when`
    assert ("var:cooperation", "choice:treasury/veto", "reads") in edges
    assert ("sit:pipeline_open", "rule:pipeline-tension", "reads") in edges
    assert ("var:escalation", "ending:war", "reads") in edges
    forced = [e for e in g.edges if e.kind == "later" and e.src == "choice:envoy/listen"]
    assert forced and forced[0].label == "in 1, forced"


def test_options_narrow_the_graph(example_pack) -> None:
    g = build(example_pack, state="flags", choices=False, role="russia")
    assert not any(n.kind in ("variable", "choice") for n in g.nodes.values())
    assert "event:envoy" in g.nodes  # russia sees it
    assert ("event:shipments", "event:treasury", "later") not in {
        (e.src, e.dst, e.kind) for e in g.edges
    }  # the later is the US's choice
    none = build(example_pack, state="none")
    assert not any(n.kind in ("variable", "flag", "situation") for n in none.nodes.values())


def test_mermaid_is_well_formed(example_pack) -> None:
    text = render(example_pack, "mermaid")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    ids = set()
    for line in lines[1:]:
        if m := re.match(r"  (\w+)[\[\(\{]", line):
            ids.add(m.group(1))
    for line in lines[1:]:
        if m := re.match(r'  (\w+) (-->|-\.->|-- "[^"]*" -->|-\. "[^"]*" \.->) (\w+)$', line):
            assert m.group(1) in ids and m.group(3) in ids
        else:
            assert re.match(r"  (\w+[\[\(\{].*|classDef \w+ .*|class [\w,]+ \w+)$", line), line


def test_labels_are_escaped(pack_copy) -> None:
    folder = pack_copy(
        {
            "events.toml": [
                ('title = "Treasury sanctions"', 'title = "Say \\"no\\" <b>|x|</b> \\\\ end"')
            ]
        }
    )
    pack = load_pack(folder).pack
    assert pack is not None
    mermaid = to_mermaid(build(pack))
    line = next(x for x in mermaid.splitlines() if x.startswith("  event_treasury["))
    assert '"' not in line[len('  event_treasury["') : -2] and "<" not in line and "|" not in line
    dot = to_dot(build(pack))
    assert 'label="Say \\"no\\" <b>|x|</b> \\\\ end"' in dot


def test_dot_is_well_formed(example_pack) -> None:
    text = render(example_pack, "dot")
    assert text.startswith('digraph "example" {') and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert "choice_shipments_declassify -> event_treasury [style=dashed" in text


def test_cli_writes_a_file_and_refuses_bad_input(tmp_path: Path, capsys, pack_copy) -> None:
    out = tmp_path / "map.dot"
    assert main(["graph", str(EXAMPLE), "--format", "dot", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("digraph")
    assert main(["graph", str(EXAMPLE), "--role", "china"]) == 2
    assert "unknown role 'china'" in capsys.readouterr().err
    assert main(["graph", str(EXAMPLE), "-o", str(tmp_path / "no" / "map.mmd")]) == 2
    broken = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "turn >>= 2"')]})
    assert main(["graph", str(broken)]) == 1
    with pytest.raises(SystemExit) as e:
        main(["graph", str(EXAMPLE), "--format", "png"])
    assert e.value.code == 2


# What the guide says each shape and arrow of the Mermaid output is, and how Mermaid writes it.
GUIDE_SHAPES = [
    ("rectangles are events", r'^  event_\w+\["'),
    ("stadiums (rounded ends) their choices", r'^  choice_\w+\(\["'),
    ("a meter is a\ncylinder", r'^  var_\w+\[\("'),
    ("a flag a hexagon", r'^  flag_\w+\{\{"'),
    ("a rule a parallelogram", r'^  rule_\w+\[/"'),
    ("an ending a double-edged box", r'^  ending_\w+\[\["'),
    ("A plain\narrow leads from an event to its choices", r"^  event_\w+ --> choice_"),
    ("`p 0.4: += 3` for a chance outcome", r'^  choice_\w+ -- "p [^"]*: [+-]= '),
    ("`in 2: += 5` for a delayed one", r'^  choice_\w+ -- "in \d+: [+-]= '),
    (
        "a dotted arrow labelled `in N` leads to the event",
        r'^  choice_\w+ -\. "in \d+" \.-> event_',
    ),
    ("a dotted arrow without a\nlabel leads from a flag or meter", r"^  (flag|var)_\w+ -\.-> "),
]


@pytest.mark.parametrize(("said", "written"), GUIDE_SHAPES, ids=[s for s, _ in GUIDE_SHAPES])
def test_the_graph_is_drawn_as_the_guide_says(example_pack, said: str, written: str) -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert " ".join(said.split()) in " ".join(guide.split())
    assert re.search(written, render(example_pack, "mermaid"), re.M)
