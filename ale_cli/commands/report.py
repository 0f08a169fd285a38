"""`ale report`: the roll-up of a period as Markdown, PDF or the view-model as JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ale_cli import typeset
from ale_cli.apart import run_apart
from ale_cli.commands.common import (
    invalid_data,
    overwrite_refusal,
    refuse_data_folder,
    require_nämnd,
    require_period,
    resolve_root,
    write_output,
    write_stdout,
)
from ale_cli.errors import FINDINGS, TemplateProblem, UsageProblem
from ale_cli.load import LINE_BREAK
from ale_cli.periods import SLAG, periodtyp
from ale_cli.repository import Repository
from ale_cli.source import git_refusal, source_of, source_timestamp
from ale_cli.walk import count_files

MD_MARK = "<!-- ale-rapport -->"
T = TypeVar("T")

def default_file_name(period: dt.date, nämnd: str | None, suffix: str) -> str:
    stem = SLAG[periodtyp(period)].fil.format(year=period.year, month=period.month)
    return f"{stem}-{nämnd}.{suffix}" if nämnd else f"{stem}.{suffix}"


APART_FROM = 2_000
"""From this many data files, a PDF's data is prepared in a child process (apart.py): Typst's pages then do not
come on top of the memory the loaded repository leaves behind. Where the system allows, the pages are then set in
a process that holds nothing else (typeset.py)."""


STRICT_LISTED = 10
"""Missing items `--strict` lists before it refers to `ale status`, which lists them all by who delivers them."""


@dataclass(frozen=True)
class Prepared:
    """What a report is made from: the view-model (md, json), or for a PDF the view as Typst reads it."""

    rapport: str
    saknas: list[dict[str, Any]]
    nämnd: str | None  # the nämnd's or bolag's name in a report of its own; None in the kommun's
    view: dict[str, Any] | None = None
    typst_data: str | None = None
    # for a PDF: each character that no font of the report shows, with where it stands in the repository
    undisplayable: list[tuple[str, list[tuple[str, int, int]]]] = field(default_factory=list)


def run(period_text: str, nämnd: str | None, format: str, output: Path | None, templates: Path | None,
        repo: Path | None, strict: bool) -> int:
    root = resolve_root(repo)
    period = require_period(period_text)
    if templates is not None and format != "md":
        raise UsageProblem(f"--templates gäller bara --format md: {_WITHOUT_TEMPLATES[format]}")
    apart = format == "pdf" and count_files(root) >= APART_FROM
    # the data repository's own templates/ shape only a Markdown report without --templates
    own_templates = format == "md" and templates is None and (root / "templates").is_dir()
    prepared, refusal = (run_apart if apart else _direct)(prepare, root, period, nämnd, format, own_templates)
    if prepared is None:
        sys.stderr.write(refusal)
        return FINDINGS
    if strict and prepared.saknas:
        count = len(prepared.saknas)
        print(f"ale: rapporten skrivs inte: {count} {'uppgift' if count == 1 else 'uppgifter'} saknas (--strict).",
              file=sys.stderr)
        for item in prepared.saknas[:STRICT_LISTED]:
            print(f"  {item['fil']}: {item['vad']}", file=sys.stderr)
        if count > STRICT_LISTED:
            whose = f" --nämnd {nämnd}" if nämnd is not None else ""
            print(f"  … och {count - STRICT_LISTED} till; alla, med vem som ska lämna dem: ale status --period "
                  f"{period.isoformat()}{whose}", file=sys.stderr)
        return FINDINGS
    if (said := git_refusal(root)) is not None:
        print("\n".join([
            "ale: varning: Git läser inte repositoriet som datat ligger i, så rapporten anger ingen commit:",
            *(f"    {line.strip()}" for line in said.splitlines() if line.strip()),
            "    tips: rätta det Git säger och skapa rapporten igen"]), file=sys.stderr)
    if format == "pdf" and output is None:
        output = Path(default_file_name(period, nämnd, "pdf"))
    if output is not None:
        refuse_data_folder(root, output)
        if refused := overwrite_refusal(output, lambda content: _is_report(content, format),
                                        f"ingen {format}-rapport från ale"):
            print(f"ale: {refused}", file=sys.stderr)
            return FINDINGS
    if format == "pdf":
        assert output is not None and prepared.typst_data is not None
        if prepared.undisplayable:
            _tell_undisplayable(prepared.undisplayable)
        date = source_timestamp(root)
        job = typeset.Job(prepared.typst_data, int(date.timestamp()) if date is not None else None,
                          str(output), _done(output, prepared, period), accessible=not prepared.undisplayable)
        return typeset.hand_over(job) if apart and typeset.replaces_process() else typeset.finish(job)
    try:
        content = _render(format, prepared, root, templates)
    except TemplateProblem as problem:
        print(f"ale: {_shown(root, problem.path)}:{problem.line}: {problem.message}\n    tips: {problem.hint}\n"
              "ale: ingen rapport skrevs.", file=sys.stderr)
        return FINDINGS
    if output is None:
        write_stdout(content.decode("utf-8"))
        return 0
    write_output(output, content)
    print(_done(output, prepared, period), file=sys.stderr)
    return 0


def _done(output: Path, prepared: Prepared, period: dt.date) -> str:
    whose = f", {prepared.nämnd}" if prepared.nämnd is not None else ""
    return f"Skrev {output} ({prepared.rapport} {period.isoformat()}{whose})."


_WITHOUT_TEMPLATES = {"pdf": "PDF:en sätts alltid med den medföljande mallen",
                      "json": "json är vymodellen själv, utan mall"}


def prepare(root: Path, period: dt.date, nämnd: str | None, format: str,
            own_templates: bool = False) -> tuple[Prepared | None, str]:
    """The report's view-model; or None and what to tell when the data has errors."""
    from ale_cli.pipeline import run as run_pipeline
    from ale_cli.rollup import build

    checked = run_pipeline(root, warnings=False)
    refusal = invalid_data(checked)
    if refusal is not None:
        return None, refusal
    require_nämnd(checked.repo, nämnd)
    view = build(checked.repo, checked.index, period, source_of(root, checked.repo.files, own_templates), nämnd)
    whose = view["omfattning_namn"] if nämnd is not None else None
    if format != "pdf":
        return Prepared(view["rapport"], view["saknas"], whose, view=view), ""
    from ale_cli.render_pdf import typst_data, undisplayable

    data = typst_data(view)
    missing = undisplayable(data)
    return Prepared(view["rapport"], view["saknas"], whose, typst_data=data,
                    undisplayable=[(character, _places(checked.repo, character)) for character in missing]), ""


