"""The PDF rendering: templates/report.typ compiled by Typst, with the view-model passed as data.

The view-model (with its Swedish `_text` siblings) goes to Typst as one JSON string in `sys.inputs`; the
template reads it with `json(bytes(sys.inputs.data))`, so what users wrote is never parsed as Typst markup.
Only the fonts inside the typst wheel are used (system fonts are ignored), the creation date comes from
`source_date`, and Typst itself is deterministic: the same view and date give the same bytes on every machine.

The PDF is PDF/A-2b and tagged. PDF/A forbids text that no font can show; the embedded fonts lack emoji and most
non-Latin scripts, so a view with such text is rendered as an ordinary tagged PDF instead of failing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

from ale_cli.present import with_texts
from ale_cli.render_md import shipped_templates
from ale_cli.typst_compile import compile_pdf

TEMPLATE = "report.typ"
KEYWORD = "ale-rapport"
PDF_STANDARD: Final = "a-2b"
# PDF/A requires a creation date; without a source date the PDF carries this fixed one so it stays reproducible.
FIXED_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def template_path() -> Path:
    return shipped_templates() / TEMPLATE


def _timestamp(source_date: dt.datetime | None) -> int:
    """UNIX seconds; a naive datetime is taken as UTC, so the result does not depend on the machine's zone."""
    moment = source_date or FIXED_DATE
    if moment.tzinfo is None:
        return calendar.timegm(moment.timetuple())
    return int(moment.timestamp())


SEPARATE_FROM = 1_000_000
"""From this size of data (characters of JSON), Typst runs in a fresh process of its own: the pages of a large
kommun's report take some hundred MB, which then come on top of nothing else."""


def render(view: dict[str, Any], source_date: dt.datetime | None = None) -> bytes:
    """The report as PDF bytes."""
    data = json.dumps(with_texts(view), ensure_ascii=False)
    options: dict[str, Any] = {
        "format": "pdf",
        "sys_inputs": {"data": data},
        "timestamp": _timestamp(source_date),
        "font_paths": [],
        "ignore_system_fonts": True,
        "pdf_tags": True,
    }
    path = str(template_path())
    run = _in_own_process if len(data) >= SEPARATE_FROM else compile_pdf
    pdf, message, pdfa_violation = run(path, options, [PDF_STANDARD])
    if pdf is None and pdfa_violation:
        pdf, message, _ = run(path, options, [])
    if pdf is None:
        raise RuntimeError(f"Typst kunde inte sätta rapporten: {message}")
    return pdf


def _in_own_process(template: str, options: dict[str, Any], standards: list[str]) -> tuple[bytes | None, str, bool]:
    request = json.dumps({"template": template, "options": options, "standards": standards}, ensure_ascii=False)
    done = subprocess.run([sys.executable, "-m", "ale_cli.typst_compile"], input=request.encode("utf-8"),
                          capture_output=True, check=False)
    if done.returncode == 0:
        return done.stdout, "", False
    if done.returncode == 3:
        answer = json.loads(done.stdout)
        return None, answer["message"], answer["pdfa"]
    raise RuntimeError(f"Typst avbröts ({done.returncode}): {done.stderr.decode('utf-8', errors='replace')[-500:]}")
