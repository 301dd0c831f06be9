"""The classroom tests' fixture of a classroom file, for the views' fog tests."""

from tests.classroom.conftest import classroom_file  # noqa: F401
