"""Work done in a child process of its own: its memory is given back whole when it ends, and it can be bounded.

A Python process does not return the memory of many small freed objects to the system: the survivors are
scattered over the heap. `ale report --format pdf` on a large kommun loads some hundred MB of repository to
build a view of a few MB, and Typst then needs some hundred MB of its own; loading in a child that ends before
Typst starts keeps the two from adding up.

A report template from the data repository is code from whoever opened the pull request; Jinja2's sandbox keeps
it from Python's insides but not from looping for hours or filling the memory. Run apart, it is stopped after a
time and (where the system can limit a process's memory) refused more than a set amount of memory.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from ale_cli.child import run
from ale_cli.errors import TemplateProblem, UsageProblem

T = TypeVar("T")


class Overran(Exception):
    """The child did not finish within its time."""


def run_apart(function: Callable[..., T], *args: Any, seconds: float | None = None,
              extra_memory: int | None = None) -> T:
    """`function(*args)` run in a child process, its result handed back. A usage or template problem is raised
    here as it was there; any other failure becomes a RuntimeError with the child's traceback.

    With `seconds`, a child still at work after that long is stopped and Overran raised. With `extra_memory`
    (bytes), the child may take that much more memory than it started with (on Linux; elsewhere there is no
    such limit): beyond it, allocating raises MemoryError in the child, as running out would."""
    context = multiprocessing.get_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=run, args=(__name__, "_child", sender, function.__module__, function.__qualname__,
                                              args, extra_memory))
    child.start()
    sender.close()  # the child holds the only sending end: when it ends, receiving stops instead of waiting
    try:
        if seconds is not None and not receiver.poll(seconds):
            child.terminate()
            child.join()
            raise Overran(f"{seconds:g} s")
        kind, value = receiver.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"processen avslutades oväntat (kod {child.exitcode})") from None
    except BaseException:  # Ctrl-C, which the child leaves to this process (child.py): it is ended here
        child.terminate()
        child.join()
        raise
    finally:
        receiver.close()
    child.join()
    if kind == "usage":
        raise UsageProblem(value)
    if kind == "template":
        raise TemplateProblem(*value)
    if kind == "failed":
        raise RuntimeError(f"processen stötte på ett fel:\n{value}")
    return value  # type: ignore[no-any-return]


def _child(sender: Any, module: str, name: str, args: tuple[Any, ...], extra_memory: int | None) -> None:
    """In the child: the function named, its answer or its failure sent to the parent. The function is named,
    not handed over, so that its module is imported after child.run has set Ctrl-C aside."""
    try:
        if extra_memory is not None:
            _limit_memory(extra_memory)
        function = getattr(importlib.import_module(module), name)
        answer: tuple[str, Any] = ("done", function(*args))
    except UsageProblem as problem:
        answer = ("usage", str(problem))
    except TemplateProblem as problem:
        answer = ("template", (problem.path, problem.line, problem.message, problem.hint))
    except BaseException:  # noqa: BLE001 (whatever it is, the parent reports it)
        answer = ("failed", traceback.format_exc())
    sender.send(answer)
    sender.close()


def _limit_memory(extra: int) -> None:
    """The address space this process has now, plus `extra`, as its limit (Linux: /proc tells the size)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (ImportError, OSError, ValueError, IndexError):
        return
    limit = pages * os.sysconf("SC_PAGE_SIZE") + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
