"""`ale validate --cache DIR`: unchanged files come from the cache, changed ones are read; never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ale_cli import repository
from tests.cli_helpers import ale


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually loaded (not taken from the cache)."""
    loaded: list[str] = []
    original = repository.load_file

    def counting(rel: str, absolute: Path) -> repository.Read:
        loaded.append(rel)
        return original(rel, absolute)

    monkeypatch.setattr(repository, "load_file", counting)
    return loaded


def test_second_run_reads_only_what_changed(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                            loads: list[str]) -> None:
    cache = tmp_path / "cache"
    first = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (first.code, len(loads)) == (0, 21)
    [cache_file] = cache.iterdir()
    assert cache_file.name.startswith("ale-") and len(json.loads(cache_file.read_bytes())) == 21

    loads.clear()
    again = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (again.code, again.out, loads) == (0, first.out, [])

    note = base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart"),
                    encoding="utf-8")
    changed = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert loads == ["perioder/2020-08-31/enheter/nolskolan.yaml"]
    assert changed.code == 1 and "nolskolan.yaml:3:46: ALE204 'klart'" in changed.out

    loads.clear()
    cached_error = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (cached_error.out, loads) == (changed.out, [])  # diagnostics and their positions come back whole


def test_a_damaged_cache_is_ignored(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                    loads: list[str]) -> None:
    cache = tmp_path / "cache"
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    [cache_file] = cache.iterdir()
    cache_file.write_bytes(b"\x00 inte json")
    loads.clear()
    result = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (result.code, len(loads)) == (0, 21)
    assert len(json.loads(cache_file.read_bytes())) == 21


def test_a_cache_of_another_version_is_replaced(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "ale-0000000000000000.json").write_text("{}", encoding="utf-8")
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert [path.name for path in cache.iterdir()] != ["ale-0000000000000000.json"]
    assert len(list(cache.iterdir())) == 1
