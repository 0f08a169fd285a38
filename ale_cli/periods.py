"""Periods: a period is a month-end date; its type decides what the period must contain."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
from dataclasses import dataclass


class Periodtyp(enum.StrEnum):
    MÅNAD = "månadsavstämning"
    BUDGETUPPFÖLJNING = "budgetuppföljning"
    DELÅR1 = "delårsbokslut 1"
    DELÅR2 = "delårsbokslut 2"
    ÅRSBOKSLUT = "årsbokslut"


@dataclass(frozen=True)
class Slag:
    """How a period type is named (the report, `ale status` and the calendar's period end say the same), and the
    report's file."""

    rapport: str
    fil: str  # formatted with year and month


SLAG = {
    Periodtyp.MÅNAD: Slag("Månadsuppföljning", "manadsuppfoljning-{year}-{month:02d}"),
    Periodtyp.BUDGETUPPFÖLJNING: Slag("Budgetuppföljning med helårsprognos", "budgetuppfoljning-{year}-{month:02d}"),
    Periodtyp.DELÅR1: Slag("Delårsbokslut 1", "delarsbokslut-1-{year}"),
    Periodtyp.DELÅR2: Slag("Delårsbokslut 2 – delårsrapport", "delarsbokslut-2-{year}"),
    Periodtyp.ÅRSBOKSLUT: Slag("Årsbokslut och verksamhetsberättelse", "arsbokslut-{year}"),
}
REPORT_NAMES = {typ: slag.rapport for typ, slag in SLAG.items()}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def is_month_end(day: dt.date) -> bool:
    return day == month_end(day.year, day.month)


def nearest_month_end(day: dt.date) -> dt.date:
    this = month_end(day.year, day.month)
    if (day.year, day.month) == (dt.MINYEAR, 1):  # no month before the first a date can hold
        return this
    previous = dt.date(day.year, day.month, 1) - dt.timedelta(days=1)
    return previous if (day - previous) < (this - day) else this


def periodtyp(period: dt.date) -> Periodtyp:
    if period.month == 3:
        return Periodtyp.DELÅR1
    if period.month == 8:
        return Periodtyp.DELÅR2
    if period.month == 12:
        return Periodtyp.ÅRSBOKSLUT
    if period.month in (2, 5):
        return Periodtyp.BUDGETUPPFÖLJNING
    return Periodtyp.MÅNAD


def is_bokslut(period: dt.date) -> bool:
    return period.month in BOKSLUTSMÅNADER


BOKSLUTSMÅNADER = (3, 8, 12)


def bokslut_före(datum: dt.date) -> dt.date | None:
    """The latest bokslut period that has ended before `datum`: the one a dialogue held then, and planned
    without a period, follows up."""
    for år in (datum.year, datum.year - 1):
        for månad in reversed(BOKSLUTSMÅNADER):
            period = month_end(år, månad)
            if period < datum:
                return period
    return None


def has_internkontroll(period: dt.date) -> bool:
    return period.month in (8, 12)


def has_prognos(period: dt.date) -> bool:
    return period.month != 12 and (period.month in (2, 5) or is_bokslut(period))


def has_investeringar(period: dt.date) -> bool:
    """Whether the period follows up the investments: the bokslut, and the budgetuppföljningar with their prognos.
    The other months compare the periodutfall with the periodbudget (the seed), and ask for no investment."""
    return is_bokslut(period) or has_prognos(period)


def parse_period(text: str) -> tuple[dt.date | None, str]:
    """A period date from text, or None and a Swedish explanation naming the nearest month-end."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"0000-\d{2}-\d{2}", text):
            return None, f"'{text}' är inget datum: år 0 finns inte"
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d{2}", text):  # the form is right, the day does not exist
            end = month_end(int(text[:4]), int(text[5:7]))
            return None, (f"'{text}' är inget datum: dag {int(text[8:])} finns inte i månaden — "
                          f"menade du {end.isoformat()}?")
        return None, f"'{text}' är inget datum i formen ÅÅÅÅ-MM-DD"
    if len(text) != 10:
        return None, f"'{text}' är inget datum i formen ÅÅÅÅ-MM-DD"
    if not is_month_end(day):
        return None, f"'{text}' är ingen månads sista dag — menade du {nearest_month_end(day).isoformat()}?"
    return day, ""


@functools.cache  # asked once for each of the thousands of files in a period folder
def parse_period_folder(folder: str) -> tuple[dt.date | None, str]:
    day, problem = parse_period(folder)
    return day, f"periodmappen {problem}" if problem else ""

