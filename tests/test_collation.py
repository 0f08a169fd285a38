"""Names in Swedish alphabetical order: a–z, then å, ä, ö."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ale_cli.collation import sort_key
from tests.cli_helpers import ale


def test_swedish_order() -> None:
    names = ["Överförmyndarnämnden", "Äldrenämnden", "arbetsmarknadsnämnden", "Åre kommunbolag", "Zeta AB",
             "Émile", "Ängen", "Ærø", "Ekonominämnden", "Übersee", "Yngve"]
    assert sorted(names, key=sort_key) == [
        "arbetsmarknadsnämnden", "Ekonominämnden", "Émile", "Übersee", "Yngve", "Zeta AB", "Åre kommunbolag",
        "Äldrenämnden", "Ängen", "Ærø", "Överförmyndarnämnden"]


def test_the_report_lists_the_nämnder_by_name(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """By id, alebyggen would come first; by its name, Östra bostäder AB comes after Utbildningsnämnden."""
    nämnd = base_repo / "namnder/alebyggen/namnd.yaml"
    nämnd.write_text(nämnd.read_text(encoding="utf-8").replace("namn: AB Alebyggen", "namn: Östra bostäder AB"),
                     encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "json")
    view = json.loads(result.out)
    assert [n["namn"] for n in view["nämnder"]] == ["Utbildningsnämnden", "Östra bostäder AB"]
    assert [n["namn"] for n in view["ekonomi"]["nämnder"]] == ["Utbildningsnämnden"]
