"""`ale status`: who has delivered what for a period, missing first."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ale_cli.commands.common import require_period, resolve_root, valid_repository, write_stdout
from ale_cli.completeness import Requirement, requirements
from ale_cli.errors import FINDINGS
from ale_cli.periods import REPORT_NAMES, periodtyp
from ale_cli.render_md import escape_markdown

Renderer = Callable[[list[Requirement], str], str]


def run(period_text: str, nämnd: str | None, format: str, repo: Path | None) -> int:
    root = resolve_root(repo)
    period = require_period(period_text)
    checked = valid_repository(root, nämnd)
    if checked is None:
        return FINDINGS
    rows = [r for r in requirements(checked.repo, checked.index, period) if nämnd is None or r.nämnd == nämnd]
    rows.sort(key=lambda r: (r.uppfyllt, r.nämnd, _LEVELS.index(r.nivå), r.id, r.vad))
    title = f"{REPORT_NAMES[periodtyp(period)]} {period.isoformat()}"
    write_stdout(RENDERERS[format](rows, title))
    return FINDINGS if any(not r.uppfyllt for r in rows) else 0


_LEVELS = ["bolag", "nämnd", "sektor", "verksamhet", "enhet"]


def _summary(rows: list[Requirement]) -> str:
    missing = sum(1 for r in rows if not r.uppfyllt)
    if not missing:
        return f"Komplett: alla {len(rows)} uppgifter är levererade."
    return f"{missing} av {len(rows)} uppgifter saknas."


def _table(rows: list[Requirement], title: str) -> str:
    table = Table(title=f"Leveranser: {title}", title_justify="left")
    for header in ("Status", "Nämnd", "Nivå", "Namn", "Uppgift", "Datum / fil"):
        table.add_column(header, overflow="fold")
    for r in rows:
        status = "[green]levererat[/]" if r.uppfyllt else "[red]saknas[/]"
        table.add_row(status, r.nämnd, r.nivå, _plain(r.namn), r.vad, r.detalj or ("" if r.uppfyllt else r.fil))
    buffer = io.StringIO()
    console = Console(file=buffer, width=None, highlight=False, soft_wrap=False)
    console.print(table)
    console.print(_summary(rows))
    return buffer.getvalue()


def _plain(text: str) -> str:
    return text.replace("[", r"\[")


def _json(rows: list[Requirement], title: str) -> str:
    document = {"rubrik": title, "uppgifter": [r.as_dict() for r in rows],
                "saknas": sum(1 for r in rows if not r.uppfyllt)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _md(rows: list[Requirement], title: str) -> str:
    lines = [f"# Leveranser: {escape_markdown(title)}", "", "| Status | Nämnd | Nivå | Namn | Uppgift | Datum / fil |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        status = "✅ levererat" if r.uppfyllt else "❌ saknas"
        where = r.detalj or ("" if r.uppfyllt else f"`{r.fil}`")
        lines.append(f"| {status} | {escape_markdown(r.nämnd)} | {r.nivå} | {escape_markdown(r.namn)} | "
                     f"{escape_markdown(r.vad)} | {where} |")
    return "\n".join([*lines, "", _summary(rows), ""])


RENDERERS: dict[str, Renderer] = {"table": _table, "json": _json, "md": _md}
