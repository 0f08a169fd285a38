"""What the commands share: finding the repository, writing output."""

from __future__ import annotations

import sys
from pathlib import Path

from ale_cli.errors import UsageProblem
from ale_cli.repository import CONFIG_FILE, RepositoryNotFound, find_root


def resolve_root(repo: Path | None) -> Path:
    if repo is not None:
        if not (repo / CONFIG_FILE).is_file():
            raise UsageProblem(f"'{repo}' är inget datarepositorium: {CONFIG_FILE} saknas där")
        return repo.resolve()
    try:
        return find_root(Path.cwd())
    except RepositoryNotFound:
        raise UsageProblem(
            f"hittar inget datarepositorium: ingen {CONFIG_FILE} i {Path.cwd()} eller mappar ovanför; "
            "ange --repo MAPP") from None


def write_stdout(text: str) -> None:
    """Text to stdout as UTF-8 whatever the console's code page (Windows consoles default to cp1252)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    sys.stdout.flush()
