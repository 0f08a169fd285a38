"""constraints/lowest.txt pins each library at its floor in pyproject.toml, so that the floors can be tested."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_lowest_versions_are_the_floors_of_the_dependencies() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    floors = {}
    for requirement in dependencies:
        found = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^]]*\])?>=([0-9.]+)(?:,<[0-9.]+)?", requirement)
        assert found, f"{requirement}: every dependency has a floor"
        floors[found[1].lower()] = found[2]
    pinned = dict(line.lower().split("==") for line in
                  (ROOT / "constraints/lowest.txt").read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#"))
    assert pinned == floors
