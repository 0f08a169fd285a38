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
    """Text that Markdown shows as it is: punctuation escaped, line breaks as <br>."""
    text = str(value)
    text = _SPECIAL.sub(lambda match: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(match[1], "\\" + match[1]), text)
    text = _LINE_START.sub(_line_start, text)
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
