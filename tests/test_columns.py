"""columns.py: the tables of `ale calendar` and `ale status`, written without rich's rendering when there is no
colour; what is written must be what rich would have written."""

from __future__ import annotations

import ctypes
import io
import sys
import types
from typing import Any

import pytest
from rich.text import Text

from ale_cli import columns
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


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1


class _Kernel32:
    """Windows' console functions, with a console whose mode starts as `mode` and may or may not change."""

    def __init__(self, mode: int, can_change: bool) -> None:
        self.mode, self.can_change = mode, can_change

    def GetConsoleMode(self, handle: int, mode: Any) -> int:  # noqa: N802 (Windows' name)
        mode._obj.value = self.mode
        return 1

    def SetConsoleMode(self, handle: int, mode: int) -> int:  # noqa: N802
        if self.can_change:
            self.mode = mode
        return int(self.can_change)


@pytest.mark.parametrize(("mode", "can_change", "colour"), [(0x3, True, True), (0x7, False, True),
                                                             (0x3, False, False)])
def test_windows_console_is_asked_for_colour_codes(monkeypatch: pytest.MonkeyPatch, mode: int, can_change: bool,
                                                   colour: bool) -> None:
    """conhost prints ANSI codes as text unless its virtual terminal mode (0x4) is on, or can be turned on."""
    kernel32 = _Kernel32(mode, can_change)
    monkeypatch.setattr(columns.os, "name", "nt")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error: kernel32, raising=False)
    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(get_osfhandle=lambda fd: 7))
    assert columns.colour_on(_Terminal(), {}) is colour
    assert kernel32.mode == (mode | 0x4 if can_change else mode)
    assert columns.colour_on(_Terminal(), {"NO_COLOR": "1"}) is False
    assert columns.colour_on(io.StringIO(), {}) is False


class _NoConsole(_Kernel32):
    def GetConsoleMode(self, handle: int, mode: Any) -> int:  # noqa: N802 (Windows' name)
        return 0  # a terminal that is not Windows' console (mintty's pipe): it cannot be asked


def test_without_a_windows_console_to_ask_there_is_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns.os, "name", "nt")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error: _NoConsole(0x7, True), raising=False)
    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(get_osfhandle=lambda fd: 7))
    assert columns.colour_on(_Terminal(), {}) is False
    monkeypatch.setitem(sys.modules, "msvcrt", None)  # and where it cannot even be imported
    assert columns.colour_on(_Terminal(), {}) is False
