"""Swedish figures: ale's own writing of whole numbers agrees with Babel's, which writes the rest."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, localcontext

from babel.numbers import format_decimal, format_percent

from ale_cli.present import MINUS, procent, tal, text_for, tkr, with_texts

NBSP = "\u00a0"


def babel(value: float, pattern: str) -> str:
    """Babel's writing, with a half rounded away from zero as a controller's Excel rounds it."""
    with localcontext(rounding=ROUND_HALF_UP):
        text = format_decimal(value, pattern, locale="sv_SE")
    return MINUS + text[1:] if text.startswith("-") else text


def values() -> list[float]:
    chosen = random.Random(2020)
    wholes = [0, 1, -1, 999, 1000, -1000, 9999, 10_000, 999_999, 1_000_000, -1_234_567, 10**15, -(10**15)]
    wholes += [chosen.randint(-10**digits, 10**digits) for digits in range(1, 13) for _ in range(250)]
    halves = [whole + 0.5 for whole in range(-6, 7)] + [2.675, 1.005, -0.125, 0.004, -0.004, 1e-9]
    decimals = [chosen.uniform(-10**digits, 10**digits) for digits in range(0, 10) for _ in range(300)]
    decimals += [round(value, places) for value in decimals[:600] for places in (1, 2, 3)]
    return [*wholes, *halves, *decimals]


def test_whole_numbers_and_tkr_are_written_as_babel_writes_them() -> None:
    checked = values()
    assert len(checked) > 6000
    for value in checked:
        whole = babel(value, "#,##0")
        assert tkr(value) == ("0" if whole == MINUS + "0" else whole), value  # no −0 tkr in a report
        assert tal(value) == babel(value, "#,##0.##"), value
        if isinstance(value, float) and value.is_integer() and value != 0:  # Babel writes −0,004 as −0
            assert tal(int(value)) == babel(value, "#,##0.##"), value


def test_examples() -> None:
    assert [tkr(412_000), tkr(-3000.4), tkr(-0.4), tal(1234), tal(-1234.5), tal(2.675), procent(0.255)] == [
        "412\u00a0000", "\u22123\u00a0000", "0", "1\u00a0234", "\u22121\u00a0234,5", "2,68", "26\u00a0%"]
    assert [procent(value) for value in (0.255, -0.5, 12.5)] == [
        format_percent(0.255, locale="sv_SE"), MINUS + format_percent(0.5, locale="sv_SE"),
        format_percent(12.5, locale="sv_SE")]
    assert [tkr(None), tal(None), procent(None)] == [None, None, None]


def test_a_half_is_rounded_away_from_zero_as_in_excel() -> None:
    assert [tkr(72_316.5), tkr(72_317.5), tkr(-2.5), tkr(0.5), tkr(-0.49)] == [
        "72\u00a0317", "72\u00a0318", "\u22123", "1", "0"]
    assert [procent(0.125), procent(-0.125), tal(0.125), tal(-2.345)] == ["13\u00a0%", "\u221213\u00a0%", "0,13",
                                                                         "\u22122,35"]


def test_each_figure_gets_a_text_by_its_kind() -> None:
    view = {"budget_tkr": 412_000.4, "andel_procent": 0.5, "utfall": 12, "år": 2020, "prognos_tkr": None,
            "rader": [{"målvärde": 2.5, "namn": "Nöjdhet", "klar": True}]}
    assert with_texts(view) == {
        "budget_tkr": 412_000.4, "budget_tkr_text": "412\u00a0000", "andel_procent": 0.5,
        "andel_procent_text": "50\u00a0%", "utfall": 12, "utfall_text": "12", "år": 2020, "prognos_tkr": None,
        "prognos_tkr_text": None,
        "rader": [{"målvärde": 2.5, "målvärde_text": "2,5", "namn": "Nöjdhet", "klar": True}]}
    assert text_for("x_tkr", 1500.5) == "1\u00a0501"


def test_any_finite_number_is_written_out_whole() -> None:
    """The data allows numbers up to 10^15 and shares of them; 28 digits (Decimal's default) ran out before."""
    assert tkr(999_999_999_999_999.9) == "1 000 000 000 000 000".replace(" ", NBSP)
    assert tal(999_999_999_999_999.9) == "999 999 999 999 999,9".replace(" ", NBSP)
    assert tal(1e-300) == "0"
    assert procent(1e20) == "10 000 000 000 000 000 000 000 %".replace(" ", NBSP)
    written = tkr(1.7e308)
    assert written is not None and written.startswith("170" + NBSP) and len(written.replace(NBSP, "")) == 309
