"""`ale validate --changed-since REV`: the changed files, and the problems the change causes elsewhere."""

from __future__ import annotations

import os
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


def test_git_that_cannot_read_the_repository_is_said_in_its_own_words(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # no Git repository around the data (as with a repository Git refuses: 'detected dubious ownership'): not an
    # unknown revision, which would send the user to fetch-depth
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(base_repo.parent))
    monkeypatch.setenv("LC_ALL", "C")
    result = ale(capsys, "validate", "--changed-since", "main", cwd=base_repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("ale: --changed-since: Git kan inte läsa repositoriet här: fatal: not a git repository "
                          "(or any of the parent directories): .git\n")


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


def _main_moves_on(repo: Path) -> None:
    """The branch `pr` from the committed base; afterwards `main` gets a commit of its own."""
    _git(repo, "branch", "-M", "main")
    _git(repo, "checkout", "-q", "-b", "pr")


def test_a_renamed_file_is_its_old_path_and_its_new(capsys: pytest.CaptureFixture[str], committed: Path) -> None:
    """Git reports a rename by its new path only: the old one, missing at the base, made the base's sektor
    unreadable and every old problem of its enheter look new."""
    extra = committed / "perioder/2020-08-31/enheter/alafors-skola.yaml"  # an old error: no such enhet
    extra.write_text((committed / "perioder/2020-08-31/enheter/nolskolan.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    _git(committed, "add", "-A")
    _git(committed, "commit", "-q", "-m", "gammalt fel")
    _git(committed, "mv", "sektorer/utbildning.yaml", "sektorer/utbildning.yml")
    _git(committed, "commit", "-q", "-m", "byt filändelse")
    result = ale(capsys, "validate", "--changed-since", "HEAD~1", cwd=committed)
    assert (result.code, result.out) == (0, "Inga fel (1 fil kontrollerad).\n")


def test_a_warning_made_an_error_in_ale_yaml_is_reported(capsys: pytest.CaptureFixture[str],
                                                         committed: Path) -> None:
    """The kalender's old ALE411 warning is an error once ale.yaml says so: main would fail after the merge."""
    config = committed / "ale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "diagnostik: {ALE411: fel}\n", encoding="utf-8")
    result = ale(capsys, "validate", "--changed-since", "HEAD", cwd=committed)
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("kalender/2020.yaml:5:13: ALE411 mötet 2020-10-31")


def test_the_change_is_reckoned_from_where_the_branch_left(capsys: pytest.CaptureFixture[str],
                                                            committed: Path) -> None:
    """main fixed and changed files after the branch was made: that is not the pull request's change."""
    _main_moves_on(committed)
    note = committed / "perioder/2020-08-31/enheter/ahaga-skola.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("bedömningar:", "# ändrad\nbedömningar:"),
                    encoding="utf-8")
    _git(committed, "commit", "-q", "-am", "pr")
    _git(committed, "checkout", "-q", "main")
    other = committed / "perioder/2020-08-31/enheter/nolskolan.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart"),
                     encoding="utf-8")
    _git(committed, "commit", "-q", "-am", "main")
    _git(committed, "checkout", "-q", "pr")
    result = ale(capsys, "validate", "--changed-since", "main", cwd=committed)
    assert (result.code, result.out) == (0, "Inga fel (1 fil kontrollerad).\n")


def test_a_name_at_the_base_that_the_walk_reports_is_not_new(capsys: pytest.CaptureFixture[str],
                                                             committed: Path) -> None:
    """A top folder named in capitals, a link out of the repository and a file name that is not UTF-8, all
    there before the change: each is reported by plain `ale validate`, none is the change's."""
    (committed / "Kalender").mkdir()
    (committed / "Kalender/2021.yaml").write_text("möten: []\n", encoding="utf-8")
    (committed / "kalender/extern.yaml").symlink_to("/etc/hostname")
    (committed / os.fsdecode(b"kalender/\xe5r.yaml")).write_text("möten: []\n", encoding="utf-8")
    _git(committed, "add", "-A")
    _git(committed, "commit", "-q", "-m", "namn")
    assert ale(capsys, "validate", cwd=committed).code == 1
    note = committed / "perioder/2020-08-31/enheter/nolskolan.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("Terminen startade väl.", "Terminen gick bra."),
                    encoding="utf-8")
    result = ale(capsys, "validate", "--changed-since", "HEAD", cwd=committed)
    assert (result.code, result.out) == (0, "Inga fel (1 fil kontrollerad).\n")


def test_an_old_problem_whose_message_names_a_moved_line_is_not_new(capsys: pytest.CaptureFixture[str],
                                                                     committed: Path) -> None:
    """ALE302 names where the id stands first ('finns redan (sektorer/bygg.yaml:10)'): a comment added above it
    moves that line, not the problem."""
    bygg = committed / "sektorer/bygg.yaml"
    bygg.write_text("namn: Sektor bygg\nsektorchef: Per Holm\nnämnd: utbildning\nverksamheter:\n"
                    "  - id: bygglov\n    namn: Bygglov\n    verksamhetschef: Lena Ek\n    enheter:\n"
                    "      - {id: nolskolan, namn: Nolskolan, chef: Olof Ek}\n", encoding="utf-8")
    _git(committed, "add", "-A")
    _git(committed, "commit", "-q", "-m", "gammalt fel")
    before = ale(capsys, "validate", cwd=committed).out
    assert "ALE302 enheten 'nolskolan' finns redan (sektorer/bygg.yaml:9)" in before
    bygg.write_text("# Sektorn bildades 2020.\n" + bygg.read_text(encoding="utf-8"), encoding="utf-8")
    result = ale(capsys, "validate", "--changed-since", "HEAD", cwd=committed)
    assert [line for line in result.out.splitlines() if "ALE302" in line] == []
