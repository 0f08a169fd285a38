from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base"
EXAMPLE_REPO = Path(__file__).parent.parent / "example-repo"


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich and Typer render to 100 columns without colour, whatever terminal runs the tests."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def base_repo(tmp_path: Path) -> Iterator[Path]:
    """A copy of the small valid repository, to change in a test."""
    target = tmp_path / "repo"
    shutil.copytree(BASE, target)
    yield target
