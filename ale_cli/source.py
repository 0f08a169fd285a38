"""Where a report comes from: the Git commit of the data repository and its date.

The date comes from the commit (or SOURCE_DATE_EPOCH), never from the clock, so that one commit gives the
same report byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ale_cli import git


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


def source_of(root: Path) -> Source:
    commit = _git(root, "rev-parse", "HEAD")
    changed = bool(_git(root, "status", "--porcelain", "--", ".")) if commit else False
    stamp = source_timestamp(root) if commit or os.environ.get("SOURCE_DATE_EPOCH") else None
    return Source(commit[:12] if commit else None, changed, stamp.date().isoformat() if stamp else None)


def source_timestamp(root: Path) -> dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    seconds = _git(root, "log", "-1", "--format=%ct")
    return dt.datetime.fromtimestamp(int(seconds), tz=dt.UTC) if seconds and seconds.isdigit() else None
