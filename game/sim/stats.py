"""Statistics for the simulator: Wilson intervals, binned percentiles, and the mergeable tally.

Pure and dependency-free (no rich): the runner fills :class:`Tally` objects in worker processes,
the parent merges them in a fixed order, and :func:`summarise` turns the result into a plain,
JSON-ready report that the renderers (tables, HTML) read.
"""

from __future__ import annotations

import math
import operator
import sys
from array import array
from dataclasses import dataclass, field

Z95 = 1.959963984540054
PERCENTILES = (5, 25, 50, 75, 95)
MAX_BINS = 200  # per meter: a meter's range is cut into at most this many steps
MAX_SAMPLED_TURNS = 100  # meters are sampled on at most this many turns of a game


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95% by default); (0, 1) when n is 0."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if successes <= 0 else max(0.0, min(p, centre - half))
    hi = 1.0 if successes >= n else min(1.0, max(p, centre + half))
    return (lo, hi)


def nice_step(span: float, max_bins: int = MAX_BINS) -> float:
    """The smallest of 1, 2, 5 × 10^k that cuts `span` into at most `max_bins` steps."""
    if not span > 0:
        return 1.0
    raw = span / max_bins
    k = math.floor(math.log10(raw))
    for base in (1, 2, 5, 10):
        step = base * 10.0**k
        if step >= raw * (1 - 1e-12):
            return step
    return 10.0 ** (k + 1)  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Binning:
    """Values of one meter rounded to the nearest multiple of `step` above `lo`."""

    lo: float
    hi: float
    step: float

    @property
    def bins(self) -> int:
        return int(round((self.hi - self.lo) / self.step)) + 1

    def index(self, value: float) -> int:
        q = (value - self.lo) / self.step + 0.5
        return 0 if not q >= 1 else min(int(min(q, self.bins)), self.bins - 1)  # NaN: 0

    def value(self, index: int) -> float:
        return min(self.hi, self.lo + index * self.step)

    @property
    def decimals(self) -> int:
        return max(0, -math.floor(math.log10(self.step) + 1e-9))


def binning(lo: float, hi: float) -> Binning:
    """A meter's binning; a range that is empty or too wide to measure (an infinite span) gets
    one bin, so that no histogram is ever out of bounds."""
    span = hi - lo
    if not (math.isfinite(span) and span > 0):
        start = lo if math.isfinite(lo) else 0.0
        return Binning(start, start, 1.0)
    return Binning(lo, hi, nice_step(span))


def percentiles(counts: list[int] | tuple[int, ...], b: Binning) -> dict[str, float] | None:
    """The 5/25/50/75/95th percentiles of a histogram (nearest-rank), or None if it is empty."""
    total = sum(counts)
    if not total:
        return None
    out: dict[str, float] = {}
    wanted = [(p, max(1, math.ceil(p / 100 * total))) for p in PERCENTILES]
    acc = 0
    k = 0
    for i, c in enumerate(counts):
        acc += c
        while k < len(wanted) and acc >= wanted[k][1]:
            out[f"p{wanted[k][0]}"] = round(b.value(i), b.decimals)
            k += 1
        if k == len(wanted):
            break
    return out


def mean_of_histogram(counts: list[int], b: Binning) -> float:
    total = sum(counts)
    return sum(c * b.value(i) for i, c in enumerate(counts)) / total if total else 0.0


def sample_stride(turns: int) -> int:
    return max(1, math.ceil((turns + 1) / MAX_SAMPLED_TURNS))


def sampled_turns(turns: int) -> list[int]:
    """The turns at whose start the meters are recorded (turn `turns + 1` is the end)."""
    stride = sample_stride(turns)
    return list(range(1, turns + 2, stride))


