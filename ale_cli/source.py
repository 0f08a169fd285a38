"""Where a report comes from: the Git commit of the data repository and its date.

The date comes from the commit (or SOURCE_DATE_EPOCH), never from the clock, so that one commit gives the
same report byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ale_cli import git
from ale_cli.errors import UsageProblem
from ale_cli.walk import TOP_NAMES


@dataclass(frozen=True)
class Source:
    """Where the report was built from: the Git commit, whether the work tree had changes, and its date."""

    commit: str | None
    ändrad: bool
    datum: str | None


def _git(root: Path, *args: str) -> str | None:
    try:
        done = git.run(root, *args, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", errors="replace").strip() if done.returncode == 0 else None


def source_of(root: Path, read: Iterable[str] = (), templates: bool = False) -> Source:
    """Where a report made from the files `read` (paths in the data repository at `root`) comes from; `templates`
    when it is rendered with the data repository's own templates/."""
    commit = _git(root, "rev-parse", "HEAD")
    changed = _differs(root, set(read), templates) if commit else False
    stamp = source_timestamp(root) if commit or os.environ.get("SOURCE_DATE_EPOCH") else None
    return Source(commit[:12] if commit else None, changed, swedish_time(stamp).date().isoformat() if stamp else None)


def swedish_time(moment: dt.datetime) -> dt.datetime:
    """The moment as a clock in Sweden shows it, whatever the machine's zone: CET, and CEST (summer time) from
    01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, as in the EU. A commit made
    at half past midnight in September is dated that day, not the day before as in UTC. Computed, not looked up:
    Windows has no zone database without the tzdata package."""
    utc = moment.astimezone(dt.UTC)
    summer = _last_sunday(utc.year, 3) <= utc < _last_sunday(utc.year, 10)
    try:
        return utc.astimezone(dt.timezone(dt.timedelta(hours=2 if summer else 1)))
    except OverflowError:  # the last hour of year 9999 (a SOURCE_DATE_EPOCH that far on): no later date to give
        return utc


def _last_sunday(year: int, month: int) -> dt.datetime:
    """01:00 UTC on the month's last Sunday, when the EU's clocks change."""
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    sunday = last - dt.timedelta(days=(last.weekday() - 6) % 7)
    return dt.datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=dt.UTC)


def git_refusal(root: Path) -> str | None:
    """What Git says where the data is in a Git repository (a `.git` at `root` or above) that Git will not read,
    so that the report can give no commit: one owned by another user (Git's safe.directory, as in a CI
    container), or of a newer format. None where Git reads it, where there is no `.git`, or no Git."""
    if not any(os.path.lexists(folder / ".git") for folder in (root, *root.parents)):
        return None
    try:
        done = git.run(root, "rev-parse", "--git-dir", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    said = done.stderr.decode("utf-8", errors="replace").strip()
    return (said or f"git avslutades med kod {done.returncode}") if done.returncode != 0 else None


def _differs(root: Path, read: set[str], templates: bool) -> bool:
    """Whether what the report was made from differs from the commit: a file it read that is changed, new, or
    ignored by Git (a checkout of the commit has no such file), a data file of the commit that is gone, or one of
    the data repository's own templates it was rendered with. A file it does not read (a note, the cache) does not
    count; where Git cannot tell, the report says it differs."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    try:
        done = git.run(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching",
                       "--", ".", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return True
    if done.returncode != 0 or prefix is None:
        return True
    fields = iter(done.stdout.decode("utf-8", errors="surrogateescape").split("\0"))
    for entry in fields:
        if len(entry) < 4:
            continue
        state, paths = entry[:2], [entry[3:]]
        if "R" in state or "C" in state:
            paths.append(next(fields, ""))  # the name it has in the commit
            state = "D"  # which is gone from the tree as it was
        for path in paths:
            if prefix.startswith(path) and path.endswith("/"):  # the data repository, or a folder it is in, whole
                return bool(read)
            if _counts(state, path.removeprefix(prefix), read, templates):
                return True
    return False


def _counts(state: str, path: str, read: set[str], templates: bool) -> bool:
    if path in read or (templates and path.startswith("templates/") and path.endswith(".j2")):
        return True
    if path.endswith("/"):  # a folder Git ignores, or has not seen, as a whole
        return any(rel.startswith(path) for rel in read)
    # a data file gone: one in the folders the data is read from (not notes, nor .gitlab-ci.yml or mkdocs.yml)
    return "D" in state and path.endswith((".yaml", ".yml")) and path.split("/", maxsplit=1)[0] in TOP_NAMES


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) when it is set: the moment a report or a calendar is dated with
    in place of the commit's. A value that is no whole number of seconds since 1970 within the years a date holds
    is a usage error, in `ale report` as in `ale calendar`."""
    text = environ.get("SOURCE_DATE_EPOCH")
    if not text:
        return None
    try:
        seconds = int(text)
        if seconds < 0:  # before 1970: Windows gives no such date
            raise ValueError(text)
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageProblem(f"SOURCE_DATE_EPOCH: '{text}' är inget heltal (sekunder sedan 1970) för ett datum "
                           "mellan år 1970 och 9999") from None


def source_timestamp(root: Path) -> dt.datetime | None:
    given = source_date_epoch()
    if given is not None:
        return given
    # without the signature check that log.showSignature (a user's Git config) would print before the date
    seconds = _git(root, "log", "-1", "--no-show-signature", "--format=%ct")
    return dt.datetime.fromtimestamp(int(seconds), tz=dt.UTC) if seconds and seconds.isdigit() else None
