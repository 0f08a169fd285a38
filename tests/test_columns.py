"""columns.py: the tables of `ale calendar` and `ale status`, written without rich's rendering when there is no
colour; what is written must be what rich would have written."""

from __future__ import annotations

import pytest
from rich.text import Text

from ale_cli.columns import console, line, show, text_of

CELLS = [
    "Verksamhetsdialog",
    "med\ttabb\tmitt i",
    "\tinledande tabb",
    "åäö ÅÄÖ é (e + kombinerande accent)",
    "bred 😀 tecken 漢字",
    "styrtecken a\x07b\x08c\x0bd\x0ce",
    "[bold]ingen markup[/bold] :smile:",
    "",
]


def _rendered_by_rich(lines: list[Text]) -> str:
    written = console(False, 100)
    written.print(Text("\n").join(lines), soft_wrap=True)
    return text_of(written)


@pytest.mark.parametrize("cell", CELLS)
def test_show_without_colour_writes_what_rich_writes(cell: str) -> None:
    lines = [Text(cell), line([Text(cell), Text("kommande", style="cyan"), Text(cell)], [12, 9, 40]), Text()]
    written = console(False, 100)
    show(written, lines)
    assert text_of(written) == _rendered_by_rich(lines)


def test_show_in_colour_keeps_the_styles() -> None:
    written = console(True, 100)
    show(written, [Text("försenad", style="bold red")])
    assert text_of(written) == "\x1b[1;31mförsenad\x1b[0m\n"


def test_a_line_pads_each_cell_and_keeps_its_styles() -> None:
    status = Text("försenad", style="bold red")
    titel = Text.assemble("Möte ", ("inställt", "yellow"))
    written = console(True, 100)
    show(written, [line([Text("2020-08-31 mån"), titel, status, Text("")], [15, 16, 10, 3])])
    assert text_of(written) == "2020-08-31 mån    Möte \x1b[33minställt\x1b[0m      \x1b[1;31mförsenad\x1b[0m\n"
