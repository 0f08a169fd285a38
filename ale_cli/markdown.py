"""User text written into Markdown so that it reads as it was written (the report, `ale status --format md`, the
GitHub step summary, the README of `ale init`); without Jinja2, which only the report's templates need."""

from __future__ import annotations

import re
from typing import Any

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$@<>&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape_markdown(value: Any) -> str:
    """Text that Markdown shows as it is: punctuation escaped, line breaks as <br>."""
    text = str(value)
    text = _SPECIAL.sub(lambda match: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(match[1], "\\" + match[1]), text)
    text = _LINE_START.sub(lambda match: match[1] + "\\" + match[2], text)
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
