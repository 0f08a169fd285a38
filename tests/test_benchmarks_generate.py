"""benchmarks/generate.py writes a repository that `ale validate` finds clean, the same bytes for the same seed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ale_cli.pipeline import run
from tests.cli_helpers import ale

GENERATE = Path(__file__).parent.parent / "benchmarks" / "generate.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _generator()


@pytest.fixture(scope="module")
def repo(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated repository (12 enheter), shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("generated") / "repo"
    generate.generate(root, 12, seed=7)
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_generated_repository_has_no_diagnostics(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo).diagnostics == []
    result = ale(capsys, "validate", "--repo", repo, "--strict")
    assert result.code == 0, result.out


def test_every_kind_of_file_is_written(repo: Path) -> None:
    checked = run(repo)
    period = checked.repo.perioder[dt.date(2020, 8, 31)]

    assert len(checked.repo.perioder) == 12
    assert len(period.enheter) == 12 and period.verksamheter and period.sektorer and period.team
    assert {d.model.typ for d in period.dialoger.values()} == {"ksau", "ledningsdialog"}
    assert any(n.model.typ == "bolag" for n in checked.repo.nämnder.values())
    assert checked.repo.kalendrar[2020].model.möten


def test_an_enhet_note_is_two_to_three_kilobytes(repo: Path) -> None:
    sizes = [p.stat().st_size for p in repo.glob("perioder/*/enheter/*.yaml")]
    assert sizes and all(2000 <= size <= 3000 for size in sizes)


def test_the_same_seed_gives_the_same_bytes(generate: ModuleType, tmp_path: Path) -> None:
    generate.generate(tmp_path / "a", 12, seed=3)
    generate.generate(tmp_path / "b", 12, seed=3)
    generate.generate(tmp_path / "c", 12, seed=4)

    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_folder_that_is_not_empty_is_refused(generate: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "ale.yaml").write_text("kommun: X\n", encoding="utf-8")

    with pytest.raises(FileExistsError):
        generate.generate(tmp_path, 12)
