"""How long a seed may be: every what-if game of a report hashes it, so its length is a cost the
save file would otherwise set (a 2 MB seed made a report twelve times slower). Kept apart from
the save format so that `play --seed` checks it without importing pydantic before the first
frame."""

MAX_SEED = 200  # characters
