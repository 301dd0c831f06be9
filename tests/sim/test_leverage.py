"""The decision-leverage report: its figures mean what the authoring guide says they mean."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.cli import main
from game.content.compiler import load_pack
from game.engine.resolve import decisions, initial_state, resolve
from game.sim.leverage import (
    COSMETIC,
    DOMINANT,
    MIN_ENDING_GAMES,
    MIN_STATES,
    MOVED,
    LeverageConfig,
    Prober,
    _summarise,
    findings,
    leverage_all,
)
from game.sim.strategies import STRATEGIES
from tests.sim.test_simulate_cli import EXAMPLE


def _strategy(name: str, mean: float, sd: float, endings: dict[str, float]) -> dict:
    return {
        "strategy": name,
        "means": STRATEGIES[name],
        "fair": name in ("objective", "forecast"),
        "games": 100,
        "mean": mean,
        "sd": sd,
        "endings": endings,
        "ending_scores": {e: mean for e in endings},
    }


def _strategies(**means: float) -> dict:
    return {n: _strategy(n, means.get(n, 50.0), 10.0, {"standoff": 1.0}) for n in STRATEGIES}


def test_each_figure_is_computed_as_documented(example_pack) -> None:
    rows = []
    # 10 states of "talks" where "warn" is best by far, 10 where the two options tie
    for _ in range(10):
        rows.append(("talks", [("warn", 60.0), ("engage", 50.0)], "engage"))
    for _ in range(10):
        rows.append(("talks", [("warn", 55.0), ("engage", 55.0 + COSMETIC / 2)], "warn"))
    config = LeverageConfig("us", 100, 20)
    r = _summarise(example_pack, config, _strategies(objective=80.0), rows)
    d = r["decisions"]
    assert d["probed"] == 20
    assert d["cosmetic_share"] == pytest.approx(0.5)  # the ties are cosmetic
    assert d["mean_spread"] == pytest.approx((10 * 10 + 10 * COSMETIC / 2) / 20)
    assert d["changed"] == 20 and d["moved_share"] == pytest.approx(0.5)  # 10 of 20 move > 5
    (talks,) = r["events"]
    assert talks["states"] == 20 >= MIN_STATES
    # "warn" is the unique best in 10 of the 20 states where it is open: not dominant
    assert talks["best_option"] == "warn" and talks["best_share"] == pytest.approx(0.5)
    assert not talks["dominant"] and r["dominant_share"] == 0.0
    assert r["best_fair"] == {"strategy": "objective", "vs_random_sd": pytest.approx(3.0)}


def test_an_option_best_in_nine_states_of_ten_is_dominant(example_pack) -> None:
    rows = [("talks", [("warn", 60.0), ("engage", 50.0)], "warn")] * 9
    rows.append(("talks", [("warn", 50.0), ("engage", 60.0)], "warn"))
    r = _summarise(example_pack, LeverageConfig("us", 100, 10), _strategies(), rows)
    (talks,) = r["events"]
    assert talks["best_share"] == pytest.approx(0.9) and DOMINANT <= 0.9 and talks["dominant"]
    assert r["dominant_share"] == 1.0
    assert any("dominant option" in f for f in r["findings"])


def _ending(id_: str, result: str, score: float, games: int = 50, catastrophe: bool = False):
    return {"id": id_, "result": result, "catastrophe": catastrophe, "mean_score": score,
            "shares": {}, "games": games}  # fmt: skip


def test_findings_name_what_misses_its_aim(example_pack) -> None:
    r = _summarise(example_pack, LeverageConfig("us", 100, 0), _strategies(objective=55.0), [])
    text = " ".join(r["findings"])
    assert "+0.5 SD above random" in text
    assert "always-hawkish play is within 1 SD" in text
    r["endings"] = [
        _ending("war", "loss", 40.0, catastrophe=True),
        _ending("bloc", "loss", 30.0),
        _ending("calm", "win", 35.0),
    ]
    text = " ".join(findings(r))
    assert "ending war is the catastrophe but scores 40.0, no less than bloc" in text
    assert "ending calm" not in text  # a win above both losses is as it should be
    assert "bloc is a loss but scores 30.0" not in text


def test_an_ending_reached_in_a_handful_of_games_is_not_held_against_the_others(
    example_pack,
) -> None:
    r = _summarise(example_pack, LeverageConfig("us", 100, 0), _strategies(), [])
    r["endings"] = [_ending("calm", "draw", 40.0, games=500), _ending("fluke", "loss", 61.6, 1)]
    assert not any("fluke" in f for f in findings(r))
    r["endings"][1]["games"] = MIN_ENDING_GAMES
    assert any("ending fluke is a loss but scores 61.6" in f for f in findings(r))


def test_the_report_is_the_same_on_any_number_of_processes(example_pack) -> None:
    config = LeverageConfig("us", 40, 6, "same")
    one = leverage_all(example_pack, ["us", "russia"], config)
    two = leverage_all(example_pack, ["us", "russia"], LeverageConfig("us", 40, 6, "same", 2))
    for report in (one, two):
        report.pop("timing")
        for role in report["roles"]:
            role.pop("timing", None)
    assert one == two
    assert [r["role"] for r in one["roles"]] == ["us", "russia"]


def test_the_command_writes_json_tables_and_html(tmp_path, capsys) -> None:
    html = tmp_path / "leverage.html"
    args = ["simulate", EXAMPLE, "--leverage", "--runs", "30", "--probes", "4", "--quiet"]
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {r["role"] for r in report["roles"]} == {"us", "russia"}
    role = report["roles"][0]
    assert {s["strategy"] for s in role["strategies"]} == set(STRATEGIES)
    war = next(e for e in role["endings"] if e["id"] == "war")
    assert war["result"] == "loss" and war["catastrophe"]
    assert 0 <= role["decisions"]["cosmetic_share"] <= 1
    assert main([*args, "--role", "us", "--html", str(html)]) == 0
    out = capsys.readouterr().out
    assert "Leverage" in out and "best fair strategy" in out
    page = html.read_text(encoding="utf-8")
    assert "<h1>Decision leverage" in page and "United States" in page and "Russia" not in page


def test_a_classroom_file_sets_the_turns_the_simulator_plays(tmp_path, capsys) -> None:
    from tests.support import GOOD

    path = tmp_path / "class.toml"
    path.write_text(GOOD.replace("turns = 4", "turns = 3"), encoding="utf-8")
    assert main(["simulate", EXAMPLE, "--classroom", str(path), "--runs", "30", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["length"]["max"] <= 3 < 6  # the pack has six turns
    # the class plays the US only
    assert main(["simulate", EXAMPLE, "--classroom", str(path), "--role", "russia"]) == 2
    assert "choose from: us" in capsys.readouterr().err


def test_moved_and_cosmetic_thresholds_are_the_documented_ones() -> None:
    assert (COSMETIC, MOVED, DOMINANT) == (2.0, 5.0, 0.9)


def test_a_classroom_group_is_simulated_in_its_own_world(tmp_path, capsys) -> None:
    """`--group` plays a [[group]]'s assumptions over the class's (here a reply to a launch
    three times as likely), so a teacher sees what an A/B comparison will compare."""
    from tests.support import GOOD

    path = tmp_path / "class.toml"
    group = '\n[[group]]\nname = "B: hawks"\nstudents = ["Ada"]\nassumptions = { hawk_bias = 3 }\n'
    path.write_text(GOOD + group, encoding="utf-8")
    args = ["simulate", EXAMPLE, "--classroom", str(path), "--runs", "200", "--json", "--quiet"]
    assert main(args) == 0
    whole = json.loads(capsys.readouterr().out)
    assert main([*args, "--group", "B: hawks"]) == 0
    hawks = json.loads(capsys.readouterr().out)
    assert hawks["endings"] != whole["endings"]
    assert main([*args, "--group", "C"]) == 2
    err = capsys.readouterr().err
    assert "no [[group]] named 'C'" in err and "its groups: 'B: hawks'" in err
    assert main(["simulate", EXAMPLE, "--group", "B: hawks", "--runs", "5"]) == 2
    assert "--group needs --classroom" in capsys.readouterr().err


SHIPPED = Path(__file__).resolve().parents[2] / "content" / "korean-theater"


@pytest.mark.parametrize("which", ["example", "shipped"])
def test_a_probe_sees_the_decisions_the_engine_offers(which: str, example_pack) -> None:
    """The prober lists a desk's decisions from the player's tables: the engine's list, in its
    order, at every state of random games of every role (costs, agendas and quiet turns too)."""
    pack = example_pack if which == "example" else load_pack(SHIPPED).pack
    assert pack is not None
    for role in pack.roles:
        prober = Prober(pack, role, "seen")
        for g in range(8):
            rnd = random.Random(g)
            state = initial_state(pack, role, f"seen-{g}")
            while state.ending is None:
                options = decisions(pack, state)
                assert prober.decisions(state) == options
                state = resolve(pack, state, rnd.choice(options), explain=False)[0]
