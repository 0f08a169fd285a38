"""`ale validate --changed-since REV`: the changed files, and the problems the change causes elsewhere."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import ale


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


@pytest.fixture(params=["in place", "unpacked"])
def committed(request: pytest.FixtureRequest, base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The base repository committed. The tree at the revision is read in place (the changed files from Git,
    the rest from the work tree), or unpacked whole as a tree with links is: both must give the same."""
    if request.param == "unpacked":
        from ale_cli import changes

        monkeypatch.setattr(changes, "_PLAIN", ())
    kalender = base_repo / "kalender/2020.yaml"  # a warning that is there before the change
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-26", "2020-10-31"), encoding="utf-8")
    _git(base_repo, "init", "-q")
    _git(base_repo, "add", "-A")
    _git(base_repo, "commit", "-q", "-m", "bas")
    return base_repo


def test_only_the_change_is_reported(capsys: pytest.CaptureFixture[str], committed: Path) -> None:
    note = committed / "perioder/2020-08-31/enheter/nolskolan.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("Terminen startade väl.", "Terminen gick bra."),
                    encoding="utf-8")
    result = ale(capsys, "validate", "--changed-since", "HEAD", cwd=committed)
    assert (result.code, result.out) == (0, "Inga fel (1 fil kontrollerad).\n")
    everything = ale(capsys, "validate", cwd=committed)
    assert "ALE411" in everything.out


def test_an_error_in_a_changed_file(capsys: pytest.CaptureFixture[str], committed: Path) -> None:
    note = committed / "perioder/2020-08-31/enheter/nolskolan.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart"),
                    encoding="utf-8")
    result = ale(capsys, "validate", "--changed-since", "HEAD", cwd=committed)
    assert result.code == 1
    assert result.out.splitlines()[0] == ("perioder/2020-08-31/enheter/nolskolan.yaml:3:46: ALE204 'klart' är "
                                          "inte ett tillåtet värde för 'bedömning'")


def test_problems_caused_in_unchanged_files(capsys: pytest.CaptureFixture[str], committed: Path) -> None:
    sektor = committed / "sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8").replace("id: nolskolan", "id: nols-skola"),
                      encoding="utf-8")
    _git(committed, "commit", "-q", "-am", "byt id")
    result = ale(capsys, "validate", "--changed-since", "HEAD~1", cwd=committed)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if not line.startswith("    ")]
    assert lines == [
        ("perioder/2020-08-31/enheter/nolskolan.yaml:1:1: ALE303 filnamnet 'nolskolan' anger ingen känd enhet "
         "— menade du 'nols-skola'?"),
        "1 fel och 0 varningar i 1 fil (1 fil kontrollerad).",
    ]


def test_an_unknown_revision_is_a_usage_error(capsys: pytest.CaptureFixture[str], committed: Path) -> None:
    result = ale(capsys, "validate", "--changed-since", "finns-inte", cwd=committed)
    assert result.code == 2
    assert result.err.startswith("ale: --changed-since: 'finns-inte' är ingen känd Git-revision")


def test_a_data_repository_in_a_subfolder_that_is_new(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       base_repo: Path) -> None:
    top = tmp_path / "kommun"
    top.mkdir()
    (top / "README.md").write_text("x\n", encoding="utf-8")
    _git(top, "init", "-q")
    _git(top, "add", "-A")
    _git(top, "commit", "-q", "-m", "bas")
    base_repo.rename(top / "data")
    result = ale(capsys, "validate", "--repo", top / "data", "--changed-since", "HEAD", cwd=top)
    assert (result.code, result.out) == (0, "Inga fel (21 filer kontrollerade).\n")


def test_a_subfolder_repository_with_files_changed_removed_and_added(capsys: pytest.CaptureFixture[str],
                                                                      tmp_path: Path, base_repo: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from ale_cli import changes

    top = tmp_path / "kommun"
    top.mkdir()
    data = top / "data"
    base_repo.rename(data)
    _git(top, "init", "-q")
    _git(top, "add", "-A")
    _git(top, "commit", "-q", "-m", "bas")
    sektor = data / "sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8").replace("id: nolskolan", "id: nols-skola"),
                      encoding="utf-8")
    (data / "perioder/2020-08-31/enheter/ahaga-skola.yaml").unlink()
    note = data / "perioder/2020-08-31/enheter/nols-skola.yaml"
    note.write_text((data / "perioder/2020-08-31/enheter/nolskolan.yaml").read_text(encoding="utf-8")
                    .replace("bedömning: uppfyllt", "bedömning: klart"), encoding="utf-8")
    in_place = ale(capsys, "validate", "--repo", data, "--changed-since", "HEAD", cwd=top)
    monkeypatch.setattr(changes, "_PLAIN", ())
    unpacked = ale(capsys, "validate", "--repo", data, "--changed-since", "HEAD", cwd=top)
    assert in_place == unpacked
    assert in_place.code == 1
    assert [line.split(" ")[0] for line in in_place.out.splitlines() if not line.startswith("    ")][:-1] == [
        "perioder/2020-08-31/enheter/nols-skola.yaml:3:46:",
        "perioder/2020-08-31/enheter/nolskolan.yaml:1:1:",
    ]
