"""Slot names are checked at one boundary, `slot_problem`, for every command and the game: a
name it accepts is a plain, printable file name inside the saves folder, whatever its script;
every other name is refused with a message, never written."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers_saves import play
from hypothesis import given, settings
from hypothesis import strategies as st

from game.classroom.files import slot_base
from game.classroom.settings import Classroom, ClassroomSettings
from game.cli import main
from game.saves import SaveStore, SlotNameError, slot_problem
from game.saves.store import MAX_SLOT, MAX_SLOT_BYTES

# names mixing what a slot may hold with what it may not
NAMES = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ9_-. .한И𝐀"),
        st.sampled_from('/\\\n\r\t\x00\x1b\u200b\u00a0\u2028:*?"<>|\ud800'),
        st.characters(),
    ),
    max_size=80,
)


def is_plain(name: str) -> bool:
    return (
        name.isprintable()
        and not any(c in name for c in "/\\\n\r\t\x00")
        and name == name.strip()
        and ".." not in name
        and not name.startswith(".")
        and 0 < len(name) <= MAX_SLOT
        and len(name.encode("utf-8")) <= MAX_SLOT_BYTES
    )


@settings(max_examples=300, deadline=None)
@given(name=NAMES)
def test_an_accepted_name_is_a_plain_file_name_in_the_folder(pinned, name) -> None:
    problem = slot_problem(name)
    if problem is not None:
        assert problem.startswith(("a save name", repr(name)))
        store = SaveStore(Path(tempfile.mkdtemp()))
        for refused in (
            lambda: store.path_of(name),
            lambda: store.save(play(pinned, n=1), name),
            lambda: store.save_own(play(pinned, n=1), name),
            lambda: store.delete(name),
        ):
            with pytest.raises(SlotNameError):
                refused()
        assert list(store.root.glob("*.json")) == []
        return
    assert is_plain(name), name
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        game = play(pinned, n=1)
        path = store.save(game, name)
        assert (path.parent, path.name) == (store.root, f"{name}.json")
        assert [i.slot for i in store.list()] == [name]
        assert store.load(name, pinned).session == game
        store.delete(name)


@pytest.mark.parametrize("name", ["x\n", "x\ny", "a\tb", "../x", "x\n.json", "a\u200bb.json.bak"])
@pytest.mark.parametrize("action", ["show", "verify", "delete", "restore"])
def test_every_command_refuses_a_bad_name(tmp_path, capsys, pinned, action, name) -> None:
    store = SaveStore(tmp_path)
    store.save(play(pinned, n=1), "x")
    store.save(play(pinned, n=2), "x")
    code = main(["saves", action, name, "--saves", str(tmp_path)])
    err = capsys.readouterr().err
    if "/" in name:  # a path, for show and verify; never a slot
        assert code in (1, 2)
        assert "Traceback" not in err
    else:
        assert code == 2, err
        assert "invalid save name" in err
    assert sorted(p.name for p in tmp_path.glob("*.json*")) == ["x.json", "x.json.bak"]


@settings(max_examples=200, deadline=None)
@given(
    player=st.text(max_size=80),
    classroom=st.one_of(
        st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,30}", fullmatch=True),
        st.sampled_from(["nul.x", "con", "lpt1.a", "a..b", "x" * 80, "한" * 70]),
    ),
    role=st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,63}", fullmatch=True),
)
def test_a_classroom_slot_is_always_a_valid_name(player, classroom, role) -> None:
    """Whatever a student types as their name, their game's slot (and the slots beside it
    that a second game of the same name takes) is a valid name."""
    settings_ = ClassroomSettings.model_construct(
        classroom=Classroom.model_construct(id=classroom, seed="s")
    )
    base = slot_base(settings_, player, role)
    assert slot_problem(base) is None, base
    assert slot_problem(f"{base}-99") is None, base
