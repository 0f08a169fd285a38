"""The Markdown rendering: Jinja2 templates over the view-model, with every printed value escaped.

User text is data: every string of the view is escaped for Markdown when printed (Jinja's autoescape, with
the Markdown escape in place of HTML's), so that `*`, `#`, `|`, `<b>`, `$`, `@` and line breaks read
literally on GitHub and GitLab. Templates given by the user (`--templates DIR`, or `templates/` in the data
repository) override the shipped ones file by file and run in Jinja2's sandbox.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ale_cli.present import with_texts

EMOJI = {"uppfyllt": "🟢", "delvis uppfyllt": "🟡", "ej uppfyllt": "🔴", "ej bedömt": "⚪"}

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$@<>&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape_markdown(value: Any) -> str:
    """Text that Markdown shows as it is: punctuation escaped, line breaks as <br>."""
    text = str(value)
    text = _SPECIAL.sub(lambda match: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(match[1], "\\" + match[1]), text)
    text = _LINE_START.sub(lambda match: match[1] + "\\" + match[2], text)
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


class MarkdownText(str):
    """User text in the view: Jinja's autoescape asks it for its escaped form (`__html__`), once."""

    __slots__ = ()

    def __html__(self) -> str:
        return escape_markdown(self)


def _as_data(value: Any) -> Any:
    if isinstance(value, str):
        return MarkdownText(value)
    if isinstance(value, dict):
        return {key: _as_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_data(item) for item in value]
    return value


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def shipped_templates() -> Path:
    """The templates inside the wheel; in a source checkout imported from its folder, templates/ beside it."""
    try:
        return Path(str(resources.files("ale_cli.templates")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "templates"


def environment(user_templates: Path | None) -> jinja2.Environment:
    shipped = jinja2.FileSystemLoader(str(shipped_templates()))
    common: dict[str, Any] = {"undefined": jinja2.StrictUndefined, "finalize": _finalize, "autoescape": True,
                              "keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True}
    if user_templates is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(user_templates)), shipped])
        env: jinja2.Environment = ImmutableSandboxedEnvironment(loader=loader, **common)
    else:
        env = jinja2.Environment(loader=shipped, **common)
    env.filters["emoji"] = lambda word: Markup(EMOJI.get(word, "")) if word else Markup("")
    return env


def render(view: dict[str, Any], user_templates: Path | None = None) -> str:
    template = environment(user_templates).get_template("report.md.j2")
    text = template.render(r=_as_data(with_texts(view)))
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
