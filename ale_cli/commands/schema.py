"""`ale schema`: write the JSON Schemas, or with --check report whether they are stale."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ale_cli.commands.common import write_lines, write_output
from ale_cli.errors import FINDINGS
from ale_cli.schemas import all_schemas
from ale_cli.walk import RepositoryNotFound, find_root

SCHEMAS = "schemas"


def default_directory() -> Path:
    """The data repository's schemas/, where the .vscode/settings.json of `ale init` points, found as every command
    finds the repository (from a period's folder too); outside a data repository, schemas/ in the current folder.
    A settings file that names another folder (example-repo's names the clone's schemas/) is not read."""
    try:
        root = find_root(Path.cwd())
    except RepositoryNotFound:
        return Path(SCHEMAS)
    return Path(os.path.relpath(root / SCHEMAS))


def run(directory: Path | None, check: bool) -> int:
    directory = default_directory() if directory is None else directory
    stale: list[tuple[Path, str]] = []  # a schema to write, and why
    for name, content in all_schemas().items():
        path = directory / name
        why = _stale(path, content)
        if why is None:
            continue
        stale.append((path, why))
        if not check:
            write_output(path, content.encode("utf-8"), then="")
    if check and stale:
        for path, why in stale:
            print(f"{path}: {why}", file=sys.stderr)
        print(f"Kör 'ale schema' för att skriva om {'det' if len(stale) == 1 else 'dem'}.", file=sys.stderr)
        return FINDINGS
    written = "1 schema skrivet" if len(stale) == 1 else f"{len(stale)} scheman skrivna"
    write_lines(f"{written} i {directory}." if stale else f"Schemana i {directory} är aktuella.")
    return 0


def _stale(path: Path, content: str) -> str | None:
    """Why the schema at `path` is not `content` (a checkout's CR LF line ends are the same schema), or None."""
    if not path.is_file():
        return "schemat saknas"
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "schemat kan inte läsas"
    return None if current == content else "inaktuellt schema"
