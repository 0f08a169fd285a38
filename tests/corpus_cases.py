"""The corpus of broken repositories: each case is a folder under tests/corpus/invalid/ that holds

- `files/`: files laid over a copy of tests/corpus/base (same relative paths; bytes kept as they are),
- `remove.txt` (optional): paths to delete from the copy, one a line,
- `expected.txt`: the exact diagnostics `ale validate` prints for the case, one `path:line:col: CODE message` a
  line (the text format without the hints and the summary).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import BASE, CORPUS

INVALID = CORPUS / "invalid"


def cases() -> list[Path]:
    return sorted(path for path in INVALID.iterdir() if path.is_dir())


def build(case: Path, target: Path) -> Path:
    shutil.copytree(BASE, target)
    remove = case / "remove.txt"
    if remove.exists():
        for line in remove.read_text(encoding="utf-8").splitlines():
            if line.strip():
                (target / line.strip()).unlink()
    files = case / "files"
    if files.exists():
        for source in sorted(files.rglob("*")):
            destination = target / source.relative_to(files)
            if source.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(source.read_bytes())
    return target


def expected(case: Path) -> list[str]:
    return [line for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
