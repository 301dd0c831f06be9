"""`korean-theater new`: a pack that checks clean and plays, and events added to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.compiler import load_pack
from game.content.jsonschema import SCHEMA_ID, schema_text
from game.sim.report import summarise
from game.sim.runner import SimConfig, simulate


def test_new_pack_checks_clean_plays_and_names_the_schema(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "packs" / "my-first-pack"
    assert main(["new", str(folder), "--title", 'The "First" Pack']) == 0
    assert "korean-theater check" in capsys.readouterr().out
    result = load_pack(folder)
    assert [p.format() for p in result.problems] == []
    pack = result.pack
    assert pack is not None and pack.meta.id == "my-first-pack"
    assert pack.meta.title == 'The "First" Pack'
    for name in ("pack.toml", "events.toml", "world.toml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"#:schema ./{SCHEMA_ID}"
    schema = json.loads((folder / SCHEMA_ID).read_text(encoding="utf-8"))
    assert (folder / SCHEMA_ID).read_text(encoding="utf-8") == schema_text()
    assert "event" in schema["properties"]
    report = summarise(pack, simulate(pack, SimConfig("advisor", runs=300)))
    assert not report["never_drawn"] and not report["never_open"]
    assert sum(1 for e in report["endings"] if e["games"]) >= 2


def test_new_refuses_to_overwrite_a_pack(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "p")]) == 0
    capsys.readouterr()
    assert main(["new", str(tmp_path / "p")]) == 2
    assert "already holds a pack" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["new", str(tmp_path / "file")]) == 2


def test_new_event_appends_a_checked_event(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "p"
    main(["new", str(folder)])
    assert main(["new", "event", str(folder)]) == 0
    assert main(["new", "event", str(folder), "summit", "--title", "A summit"]) == 0
    assert main(["new", "event", str(folder), "deep", "--file", "events/more.toml"]) == 0
    more = (folder / "events" / "more.toml").read_text(encoding="utf-8")
    assert more.startswith(f"#:schema ../{SCHEMA_ID}\n")
    result = load_pack(folder)
    assert [p.format() for p in result.problems] == []
    assert result.pack is not None
    ids = {e.id for e in result.pack.events}
    assert {"new-event", "summit", "deep"} <= ids
    assert result.pack.events_by_id["summit"].title == "A summit"
    capsys.readouterr()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["event", "{p}", "opening"], "already has an event 'opening'"),
        (["event", "{p}", "bad id!"], "cannot be an event id"),
        (["event", "{p}", "x", "--file", "../outside.toml"], "is not inside the pack"),
        (["event", "{p}", "x", "--file", "notes.txt"], "is not a .toml file"),
        (["event"], "usage: korean-theater new event PACK [ID]"),
        (["a", "b"], "usage: korean-theater new PATH"),
    ],
)
def test_new_event_bad_input_exits_2(tmp_path: Path, capsys, args, message) -> None:
    folder = tmp_path / "p"
    main(["new", str(folder)])
    capsys.readouterr()
    assert main(["new", *[a.replace("{p}", str(folder)) for a in args]]) == 2
    assert message in capsys.readouterr().err


def test_new_event_in_a_broken_pack_reports_it_and_exits_1(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "p"
    main(["new", str(folder)])
    events = folder / "events.toml"
    events.write_text(events.read_text("utf-8").replace("tension -= 5", "tenson -= 5"), "utf-8")
    capsys.readouterr()
    assert main(["new", "event", str(folder), "x"]) == 1
    assert "X002" in capsys.readouterr().err
