"""Where saves go: the override, the environment, a checkout, or the user's data folder."""

from __future__ import annotations

from pathlib import Path

from game import paths


def test_override_then_environment_then_checkout(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KOREAN_THEATER_SAVES", str(tmp_path / "env"))
    assert paths.saves_dir(str(tmp_path / "flag")) == tmp_path / "flag"
    assert paths.saves_dir() == tmp_path / "env"
    monkeypatch.delenv("KOREAN_THEATER_SAVES")
    assert paths.saves_dir() == paths.CHECKOUT / "saves"


def test_installed_game_saves_in_the_user_data_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KOREAN_THEATER_SAVES", raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path / "site-packages")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(paths.os, "name", "posix")
    assert paths.saves_dir() == tmp_path / "data" / "korean-theater" / "saves"


def test_an_installed_game_finds_the_packs_inside_its_package(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KOREAN_THEATER_CONTENT", raising=False)
    assert paths.content_dir() == paths.CHECKOUT / "content"
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path / "site-packages")
    assert paths.content_dir() == paths.INSTALLED_PACKS
    assert paths.default_pack() == paths.INSTALLED_PACKS / "korean-theater"
