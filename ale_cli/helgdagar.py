"""Sweden's public holidays and the three free aftons, which a planned meeting should not fall on
(rules.möte_på_vardag), and past which a time the law sets runs (calendar._nästa_vardag)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import cache

Helgdagar = Callable[[int], Mapping[dt.date, str]]
"""A year's holidays by name: `swedish_holidays`, or the same table kept in the cache of a CI run
(cache.LoadCache.helgdagar)."""


@cache
def swedish_holidays(år: int) -> dict[dt.date, str]:
    """The holidays library's table for Sweden in Swedish, Sundays left out (every Sunday is a helgdag there):
    the public holidays, and midsommarafton, julafton and nyårsafton, which are no helgdagar by law but are free
    days as a Sunday is (semesterlagen 3 §), so a meeting there is as likely a slip as one on a Saturday.

    The library is imported here, when first asked for: it loads every country it knows, a fifth of a second that
    a run taking the table from its cache does without."""
    import holidays

    return dict(holidays.country_holidays("SE", years=år, include_sundays=False, language="sv",
                                          categories=("public", "de_facto")))


def ledig(dag: dt.date, helgdagar: Helgdagar = swedish_holidays) -> str | None:
    """What makes `dag` a free day, as a sentence says it ("en lördag", "alla helgons dag"), or None on a
    weekday. The holiday's name is in lower case, as Swedish writes it inside a sentence (the library
    capitalises them, as titles)."""
    helgdag = helgdagar(dag.year).get(dag)
    if helgdag:
        return helgdag[:1].lower() + helgdag[1:]
    return {5: "en lördag", 6: "en söndag"}.get(dag.weekday())


@cache
def holidays_version() -> str:
    """The version of the holidays library, which the table depends on, read without importing it."""
    from importlib.metadata import version

    return version("holidays")
