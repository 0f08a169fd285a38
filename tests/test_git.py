"""Git is run by its full path from PATH's absolute folders: never a `git` planted in the data repository."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from ale_cli import git
from ale_cli.source import swedish_time
from tests.cli_helpers import ale


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(os.name == "nt", reason="the planted program is a shell script")
def test_a_git_in_the_current_folder_is_never_run(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(base_repo, *args)
    head = _git(base_repo, "rev-parse", "HEAD")
    ran = tmp_path / "ran"
    planted = base_repo / "git"  # in the folder ale is run from, as a pull request could add it
    planted.write_text(f"#!/bin/sh\ntouch '{ran}'\nexit 1\n", encoding="utf-8")
    planted.chmod(planted.stat().st_mode | stat.S_IXUSR)
    # an empty or relative PATH entry is the current folder, where Windows looks first in any case
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", os.environ["PATH"]]))
    monkeypatch.chdir(base_repo)
    report = ale(capsys, "report", "--period", "2020-08-31", "--format", "json")
    cached = ale(capsys, "validate", "--cache", tmp_path / "cache")
    changed = ale(capsys, "validate", "--changed-since", "HEAD")
    assert not ran.exists()
    assert json.loads(report.out)["källa"]["commit"] == head[:12]
    assert (cached.code, changed.code) == (0, 0)


def test_only_absolute_folders_of_path_are_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = git.program()
    assert real is not None and os.path.isabs(real)
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", "bin"]))
    assert git.program() is None
    monkeypatch.setenv("PATH", os.pathsep.join([".", os.path.dirname(real)]))
    assert git.program() == real


def test_without_path_the_systems_default_folders_are_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PATH")
    found = [os.path.join(folder, "git") for folder in os.defpath.split(os.pathsep)
             if os.path.isabs(folder) and os.path.isfile(os.path.join(folder, "git"))]
    assert git.program() == (found[0] if found else None)


def test_changed_since_without_git_says_so(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "ingenting"))
    result = ale(capsys, "validate", "--repo", base_repo, "--changed-since", "HEAD")
    assert (result.code, result.err) == (2, "ale: --changed-since kräver Git, som inte finns i PATH här\n")


def _changed(capsys: pytest.CaptureFixture[str], repo: Path) -> bool:
    report = ale(capsys, "report", "--repo", repo, "--period", "2020-08-31", "--format", "json")
    assert report.code == 0, report.err
    changed: bool = json.loads(report.out)["källa"]["ändrad"]
    return changed


def test_the_report_differs_from_its_commit_only_by_what_it_reads(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path, tmp_path: Path) -> None:
    """'med ändringar som inte är incheckade' when the data read is not the commit's, and only then: another
    checkout of the same commit must give the same report."""
    top = tmp_path / "top"  # the data repository in a folder of a larger Git repository
    top.mkdir()
    data = base_repo.rename(top / "data")
    (top / "README.md").write_text("Kommunens repositorium\n", encoding="utf-8")
    (data / ".gitignore").write_text(".ale-cache/\nperioder/2020-12-31/\n", encoding="utf-8")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(top, *args)
    assert _changed(capsys, data) is False
    # what the report does not read: a note beside the data, the cache, a file above the data repository
    (data / "perioder/2020-08-31/enheter/anteckning.txt").write_text("att göra\n", encoding="utf-8")
    (data / ".ale-cache").mkdir()
    (data / ".ale-cache/00.json").write_text("{}", encoding="utf-8")
    (top / "README.md").write_text("Ändrad\n", encoding="utf-8")
    assert _changed(capsys, data) is False
    # a data file Git ignores is read, and is in no checkout of the commit
    december = data / "perioder/2020-12-31/namnder/utbildning.yaml"
    december.parent.mkdir(parents=True)
    december.write_text("ekonomi: {utfall: 400000}\n", encoding="utf-8")
    assert _changed(capsys, data) is True
    shutil.rmtree(data / "perioder/2020-12-31")
    note = data / "perioder/2020-08-31/enheter/nolskolan.yaml"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("Terminen startade väl.", "Terminen startade."), encoding="utf-8")
    assert _changed(capsys, data) is True  # a data file changed
    note.unlink()
    assert _changed(capsys, data) is True  # and one gone
    note.write_text(text, encoding="utf-8")
    assert _changed(capsys, data) is False


def test_a_data_repository_git_ignores_whole_differs_from_the_commit(capsys: pytest.CaptureFixture[str],
                                                                     base_repo: Path, tmp_path: Path) -> None:
    """The commit above holds none of the data: Git says so of the folder, not of each file."""
    top = tmp_path / "top"
    top.mkdir()
    data = base_repo.rename(top / "data")
    (top / ".gitignore").write_text("data/\n", encoding="utf-8")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(top, *args)
    assert _changed(capsys, data) is True


def test_what_the_report_does_not_read_does_not_change_it(capsys: pytest.CaptureFixture[str],
                                                          base_repo: Path) -> None:
    """The data repository's templates shape a Markdown report only; a YAML file outside the data folders is no
    data."""
    (base_repo / "templates").mkdir()
    (base_repo / "templates/report.md.j2").write_text("ändrad: {{ r['källa']['ändrad'] }}\n", encoding="utf-8")
    (base_repo / "anteckningar").mkdir()
    (base_repo / "anteckningar/möte.yaml").write_text("a: 1\n", encoding="utf-8")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(base_repo, *args)
    (base_repo / "templates/report.md.j2").write_text("ändrad: {{ r['källa']['ändrad'] }}!\n", encoding="utf-8")
    (base_repo / "anteckningar/möte.yaml").unlink()
    assert _changed(capsys, base_repo) is False  # JSON is the view itself, without templates
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert markdown.out.endswith("ändrad: True!\n")  # the Markdown is rendered with the changed template


def test_the_report_names_the_commit_of_its_data_whatever_git_variables_say(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Git hook has GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE set for the repository it runs in: the report
    still names the commit its data comes from, and its date, as it does run anywhere else."""
    top = tmp_path / "top"  # the data repository in a folder of a larger Git repository
    top.mkdir()
    data = base_repo.rename(top / "data")
    dated = {**os.environ, "GIT_COMMITTER_DATE": "2020-10-01T12:00:00+02:00"}
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=top,
                       env=dated, check=True, capture_output=True)
    head = _git(top, "rev-parse", "HEAD")
    other = tmp_path / "annat"
    other.mkdir()
    for args in (("init", "-q"), ("commit", "-q", "--allow-empty", "-m", "annat")):
        _git(other, *args)
    source = {"commit": head[:12], "ändrad": False, "datum": "2020-10-01"}
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))  # a hook of another repository
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    report = ale(capsys, "report", "--repo", data, "--period", "2020-08-31", "--format", "json")
    assert json.loads(report.out)["källa"] == source
    monkeypatch.setenv("GIT_DIR", ".git")  # a hook of this one, relative to the top of its work tree
    monkeypatch.delenv("GIT_WORK_TREE")
    monkeypatch.delenv("GIT_INDEX_FILE")
    report = ale(capsys, "report", "--repo", data, "--period", "2020-08-31", "--format", "json")
    assert json.loads(report.out)["källa"] == source


