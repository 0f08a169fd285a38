"""Stage 3, link: what a file names is there, and is named where the format reads it.

Each test edits a copy of tests/corpus/base (which is clean) and asserts every diagnostic of the run, with its
hint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ale_cli.pipeline import run

KALENDER = "kalender/2020.yaml"

Found = tuple[str, int, int, str, str, str]


def found(repo: Path) -> list[Found]:
    return [(d.path, d.line, d.column, d.code, d.message, d.hint) for d in run(repo.resolve()).diagnostics]


def plan(repo: Path, möte: str) -> None:
    """The meeting added as the kalender's line 6."""
    path = repo / KALENDER
    path.write_text(path.read_text(encoding="utf-8") + f"  - {{{möte}}}\n", encoding="utf-8")


# -- ALE309 a meeting names whom it is with, under the key its typ has ---------------------------------------


@pytest.mark.parametrize("typ, message, hint", [
    ("ksau", "en KSAU-dialog anger vilken nämnd den gäller", "lägg till 'nämnd: <nämnd>' i mötet"),
    ("kunddialog", "en kunddialog anger vilken nämnd den gäller", "lägg till 'nämnd: <nämnd>' i mötet"),
    ("nämndsammanträde", "ett nämndsammanträde anger vilken nämnd det gäller", "lägg till 'nämnd: <nämnd>' i mötet"),
    ("ledningsdialog", "en ledningsdialog anger vilken sektor den gäller", "lägg till 'sektor: <sektor>' i mötet"),
    ("sektorsdialog", "en sektorsdialog anger vilken sektor den gäller", "lägg till 'sektor: <sektor>' i mötet"),
    ("verksamhetsdialog", "en verksamhetsdialog anger vilken verksamhet den gäller",
     "lägg till 'verksamhet: <verksamhet>' i mötet"),
    ("enhetsdialog", "en enhetsdialog anger vilken enhet den gäller", "lägg till 'enhet: <enhet>' i mötet"),
    ("team", "ett teammöte anger vilken målsättning det gäller", "lägg till 'målsättning: <målsättning>' i mötet"),
])
def test_ale309_a_meeting_without_whom_it_is_with_is_flagged(base_repo: Path, typ: str, message: str,
                                                             hint: str) -> None:
    plan(base_repo, f'datum: 2020-09-16, tid: "18:00", typ: {typ}, period: 2020-08-31')
    assert found(base_repo) == [(KALENDER, 6, 5, "ALE309", message, hint)]


def test_ale309_a_meeting_with_the_wrong_key_is_told_the_right_one(base_repo: Path) -> None:
    plan(base_repo, "datum: 2020-09-16, typ: enhetsdialog, period: 2020-08-31, nämnd: utbildning")
    assert found(base_repo) == [(KALENDER, 6, 5, "ALE309", "en enhetsdialog anger vilken enhet den gäller",
                                 "skriv 'enhet: <enhet>' i stället för 'nämnd'")]


def test_ale309_a_key_beside_the_right_one_is_read_as_a_reference(base_repo: Path) -> None:
    """As in a dialogue note, where a ledningsdialog may name its nämnd too: a known one passes, an unknown one is
    an unknown id."""
    plan(base_repo, "datum: 2020-09-16, typ: ledningsdialog, period: 2020-08-31, sektor: utbildning, nämnd: utbildning")
    plan(base_repo, "datum: 2020-09-16, typ: ks, nämnd: utbildning")
    assert found(base_repo) == []
    plan(base_repo, "datum: 2020-09-17, typ: kf, sektor: finns-inte")
    assert [(d[1], d[3], d[4]) for d in found(base_repo)] == [(8, "ALE301", "okänd sektor 'finns-inte'")]
