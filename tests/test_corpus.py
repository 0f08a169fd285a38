"""Every broken repository in the corpus gives exactly its expected diagnostics; the base is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from ale_cli.pipeline import run
from ale_cli.reporters import text_line
from tests.conftest import BASE
from tests.corpus_cases import build, cases, expected


def test_base_repository_is_clean() -> None:
    assert run(BASE).diagnostics == []


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path / "repo")
    shown = [text_line(d).splitlines()[0] for d in run(root.resolve()).diagnostics]
    assert shown == expected(case)
