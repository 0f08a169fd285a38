"""What a pull request changed: `ale validate --changed-since REV`.

The change is reckoned from where the branch left REV (their merge base): a pull request checked out as its own
branch, or run again after REV has moved on, is not blamed for what REV changed meanwhile. The diagnostics reported
are those in the files changed since then, and those the change causes elsewhere: a diagnostic in an unchanged file
counts when the repository at the base did not have it (a renamed enhet leaves its dialogue notes pointing
nowhere), or had it as a warning where it is now an error. The tree at the base is read from Git, never checked
out over the user's files.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from ale_cli import git
from ale_cli.diagnostics import Diagnostic, without_figures
from ale_cli.errors import UsageProblem
from ale_cli.walk import CONFIG_FILE, KNOWN_FOLDERS, SUFFIXES, TOP_NAMES


class _Refused(UsageProblem):
    """Git ran and refused (an unknown revision, no merge base), as against Git that cannot be run at all."""

    def __init__(self, message: str, returncode: int, said: list[str]) -> None:
        super().__init__(message)
        self.returncode = returncode
        self.said = said  # Git's own lines on stderr


def _git(root: Path, *args: str) -> bytes:
    try:
        done = git.run(root, *args, timeout=120)
    except git.NotFound:
        raise UsageProblem("--changed-since kräver Git, som inte finns i PATH här") from None
    except (OSError, subprocess.SubprocessError) as error:
        raise UsageProblem(f"--changed-since kräver Git, som inte kan köras här ({error})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise _Refused(f"--changed-since: git {args[0]} misslyckades: {message[-1] if message else ''}",
                       done.returncode, message)
    return done.stdout


def _revision(root: Path, rev: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except _Refused as refused:
        if refused.returncode != 1 or refused.said:  # --quiet: an unknown revision is exit 1 without a word
            said = " ".join(line.strip() for line in refused.said if line.strip())
            raise UsageProblem(f"--changed-since: Git kan inte läsa repositoriet här: {said}") from None
        raise UsageProblem(f"--changed-since: '{rev}' är ingen känd Git-revision (hämtas den i CI? "
                           "ange till exempel origin/main och hämta med fetch-depth: 0)") from None


def base(root: Path, rev: str) -> str:
    """The commit the change is reckoned from: where HEAD's history met `rev` (for GitHub's merge commit of a pull
    request, `rev` itself); `rev` when Git cannot tell (a shallow clone without the common history)."""
    commit = _revision(root, rev)
    try:
        return _git(root, "merge-base", commit, "HEAD").decode().strip() or commit
    except _Refused:
        return commit


def changed_files(root: Path, commit: str) -> set[str]:
    """Paths relative to the data repository's root that differ from `commit`, untracked files included. A
    renamed file is its old path and its new one: both differ."""
    changed = _git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", commit, "--", ".")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    return {_name(name) for name in (changed + untracked).split(b"\0") if name}


def _name(raw: bytes) -> str:
    """A path as Git gives it, as Python names files: a name that is not UTF-8 keeps its bytes (as the walk's)."""
    return os.fsdecode(raw)


Check = Callable[[Path, "list[tuple[str, Path]] | None"], list[Diagnostic]]


def diagnostics_at(root: Path, commit: str, check: Check, changed: set[str]) -> list[Diagnostic]:
    """`check` run on the data repository as it was at `commit`.

    The files `changed` since `rev` are written from Git into a temporary folder; every other file is the same
    as in the work tree and is read there (`check` gets the folder and the list of files). A tree with links or
    submodules, or a folder named like a data file, is unpacked whole instead, so that it is walked as any
    repository is."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())  # archive limits itself to its cwd
    tree = f"{commit}:{prefix}" if prefix else commit
    try:
        _git(top, "rev-parse", "--verify", "--quiet", tree)
    except _Refused:
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
    listing = _git(top, "ls-tree", "-r", "-z", tree)
    entries = {}
    for line in filter(None, listing.split(b"\0")):
        info, path = line.split(b"\t", 1)
        mode, _, blob = info.decode("ascii").split()
        entries[_name(path)] = (mode, blob)
    return entries


def _data_files(entries: dict[str, tuple[str, str]]) -> list[str] | None:
    """The files the walk (walk.py) would find in this tree, sorted; None when the walk has more to say of the
    tree than its files: a folder named like a data file, or a top folder or file named in capitals (the walk
    reports such a name where it stands)."""
    found = []
    for path in entries:
        parts = path.split("/")
        if parts[0] not in TOP_NAMES and parts[0].lower() in TOP_NAMES:
            return None
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
        done = git.run(top, "cat-file", "--batch", input="".join(f"{b}\n" for b in blobs).encode(), timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        raise UsageProblem(f"--changed-since: git cat-file misslyckades ({error})") from None
    if done.returncode != 0:
        raise UsageProblem(f"--changed-since: git cat-file misslyckades (slutkod {done.returncode})")
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
            tar.extractall(folder, filter=_links_kept)
        else:  # pragma: no cover - the archive is Git's own, of the repository's tracked files
            tar.extractall(folder)


def _links_kept(member: tarfile.TarInfo, destination: str) -> tarfile.TarInfo:
    """tarfile's `data` filter, but a link that leads out of the repository is unpacked as it stands: the walk
    refuses to follow it and reports it (ALE011), at the base as in the work tree. Nothing is written through it:
    no path of a Git tree goes through a link."""
    try:
        return tarfile.data_filter(member, destination)
    except (tarfile.AbsoluteLinkError, tarfile.LinkOutsideDestinationError):
        return member


def caused_by_change(current: list[Diagnostic], before: list[Diagnostic], changed: set[str]) -> list[Diagnostic]:
    """The diagnostics in changed files, and the new ones in unchanged files: not found at the base at the same
    place with the same severity (a warning made an error in ale.yaml is new) and the same message but for its
    figures, which may name a line of a changed file ('finns redan (sektorer/bygg.yaml:10)')."""
    known = {_alike(d) for d in before}
    return [d for d in current if d.path in changed or _alike(d) not in known]


def _alike(d: Diagnostic) -> tuple[str, int, int, str, str, str]:
    return d.path, d.line, d.column, d.code, d.severity.value, without_figures(d.message)
