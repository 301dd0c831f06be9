"""Limits that keep any pack, however large or hostile, cheap to check and to play.

The checker (game.content) refuses a pack that could exceed them, with a located problem, and
the engine enforces them at run time; both read them from here so that they agree.
"""

from __future__ import annotations

# Work a game may hold pending between two turns: steps of `smooth` and `decay` effects, `lag`
# effects and `later` consequences (effects and events). game.content.pending bounds what a pack
# can hold (V312) and refuses chains of events that pile up without end (V313).
MAX_PENDING = 5_000

# A decay effect takes back its shock turn by turn until a step would be smaller than this.
DECAY_MIN_STEP = 0.5

# A meter's min, max, start, thresholds and rungs lie within ±MAX_METER, so that its span and
# every value in it stay far from overflow (the simulator's histograms, the charts' scales).
MAX_METER = 1e12

# An event's weight (a constant, or what its expression gives at run time) is at most this: only
# the ratios of weights matter, and sums of many weights stay finite.
MAX_WEIGHT = 1e6
