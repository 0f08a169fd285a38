"""Renderers for `ale calendar`, registered by name and chosen with `--format`: table, ics, json.

Each turns the same `Kalendervy` into text and knows its own files again, so that `-o FILE` never overwrites
something that is not a calendar of that format.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from rich.cells import cell_len
from rich.text import Text

from ale_cli.calendar import Händelse, Kalendervy, Status
from ale_cli.columns import GAP, console, line, rule, show, text_of, wrapped

if TYPE_CHECKING:
    import icalendar

TIDSZON = "Europe/Stockholm"
PRODID = "-//ale//ale calendar//SV"
JSON_FORMAT = "ale-kalender"
JSON_VERSION = 1


@dataclass(frozen=True)
class Utdata:
    """How the output is shown: colour and width for the table, the stamp for ics (SOURCE_DATE_EPOCH)."""

    färg: bool = False
    bredd: int | None = None
    tidsstämpel: dt.datetime | None = None


@dataclass(frozen=True)
class Renderer:
    name: str
    render: Callable[[Kalendervy, Utdata], str]
    recognises: Callable[[bytes], bool]  # whether an existing file is a calendar of this format


RENDERERS: dict[str, Renderer] = {}


def renderer(name: str, recognises: Callable[[bytes], bool]) -> Callable[
        [Callable[[Kalendervy, Utdata], str]], Callable[[Kalendervy, Utdata], str]]:
    def register(function: Callable[[Kalendervy, Utdata], str]) -> Callable[[Kalendervy, Utdata], str]:
        RENDERERS[name] = Renderer(name, function, recognises)
        return function

    return register


# -- words shared by the renderers --------------------------------------------------------------------------


def rubrik(vy: Kalendervy) -> str:
    """The first line of the table, also how a table file is known again."""
    filters = [f"nämnd {vy.nämnd}"] if vy.nämnd else []
    if vy.typer:
        filters.append("typ " + ", ".join(vy.typer))
    tillägg = f" ({'; '.join(filters)})" if filters else ""
    return f"Kalender för {vy.kommun}, {vy.från.isoformat()} – {vy.till.isoformat()}{tillägg}"


_RUBRIK = re.compile(r"^Kalender för .*, \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}")


def tomt_fönster(vy: Kalendervy) -> str:
    """Said when nothing falls in the window: and which events are nearest on either side."""
    lines = [f"Inga händelser mellan {vy.från.isoformat()} och {vy.till.isoformat()}."]
    for ord_, near in (("före", vy.närmast_före), ("efter", vy.närmast_efter)):
        if near:
            shown = "; ".join(h.titel for h in near)
            lines.append(f"Närmast {ord_}: {near[0].datum.isoformat()} {shown}")
        else:
            lines.append(f"Närmast {ord_}: inga händelser.")
    return "\n".join(lines) + "\n"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def sammanfattning(vy: Kalendervy) -> str:
    counts = {status: sum(1 for h in vy.händelser if h.status is status) for status in Status}
    parts = [f"{counts[s]} {_STATUSORD[s][counts[s] != 1]}" for s in Status if counts[s]]
    warnings = sum(len(h.varningar) for h in vy.händelser)
    text = f"{_plural(len(vy.händelser), 'händelse', 'händelser')}: " + ", ".join(parts)
    return text + (f"; {_plural(warnings, 'varning', 'varningar')}." if warnings else ".")


_STATUSORD = {
    Status.GENOMFÖRD: ("genomförd", "genomförda"), Status.FÖRSENAD: ("försenad", "försenade"),
    Status.KOMMANDE: ("kommande", "kommande"), Status.PASSERAD: ("passerad", "passerade"),
}

# -- table ----------------------------------------------------------------------------------------------------

_FÄRG = {Status.GENOMFÖRD: "green", Status.FÖRSENAD: "bold red", Status.KOMMANDE: "cyan",
         Status.PASSERAD: "dim"}


def _is_table(content: bytes) -> bool:
    return bool(_RUBRIK.match(content.decode("utf-8", errors="replace").lstrip("\ufeff")))


@renderer("table", _is_table)
def table(vy: Kalendervy, utdata: Utdata) -> str:
    written = console(utdata.färg, utdata.bredd or 100)
    written.print(Text(rubrik(vy), style="bold"))
    written.print(f"Idag: {vy.idag.isoformat()}")
    if not vy.händelser:
        written.print(tomt_fönster(vy), end="")
    else:
        show(written, _table(vy, written.width))
        written.print(sammanfattning(vy))
    if vy.försenade_före:
        sentence, command = försenade_före(vy)
        written.print(sentence)
        written.print(f"Visa dem med: {command}", soft_wrap=True)  # a command to copy stays on one line
    return text_of(written)


def försenade_före(vy: Kalendervy) -> tuple[str, str]:
    """The late events the window leaves out (by default it begins today), and the command that shows them."""
    first = vy.försenade_före[0]
    count = len(vy.försenade_före)
    late = _plural(count, "försenad händelse", "försenade händelser")
    command = f"ale calendar --from {first.datum.isoformat()} --to {vy.till.isoformat()}"
    if vy.nämnd:
        command += f" --nämnd {vy.nämnd}"
    if vy.typer:
        command += f" --typ {','.join(vy.typer)}"
    sentence = f"Före {vy.från.isoformat()} finns {late} som inte visas här (den första {first.datum.isoformat()})."
    return sentence, command


_RUBRIKER = ("Datum", "Tid", "Händelse", "Period", "Status")


def _klockan(h: Händelse) -> str:
    """09:00, or 09:00–10:30 with its end."""
    if h.tid is None:
        return ""
    return h.tid.strftime("%H:%M") + (f"–{h.sluttid.strftime('%H:%M')}" if h.sluttid else "")


def _table(vy: Kalendervy, width: int) -> list[Text]:
    """The events by ISO week in five columns (columns.py), the event's text wrapped to what the width leaves it."""
    flera_år = vy.från.isocalendar().year != vy.till.isocalendar().year
    weeks = []
    for (år, vecka), veckans in groupby(vy.händelser, key=lambda h: tuple(h.datum.isocalendar())[:2]):
        label = f"vecka {vecka}" + (f", {år}" if flera_år else "")
        weeks.append((label, [(h, _dag(h.datum), _klockan(h),
                               h.period.isoformat() if h.period else "") for h in veckans]))
    rows = [row for _, week in weeks for row in week]
    widths = [max(cell_len(_RUBRIKER[0]), *(cell_len(label) for label, _ in weeks), *(cell_len(r[1]) for r in rows)),
              max(cell_len(_RUBRIKER[1]), *(cell_len(r[2]) for r in rows)),
              0,
              max(cell_len(_RUBRIKER[3]), *(cell_len(r[3]) for r in rows)),
              max(cell_len(_RUBRIKER[4]), *(cell_len(r[0].status.value) for r in rows))]
    room = max(20, width - sum(widths) - 4 * len(GAP))
    longest = max(cell_len(part.plain) for r in rows for part in _händelse(r[0]))
    widths[2] = min(room, max(cell_len(_RUBRIKER[2]), longest))
    lines = [line([Text(rubrik, style="bold") for rubrik in _RUBRIKER], widths), rule(widths)]
    for n, (label, week) in enumerate(weeks):
        if n:
            lines.append(Text())
        lines.append(Text(label, style="bold"))
        for h, dag, tid, period in week:
            parts = [piece for part in _händelse(h) for piece in wrapped(part, widths[2])]
            lines.append(line([Text(dag), Text(tid), parts[0], Text(period),
                                Text(h.status.value, style=_FÄRG[h.status])], widths))
            lines.extend(line([Text(), Text(), part, Text(), Text()], widths) for part in parts[1:])
    return lines


