"""Work in a child process: its result, a usage problem and a failure come back to the parent as they were."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

from ale_cli.apart import run_apart
from ale_cli.errors import UsageProblem
from ale_cli.repository import parallel_from


def _square(value: int) -> tuple[int, int]:
    return value * value, os.getpid()


def _usage() -> None:
    raise UsageProblem("okänd nämnd 'x'")


def _fails() -> None:
    raise ValueError("trasigt")


def _dies() -> None:
    os._exit(7)


def test_the_result_comes_back_from_another_process() -> None:
    square, pid = run_apart(_square, 12)
    assert square == 144 and pid != os.getpid()


def test_a_usage_problem_is_raised_here_as_there() -> None:
    with pytest.raises(UsageProblem, match="okänd nämnd 'x'"):
        run_apart(_usage)


def test_a_failure_carries_the_childs_traceback() -> None:
    with pytest.raises(RuntimeError, match="(?s)stötte på ett fel:.*ValueError: trasigt"):
        run_apart(_fails)


def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    with pytest.raises(RuntimeError, match=r"avslutades oväntat \(kod 7\)"):
        run_apart(_dies)


def _interrupted() -> str:
    """As a Ctrl-C reaches every process of a Windows console: this child is told of it while at work."""
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.2)  # time for the signal to be handled
    return "arbetade vidare"


def test_a_child_leaves_ctrl_c_to_its_parent() -> None:
    """The parent is told too, and ends its children; a child that heard it printed a traceback of its own."""
    assert run_apart(_interrupted) == "arbetade vidare"


def test_an_interrupted_parent_ends_its_child(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing.connection import Connection

    def interrupted(self: Connection, timeout: float = 0.0) -> bool:
        raise KeyboardInterrupt

    ended = []
    original = multiprocessing.process.BaseProcess.terminate
    monkeypatch.setattr(Connection, "poll", interrupted)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "terminate", lambda self: ended.append(original(self)))
    with pytest.raises(KeyboardInterrupt):
        run_apart(_square, 3, seconds=60)
    assert len(ended) == 1


@pytest.mark.parametrize(("method", "files"), [("fork", 500), ("spawn", 2500), ("forkserver", 2500)])
def test_workers_pay_from_more_files_where_they_start_as_a_new_python(monkeypatch: pytest.MonkeyPatch,
                                                                       method: str, files: int) -> None:
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: method)
    assert parallel_from() == files
