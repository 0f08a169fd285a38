"""Personnummer and samordningsnummer in free text are flagged; numbers that fail the check are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ale_cli.pipeline import run
from ale_cli.privacy import luhn_ok, scan


@pytest.mark.parametrize("text", [
    "Eleven 811218-9876 har flyttat",   # the Skatteverket example number, 10 digits with '-'
    "Pnr 198112189876.",                # 12 digits, no separator
    "19811218-9876",                    # 12 digits with '-'
    "8112189876",                       # 10 digits, no separator
    "Brukare 811278-9873",              # samordningsnummer: day 18 + 60
    "Eleven 811218 9876 har flyttat",   # a space before the last four
    "19811218 9876",
    "811218\u20139876",                  # an en dash, as a word processor writes the hyphen
])
def test_flagged(text: str) -> None:
    [diagnostic] = scan("x.yaml", text)
    assert diagnostic.code == "ALE412" and diagnostic.line == 1


@pytest.mark.parametrize("text", [
    "811218-9875",          # wrong check digit
    "201399-1234",          # no such date
    "Telefon 0303-330000",  # a phone number
    "utfall: 1234567890",   # an invented number failing the checks
    "Diarienummer KS.2019.230",
    "98112189876",          # 11 digits: part of a longer number
    "Budget 811 218 9876",  # figures grouped in threes
    "7811218 9876",         # seven digits before the space: not a date part
])
def test_not_flagged(text: str) -> None:
    assert scan("x.yaml", text) == []


def test_luhn() -> None:
    assert luhn_ok("8112189876") and not luhn_ok("8112189875")


def test_position_in_a_repository(base_repo: Path) -> None:
    path = base_repo / "perioder/2020-08-31/enheter/ahaga-skola.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "lärdomar: |\n  Samtal med\n  vårdnadshavare 19811218-9876.\n",
                    encoding="utf-8")
    [diagnostic] = run(base_repo.resolve()).diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message) == (
        "perioder/2020-08-31/enheter/ahaga-skola.yaml", 9, 18, "ALE412",
        "texten ser ut att innehålla ett personnummer")
