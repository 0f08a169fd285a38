"""The PDF rendering: templates/report.typ compiled by Typst, with the view-model passed as data.

The view-model (with its Swedish `_text` siblings) goes to Typst as one JSON string in `sys.inputs`; the
template reads it with `json(bytes(sys.inputs.data))`, so what users wrote is never parsed as Typst markup.
Only the fonts inside the typst wheel are used (system fonts are ignored), the creation date comes from
`source_date`, and Typst itself is deterministic: the same view and date give the same bytes on every machine.

The PDF is PDF/A-2b (kept for the archive) and PDF/UA-1 (read by assistive technology, as the law on accessible
public documents asks of a kommun's published reports): tagged, and with its title shown in place of the file name.
Both standards forbid text that no font can show; the embedded fonts lack emoji and most non-Latin scripts, so a
view with such text is rendered as an ordinary tagged PDF instead of failing, and `ale report` says which
characters in which files made it so (`undisplayable`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path
from typing import Any, Final

import typst

from ale_cli.files import shipped_templates

TEMPLATE = "report.typ"
KEYWORD = "ale-rapport"
PDF_STANDARDS: Final = ("a-2b", "ua-1")
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


def render(view: dict[str, Any], source_date: dt.datetime | None = None) -> bytes:
    """The report as PDF bytes."""
    return render_data(typst_data(view), source_date)


def typst_data(view: dict[str, Any]) -> str:
    """The view with its Swedish texts, as the JSON the template reads."""
    from ale_cli.present import with_texts  # Babel: where the view is made, not where Typst sets the pages

    return json.dumps(with_texts(view), ensure_ascii=False)


# The report's text font (templates/report.typ), with Typst's fallback to its other embedded fonts, as the report
# sets a text
_PROBE = b'#set text(lang: "sv", region: "SE", font: "Libertinus Serif")\n#sys.inputs.text\n'

# Characters the embedded fonts show (a test checks it): Latin-1, Latin Extended-A, the punctuation of Swedish and
# of text from word processors. Only text with other characters is tried with Typst.
SHOWN: Final = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x180)])) | frozenset(
    "\n\t‐‑–—‘’‚“”„†‡•…‰‹›"
    "€™−")


def undisplayable(text: str) -> list[str]:
    """The characters of `text` that none of the report's fonts can show, in code point order: in a PDF they are
    empty boxes, and they keep it from being PDF/A and PDF/UA. Each is tried with Typst, halving the set of
    unusual ones until each missing one stands alone (a few small compilations of some milliseconds)."""
    return _missing(sorted(set(text) - SHOWN))


def _missing(characters: list[str]) -> list[str]:
    if not characters or _shown(characters):
        return []
    if len(characters) == 1:
        return characters
    half = len(characters) // 2
    return _missing(characters[:half]) + _missing(characters[half:])


def _shown(characters: list[str]) -> bool:
    try:
        # PDF/A alone: it forbids what no font shows, as PDF/UA does, and asks nothing else of so small a text
        typst.compile(_PROBE, format="pdf", sys_inputs={"text": " ".join(characters)}, font_paths=[],
                      ignore_system_fonts=True, pdf_standards=["a-2b"])
    except typst.TypstError as error:
        if str(error.message).startswith("PDF/A"):
            return False
        raise
    return True


def render_data(data: str, source_date: dt.datetime | None = None, accessible: bool = True) -> bytes:
    """The report as PDF bytes, from `typst_data`; PDF/A and PDF/UA unless not `accessible` (text that no
    embedded font shows, `undisplayable`), or unless Typst finds that it cannot be."""
    options: dict[str, Any] = {
        "format": "pdf",
        "sys_inputs": {"data": data},
        "timestamp": _timestamp(source_date),
        "font_paths": [],
        "ignore_system_fonts": True,
        "pdf_tags": True,
    }
    path = str(template_path())
    pdf, message, violation = _compile(path, options, list(PDF_STANDARDS) if accessible else [])
    if pdf is None and violation:
        pdf, message, _ = _compile(path, options, [])
    if pdf is None:
        raise RuntimeError(f"Typst kunde inte sätta rapporten: {message}")
    return pdf


def _compile(template: str, options: dict[str, Any], standards: list[str]) -> tuple[bytes | None, str, bool]:
    """(pdf, "", False), or (None, Typst's message, whether it breaks a PDF/A or PDF/UA rule)."""
    try:
        pdf = typst.compile(template, pdf_standards=standards, **options)  # type: ignore[arg-type]
    except typst.TypstError as error:
        message = str(error.message)
        return None, message, message.startswith(("PDF/A", "PDF/UA"))
    assert isinstance(pdf, bytes)
    return pdf, "", False
