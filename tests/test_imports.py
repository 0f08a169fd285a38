"""What a command imports: `ale validate` in a pre-commit hook, and a run from the cache, do without the libraries
of the commands they are not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE

HEAVY = ("typst", "jinja2", "icalendar", "holidays")

PROGRAM = """
import json, sys
from ale_cli.cli import main
sys.argv = ["ale", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\n" + json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def imported(*args: str | Path) -> list[str]:
    """The heavy libraries that `ale ARGS…` imported, run as its own process."""
    environment = {**os.environ, "ALE_TODAY": "2020-10-01"}
    done = subprocess.run([sys.executable, "-c", PROGRAM.format(heavy=HEAVY), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=environment, check=False)
    names: list[str] = json.loads(done.stderr.splitlines()[-1])
    return names


def test_validate_imports_no_library_of_the_report_or_the_calendar() -> None:
    assert imported("validate", "--repo", BASE) == ["holidays"]  # ALE411 asks it for Sweden's helgdagar


def test_validate_from_the_cache_does_without_the_holidays_library(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert imported("validate", "--repo", BASE, "--cache", cache) == ["holidays"]
    assert imported("validate", "--repo", BASE, "--cache", cache) == []


@pytest.mark.parametrize("format, expected", [("table", ["holidays"]), ("json", ["holidays"]),
                                              ("ics", ["holidays", "icalendar"])])
def test_the_calendar_imports_icalendar_for_ics_only(format: str, expected: list[str]) -> None:
    """The helgdagar it needs in every format: a time the law sets runs past them (lagen (1930:173))."""
    assert imported("calendar", "--repo", BASE, "--format", format) == expected


def test_the_report_and_status_do_without_the_holidays_library(tmp_path: Path) -> None:
    assert imported("report", "--repo", BASE, "--period", "2020-08-31", "--format", "md",
                    "-o", tmp_path / "rapport.md") == ["jinja2"]
    assert imported("status", "--repo", BASE, "--period", "2020-08-31") == []
