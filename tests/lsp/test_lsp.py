"""`korean-theater lsp`, driven over stdio as an editor drives it: diagnostics while typing,
completion of ids and keys, hover, go to definition and find references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.lsp.stdio_client import Client

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "tests" / "authoring" / "mistakes" / "pack"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    return folder


@pytest.fixture
def client(pack: Path):
    with Client(ROOT) as c:
        yield c


def _open(client: Client, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    body = path.read_text(encoding="utf-8") if text is None else text
    doc = {"uri": uri, "languageId": "toml", "version": 1, "text": body}
    client.notify("textDocument/didOpen", {"textDocument": doc})
    return uri


def _at(path: Path, needle: str, offset: int = 0) -> dict:
    """The position of `needle` (plus `offset` characters) in the file."""
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if needle in line:
            return {"line": n, "character": line.index(needle) + offset}
    raise AssertionError(needle)


def test_diagnostics_follow_the_unsaved_text(client: Client, pack: Path) -> None:
    events = pack / "events.toml"
    uri = _open(client, events)
    assert client.diagnostics(uri) == []
    text = events.read_text(encoding="utf-8").replace('"tension += 8"', '"tenson += 8"')
    change = {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}
    client.notify("textDocument/didChange", change)
    (d,) = client.diagnostics(uri, until=bool)
    assert d["code"] == "X002" and "unknown name 'tenson'" in d["message"]
    assert "did you mean 'tension'?" in d["message"] and d["severity"] == 1
    line = text.split("\n")[d["range"]["start"]["line"]]
    assert line[d["range"]["start"]["character"] :].startswith("tenson")
    assert (pack / "events.toml").read_text(encoding="utf-8").count("tenson") == 0  # unsaved
    fixed = {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": text.replace("tenson", "tension")}],
    }
    client.notify("textDocument/didChange", fixed)
    assert client.diagnostics(uri, until=lambda d: not d) == []


def test_a_broken_pack_toml_is_one_diagnostic_that_says_what_follows(client, pack) -> None:
    uri = _open(client, pack / "pack.toml", "")
    (d,) = client.diagnostics(uri, until=bool)
    assert d["code"] == "S105" and "problems that follow from it" in d["message"]


def _labels(result) -> set[str]:
    items = result["items"] if isinstance(result, dict) else result
    return {i["label"] for i in items}


def test_completion_offers_ids_and_keys(client: Client, pack: Path) -> None:
    events = pack / "events.toml"
    uri = _open(client, events)
    doc = {"uri": uri}
    # in an expression: the pack's variables and flags
    pos = _at(events, '"tension += 8"', 1)
    names = _labels(
        client.request("textDocument/completion", {"textDocument": doc, "position": pos})
    )
    assert {"tension", "missiles", "flags.deal", "assume.hardliners", "turn", "clamp"} <= names
    # in a reference: the ids of that kind
    pos = _at(events, 'event = "ships"', len('event = "'))
    events_ids = _labels(
        client.request("textDocument/completion", {"textDocument": doc, "position": pos})
    )
    assert {"photos", "ships", "letter", "trade"} <= events_ids and "tension" not in events_ids
    pos = _at(events, 'roles = ["us"]', len('roles = ["'))
    assert _labels(
        client.request("textDocument/completion", {"textDocument": doc, "position": pos})
    ) == {"us", "ussr"}
    # at the start of a line of a choice: its keys
    pos = _at(events, '  label = "Quarantine the island"')
    keys = _labels(
        client.request("textDocument/completion", {"textDocument": doc, "position": pos})
    )
    assert {"label", "effects", "outcomes", "later", "when", "tags"} <= keys and "title" not in keys


def test_hover_says_what_a_meter_is(client: Client, pack: Path) -> None:
    events = pack / "events.toml"
    uri = _open(client, events)
    pos = _at(events, '"tension += 8"', 2)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
    text = hover["contents"]["value"]
    assert "**Tension** (`tension`), a meter: 0–100 index, starts at 40" in text
    assert "low: calm; high: on the brink" in text and "crisis from 70" in text
    pos = _at(events, "  effects = [", 3)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
    assert hover["contents"]["value"].startswith("`effects` of [[event.choice]]")


def test_definition_and_references_of_an_id(client: Client, pack: Path) -> None:
    events = pack / "events.toml"
    uri = _open(client, events)
    pos = _at(events, "flags.quarantine = true", 7)
    (where,) = client.request(
        "textDocument/definition", {"textDocument": {"uri": uri}, "position": pos}
    )
    assert where["uri"] == (pack / "pack.toml").as_uri()
    line = (
        (pack / "pack.toml")
        .read_text(encoding="utf-8")
        .split("\n")[where["range"]["start"]["line"]]
    )
    assert line == 'id = "quarantine"'
    refs = client.request(
        "textDocument/references",
        {"textDocument": {"uri": uri}, "position": pos, "context": {"includeDeclaration": True}},
    )
    files = sorted({Path(r["uri"]).name for r in refs})
    assert files == ["events.toml", "pack.toml", "world.toml"] and len(refs) >= 4
    pos = _at(events, 'event = "ships"', len('event = "') + 1)
    (where,) = client.request(
        "textDocument/definition", {"textDocument": {"uri": uri}, "position": pos}
    )
    line = events.read_text(encoding="utf-8").split("\n")[where["range"]["start"]["line"]]
    assert line == 'id = "ships"'


def test_a_file_outside_a_pack_gets_nothing_and_the_server_goes_on(client, tmp_path) -> None:
    stray = tmp_path / "stray.toml"
    stray.write_text("x = ", encoding="utf-8")
    uri = _open(client, stray)
    pos = {"line": 0, "character": 2}
    assert (
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
        is None
    )
    assert (
        _labels(
            client.request(
                "textDocument/completion", {"textDocument": {"uri": uri}, "position": pos}
            )
        )
        == set()
    )


def test_a_files_defaults_complete_the_keys_they_may_hold(client: Client, pack: Path) -> None:
    events = pack / "events.toml"
    text = '[defaults.event]\nkind = "historical"\n\n[defaults.choice]\ntags = ["cautious"]\n\n'
    uri = _open(client, events, text + events.read_text(encoding="utf-8"))
    for line, wanted, refused in (
        (1, {"kind", "roles", "later_only"}, "title"),
        (4, {"tags"}, "id"),
    ):
        pos = {"line": line, "character": 0}
        keys = _labels(
            client.request(
                "textDocument/completion", {"textDocument": {"uri": uri}, "position": pos}
            )
        )
        assert wanted <= keys and refused not in keys, keys
