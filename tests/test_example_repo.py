"""The shipped example repository: clean under --strict, and read-only commands leave every byte as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import ale
from tests.conftest import EXAMPLE_REPO


def _tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("example") / "repo"
    shutil.copytree(EXAMPLE_REPO, target)
    return target


def test_example_repo_validates_strict(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    result = ale(capsys, "validate", "--repo", example, "--strict")
    assert result.code == 0, result.out
    assert result.out.startswith("Inga fel (")


def test_august_report_is_complete_and_reproducible(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    first = ale(capsys, "report", "--repo", example, "--period", "2020-08-31")
    second = ale(capsys, "report", "--repo", example, "--period", "2020-08-31")
    assert first.code == 0 and first.out == second.out
    assert "## Uppgifter som saknas\n\nInga: perioden är komplett.\n" in first.out
    status = ale(capsys, "status", "--repo", example, "--period", "2020-08-31")
    assert status.code == 0


def test_read_only_commands_change_nothing(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    before = _tree_hash(example)
    for args in (("validate",), ("validate", "--format", "json"), ("status", "--period", "2020-08-31"),
                 ("report", "--period", "2020-08-31", "--format", "json"), ("report", "--period", "2020-03-31")):
        ale(capsys, *args, cwd=example)
    assert _tree_hash(example) == before
