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
from ale_cli.walk import CONFIG_FILE, KNOWN_FOLDERS, SUFFIXES


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


Check = Callable[[Path, "list[tuple[str, Path]] | None"], list[Diagnostic]]


def diagnostics_at(root: Path, rev: str, check: Check, changed: set[str]) -> list[Diagnostic]:
    """`check` run on the data repository as it was at `rev`.

    The files `changed` since `rev` are written from Git into a temporary folder; every other file is the same
    as in the work tree and is read there (`check` gets the folder and the list of files). A tree with links or
    submodules, or a folder named like a data file, is unpacked whole instead, so that it is walked as any
    repository is."""
    commit = _revision(root, rev)
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())  # archive limits itself to its cwd
    tree = f"{commit}:{prefix}" if prefix else commit
    try:
        _git(top, "rev-parse", "--verify", "--quiet", tree)
    except UsageProblem:
        return []  # the data repository's folder did not exist at `rev`: everything in it is new
    entries = _entries(top, tree)
    if CONFIG_FILE not in entries:
        return []  # the data repository did not exist at `rev`: everything is new
    with tempfile.TemporaryDirectory(prefix="ale-bas-") as folder:
        files = _data_files(entries)
        if files is None or any(mode not in _PLAIN for mode, _ in entries.values()):
            _unpack(top, tree, Path(folder))
            return check(Path(folder), None)
        from_git = [rel for rel in files if rel in changed]
        for rel, content in zip(from_git, _blobs(top, [entries[rel][1] for rel in from_git]), strict=True):
            path = Path(folder, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return check(Path(folder), [(rel, Path(folder, rel) if rel in changed else root / rel) for rel in files])


_PLAIN = ("100644", "100755")  # a file; 120000 is a link, 160000 a submodule


def _entries(top: Path, tree: str) -> dict[str, tuple[str, str]]:
    """Every file of the tree: its path, its mode and its blob."""
    listing = _git(top, "ls-tree", "-r", "-z", tree).decode("utf-8")
    entries = {}
    for line in filter(None, listing.split("\0")):
        info, path = line.split("\t", 1)
        mode, _, blob = info.split()
        entries[path] = (mode, blob)
    return entries


def _data_files(entries: dict[str, tuple[str, str]]) -> list[str] | None:
    """The files the walk (walk.py) would find in this tree, sorted; None when a folder is named like a data
    file (the walk reports such a folder where it stands)."""
    found = []
    for path in entries:
        parts = path.split("/")
        if not (parts[0] in KNOWN_FOLDERS and len(parts) > 1 or path in (CONFIG_FILE, "ale.yml")):
            continue
        if any(part.lower().endswith(SUFFIXES) for part in parts[:-1]):
            return None
        if any(part.startswith(".") for part in parts[1:-1]) or not parts[-1].lower().endswith(SUFFIXES):
            continue
        found.append(path)
    return sorted(found)


def _blobs(top: Path, blobs: list[str]) -> list[bytes]:
    """The contents of the blobs, in order, from one `git cat-file --batch`."""
    if not blobs:
        return []
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input="".join(f"{b}\n" for b in blobs).encode(),
                              capture_output=True, timeout=120, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        raise UsageProblem(f"--changed-since: git cat-file misslyckades ({error})") from None
    contents, output, at = [], done.stdout, 0
    for _ in blobs:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        contents.append(output[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1
    return contents


def _unpack(top: Path, tree: str, folder: Path) -> None:
    archive = _git(top, "archive", "--format=tar", tree)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(folder, filter="data")
        else:  # pragma: no cover - the archive is Git's own, of the repository's tracked files
            tar.extractall(folder)


def caused_by_change(current: list[Diagnostic], before: list[Diagnostic], changed: set[str]) -> list[Diagnostic]:
    """The diagnostics in changed files, and the new ones in unchanged files."""
    known = set(before)
    return [d for d in current if d.path in changed or d not in known]
