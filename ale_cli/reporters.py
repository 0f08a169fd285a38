"""Reporters for `ale validate`, registered by name and chosen with `--format`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ale_cli.diagnostics import Diagnostic

Reporter = Callable[[Sequence[Diagnostic], int, Path], str]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(function: Reporter) -> Reporter:
        REPORTERS[name] = function
        return function

    return register


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(diagnostics: Sequence[Diagnostic], checked: int) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    files = _plural(checked, "fil kontrollerad", "filer kontrollerade")
    if not diagnostics:
        return f"Inga fel ({files})."
    places = _plural(len({d.path for d in diagnostics}), "fil", "filer")
    return f"{_plural(errors, 'fel', 'fel')} och {_plural(warnings, 'varning', 'varningar')} i {places} ({files})."


def text_line(d: Diagnostic) -> str:
    kind = "" if d.is_error else "varning: "
    line = f"{d.path}:{d.line}:{d.column}: {d.code} {kind}{d.message}"
    return f"{line}\n    tips: {d.hint}" if d.hint else line


@reporter("text")
def text(diagnostics: Sequence[Diagnostic], checked: int, root: Path) -> str:
    return "".join(text_line(d) + "\n" for d in diagnostics) + summary(diagnostics, checked) + "\n"


@reporter("json")
def as_json(diagnostics: Sequence[Diagnostic], checked: int, root: Path) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    document = {
        "diagnostiker": [d.as_dict() for d in diagnostics],
        "sammanfattning": {"fel": errors, "varningar": len(diagnostics) - errors, "filer": checked},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def github(diagnostics: Sequence[Diagnostic], checked: int, root: Path) -> str:
    """GitHub Actions workflow commands, then the text report: GitHub shows only the first annotations."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        workspace_path = Path(os.path.relpath(root / d.path)).as_posix()
        properties = (f"file={_escape_property(workspace_path)},line={d.line},col={d.column},"
                      f"title={_escape_property(d.code)}")
        message = f"{d.message}\n{d.hint}" if d.hint else d.message
        lines.append(f"::{command} {properties}::{_escape_data(message)}\n")
    return "".join(lines) + text(diagnostics, checked, root)