SHOWN_PLACES = 5
"""Places shown per character that the report's fonts lack; a character pasted all over is told by its count."""


def _places(repo: Repository, character: str) -> list[tuple[str, int, int]]:
    """Where `character` stands in the repository's files: file, line and column."""
    places = []
    for path, (loaded, _) in sorted(repo.read.items()):
        if loaded is None or character not in loaded.doc.text:
            continue
        for number, line in enumerate(LINE_BREAK.split(loaded.doc.text), 1):
            places += [(path, number, column + 1) for column, found in enumerate(line) if found == character]
    return places


def _tell_undisplayable(characters: list[tuple[str, list[tuple[str, int, int]]]]) -> None:
    """A warning that the PDF is not PDF/A and PDF/UA, with each character that made it so and where it stands:
    a kommun publishes its reports accessible, and the character shows as an empty box."""
    told: list[tuple[tuple[str, int, int], str]] = []
    for character, places in characters:
        shown = f"'{character}' (U+{ord(character):04X})"
        told += [(place, f"  {place[0]}:{place[1]}:{place[2]}: {shown}") for place in places[:SHOWN_PLACES]]
        if len(places) > SHOWN_PLACES:
            told.append((places[SHOWN_PLACES], f"  … och på {len(places) - SHOWN_PLACES} ställen till: {shown}"))
        if not places:
            told.append((("", 0, 0), f"  {shown}"))
    print("\n".join([
        (f"ale: varning: rapportens typsnitt saknar {_count(len(characters))}, som inte syns i PDF:en; den blir "
         "därför inte PDF/A och PDF/UA (arkivbeständig och tillgänglig):"),
        *(line for _, line in sorted(told)),
        "    tips: ta bort tecknen eller skriv dem med ord, och skapa PDF:en igen"]), file=sys.stderr)


def _count(characters: int) -> str:
    return "ett tecken" if characters == 1 else f"{characters} tecken"


def _direct(function: Callable[..., T], *args: Any) -> T:
    return function(*args)


def _render(format: str, prepared: Prepared, root: Path, templates: Path | None) -> bytes:
    view = prepared.view
    assert view is not None
    if format == "json":
        return (json.dumps(view, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from ale_cli.render_md import render

    user_templates = templates if templates is not None else _repository_templates(root)
    return (MD_MARK + "\n" + render(view, user_templates)).encode("utf-8")


def _repository_templates(root: Path) -> Path | None:
    folder = root / "templates"
    if folder.is_symlink() and not Path(os.path.realpath(folder)).is_relative_to(root):
        raise TemplateProblem(str(folder), 1, "mallmappen är en länk ut ur datarepositoriet och läses inte",
                              "ersätt länken med mappen själv")
    return folder if folder.is_dir() else None


def _shown(root: Path, path: str) -> str:
    """A template's path as the user finds it: from the repository root, else as it is."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else path


def _is_report(content: bytes, format: str) -> bool:
    """Whether `content` is a report of this format that ale wrote, and so may be written over."""
    if format == "md":
        return content.startswith(MD_MARK.encode())
    if format == "json":
        try:
            document = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            return False
        return isinstance(document, dict) and {"rapport", "källa", "period"} <= document.keys()
    from ale_cli.render_pdf import KEYWORD

    return content.startswith(b"%PDF") and KEYWORD.encode() in content
