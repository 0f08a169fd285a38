"""A progress bar for long work, on a terminal only: nothing of it reaches CI logs, pipes or files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextmanager
def files_bar(shown: bool | None = None) -> Iterator[Callable[[int], Callable[[int], object]] | None]:
    """Yields what `load_repository(progress=…)` takes, or None when no bar is to be shown."""
    if not (wanted() if shown is None else shown):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("Läser filerna"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)

    def start(total: int) -> Callable[[int], Any]:
        task = bar.add_task("filer", total=total)
        return lambda done: bar.advance(task, done)

    with bar:
        yield start


@contextmanager
def working(text: str, shown: bool | None = None, console: Any = None) -> Iterator[None]:
    """A spinner with `text` while work that tells no steps goes on (Typst setting a PDF), on a terminal only."""
    if not (wanted() if shown is None else shown):
        yield
        return
    from rich.console import Console

    with (console or Console(stderr=True)).status(text):
        yield
