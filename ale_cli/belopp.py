"""Amounts as the report shows them: whole tkr, a half rounded away from zero, as Excel and the ekonomisystem round
(72 316,5 tkr is 72 317), not to the even neighbour as Python's round does; reckoned from the number as written.

Kept apart from present.py (which formats with Babel) so that the roll-up can tell, without Babel, when the rounded
rows of a table do not add up to its rounded sum.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

_ONE = Decimal(1)

WIDE = Context(prec=400, rounding=ROUND_HALF_UP)
"""Digits enough for every finite float (up to about 1.8e308) with its decimals: the default 28 would stop with an
error at a number the data may hold."""


def whole_tkr(value: float) -> int:
    return int(Decimal(repr(value)).quantize(_ONE, context=WIDE))
