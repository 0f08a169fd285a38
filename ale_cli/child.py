"""Where a child process of ale begins: Ctrl-C left to the parent, then the work's module imported.

With spawn (Windows, macOS) a child imports its work's modules before it runs anything (pydantic and the models:
a third of a second). Windows gives a Ctrl-C to every process of the console, so a child still importing stopped
with a traceback of its own beside the parent's "ale: avbrutet". The parent is told of the Ctrl-C too, and ends
its children (repository._load_all, apart.run_apart); a child need not hear of it. Before Ctrl-C is set aside
the child imports only this light module and the names of the work, and with spawn the script that started ale:
none on Windows (multiprocessing does not run ale.exe's __main__ again), `ale`'s few lines and the command line's
module (a tenth of a second) on macOS.
"""

from __future__ import annotations

import importlib
import signal
from typing import Any


def run(module: str, name: str, *args: Any) -> None:
    """`module.name(*args)`, with Ctrl-C ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    getattr(importlib.import_module(module), name)(*args)
