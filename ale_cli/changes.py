"""What a pull request changed: `ale validate --changed-since REV`.

The diagnostics reported are those in the files changed since REV, and those the change causes elsewhere: a
diagnostic in an unchanged file counts when the repository at REV did not have it (a renamed enhet leaves its
dialogue notes pointing nowhere). The tree at REV is read from Git, never checked out over the user's files.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from ale_cli.diagnostics import Diagnostic
from ale_cli.errors import UsageProblem


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise UsageProblem(f"--changed-since kräver Git, som inte kan köras här ({error})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise UsageProblem(f"--changed-since: git {args[0]} misslyckades: {message[-1] if message else ''}")
    return done.stdout


def _revision(root: Path, rev: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except UsageProblem:
        raise UsageProblem(f"--changed-since: '{rev}' är ingen känd Git-revision (hämtas den i CI? "
                           "ange till exempel origin/main och hämta med fetch-depth: 0)") from None


def changed_files(root: Path, rev: str) -> set[str]:
    """Paths relative to the data repository's root that differ from `rev`, untracked files included."""
    commit = _revision(root, rev)
    changed = _git(root, "diff", "--name-only", "--relative", "-z", commit, "--", ".")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    return {name for name in (changed + untracked).decode("utf-8").split("\0") if name}


def diagnostics_at(root: Path, rev: str, check: Callable[[Path], list[Diagnostic]]) -> list[Diagnostic]:
    """`check` run on the data repository as it was at `rev`, unpacked into a temporary folder."""
    commit = _revision(root, rev)
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())  # archive limits itself to its cwd
    tree = f"{commit}:{prefix}" if prefix else commit
    try:
        _git(top, "rev-parse", "--verify", "--quiet", tree)
    except UsageProblem:
        return []  # the data repository's folder did not exist at `rev`: everything in it is new
    archive = _git(top, "archive", "--format=tar", tree)
    with tempfile.TemporaryDirectory(prefix="ale-bas-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                tar.extractall(folder, filter="data")
            else:  # pragma: no cover - the archive is Git's own, of the repository's tracked files
                tar.extractall(folder)
        if not (Path(folder) / "ale.yaml").is_file():
            return []  # the data repository did not exist at `rev`: everything is new
        return check(Path(folder))


def caused_by_change(current: list[Diagnostic], before: list[Diagnostic], changed: set[str]) -> list[Diagnostic]:
    """The diagnostics in changed files, and the new ones in unchanged files."""
    known = set(before)
    return [d for d in current if d.path in changed or d not in known]
