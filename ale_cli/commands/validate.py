"""`ale validate`: every diagnostic of the repository, limited to PATH… when given."""

from __future__ import annotations

from pathlib import Path

from ale_cli.commands.common import resolve_root, write_stdout
from ale_cli.errors import FINDINGS, UsageProblem
from ale_cli.pipeline import run as run_pipeline
from ale_cli.reporters import REPORTERS


def run(paths: list[Path], repo: Path | None, format: str, strict: bool) -> int:
    root = resolve_root(repo)
    selected = [_relative(root, path) for path in paths]
    checked = run_pipeline(root)
    shown = [d for d in checked.diagnostics if not selected or any(_under(d.path, s) for s in selected)]
    files = [f for f in checked.repo.files if not selected or any(_under(f, s) for s in selected)]
    write_stdout(REPORTERS[format](shown, len(files), root))
    failing = any(d.is_error or strict for d in shown)
    return FINDINGS if failing else 0


def _relative(root: Path, path: Path) -> str:
    absolute = path.resolve()
    if not absolute.is_relative_to(root):
        raise UsageProblem(f"'{path}' ligger inte i datarepositoriet {root}")
    if not absolute.exists():
        raise UsageProblem(f"'{path}' finns inte")
    relative = absolute.relative_to(root).as_posix()
    return "" if relative == "." else relative


def _under(file: str, selected: str) -> bool:
    return not selected or file == selected or file.startswith(selected + "/")