def test_a_signed_commit_gives_its_date_whatever_the_users_git_config(capsys: pytest.CaptureFixture[str],
                                                                      base_repo: Path, tmp_path: Path) -> None:
    """With log.showSignature in the user's Git config, Git prints the check of a signed commit (a merge made in
    GitHub's web interface is signed) before its date: the report still carries the commit's date, in the
    Markdown, the view and the PDF."""
    dated = {**os.environ, "GIT_COMMITTER_DATE": "2020-10-01T12:00:00+02:00"}
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=base_repo,
                       env=dated, check=True, capture_output=True)
    header, _, message = _git(base_repo, "cat-file", "commit", "HEAD").partition("\n\n")
    signature = "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lH\n -----END SSH SIGNATURE-----"
    signed = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=base_repo, check=True,
                            capture_output=True, input=f"{header}\n{signature}\n\n{message}\n".encode()).stdout
    _git(base_repo, "update-ref", "HEAD", signed.decode().strip())
    _git(base_repo, "config", "log.showSignature", "true")  # as in the user's ~/.gitconfig
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "json")
    assert json.loads(report.out)["källa"] == {"commit": signed.decode()[:12], "ändrad": False,
                                               "datum": "2020-10-01"}
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert f"Underlag: Git-commit `{signed.decode()[:12]}`, 2020-10-01." in markdown.out.splitlines()
    pdf = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "pdf",
              "-o", tmp_path / "rapport.pdf")
    assert pdf.code == 0, pdf.err
    info = PdfReader(tmp_path / "rapport.pdf").metadata
    assert info is not None and info["/CreationDate"] == "D:20201001100000Z"  # the commit's moment, in UTC


def test_a_copy_without_git_differs_only_in_the_source(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                       tmp_path: Path) -> None:
    """As docs/report.md says: without .git the report says it has no commit and no date, and is otherwise the
    commit's, byte for byte."""
    dated = {**os.environ, "GIT_COMMITTER_DATE": "2020-10-01T12:00:00+02:00"}
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=base_repo,
                       env=dated, check=True, capture_output=True)
    head = _git(base_repo, "rev-parse", "HEAD")[:12]
    copy = Path(shutil.copytree(base_repo, tmp_path / "kopia", ignore=shutil.ignore_patterns(".git")))
    reports = {repo: (ale(capsys, "report", "--repo", repo, "--period", "2020-08-31").out,
                      ale(capsys, "report", "--repo", repo, "--period", "2020-08-31", "--format", "json").out)
               for repo in (base_repo, copy)}
    (markdown, view), (copied_markdown, copied_view) = reports[base_repo], reports[copy]
    assert f"Underlag: Git-commit `{head}`, 2020-10-01." in markdown.splitlines()
    assert copied_markdown == markdown.replace(f"Underlag: Git-commit `{head}`, 2020-10-01.",
                                               "Underlag: ingen Git-commit.")
    assert json.loads(copied_view) == {**json.loads(view),
                                       "källa": {"commit": None, "ändrad": False, "datum": None}}


