"""`ale validate`: every diagnostic of the repository, limited to PATH… when given.

Which diagnostics count, in order: with `--changed-since REV` those of the changed files and those the change
causes elsewhere; then ale.yaml's `diagnostik:` (a warning made an error, or turned off), then `--select`/`--ignore`
CODE on the command line, then PATH….
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ale_cli import changes
from ale_cli.commands.common import resolve_root, write_stdout
from ale_cli.diagnostics import Diagnostic, Severity
from ale_cli.errors import FINDINGS, UsageProblem
from ale_cli.files import why
from ale_cli.pipeline import Checked
from ale_cli.pipeline import run as run_pipeline
from ale_cli.reporters import REPORTERS, resolve_format, step_summary

_CODE = re.compile(r"ALE\d{1,3}")


def run(paths: list[Path], repo: Path | None, format: str, strict: bool, select: Sequence[str] = (),
        ignore: Sequence[str] = (), environ: Mapping[str, str] = os.environ, changed_since: str | None = None,
        cache: Path | None = None) -> int:
    root = resolve_root(repo)
    selected = [_relative(root, path) for path in paths]
    chosen, ignored = _codes(select, "--select"), _codes(ignore, "--ignore")
    checked = run_pipeline(root, cache)
    diagnostics = configured(checked.diagnostics, _settings(checked))
    files = checked.repo.files
    if changed_since is not None:
        commit = changes.base(root, changed_since)
        changed = changes.changed_files(root, commit)

        def at_base(folder: Path, files: list[tuple[str, Path]] | None) -> list[Diagnostic]:
            then = run_pipeline(folder, cache, checked.repo, files)
            return configured(then.diagnostics, _settings(then))  # as ale.yaml said then

        diagnostics = changes.caused_by_change(diagnostics, changes.diagnostics_at(root, commit, at_base, changed),
                                               changed)
        files = [f for f in files if f in changed]
    shown = [d for d in diagnostics
             if (not selected or any(_under(d.path, s) for s in selected))
             and (not chosen or _matches(d.code, chosen)) and not _matches(d.code, ignored)]
    files = [f for f in files if not selected or any(_under(f, s) for s in selected)]
    name = resolve_format(format, environ)
    write_stdout(REPORTERS[name](shown, len(files), root, files=files, strict=strict))
    if name == "github" and environ.get("GITHUB_ACTIONS") == "true" and environ.get("GITHUB_STEP_SUMMARY"):
        _write_summary(environ["GITHUB_STEP_SUMMARY"], step_summary(shown, len(files), strict=strict))
    failing = any(d.is_error or strict for d in shown)
    return FINDINGS if failing else 0


def _write_summary(path: str, summary: str) -> None:
    """The Markdown summary appended to $GITHUB_STEP_SUMMARY. It only repeats the report, which is written by
    now: a file that cannot be written is said on stderr, and the exit code is the check's."""
    try:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(summary)
    except OSError as error:
        sys.stderr.write(f"ale: varning: sammanfattningen kunde inte skrivas till GITHUB_STEP_SUMMARY ({path}: "
                         f"{why(error, writing=True)}); kontrollen påverkas inte.\n")


def _settings(checked: Checked) -> Mapping[str, str]:
    return checked.repo.config.model.diagnostik if checked.repo.config else {}


def configured(diagnostics: Iterable[Diagnostic], settings: Mapping[str, str]) -> list[Diagnostic]:
    """ale.yaml's `diagnostik:` applied: `fel` makes a warning an error, `av` turns a warning off.

    An error stays an error whatever the setting: data that does not parse or does not link cannot be
    reported on, and `ale report` refuses it anyway. The diagnostic says so, where it is shown.
    """
    result = []
    for d in diagnostics:
        setting = settings.get(d.code)
        if setting is None or setting == d.severity.value:
            result.append(d)
        elif d.is_error:
            note = f"ale.yaml säger '{d.code}: {setting}', men {d.code} är ett fel och kan inte sänkas"
            result.append(dataclasses.replace(d, hint=f"{d.hint}; {note}" if d.hint else note))
        elif setting == "fel":
            result.append(dataclasses.replace(d, severity=Severity.ERROR))
    return result


def _codes(values: Sequence[str], option: str) -> list[str]:
    """Codes from repeated or comma-separated options; a prefix (ALE4) stands for every code under it."""
    codes = [code.strip().upper() for value in values for code in value.split(",") if code.strip()]
    for code in codes:
        if not _CODE.fullmatch(code):
            raise UsageProblem(f"{option}: '{code}' är ingen diagnostikkod; koderna skrivs som ALE203 "
                               "(eller ALE2 för alla ALE2xx)")
    return codes


def _matches(code: str, prefixes: Sequence[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def _relative(root: Path, path: Path) -> str:
    absolute = Path(os.path.realpath(path))  # Path.resolve raises on a link that loops
    if not absolute.is_relative_to(root):
        raise UsageProblem(f"'{path}' ligger inte i datarepositoriet {root}")
    if not os.path.lexists(absolute):
        raise UsageProblem(f"'{path}' finns inte")
    relative = absolute.relative_to(root).as_posix()
    return "" if relative == "." else relative


def _under(file: str, selected: str) -> bool:
    return not selected or file == selected or file.startswith(selected + "/")
