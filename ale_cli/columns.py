"""Text laid out in columns, for the tables of `ale calendar` and `ale status`.

Laid out here rather than by rich's Table, which measures every cell of every row: a large kommun has thousands
of rows. Cells are rich `Text`, so that a status can carry its colour to a terminal.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Span, Text

GAP = "   "

_MEASURE = Console(width=10_000, color_system=None, legacy_windows=False)  # rich's wrapping asks a console


def colour_on(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether what goes to `stream` is written in colour: a terminal, without NO_COLOR, that shows ANSI colours.
    Windows' own console (cmd.exe, PowerShell in conhost) shows them only once asked to, and else prints the
    codes as text (`←[32mlevererat←[0m`)."""
    if not stream.isatty() or environ.get("NO_COLOR"):
        return False
    return os.name != "nt" or _ask_windows_console(stream)


_VIRTUAL_TERMINAL_PROCESSING = 0x0004


def _ask_windows_console(stream: TextIO) -> bool:
    try:
        import ctypes
        import msvcrt

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        handle = msvcrt.get_osfhandle(stream.fileno())  # type: ignore[attr-defined,unused-ignore]
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(mode.value & _VIRTUAL_TERMINAL_PROCESSING
                    or kernel32.SetConsoleMode(handle, mode.value | _VIRTUAL_TERMINAL_PROCESSING))
    except (ImportError, AttributeError, OSError, ValueError):  # not a console, or a Windows too old to ask
        return False


def console(colour: bool, width: int) -> Console:
    """A console that writes to a string, in the 16 standard colours or none."""
    return Console(file=io.StringIO(), width=width, force_terminal=colour, no_color=not colour,
                   color_system="standard" if colour else None, highlight=False, emoji=False, legacy_windows=False)


def text_of(written: Console) -> str:
    """What was written to `console(…)`, without the blanks that pad the last cell of each line: they only make a
    saved file noisy in a diff."""
    output: str = written.file.getvalue()  # type: ignore[attr-defined]
    return "".join(text.rstrip(" ") + "\n" for text in output.splitlines())


def show(written: Console, lines: Sequence[Text]) -> None:
    """The lines written to `console(…)`. In colour rich renders them; without, their characters are written as
    rich would write them (tabs expanded), without rich rendering each of a large kommun's thousands of lines."""
    joined = Text("\n").join(lines)
    if written.no_color:
        joined.expand_tabs()
        written.file.write(joined.plain + "\n")
    else:
        written.print(joined, soft_wrap=True)


def widths(rows: Sequence[Sequence[Text]]) -> list[int]:
    """The widest cell of each column."""
    return [max(cell_len(cell.plain) for cell in column) for column in zip(*rows, strict=True)]


def wrapped(cell: Text, width: int) -> list[Text]:
    """The cell's lines at most `width` wide (a single word wider than that is broken)."""
    if cell_len(cell.plain) <= width and "\n" not in cell.plain:
        return [cell]
    return list(cell.wrap(_MEASURE, width))


def line(cells: Sequence[Text], column_widths: Sequence[int]) -> Text:
    """One line: each cell padded to its column's width, the columns GAP apart, with the cells' styles. Made as
    one string and its spans: appending cell by cell costs rich a check of every piece, for thousands of lines."""
    pieces: list[str] = []
    spans: list[Span] = []
    offset = 0
    for index, (cell, width) in enumerate(zip(cells, column_widths, strict=True)):
        if index:
            pieces.append(GAP)
            offset += len(GAP)
        plain = cell.plain
        if cell.style:
            spans.append(Span(offset, offset + len(plain), cell.style))
        spans.extend(span.move(offset) for span in cell.spans)
        padding = " " * (width - cell_len(plain))
        pieces += (plain, padding)
        offset += len(plain) + len(padding)
    return Text("".join(pieces), spans=spans)


def rule(column_widths: Sequence[int]) -> Text:
    """The line under the headers, as wide as the table."""
    return Text("─" * (sum(column_widths) + len(GAP) * (len(column_widths) - 1)))
