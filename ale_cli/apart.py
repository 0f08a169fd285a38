"""Work done in a child process of its own, so that its memory is given back whole when it ends.

A Python process does not return the memory of many small freed objects to the system: the survivors are
scattered over the heap. `ale report --format pdf` on a large kommun loads some hundred MB of repository to
build a view of a few MB, and Typst then needs some hundred MB of its own; loading in a child that ends before
Typst starts keeps the two from adding up.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from ale_cli.errors import UsageProblem

T = TypeVar("T")


def run_apart(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` run in a child process, its result handed back. A usage problem is raised here as it
    was there; any other failure becomes a RuntimeError with the child's traceback."""
    context = multiprocessing.get_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args))
    child.start()
    sender.close()  # the child holds the only sending end: when it ends, receiving stops instead of waiting
    try:
        kind, value = receiver.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"processen som läste repositoriet avslutades oväntat (kod {child.exitcode})") from None
    finally:
        receiver.close()
    child.join()
    if kind == "usage":
        raise UsageProblem(value)
    if kind == "failed":
        raise RuntimeError(f"processen som läste repositoriet stötte på ett fel:\n{value}")
    return value  # type: ignore[no-any-return]


def _child(sender: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        answer: tuple[str, Any] = ("done", function(*args))
    except UsageProblem as problem:
        answer = ("usage", str(problem))
    except BaseException:  # noqa: BLE001 (whatever it is, the parent reports it)
        answer = ("failed", traceback.format_exc())
    sender.send(answer)
    sender.close()
