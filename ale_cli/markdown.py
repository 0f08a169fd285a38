"""User text written into Markdown so that it reads as it was written (the report, `ale status --format md`, the
GitHub step summary, the README of `ale init`); without Jinja2, which only the report's templates need."""

from __future__ import annotations

import re
from typing import Any

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$@<>&])")
# a list marker or setext underline at the start of a line: `\-`, and `1\.` (a backslash escapes punctuation only;
# before a digit it is shown)
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def _line_start(match: re.Match[str]) -> str:
    indent, head = match.groups()
    return indent + head + "\\" if head.isdigit() else indent + "\\" + head


def escape_markdown(value: Any) -> str:
    """Text that Markdown shows as it is, on one line (a table cell holds no more): punctuation escaped, line breaks
    as `<br>`, with a space before it so that where the HTML tag is dropped (pandoc's Word writer drops it) the
    words of two lines stay apart."""
    return " <br>".join(escape_lines(value))


def escape_lines(value: Any) -> list[str]:
    """The text's lines, each escaped as `escape_markdown` escapes it; the line breaks that only end or begin the
    text (a YAML `|` text ends with one) are left out."""
    lines = [line.strip() for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    while len(lines) > 1 and not lines[0]:
        lines.pop(0)
    return [_escape_line(line) for line in lines]


def _escape_line(line: str) -> str:
    line = _SPECIAL.sub(lambda match: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(match[1], "\\" + match[1]), line)
    return _LINE_START.sub(_line_start, line)