@cache  # a year has 366 days, a large kommun's calendar thousands of events
def _dag(datum: dt.date) -> str:
    return f"{datum.isoformat()} {format_date(datum, 'EEE', locale='sv').rstrip('.')}"


def _händelse(h: Händelse) -> list[Text]:
    parts = [Text(h.titel)]
    if h.plats:
        parts.append(Text(f"plats: {h.plats}", style="dim"))
    parts.extend(Text(f"varning: {varning}", style="yellow") for varning in h.varningar)
    return parts


# -- ics (RFC 5545) -------------------------------------------------------------------------------------------


def _is_ics(content: bytes) -> bool:
    """An iCalendar file that ale wrote: its own PRODID on the calendar. Another program's (an Outlook export, a
    user's own calendar) is theirs, and is not overwritten."""
    text = content.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    unfolded = re.sub(r"\r?\n[ \t]", "", text).splitlines()
    if not unfolded or unfolded[0] != "BEGIN:VCALENDAR":
        return False
    for content_line in unfolded[1:]:
        if content_line.startswith("BEGIN:"):  # the calendar's own properties come before its first component
            return False
        if content_line == f"PRODID:{PRODID}":
            return True
    return False


@renderer("ics", _is_ics)
def ics(vy: Kalendervy, utdata: Utdata) -> str:
    """An iCalendar file: timed meetings in Europe/Stockholm, deadlines and period ends all-day.

    Byte for byte the same for the same data and "today": the UID is the event's stable identity and DTSTAMP
    comes from `utdata` (commands/calendar.py: the commit or today, or SOURCE_DATE_EPOCH), never from the clock;
    without one, from the event's own date.
    """
    import icalendar  # here, and in the two functions below: the table and JSON do without its import

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{vy.kommun}: dialoger och frister")
    # RFC 5545 wants at least one component in a calendar: a window without events gets the time zone alone
    if not vy.händelser or any(not h.heldag for h in vy.händelser):
        calendar.add("x-wr-timezone", TIDSZON)
        calendar.add_component(_stockholm())
    for h in vy.händelser:
        calendar.add_component(_event(h, utdata.tidsstämpel))
    # icalendar's own folding goes character by character: on a large kommun's year it took as long as making
    # the events; the lines are the same
    return "".join(f"{folded(line)}\r\n" for line in calendar.content_lines() if line)