@dataclass
class Tally:
    """Counts from a batch of games; batches merge by addition, so any split gives one result."""

    n_events: int
    n_choices: int
    n_meters: int
    n_samples: int
    bins: int  # histogram cells per meter per sampled turn (the widest meter's)
    max_turns: int
    games: int = 0
    decisions: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    ending_length: dict[str, int] = field(default_factory=dict)  # summed decisions
    ending_score: dict[str, float] = field(default_factory=dict)  # summed scores
    length: list[int] = field(default_factory=list)  # games by number of decisions
    score_sum: float = 0.0
    score_sq: float = 0.0
    event_draws: list[int] = field(default_factory=list)
    event_games: list[int] = field(default_factory=list)
    opened: list[int] = field(default_factory=list)
    taken: list[int] = field(default_factory=list)
    # [(sample × meters + meter) × bins + bin]: a flat list, whose `+= 1` is the cheapest count
    meters: list[int] = field(default_factory=list)
    final: list[int] = field(default_factory=list)  # [meter][bin]
    # one-step lookahead comparisons: (choice x, sibling y) -> [compared, x better, x worse]
    duels: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    lookahead_decisions: int = 0

    def __post_init__(self) -> None:
        if not self.length:
            self.length = [0] * (self.max_turns + 2)
            self.event_draws = [0] * self.n_events
            self.event_games = [0] * self.n_events
            self.opened = [0] * self.n_choices
            self.taken = [0] * self.n_choices
            self.final = [0] * (self.n_meters * self.bins)
        if not self.meters:
            self.meters = [0] * (self.n_samples * self.n_meters * self.bins)

    def meter_counts(self, sample: int, meter: int, bins: int) -> list[int]:
        """The histogram of one meter at one sampled turn."""
        start = (sample * self.n_meters + meter) * self.bins
        return self.meters[start : start + bins]

    def empty_like(self) -> Tally:
        return Tally(
            self.n_events, self.n_choices, self.n_meters, self.n_samples, self.bins, self.max_turns
        )

    def merge(self, other: Tally) -> None:
        self.games += other.games
        self.decisions += other.decisions
        for key, n in other.endings.items():
            self.endings[key] = self.endings.get(key, 0) + n
            self.ending_length[key] = self.ending_length.get(key, 0) + other.ending_length[key]
            self.ending_score[key] = self.ending_score.get(key, 0.0) + other.ending_score[key]
        self.score_sum += other.score_sum
        self.score_sq += other.score_sq
        for mine, theirs in (
            (self.length, other.length),
            (self.event_draws, other.event_draws),
            (self.event_games, other.event_games),
            (self.opened, other.opened),
            (self.taken, other.taken),
            (self.final, other.final),
            (self.meters, other.meters),
        ):
            if mine is not theirs:  # (`Player.chunk` may count into this tally's meters)
                mine[:] = map(operator.add, mine, theirs)
        for pair, (n, better, worse) in other.duels.items():
            d = self.duels.get(pair)
            if d is None:
                self.duels[pair] = [n, better, worse]
            else:
                d[0] += n
                d[1] += better
                d[2] += worse
        self.lookahead_decisions += other.lookahead_decisions


def pack_counts(counts: list[int]) -> bytes:
    """Whole counts packed 64 bits each, to add up as integers (`add_packed`): a chunk's meter
    histograms are tens of thousands of cells, and sent as lists and added cell by cell they
    were most of what the parent did while the workers played. Packing costs a worker less than
    pickling the list."""
    return array("Q", counts).tobytes()


def add_packed(total: int, packed: bytes) -> int:
    """`total` plus packed counts, every cell at once: no count reaches 2**64, so none carries
    into the next."""
    return total + int.from_bytes(packed, sys.byteorder)


def unpack_counts(total: int, cells: int) -> list[int]:
    """The `cells` counts of a sum of packed counts."""
    return array("Q", total.to_bytes(8 * cells, sys.byteorder)).tolist()


def length_summary(length: list[int]) -> dict[str, float]:
    total = sum(length)
    if not total:
        return {"mean": 0.0, "min": 0, "p5": 0, "p50": 0, "p95": 0, "max": 0}
    mean = sum(i * c for i, c in enumerate(length)) / total
    nonzero = [i for i, c in enumerate(length) if c]
    out: dict[str, float] = {"mean": round(mean, 2), "min": nonzero[0], "max": nonzero[-1]}
    for p in (5, 50, 95):
        want = max(1, math.ceil(p / 100 * total))
        acc = 0
        for i, c in enumerate(length):
            acc += c
            if acc >= want:
                out[f"p{p}"] = i
                break
    return out
