"""`ale status`: who has delivered what for a period, missing first."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from rich.text import Text

from ale_cli.collation import sort_key
from ale_cli.columns import GAP, colour_on, console, line, rule, show, text_of, widths, wrapped
from ale_cli.commands.common import (
    overwrite_refusal,
    refuse_data_folder,
    require_period,
    resolve_root,
    valid_repository,
    write_output,
    write_stdout,
)
from ale_cli.completeness import Requirement, requirements
from ale_cli.errors import FINDINGS
from ale_cli.markdown import escape_markdown
from ale_cli.periods import REPORT_NAMES, periodtyp

Renderer = Callable[[list[Requirement], str, bool], str]  # rows, title, on a terminal


def run(period_text: str, nämnd: str | None, format: str, repo: Path | None, output: Path | None = None) -> int:
    """The period's deliveries to stdout, or to `output`: written atomically, and only over a status of the same
    format (Windows PowerShell 5.1 would save stdout redirected with '>' as UTF-16, read in the wrong code page)."""
    root = resolve_root(repo)
    period = require_period(period_text)
    if output is not None:
        refuse_data_folder(root, output)
    checked = valid_repository(root, nämnd)
    if checked is None:
        return FINDINGS
    rows = [r for r in requirements(checked.repo, checked.index, period) if r.hör_till(nämnd)]
    # by name, as a Swedish reader looks for it (Älvängenskolan last, not among the A's its id puts it)
    rows.sort(key=lambda r: (r.uppfyllt, r.nämnd, _LEVELS.index(r.nivå), sort_key(r.namn), r.id, r.vad))
    title = f"{REPORT_NAMES[periodtyp(period)]} {period.isoformat()}"
    if output is None:
        write_stdout(RENDERERS[format](rows, title, sys.stdout.isatty()))
    else:
        if refusal := overwrite_refusal(output, _RECOGNISES[format], f"ingen status i formatet {format}"):
            print(f"ale: {refusal}", file=sys.stderr)
            return FINDINGS
        write_output(output, RENDERERS[format](rows, title, False).encode("utf-8"))
        print(f"Skrev {output} (leveranser: {title}).", file=sys.stderr)
    return FINDINGS if any(not r.uppfyllt for r in rows) else 0


_LEVELS = ["kommun", "bolag", "nämnd", "sektor", "verksamhet", "enhet"]


def _summary(rows: list[Requirement]) -> str:
    missing = sum(1 for r in rows if not r.uppfyllt)
    if not rows:  # no nämnder yet, or a bolag in a month: nothing is asked for
        return "Inga uppgifter att leverera för perioden."
    if len(rows) == 1:
        return "Den enda uppgiften saknas." if missing else "Komplett: den enda uppgiften är levererad."
    if not missing:
        return f"Komplett: alla {len(rows)} uppgifter är levererade."
    return f"{missing} av {len(rows)} uppgifter saknas."


def _table(rows: list[Requirement], title: str, terminal: bool) -> str:
    """Aligned columns (columns.py), the status in colour on a terminal. On a terminal the task is wrapped to
    the width left for it; in a file or a pipe nothing is wrapped, so that each requirement stays on one line."""
    written = console(terminal and colour_on(sys.stdout), 10_000)
    cells = [[Text("levererat", style="green") if r.uppfyllt else Text("saknas", style="red"), Text(r.nämnd),
              Text(r.nivå), Text(r.namn), Text(r.vad), Text(r.ansvarig or ""),
              Text(r.detalj or ("" if r.uppfyllt else r.fil))]
             for r in rows]
    headers = [Text(header, style="bold") for header in _HEADERS]
    column_widths = widths([headers, *cells])
    if terminal:  # the task gives way first, then the name and the file's path, each down to its least
        terminal_width = shutil.get_terminal_size((100, 24)).columns
        for index, least in _GIVE_WAY:
            excess = sum(column_widths) + len(GAP) * (len(_HEADERS) - 1) - terminal_width
            if excess > 0:
                column_widths[index] = max(column_widths[index] - excess, min(least, column_widths[index]))
    lines = [Text(f"Leveranser: {title}", style="bold"), line(headers, column_widths), rule(column_widths)]
    for row in cells:
        parts = {index: wrapped(row[index], column_widths[index]) for index, _ in _GIVE_WAY}
        for at in range(max(len(lines_of) for lines_of in parts.values())):
            lines.append(line([(parts[index][at] if at < len(parts[index]) else Text()) if index in parts
                               else (cell if at == 0 else Text()) for index, cell in enumerate(row)],
                              column_widths))
    show(written, lines)
    written.print(_summary(rows))
    return text_of(written)


_HEADERS = ("Status", "Nämnd", "Nivå", "Namn", "Uppgift", "Ansvarig", "Datum / fil")
_GIVE_WAY = ((4, 16), (3, 20), (6, 24))  # on a narrow terminal: Uppgift, Namn, Datum / fil, wrapped down to these


def _json(rows: list[Requirement], title: str, terminal: bool) -> str:
    document = {"rubrik": title, "uppgifter": [r.as_dict() for r in rows],
                "saknas": sum(1 for r in rows if not r.uppfyllt)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _md(rows: list[Requirement], title: str, terminal: bool) -> str:
    lines = [f"# Leveranser: {escape_markdown(title)}", "",
             "| Status | Nämnd | Nivå | Namn | Uppgift | Ansvarig | Datum / fil |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        status = "✅ levererat" if r.uppfyllt else "❌ saknas"
        where = r.detalj or ("" if r.uppfyllt else f"`{r.fil}`")
        lines.append(f"| {status} | {escape_markdown(r.nämnd)} | {r.nivå} | {escape_markdown(r.namn)} | "
                     f"{escape_markdown(r.vad)} | {escape_markdown(r.ansvarig or '')} | {where} |")
    return "\n".join([*lines, "", _summary(rows), ""])


RENDERERS: dict[str, Renderer] = {"table": _table, "json": _json, "md": _md}


def _is_status_json(content: bytes) -> bool:
    try:
        document = json.loads(content)
    except ValueError:
        return False
    return isinstance(document, dict) and {"rubrik", "uppgifter", "saknas"} <= document.keys()


_RECOGNISES: dict[str, Callable[[bytes], bool]] = {
    "table": lambda content: content.startswith(b"Leveranser: "),
    "md": lambda content: content.startswith(b"# Leveranser: "),
    "json": _is_status_json,
}
