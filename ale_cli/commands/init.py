"""`ale init DIR`: a new data repository that validates clean, with CI, pre-commit and editor settings."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ale_cli import scaffold
from ale_cli.commands.common import write_lines, write_output
from ale_cli.errors import FINDINGS, UsageProblem


def run(directory: Path, kommun: str, kommunkod: str, år: int) -> int:
    if not kommun.strip():
        raise UsageProblem("--kommun: ange kommunens namn, till exempel 'Ale kommun'")
    if not re.fullmatch(r"[0-9]{4}", kommunkod):
        raise UsageProblem(f"--kommunkod: '{kommunkod}' är ingen kommunkod; den har fyra siffror, till exempel 1440")
    if not 1900 <= år <= 2999:
        raise UsageProblem(f"--år: {år} är inget år i formen ÅÅÅÅ")
    if directory.exists() and not directory.is_dir():
        print(f"ale: '{directory}' är en fil, inte en mapp; inget skrevs.", file=sys.stderr)
        return FINDINGS
    # a clone of a new, empty repository from the kommun's Git server holds only .git: that is the usual start
    if directory.is_dir() and any(item.name != ".git" for item in directory.iterdir()):
        print(f"ale: mappen '{directory}' är inte tom; inget skrevs. Välj en ny eller tom mapp, eller en klon av "
              "ett tomt Git-repositorium.", file=sys.stderr)
        return FINDINGS
    cloned = (directory / ".git").exists()
    files = scaffold.files(kommun.strip(), kommunkod, år)
    for written, (relative, content) in enumerate(files.items()):
        write_output(directory / relative, content.encode("utf-8"), then=f"{written} av {len(files)} filer skrevs")
    write_lines(
        f"Skapade ett datarepositorium för {kommun.strip()} i {directory} ({len(files)} filer).",
        "Nästa steg:",
        f"  cd \"{directory}\"",
        # the branch the workflow checks pushes to: a plain `git init` may name it master
        *([] if cloned else ["  git init -b main"]),
        "  ändra 'pip install' i .github/workflows/ale.yml och .gitlab-ci.yml (och i README.md) till platsen "
        "där ni hämtar ale",
        f"  fyll i verksamhetsplan/{år}.yaml, lägg till nämnder och sektorer (se README.md)",
        "  ale validate",
    )
    return 0
