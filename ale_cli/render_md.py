"""The Markdown rendering: Jinja2 templates over the view-model, with every printed value escaped.

User text is data: every string of the view is escaped for Markdown when printed (Jinja's autoescape, with
the Markdown escape in place of HTML's), so that `*`, `#`, `|`, `<b>`, `$`, `@` and line breaks read
literally on GitHub and GitLab, and through pandoc in Word. A text in a paragraph or a list item goes through
the filter `rader`, which keeps its line breaks as Markdown's own; in a table cell they are `<br>`. Templates
given by the user (`--templates DIR`, or `templates/` in the data repository) override the shipped ones file by
file and run in Jinja2's sandbox.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ale_cli.apart import Overran, run_apart
from ale_cli.errors import TemplateProblem
from ale_cli.files import shipped_templates
from ale_cli.markdown import escape_lines, escape_markdown
from ale_cli.present import with_texts

EMOJI = {"uppfyllt": "🟢", "delvis uppfyllt": "🟡", "ej uppfyllt": "🔴", "ej bedömt": "⚪"}

class MarkdownText(str):
    """User text in the view: Jinja's autoescape asks it for its escaped form (`__html__`), once."""

    __slots__ = ()

    def __html__(self) -> str:
        return escape_markdown(self)


def lines(value: Any, indent: str = "") -> Markup | None:
    """User text in a paragraph or a list item, its lines kept as lines: each escaped, and ended by a hard line
    break (a backslash at the end, which GitHub, GitLab and pandoc all read as one) and the indent that keeps the
    next line in its list item. Outside a table a line break needs no HTML, which pandoc's Word writer drops."""
    if value is None:
        return None
    return Markup(("\\\n" + indent).join(escape_lines(value)))


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


class _LinkOut(jinja2.TemplateError):
    def __init__(self, filename: str) -> None:
        super().__init__(filename)
        self.filename = filename


class _FolderLoader(jinja2.FileSystemLoader):
    """The user's templates, from their folder only: a link out of it is refused, as in the data folders."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        folder = os.path.realpath(self.searchpath[0])
        if not Path(os.path.realpath(filename)).is_relative_to(folder):
            raise _LinkOut(filename)
        return source, filename, uptodate


def environment(user_templates: Path | None) -> jinja2.Environment:
    shipped = jinja2.FileSystemLoader(str(shipped_templates()))
    common: dict[str, Any] = {"undefined": jinja2.StrictUndefined, "finalize": _finalize, "autoescape": True,
                              "keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True}
    if user_templates is not None:
        loader = jinja2.ChoiceLoader([_FolderLoader(str(user_templates)), shipped])
        env: jinja2.Environment = ImmutableSandboxedEnvironment(loader=loader, **common)
    else:
        env = jinja2.Environment(loader=shipped, **common)
    env.filters["emoji"] = lambda word: Markup(EMOJI.get(word, "")) if word else Markup("")
    env.filters["rader"] = lines
    return env


TEMPLATE_SECONDS = 60.0
"""How long a user's templates may take to render a report (the shipped ones take well under a second)."""
TEMPLATE_MEMORY = 1024 * 1024 * 1024
"""How much memory (bytes) a user's templates may take beyond what the report's data holds."""


def render(view: dict[str, Any], user_templates: Path | None = None) -> str:
    """The report as Markdown; a user template that fails in any way is a `TemplateProblem`, not ale's error.

    User templates run in a child process bounded in time and memory (apart.py): Jinja2's sandbox keeps a
    template from Python's insides, not from looping or filling the memory of the CI machine."""
    if user_templates is None:
        return _render(view, None)
    try:
        return run_apart(_render, view, user_templates, seconds=TEMPLATE_SECONDS, extra_memory=TEMPLATE_MEMORY)
    except Overran:
        raise TemplateProblem(str(user_templates / "report.md.j2"), 1,
                              f"mallen blev inte klar på {f'{TEMPLATE_SECONDS:g}'.replace('.', ',')} sekunder och "
                              "stoppades",
                              "en mall formaterar rapportens data; den loopar inte över stora intervall") from None


def _render(view: dict[str, Any], user_templates: Path | None) -> str:
    data = _as_data(with_texts(view))
    env = environment(user_templates)
    if user_templates is None:
        text = env.get_template("report.md.j2").render(r=data)
    else:
        try:
            text = env.get_template("report.md.j2").render(r=data)
        except Exception as error:  # noqa: BLE001 - whatever the template does, the template is what to fix
            raise _problem(error, user_templates) from None
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def _problem(error: Exception, user_templates: Path) -> TemplateProblem:
    """The error in Swedish, at the innermost template line the traceback passes (Jinja2 puts them there)."""
    folders = (Path(os.path.realpath(user_templates)), Path(os.path.realpath(shipped_templates())))
    path, line = str(user_templates / "report.md.j2"), 1
    for frame in traceback.extract_tb(error.__traceback__):
        if any(Path(os.path.realpath(frame.filename)).is_relative_to(folder) for folder in folders):
            path, line = frame.filename, frame.lineno or 1
    sandbox = "en mall kan bara läsa rapportens data (r) och filtren; Pythons inre delar är spärrade"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateProblem(error.filename or path, error.lineno, f"syntaxfel i mallen: {error.message}",
                               "se Jinja2:s dokumentation om mallar; varje {{, {% och {# ska avslutas")
    if isinstance(error, _LinkOut):
        return TemplateProblem(error.filename, 1, "mallen är en länk ut ur mallmappen och läses inte",
                               "ersätt länken med mallen själv")
    if isinstance(error, SecurityError):
        attribute = re.search(r"attribute '([^']*)'", str(error))
        what = f"attributet '{attribute[1]}'" if attribute else str(error)
        return TemplateProblem(path, line, f"mallen får inte nå {what} (Jinja2:s sandlåda)", sandbox)
    if isinstance(error, jinja2.TemplateNotFound):
        return TemplateProblem(path, line, f"mallen '{error.name}' finns inte",
                               "en mall kan bara ta med mallar ur mallmappen, med namn relativa till den")
    if isinstance(error, jinja2.UndefinedError):
        return TemplateProblem(path, line, f"mallen använder något som inte finns i rapportens data ({error})",
                               "rapportens data finns under r; se den med 'ale report --format json'")
    if isinstance(error, OverflowError | MemoryError):
        detail = f" ({error})" if str(error) else ""
        return TemplateProblem(path, line, f"mallen gör en för stor lista eller text{detail}",
                               "en mall formaterar rapportens data; den bygger inga stora värden")
    if isinstance(error, RecursionError):
        return TemplateProblem(path, line, "mallen tar med sig själv utan slut",
                               "en mall kan inte ta med (include, extends) en mall med sitt eget namn")
    return TemplateProblem(path, line, f"mallen kan inte köras: {type(error).__name__}: {error}",
                           "rätta mallen på raden")
