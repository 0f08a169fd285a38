"""Where the data files are: the repository found by its ale.yaml, and its .yaml files walked in order.

Kept apart from repository.py (what the files become) so that a command can find the repository and count its
files without loading the models.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ale_cli.diagnostics import Diagnostic, Severity

CONFIG_FILE = "ale.yaml"
KNOWN_FOLDERS = ("verksamhetsplan", "namnder", "sektorer", "perioder", "kalender")
TOP_NAMES = (CONFIG_FILE, "ale.yml", *KNOWN_FOLDERS)  # what the walk reads at the repository's top
SUFFIXES = (".yaml", ".yml")  # of a data file, in any case: `.YAML` is found, and its name reported
# A data file saved under another name, which would be silently left out: `x.yaml.txt` (Notepad's Save as),
# `x.yaml.bak`, `x.yaml.orig` (a merge tool), `x.json`. Other files (README.md, .gitkeep, a PDF) are no data.
_SAVED_AS = re.compile(r"(?P<stem>.+?)(?:\.ya?ml\.[a-z0-9]+|\.json)", re.IGNORECASE)


def _saved_as_hint(path: str, stem: str) -> str:
    """A file beside the one it was saved from (`namnd.yaml.orig`, which a merge tool leaves with the conflict in
    it; `namnd.yaml.bak`) is a copy to remove, not one to rename over it."""
    folder = os.path.dirname(path)
    original = next((f"{stem}{suffix}" for suffix in SUFFIXES if os.path.exists(os.path.join(folder, stem + suffix))),
                    None)
    if original is not None:
        return f"filen ser ut som en kopia av '{original}', som finns och läses: ta bort kopian"
    return f"döp om filen till '{stem}.yaml' om den är data; annars ta bort den"


class RepositoryNotFound(Exception):
    """No ale.yaml in the folder or any folder above it; `misnamed` is the first one named in capitals instead
    (`Ale.yaml`), which Windows and macOS would open as ale.yaml and Linux would not."""

    def __init__(self, start: str, misnamed: Path | None = None) -> None:
        super().__init__(start)
        self.misnamed = misnamed


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds ale.yaml, as git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if holds_config(folder):
            return folder
        if (misnamed := config_in_capitals(folder)) is not None:
            raise RepositoryNotFound(str(start), misnamed)
    raise RepositoryNotFound(str(start))


def holds_config(folder: Path) -> bool:
    """Whether the folder holds a file named exactly ale.yaml: by its listing, so that every system agrees."""
    return (folder / CONFIG_FILE).is_file() and CONFIG_FILE in _names(folder)


def config_in_capitals(folder: Path) -> Path | None:
    """The folder's ale.yaml named in capitals (`Ale.yaml`, `ALE.YAML`), if that is what it holds."""
    return next((folder / name for name in _names(folder) if name != CONFIG_FILE and name.lower() == CONFIG_FILE),
                None)


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def count_files(root: Path) -> int:
    """How many data files the repository has, found as repository.load_repository finds them."""
    return sum(1 for _ in walk(root, []))


def walk(root: Path, diagnostics: list[Diagnostic]) -> Iterator[tuple[str, Path]]:
    """Every .yaml/.yml file of the repository, sorted, with symlinks out of it refused and never followed."""
    found: list[tuple[str, str]] = []
    walker = _Walk(str(root), os.path.realpath(root), diagnostics, found)
    try:
        names = sorted(os.listdir(root))
    except OSError:
        names = []
    # by the names the folder holds, not by joining the expected ones: Windows and macOS would find `Perioder`
    # as `perioder` and read it, Linux (the CI) would not find it at all
    for name in names:
        path = os.path.join(root, name)
        if name in TOP_NAMES:
            walker.folder(path, name, os.path.islink(path), None, (walker.real_root,))
        elif name.lower() in TOP_NAMES:
            what = "mappen" if os.path.isdir(path) else "filen"
            diagnostics.append(Diagnostic(name, 1, 1, "ALE009", f"namnet '{name}' följer inte regeln för fil- och "
                                          "mappnamn", hint=f"namn skrivs med små bokstäver: byt namn till "
                                                           f"'{name.lower()}'; till dess läses {what} inte"))
    for rel, absolute in sorted(found):
        yield rel, Path(absolute)


@dataclass
class _Walk:
    root: str
    real_root: str
    diagnostics: list[Diagnostic]
    found: list[tuple[str, str]]
    # the real folder each linked folder leads to, and the first link to it: two links to one folder would read
    # its files twice, and links to links would make the walk grow exponentially
    linked: dict[str, str] = field(default_factory=dict)

    def folder(self, path: str, rel: str, is_link: bool, is_dir: bool | None, above: tuple[str, ...]) -> None:
        """`above` holds the real folders `path` is inside, so that a link back up (`perioder/x -> ..`) ends.
        `is_dir` is None when not yet known (scandir knows it for most entries without a system call)."""
        real = None
        if is_link:
            real = os.path.realpath(path)
            if not _inside(real, self.real_root):
                return self._refuse(rel, "länken pekar ut ur datarepositoriet och följs inte",
                                    "ersätt länken med filen själv")
            if real in above:
                return self._refuse(rel, "länken pekar på en mapp som den själv ligger i och följs inte",
                                    "ta bort länken; en mapp kan inte innehålla sig själv")
            if os.path.isdir(real) and (first := self.linked.setdefault(real, rel)) != rel:
                return self._refuse(rel, f"länken pekar på samma mapp som {first} och följs inte",
                                    "ta bort den ena länken")
        name = rel.rsplit("/", 1)[-1]
        if name.lower().endswith(SUFFIXES):
            self.found.append((rel, path))  # a folder named x.yaml too: it is read, and reported, where a file is
            return                          # expected
        if name.startswith(".") or not (os.path.isdir(path) if is_dir is None else is_dir):
            if (data := _SAVED_AS.fullmatch(name)) and not name.startswith("."):
                self.diagnostics.append(Diagnostic(
                    rel, 1, 1, "ALE008", "filen läses inte: bara filer som slutar på .yaml eller .yml läses",
                    Severity.WARNING, _saved_as_hint(path, data["stem"])))
            return
        inside = (*above, real or os.path.realpath(path))
        try:
            with os.scandir(path) as entries:
                children = sorted((entry.name, entry.path, entry.is_symlink(), _is_dir(entry)) for entry in entries)
        except OSError:
            return
        for child, child_path, child_is_link, child_is_dir in children:
            self.folder(child_path, f"{rel}/{child}", child_is_link, child_is_dir, inside)

    def _refuse(self, rel: str, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(rel, 1, 1, "ALE011", message, hint=hint))


def _is_dir(entry: os.DirEntry[str]) -> bool | None:
    try:
        return entry.is_dir()
    except OSError:
        return None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

