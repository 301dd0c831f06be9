"""`korean-theater saves list | show | verify | delete | restore`: output and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers_saves import PINNED, pinned_copy, play, us_game

from game.cli import main


@pytest.fixture
def folder(store, pinned):
    game = us_game(pinned)
    store.save(game.fork(3), "essay")
    store.save(game, "essay")
    store.autosave(play(pinned, "russia", "r", n=2))
    return store.root


def kt(capsys, *args):
    code = main(["saves", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list(folder, capsys):
    code, out, err = kt(capsys, "list", "--saves", str(folder))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"saves in {folder}:"
    assert lines[1].split() == ["SAVE", "PACK", "ROLE", "TURN", "GAME", "DATE", "SAVED"]
    assert lines[2].split()[:5] == ["autosave", "example", "1.0.0", "russia", "3"]
    assert lines[3].split()[:5] == ["essay", "example", "1.0.0", "us", "7"]
    assert lines[3].endswith("over")


def test_list_is_the_default_and_options_go_anywhere(folder, capsys):
    assert kt(capsys, "--saves", str(folder))[1] == kt(capsys, "list", "--saves", str(folder))[1]
    assert kt(capsys, "--saves", str(folder), "list")[0] == 0


def test_list_mentions_unreadable_files(folder, capsys):
    (folder / "junk.json").write_text("nope", encoding="utf-8")
    code, out, err = kt(capsys, "list", "--saves", str(folder))
    assert code == 0 and "junk" not in out
    assert err == "1 file cannot be read; `korean-theater saves verify` says what is wrong\n"


def test_list_empty(tmp_path, capsys):
    assert kt(capsys, "list", "--saves", str(tmp_path / "none")) == (
        0,
        f"no saves in {tmp_path / 'none'}\n",
        "",
    )


def test_show(folder, capsys):
    code, out, _ = kt(capsys, "show", "essay", "--saves", str(folder))
    assert code == 0
    assert out.splitlines()[0] == str(folder / "essay.json")
    assert "  role        us\n" in out
    assert "  turn        7 (2024-03-01), over: standoff\n" in out
    assert "    turn   2  treasury → designate\n              “because 1”\n" in out
    assert "    sanctions                80\n" in out


def test_show_damaged_offers_the_backup(folder, capsys):
    (folder / "essay.json").write_bytes(b"")
    code, out, err = kt(capsys, "show", "essay", "--saves", str(folder))
    assert code == 1 and out == ""
    assert err == (
        f"korean-theater: {folder / 'essay.json'}: the file is empty; the game was probably "
        "interrupted while saving\n"
        f"  its backup {folder / 'essay.json.bak'} is intact: restore it with "
        "`korean-theater saves restore essay`\n"
    )


def test_verify_all_with_the_pack(folder, capsys):
    code, out, _ = kt(capsys, "verify", "--saves", str(folder), "--pack", str(PINNED))
    assert code == 0
    assert out == (
        "autosave.json: ok (example 1.0.0, russia, turn 3; 2 decisions replay to the saved "
        "state)\n"
        "essay.json: ok (example 1.0.0, us, turn 7; 6 decisions replay to the saved state)\n"
        "  backup essay.json.bak: intact\n"
    )


def test_verify_without_the_pack_checks_the_file(folder, capsys, monkeypatch):
    monkeypatch.setenv("KOREAN_THEATER_CONTENT", str(folder / "no-content"))
    code, out, _ = kt(capsys, "verify", "essay", "--saves", str(folder))
    assert code == 0
    assert out.splitlines()[0] == (
        "essay.json: file intact (example 1.0.0, us, turn 7); not replayed: no pack 'example' "
        "at hand"
    )


def test_verify_reports_damage_and_divergence(folder, capsys, tmp_path):
    (folder / "essay.json").write_bytes(b'{"format": "korean-theater-save", "vers')
    edited = pinned_copy(tmp_path / "edited", [("events.toml", 'id = "deny"', 'id = "denial"')])
    code, out, _ = kt(capsys, "verify", "--saves", str(folder), "--pack", str(edited))
    assert code == 1
    assert out == (
        "autosave.json: DIVERGES from pack example 1.0.0 (example 1.0.0, russia, turn 3)\n"
        "  turn 1: choice 'deny' of event 'shipments' no longer exists; replayed 0 of 2 "
        "decisions\n"
        "  pack 'example' changed since this save (version 1.0.0, files edited)\n"
        "essay.json: UNREADABLE — the file is cut short after 39 bytes (the JSON stops in the "
        "middle); it was probably interrupted while saving\n"
        "  backup essay.json.bak: intact; restore it with `korean-theater saves restore essay`\n"
    )


def test_verify_stray_temporary_files_and_orphan_backups(folder, capsys):
    (folder / ".essay.json.1.x.tmp").write_bytes(b"{")
    os.replace(folder / "essay.json", folder / "gone.json.bak")
    code, out, _ = kt(capsys, "verify", "--saves", str(folder), "--pack", str(PINNED))
    assert code == 0
    assert (
        "gone.json.bak: intact backup without its save: `korean-theater saves restore gone`\n"
        in out
    )
    assert out.endswith(
        "1 temporary file(s) left by interrupted saves; the next save removes them\n"
    )


def test_verify_unknown_slot(folder, capsys):
    code, _, err = kt(capsys, "verify", "nothing", "--saves", str(folder))
    assert code == 1 and err == f"korean-theater: {folder / 'nothing.json'}: no such save\n"


def test_delete(folder, capsys):
    code, out, _ = kt(capsys, "delete", "essay", "--saves", str(folder))
    assert (code, out) == (0, f"deleted {folder / 'essay.json'} and its backup\n")
    code, out, err = kt(capsys, "delete", "essay", "--saves", str(folder))
    assert (code, err) == (1, f"korean-theater: {folder / 'essay.json'}: no such save\n")


def test_bad_slot_name_is_a_usage_error(folder, capsys):
    for action in ("delete", "restore"):
        code, _, err = kt(capsys, action, "../essay", "--saves", str(folder))
        assert code == 2
        assert err == (
            "korean-theater: invalid save name '../essay': a save name cannot contain '/' or '\\'\n"
        )


def test_restore(folder, capsys):
    (folder / "essay.json").write_bytes(b"\x00\x01")
    code, out, _ = kt(capsys, "restore", "essay", "--saves", str(folder))
    assert code == 0
    assert out.splitlines()[0].startswith(f"restored {folder / 'essay.json'} from its backup")
    assert kt(capsys, "verify", "essay", "--saves", str(folder), "--pack", str(PINNED))[0] == 0
    code, _, err = kt(capsys, "restore", "autosave", "--saves", str(folder))
    assert code == 1 and "there is no backup" in err


def test_restore_run_twice_never_loses_the_newest_save(folder, capsys):
    newest = (folder / "essay.json").read_bytes()
    code, out, _ = kt(capsys, "restore", "essay", "--saves", str(folder))
    assert (
        code == 0 and out.splitlines()[-1] == "the file it replaced is kept as essay.json.replaced"
    )
    code, out, _ = kt(capsys, "restore", "essay", "--saves", str(folder))
    assert code == 0
    assert out.startswith(f"{folder / 'essay.json'} already holds its backup (turn 4, saved ")
    assert out.rstrip().endswith("nothing changed")
    assert (folder / "essay.json.replaced").read_bytes() == newest


def test_the_environment_variable_and_a_real_process(folder):
    env = {**os.environ, "KOREAN_THEATER_SAVES": str(folder)}
    out = subprocess.run(
        [sys.executable, "-m", "game", "saves", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"saves in {folder}:")
    assert "Traceback" not in out.stderr
