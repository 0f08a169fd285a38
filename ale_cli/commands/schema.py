"""`ale schema`: write the JSON Schemas, or with --check report whether they are stale."""

from __future__ import annotations

import sys
from pathlib import Path

from ale_cli.errors import FINDINGS, UsageProblem
from ale_cli.files import atomic_write, why
from ale_cli.schemas import all_schemas


def run(directory: Path, check: bool) -> int:
    stale = []
    for name, content in all_schemas().items():
        path = directory / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == content:
            continue
        stale.append(path)
        if not check:
            try:
                atomic_write(path, content.encode("utf-8"))
            except OSError as error:
                raise UsageProblem(f"'{path}' kan inte skrivas ({why(error, writing=True)})") from None
    if check and stale:
        for path in stale:
            print(f"{path}: inaktuellt schema", file=sys.stderr)
        print("Kör 'ale schema' för att skriva om dem.", file=sys.stderr)
        return FINDINGS
    verb = "inaktuella" if check else "skrivna"
    print(f"{len(stale)} scheman {verb} i {directory}." if stale else f"Schemana i {directory} är aktuella.")
    return 0
