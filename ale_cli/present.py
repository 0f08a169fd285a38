"""Swedish presentation of view-model values through Babel: `412 000` and `26 %` (non-breaking spaces), `−3 000`.

`with_texts` returns a copy of the view-model in which every number has a sibling `<key>_text` formatted by
its kind (keys ending in `_tkr` are whole tkr, `_procent` a fraction shown in percent); the Markdown and Typst
templates print those texts, so both renderings show the same figures.
"""

from __future__ import annotations

from decimal import localcontext
from typing import Any

from babel import Locale
from babel.numbers import get_group_symbol, parse_pattern

from ale_cli.belopp import WIDE, whole_tkr

LOCALE = "sv_SE"
MINUS = "\u2212"

# Babel's format_decimal and format_percent parse the locale and the pattern on every call; parsed once here, the
# same formatting (pattern.apply is what those functions end in) costs a third.
_LOCALE = Locale.parse(LOCALE)
_PERCENT = _LOCALE.percent_formats[None]  # the locale's own: `26 %` with a non-breaking space
_DECIMAL = parse_pattern("#,##0.##")
_GROUP = get_group_symbol(LOCALE)


def _sign(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def _whole(value: int) -> str:
    """A whole number as Babel writes it with "#,##0" in Swedish. Most figures of a report are whole; Python's
    own grouping costs a tenth of Babel's way through Decimal (tests/test_present.py compares the two)."""
    text = f"{abs(value):,}".replace(",", _GROUP)
    return MINUS + text if value < 0 else text


# A half is rounded away from zero, as Excel and the ekonomisystem round it (72 316,5 tkr is 72 317, 12,5 % is 13 %),
# not to the even neighbour as Python's round and Babel do by default; reckoned from the number as written, with
# digits enough for any finite number (belopp.WIDE).
_ROUNDING = WIDE


def tkr(value: float | None) -> str | None:
    if value is None:
        return None
    return _whole(whole_tkr(value))


def procent(value: float | None) -> str | None:
    if value is None:
        return None
    with localcontext(_ROUNDING):
        return _sign(_PERCENT.apply(value, _LOCALE))


def tal(value: float | None) -> str | None:
    if value is None:
        return None
    if type(value) is int:
        return _whole(value)
    with localcontext(_ROUNDING):
        return _sign(_DECIMAL.apply(value, _LOCALE))


def text_for(key: str, value: float | None) -> str | None:
    if key.endswith("_tkr"):
        return tkr(value)
    if key.endswith("_procent"):
        return procent(value)
    return tal(value)


def with_texts(value: Any) -> Any:
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            result[key] = with_texts(item)
            if isinstance(item, int | float) and not isinstance(item, bool) and key not in _NOT_FIGURES:
                result[f"{key}_text"] = text_for(key, item)
            elif item is None and (key.endswith(("_tkr", "_procent")) or key in _NUMERIC):
                result[f"{key}_text"] = None
        return result
    if isinstance(value, list):
        return [with_texts(item) for item in value]
    return value


_NUMERIC = {"utfall", "målvärde", "utgångsvärde", "föregående"}
_NOT_FIGURES = {"år"}  # a year is written 2020, not 2 020
