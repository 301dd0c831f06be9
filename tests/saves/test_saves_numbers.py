"""Same pack, same choices ⇒ same digest, however its numbers are written: a float field holds
a float whether the TOML wrote 3 or 3.0, and the state digest sees 0, 0.0 and -0.0 alike, so a
save replays exactly on another load of the pack (as `saves verify` and `report` do)."""

from __future__ import annotations

import random
import re
import tempfile
import typing
from pathlib import Path

from helpers_saves import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.content.compiler import load_pack
from game.content.items import LISTS
from game.content.loader import read_pack
from game.engine.session import Session
from game.engine.state import GameState
from game.saves import SaveStore

# the numbers of the example pack that are floats in the schema, as `key = number` lines
FLOAT_KEYS = re.compile(r"(?m)^(\s*(?:start|min|max|weight|chance|default)\s*=\s*)(\d+(?:\.\d+)?)$")
INLINE_AT = re.compile(r"(\bat = )(\d+(?:\.\d+)?)")
# (id, lowest min, highest max) such that the ranges keep the pack's thresholds and rungs
RANGES = {"tension": (30, 70), "sanctions": (60, 60), "cooperation": (30, 30), "escalation": (0, 6)}


def literal(value: int, as_float: bool) -> str:
    return f"{value}.0" if as_float else str(value)


@st.composite
def packs(draw) -> dict[str, str]:
    """The example pack's files, each number written as an integer or a float at random, and
    the meters' ranges narrowed at random (a value then often lands on a bound, where the
    engine clamps it to the bound's own number)."""
    floats = st.booleans()

    def respell(match: re.Match) -> str:
        number = float(match.group(2))
        if not number.is_integer():
            return match.group(0)
        return match.group(1) + literal(int(number), draw(floats))

    files = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLE.glob("*.toml")}
    text = files["pack.toml"]
    for var, (low, high) in RANGES.items():
        start = int(re.search(rf'id = "{var}"(?:\n[^\[].*)*?\nstart = (\d+)', text).group(1))
        lo = draw(st.integers(0, min(low, start)))
        hi = draw(st.integers(max(high, start, lo + 1), max(high, start) + 20))
        bounds = f"min = {literal(lo, draw(floats))}\nmax = {literal(hi, draw(floats))}\n"
        if lo == 0 and hi == 100 and draw(floats):
            bounds = ""  # the schema's defaults
        text = re.sub(
            rf'(id = "{var}"\n(?:[^\[\n].*\n)*?)(?:min = .*\n)?(?:max = .*\n)?(start)',
            lambda m, b=bounds: m.group(1) + b + m.group(2),
            text,
            count=1,
        )
    files["pack.toml"] = text
    return {
        name: INLINE_AT.sub(respell, FLOAT_KEYS.sub(respell, text)) for name, text in files.items()
    }


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def games(pack, seed: int):
    """A few games of every role, with choices drawn from their own seeded generator."""
    pick = random.Random(seed)
    for role in sorted(pack.roles):
        choices = []
        session = Session.start(pack, role, str(seed))
        while not session.over:
            options = [o.id for o in session.briefing().open_options]
            choices.append(pick.choice(options))
            session = session.submit(choices[-1])
        yield role, str(seed), choices


def int_in_a_float_field(model: BaseModel, where: str = "") -> str | None:
    """Where a field annotated as a float holds an int, or None."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        found = _stray_int(info.annotation, value, f"{where}{type(model).__name__}.{name}")
        if found:
            return found
    return None


def _admits(annotation, kind: type) -> bool:
    """Whether a value of `kind` fits the annotation (through Annotated and unions)."""
    if annotation is kind:
        return True
    return any(_admits(a, kind) for a in typing.get_args(annotation))


def _stray_int(annotation, value, where: str) -> str | None:
    if isinstance(value, BaseModel):
        return int_in_a_float_field(value, f"{where}.")
    if isinstance(value, list | tuple):
        args = typing.get_args(annotation)
        item = next((a for a in args if typing.get_origin(a) is list), annotation)
        inner = (typing.get_args(item) or (item,))[0]
        return next((f for v in value if (f := _stray_int(inner, v, where))), None)
    if isinstance(value, dict):
        args = typing.get_args(annotation)
        item = next((a for a in args if typing.get_origin(a) is dict), annotation)
        inner = (typing.get_args(item) or (None, item))[-1]
        return next((f for v in value.values() if (f := _stray_int(inner, v, where))), None)
    if type(value) is int and _admits(annotation, float) and not _admits(annotation, int):
        return f"{where} = {value!r}"
    return None


def models(loaded) -> list[BaseModel]:
    return [i.model for key in LISTS for i in loaded.items[key]] + [
        i.model for i in loaded.singletons.values()
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=packs(), seed=st.integers(0, 10_000))
def test_every_number_of_a_loaded_pack_is_a_float_and_its_saves_verify(files, seed) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp) / "pack", files)
        fresh = load_pack(folder, analyse_pack=False)
        assert fresh.pack is not None, [p.format() for p in fresh.problems]
        assert not [f for m in models(read_pack(folder)) if (f := int_in_a_float_field(m))]
        again = load_pack(folder, analyse_pack=False).pack
        assert again is not None
        store = SaveStore(Path(tmp) / "saves")
        for role, game_seed, choices in games(fresh.pack, seed):
            a = Session.replay(fresh.pack, role, game_seed, choices)
            b = Session.replay(again, role, game_seed, choices)
            assert [s.digest() for s in a.states()] == [s.digest() for s in b.states()]
            store.save(b, "game")
            assert store.load("game", fresh.pack).problems == []


def test_the_digest_sees_integer_and_float_numbers_alike() -> None:
    def state(*values) -> GameState:
        return GameState("us", "s", 1, 1, values, None, {})

    assert state(0, 100, 1, True).digest() == state(0.0, 100.0, 1.0, True).digest()
    assert state(-0.0).digest() == state(0.0).digest()
    assert state(True).digest() != state(1.0).digest()  # a flag is not a number
    assert state(0.1 + 0.2).digest() == state(0.3).digest()
