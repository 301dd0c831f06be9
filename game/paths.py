"""Where the shipped packs and the saves live."""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
INSTALLED_PACKS = Path(__file__).resolve().parent / "shipped"  # content/ as the wheel holds it
DEFAULT_PACK_ID = "korean-theater"


def in_checkout() -> bool:
    """Whether the game runs from a clone of its repository (else it was installed)."""
    return (CHECKOUT / "pyproject.toml").is_file()


def content_dir() -> Path:
    """The folder of the shipped packs: $KOREAN_THEATER_CONTENT, else content/ of a checkout,
    else the copy inside the installed package."""
    given = os.environ.get("KOREAN_THEATER_CONTENT")
    if given:
        return Path(given)
    return CHECKOUT / "content" if in_checkout() else INSTALLED_PACKS


def shipped_packs() -> list[Path]:
    root = content_dir()
    if not root.is_dir():
        return []
    return sorted(p.parent for p in root.glob("*/pack.toml"))


def default_pack() -> Path:
    return content_dir() / DEFAULT_PACK_ID


def pack_folder(given: str | Path) -> Path:
    """The folder a pack argument names: the folder itself, or the folder of its pack.toml."""
    path = Path(given)
    return path.parent if path.name == "pack.toml" and path.is_file() else path


def saves_dir(override: str | None = None) -> Path:
    """`--saves DIR`, else $KOREAN_THEATER_SAVES, else saves/ in a checkout, else the user's
    data folder (an installed game must not write into site-packages)."""
    given = override or os.environ.get("KOREAN_THEATER_SAVES")
    if given:
        return Path(given)
    if in_checkout():
        return CHECKOUT / "saves"
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "korean-theater" / "saves"
