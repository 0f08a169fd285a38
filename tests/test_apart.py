"""Work in a child process: its result, a usage problem and a failure come back to the parent as they were."""

from __future__ import annotations

import os

import pytest

from ale_cli.apart import run_apart
from ale_cli.errors import UsageProblem


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
