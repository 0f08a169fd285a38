"""`ale calendar`: the dialogues and deadlines in a window of dates, as a table, iCalendar or JSON."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from ale_cli.calendar import GRUPPER, TYPER, händelser, kalendervy
from ale_cli.calendar_renderers import RENDERERS, Utdata, tomt_fönster
from ale_cli.columns import colour_on
from ale_cli.commands.common import (
    overwrite_refusal,
    refuse_data_folder,
    resolve_root,
    valid_repository,
    write_output,
    write_stdout,
)
from ale_cli.diagnostics import did_you_mean
from ale_cli.errors import FINDINGS, UsageProblem
from ale_cli.source import source_date_epoch, source_timestamp

TODAY_VARIABLE = "ALE_TODAY"
DEFAULT_DAYS = 60



def run(repo: Path | None, från: str | None, till: str | None, nämnd: str | None, typer: list[str],
        format: str, output: Path | None, environ: Mapping[str, str] = os.environ) -> int:
    root = resolve_root(repo)
    idag = today(environ)
    start, end = window(från, till, idag)
    wanted = _typer(typer)
    if output is not None:
        refuse_data_folder(root, output)
    checked = valid_repository(root, nämnd)
    if checked is None:
        return FINDINGS
    vy = kalendervy(checked, händelser(checked, idag), idag, start, end, nämnd, wanted)
    chosen = RENDERERS[format]
    what = f"ingen kalender som ale har skrivit i formatet {format}"
    if output is not None and (refusal := overwrite_refusal(output, chosen.recognises, what)):
        print(f"ale: {refusal}", file=sys.stderr)
        return FINDINGS
    stamp = _stamp(root, idag, environ) if format == "ics" else None  # Git is asked only for the ics
    text = chosen.render(vy, _utdata(output, environ, stamp))
    if output is not None:
        write_output(output, text.encode("utf-8"))
    else:
        write_stdout(text)
    if not vy.händelser and (format != "table" or output is not None):
        sys.stderr.write(tomt_fönster(vy))
    return 0


def today(environ: Mapping[str, str]) -> dt.date:
    """Today, or the date in ALE_TODAY: tests and planners can ask "what did it look like on 1 September"."""
    text = environ.get(TODAY_VARIABLE)
    if not text:
        return dt.date.today()
    return _date(text, TODAY_VARIABLE)


def window(från: str | None, till: str | None, idag: dt.date) -> tuple[dt.date, dt.date]:
    start = _date(från, "--from") if från else idag
    end = _date(till, "--to") if till else start + dt.timedelta(days=min(DEFAULT_DAYS, (dt.date.max - start).days))
    if end < start:
        raise UsageProblem(f"--to {end.isoformat()} ligger före --from {start.isoformat()}")
    return start, end


def _date(text: str, option: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UsageProblem(f"{option}: '{text}' är inget datum i formen ÅÅÅÅ-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        # The form is right; say which part does not exist rather than repeat the form.
        what = f"månad {int(text[5:7])}" if not 1 <= int(text[5:7]) <= 12 else f"dag {int(text[8:])} i månaden"
        raise UsageProblem(f"{option}: '{text}' är inget datum: {what} finns inte") from None


def _typer(names: list[str]) -> list[str]:
    """Types from repeated or comma-separated --typ; an unknown name is a usage error with a suggestion."""
    wanted = [name.strip() for value in names for name in value.split(",") if name.strip()]
    known = list(dict.fromkeys([*TYPER, *GRUPPER]))
    for name in wanted:
        if name not in known:
            suggestion = did_you_mean(name, known) or "."
            raise UsageProblem(f"okänd typ '{name}'{suggestion} Typerna är: {', '.join(known)}.")
    return wanted




def _utdata(output: Path | None, environ: Mapping[str, str], stamp: dt.datetime | None) -> Utdata:
    """Colour only on a terminal (and not with NO_COLOR); a file gets a fixed width so it is reproducible."""
    colour = output is None and colour_on(sys.stdout, environ)
    width = shutil.get_terminal_size((100, 24)).columns if output is None else 110
    return Utdata(färg=colour, bredd=width, tidsstämpel=stamp)


def _stamp(root: Path, idag: dt.date, environ: Mapping[str, str]) -> dt.datetime:
    """The ics's DTSTAMP: SOURCE_DATE_EPOCH when set; else the later of the data's Git commit and the start of
    "today". Both only grow, so a calendar program that keeps the newest version of an event (RFC 5546) takes a
    moved meeting, or a status changed by the day, as an update; and the same data on the same day gives the same
    file, never the clock's time."""
    given = source_date_epoch(environ)
    if given is not None:
        return given
    day = dt.datetime.combine(idag, dt.time(), dt.UTC)
    committed = source_timestamp(root)
    return max(day, committed) if committed is not None else day