def test_a_repository_git_will_not_read_is_told(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git refuses a repository owned by another user (safe.directory, as in a CI container) or of a newer
    format: the report then has no commit, as a copy without Git, and ale says why with Git's own words."""
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(base_repo, *args)
    monkeypatch.setenv("LC_ALL", "C")  # Git's message in English, as it is compared here
    _git(base_repo, "config", "core.repositoryformatversion", "99")
    said = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=base_repo, capture_output=True, text=True).stderr
    assert said.startswith("fatal: ")
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert (report.code, report.out.splitlines()[5]) == (0, "Underlag: ingen Git-commit.")
    assert report.err == (
        "ale: varning: Git läser inte repositoriet som datat ligger i, så rapporten anger ingen commit:\n"
        f"    {said.strip()}\n"
        "    tips: rätta det Git säger och skapa rapporten igen\n")
    # a copy without Git, and a repository before its first commit, have no commit to tell of
    copy = Path(shutil.copytree(base_repo, tmp_path / "kopia", ignore=shutil.ignore_patterns(".git")))
    assert ale(capsys, "report", "--repo", copy, "--period", "2020-08-31").err == ""
    _git(copy, "init", "-q")
    assert ale(capsys, "report", "--repo", copy, "--period", "2020-08-31").err == ""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a folder away")
def test_a_repository_of_another_user_is_told(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(base_repo, *args)
    for folder, _, files in os.walk(base_repo):
        for name in [folder, *(os.path.join(folder, file) for file in files)]:
            os.chown(name, 4242, 4242)
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)  # no safe.directory of this machine's
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert (report.code, report.out.splitlines()[5]) == (0, "Underlag: ingen Git-commit.")
    assert report.err.splitlines()[:2] == [
        "ale: varning: Git läser inte repositoriet som datat ligger i, så rapporten anger ingen commit:",
        f"    fatal: detected dubious ownership in repository at '{base_repo.resolve()}'"]


@pytest.mark.parametrize(("committed", "datum"), [
    ("2020-09-29T23:30:00Z", "2020-09-30"),  # half past one at night in Sweden, summer time
    ("2020-12-31T23:30:00Z", "2021-01-01"),  # and in winter
    ("2020-10-01T12:00:00+02:00", "2020-10-01"),
    ("2020-10-01T01:30:00+05:00", "2020-09-30"),  # made elsewhere: what the clock showed in Sweden then
])
def test_the_reports_date_is_the_commits_day_in_sweden(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                        committed: str, datum: str) -> None:
    """A commit made after midnight in Sweden was dated the day before, in UTC."""
    dated = {**os.environ, "GIT_COMMITTER_DATE": committed, "GIT_AUTHOR_DATE": committed}
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=base_repo,
                       env=dated, check=True, capture_output=True)
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "json")
    assert json.loads(report.out)["källa"]["datum"] == datum


def test_swedish_time_changes_with_the_eus_clocks() -> None:
    utc = dt.UTC
    assert [swedish_time(dt.datetime(*moment, tzinfo=utc)).isoformat() for moment in [
        (2020, 3, 29, 0, 59, 59), (2020, 3, 29, 1, 0), (2020, 10, 25, 0, 59, 59), (2020, 10, 25, 1, 0),
        (9999, 12, 31, 23, 30)]] == [
        "2020-03-29T01:59:59+01:00", "2020-03-29T03:00:00+02:00", "2020-10-25T02:59:59+02:00",
        "2020-10-25T02:00:00+01:00", "9999-12-31T23:30:00+00:00"]


@pytest.mark.parametrize("epoch", ["abc", "-5", "99999999999999", "1.5e9"])
def test_a_source_date_epoch_that_is_no_date_is_a_usage_error_in_report_and_calendar(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    """The report ignored a wrong value, or stopped with an internal error on one past year 9999, where the
    calendar refused it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    told = (f"ale: SOURCE_DATE_EPOCH: '{epoch}' är inget heltal (sekunder sedan 1970) för ett datum mellan år 1970 "
            "och 9999\n")
    output = base_repo.parent / "rapport.md"
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", output)
    assert (report.code, report.err, output.exists()) == (2, told, False)
    calendar = ale(capsys, "calendar", "--repo", base_repo, "--format", "ics", "--from", "2020-09-01",
                   "--to", "2020-09-30")
    assert (calendar.code, calendar.err) == (2, told)