FOLD_AT = 75
"""RFC 5545: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break"; a continuation line
starts with a space."""


def folded(line: str) -> str:
    """A content line folded as icalendar (from version 7) folds it: each piece shorter than 75 octets of UTF-8,
    never cut inside a character, and a piece that would end in a backslash or a caret (the first half of a TEXT or
    RFC 6868 escape) ends one character earlier, since some clients do not rejoin such an escape."""
    raw = line.encode("utf-8")
    if len(raw) < FOLD_AT:
        return line
    pieces: list[bytes] = []
    start, limit = 0, FOLD_AT - 1
    while len(raw) - start > limit:
        end = start + limit
        while raw[end] & 0xC0 == 0x80:  # a byte inside a character: cut before the character
            end -= 1
        if raw[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(raw[start:end])
        start = end
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def _stockholm() -> icalendar.Timezone:
    """Europe/Stockholm by the EU rule (since 1996): CEST from the last Sunday of March, CET from October's.

    Written as two yearly rules rather than generated transition by transition from the local tz database,
    so that the file is the same on every machine and short.
    """
    import icalendar

    zone = icalendar.Timezone()
    zone.add("tzid", TIDSZON)
    for kind, name, start, offset_from, offset_to, month in (
            (icalendar.TimezoneDaylight, "CEST", dt.datetime(1996, 3, 31, 2, 0), 1, 2, 3),
            (icalendar.TimezoneStandard, "CET", dt.datetime(1996, 10, 27, 3, 0), 2, 1, 10)):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        part.add("tzoffsetto", dt.timedelta(hours=offset_to))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _event(h: Händelse, tidsstämpel: dt.datetime | None) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    event.add("uid", h.uid)
    event.add("dtstamp", tidsstämpel or dt.datetime.combine(h.datum, dt.time(), dt.UTC))
    if h.tid is None:
        event.add("dtstart", h.datum)
        if h.datum < dt.date.max:  # without it, a day's event lasts the day (RFC 5545); 31 December 9999 has no next
            event.add("dtend", h.datum + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy all day
    else:
        start = dt.datetime.combine(h.datum, h.tid)
        event.add("dtstart", start, parameters={"TZID": TIDSZON})
        if h.sluttid is not None:  # without it, the meeting is a moment (RFC 5545), as the kalender says no more
            event.add("dtend", dt.datetime.combine(h.datum, h.sluttid), parameters={"TZID": TIDSZON})
    event.add("summary", h.titel)
    if h.plats:
        event.add("location", h.plats)
    event.add("description", "\n".join(_beskrivning(h)))
    event.add("categories", [h.typ])
    event.add("x-ale-status", h.status.value)
    return event


def _beskrivning(h: Händelse) -> Iterator[str]:
    yield f"Status: {h.status.value}"
    if h.period:
        yield f"Period: {h.period.isoformat()}"
    if h.grund:
        yield f"Grund: {h.grund}"
    if h.anteckning:
        yield f"Anteckning: {h.anteckning}"
    if h.fil:
        yield f"Planerad i: {h.fil}"
    for varning in h.varningar:
        yield f"Varning: {varning}"


# -- json -------------------------------------------------------------------------------------------------------


def _is_json(content: bytes) -> bool:
    try:
        document = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(document, dict) and document.get("format") == JSON_FORMAT


@renderer("json", _is_json)
def as_json(vy: Kalendervy, utdata: Utdata) -> str:
    """The view as JSON; every key is always present (null when empty). docs/calendar.md documents the keys."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "kommun": vy.kommun,
        "kommunkod": vy.kommunkod,
        "idag": vy.idag.isoformat(),
        "från": vy.från.isoformat(),
        "till": vy.till.isoformat(),
        "nämnd": vy.nämnd,
        "typer": list(vy.typer),
        "händelser": [händelse_dict(h) for h in vy.händelser],
        "närmast_före": [händelse_dict(h) for h in vy.närmast_före],
        "närmast_efter": [händelse_dict(h) for h in vy.närmast_efter],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def händelse_dict(h: Händelse) -> dict[str, Any]:
    return {
        "uid": h.uid,
        "datum": h.datum.isoformat(),
        "tid": h.tid.strftime("%H:%M") if h.tid else None,
        "sluttid": h.sluttid.strftime("%H:%M") if h.sluttid else None,
        "heldag": h.heldag,
        "slag": h.slag.value,
        "typ": h.typ,
        "titel": h.titel,
        "status": h.status.value,
        "källa": h.källa.value,
        "period": h.period.isoformat() if h.period else None,
        "nämnd": h.nämnd,
        "sektor": h.sektor,
        "verksamhet": h.verksamhet,
        "enhet": h.enhet,
        "målsättning": h.målsättning,
        "plats": h.plats,
        "grund": h.grund,
        "fil": h.fil,
        "anteckning": h.anteckning,
        "varningar": list(h.varningar),
        "berör": list(h.berör),
    }
