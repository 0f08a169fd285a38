"""User text written into Markdown so that it reads as it was written (the report, `ale status --format md`, the
GitHub step summary, the README of `ale init`); without Jinja2, which only the report's templates need."""

from __future__ import annotations

import re
from typing import Any

# `^`: pandoc reads 2^10^ as a superscript; GitHub shows an escaped one as it is
_SPECIAL = re.compile(r"([\\`*_\[\]#|~^$@<>&])")
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


_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# a web address as GitHub and GitLab make it a link (https://…, www.…)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>]+")
_ENTITY_LIKE = re.compile(r"#?[A-Za-z0-9]+;")


def _escape_line(line: str) -> str:
    parts, start = [], 0
    for url in _URL.finditer(line):
        parts += [_SPECIAL.sub(_escape, line[start:url.start()]), _SPECIAL.sub(_escape_in_url, url[0])]
        start = url.end()
    parts.append(_SPECIAL.sub(_escape, line[start:]))
    return _LINE_START.sub(_line_start, "".join(parts))


def _escape(match: re.Match[str]) -> str:
    return _ENTITIES.get(match[1], "\\" + match[1])


def _escape_in_url(match: re.Match[str]) -> str:
    """In a web address GitHub takes a backslash or an entity into the link ('ale.se/skola\\_plan' led to
    'skola%5C_plan'): '#', '&' and an '_' between letters, which Markdown reads as themselves there, stay as they
    are."""
    char, text, at = match[1], match.string, match.start()
    if char == "#":
        return char
    if char == "&" and not _ENTITY_LIKE.match(text, at + 1):
        return char
    if char == "_" and 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
        return char
    return _escape(match)
