"""An organisation that changes: an enhet or verksamhet closed (`till`) or started (`från`) stays in the sektor's
file, so that the periods before keep validating and reporting, while later periods no longer ask for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import ale

SEKTOR = "sektorer/utbildning.yaml"
NOLSKOLAN = "      - {id: nolskolan, namn: Nolskolan, chef: Olof Ek}"


def _nolskolan(repo: Path, dates: str) -> None:
    path = repo / SEKTOR
    text = path.read_text(encoding="utf-8")
    assert NOLSKOLAN in text
    path.write_text(text.replace(NOLSKOLAN, NOLSKOLAN[:-1] + ", " + dates + "}"), encoding="utf-8")


def _asked(capsys: pytest.CaptureFixture[str], repo: Path, period: str) -> list[str]:
    result = ale(capsys, "status", "--repo", repo, "--period", period, "--format", "json")
    return [task["id"] for task in json.loads(result.out)["uppgifter"] if task["nivå"] == "enhet"]


def _enheter(capsys: pytest.CaptureFixture[str], repo: Path) -> tuple[list[str], dict[str, int]]:
    result = ale(capsys, "report", "--repo", repo, "--period", "2020-08-31", "--nämnd", "utbildning",
                 "--format", "json")
    assert result.code == 0, result.err
    nämnd = json.loads(result.out)["nämnder"][0]
    return [e["id"] for e in nämnd["verksamheter"][0]["enheter"]], nämnd["bedömningar"][0]["enheter"]


def test_an_enhet_closed_after_the_period_is_still_reported_for_it(capsys: pytest.CaptureFixture[str],
                                                                   base_repo: Path) -> None:
    _nolskolan(base_repo, "till: 2020-09-30")
    assert ale(capsys, "validate", "--repo", base_repo, "--strict").code == 0
    assert _enheter(capsys, base_repo) == (["ahaga-skola", "nolskolan"],
                                           {"uppfyllt": 1, "delvis uppfyllt": 1, "ej uppfyllt": 0, "ej bedömt": 0})
    assert _asked(capsys, base_repo, "2020-08-31") == ["ahaga-skola", "nolskolan"]
    assert _asked(capsys, base_repo, "2020-12-31") == ["ahaga-skola"]
    listed = ale(capsys, "new", "period", "2020-12-31", cwd=base_repo)
    assert "perioder/2020-12-31/enheter/ahaga-skola.yaml" in listed.out
    assert "nolskolan" not in listed.out


def test_an_enhet_closed_before_the_period_is_neither_asked_for_nor_counted(capsys: pytest.CaptureFixture[str],
                                                                            base_repo: Path) -> None:
    _nolskolan(base_repo, "till: 2020-06-30")
    refused = ale(capsys, "validate", "--repo", base_repo)
    assert refused.code == 1
    assert refused.out.splitlines()[0] == (
        "perioder/2020-08-31/enheter/nolskolan.yaml:1:1: ALE310 enheten 'nolskolan' finns inte per 2020-08-31: "
        "den fanns till och med 2020-06-30")
    (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").unlink()
    assert ale(capsys, "validate", "--repo", base_repo, "--strict").code == 0
    assert _enheter(capsys, base_repo) == (["ahaga-skola"],
                                           {"uppfyllt": 0, "delvis uppfyllt": 1, "ej uppfyllt": 0, "ej bedömt": 0})
    assert _asked(capsys, base_repo, "2020-08-31") == ["ahaga-skola"]
    refused = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "nolskolan", cwd=base_repo)
    assert refused.code == 2
    assert refused.err == ("ale: enheten 'nolskolan' finns inte per 2020-08-31: den fanns till och med 2020-06-30 (se "
                           "'från' och 'till' i sektorer/utbildning.yaml)\n")
    assert not (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").exists()


def test_an_enhet_that_starts_later_is_asked_for_from_its_first_period(capsys: pytest.CaptureFixture[str],
                                                                        base_repo: Path) -> None:
    _nolskolan(base_repo, "från: 2020-09-01")
    (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").unlink()
    assert ale(capsys, "validate", "--repo", base_repo, "--strict").code == 0
    assert _asked(capsys, base_repo, "2020-08-31") == ["ahaga-skola"]
    assert _asked(capsys, base_repo, "2020-12-31") == ["ahaga-skola", "nolskolan"]


def test_a_dialogue_planned_without_period_may_follow_up_the_last_bokslut_of_a_closed_enhet(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _nolskolan(base_repo, "till: 2020-08-31")
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8")
                        + "  - {datum: 2020-09-08, typ: enhetsdialog, enhet: nolskolan}\n"
                        + "  - {datum: 2020-10-08, typ: enhetsdialog, period: 2020-09-30, enhet: nolskolan}\n",
                        encoding="utf-8")
    result = ale(capsys, "validate", "--repo", base_repo)
    assert result.out.splitlines()[0] == ("kalender/2020.yaml:7:71: ALE310 enheten 'nolskolan' finns inte per "
                                          "2020-09-30: den fanns till och med 2020-08-31")
    assert result.out.splitlines()[-1] == "1 fel och 0 varningar i 1 fil (21 filer kontrollerade)."


def test_an_enhet_that_starts_after_its_verksamhet_closed_is_an_error(capsys: pytest.CaptureFixture[str],
                                                                       base_repo: Path) -> None:
    """It would never exist: status would never ask for it and the report never show it, without a word."""
    sektor = base_repo / SEKTOR
    sektor.write_text(sektor.read_text(encoding="utf-8").replace("    verksamhetschef: Lars Öberg\n",
                                                                 "    verksamhetschef: Lars Öberg\n"
                                                                 "    till: 2020-12-31\n")
                      + "      - {id: ny-skola, namn: Ny skola, chef: Eva Ny, från: 2021-01-01}\n", encoding="utf-8")
    result = ale(capsys, "validate", "--repo", base_repo)
    assert result.out.splitlines()[:2] == [
        ("sektorer/utbildning.yaml:12:60: ALE310 enheten 'ny-skola' finns från och med 2021-01-01, men verksamheten "
         "'grundskola' den hör till fanns till och med 2020-12-31"),
        "    tips: en enhet finns bara medan dess verksamhet finns: lägg den under en verksamhet som finns då"]


def test_an_enhet_moved_under_its_old_id_is_told_to_get_a_new_one(capsys: pytest.CaptureFixture[str],
                                                                     base_repo: Path) -> None:
    """The id standing twice is the mistake; which of the two a period's file means is unknown, so the file is not
    also said to lie outside the days of one of them (its hint, to delete the file, would lose a dialogue)."""
    _nolskolan(base_repo, "till: 2020-06-30")
    sektor = base_repo / SEKTOR
    sektor.write_text(sektor.read_text(encoding="utf-8")
                      + "  - id: grundsarskola\n    namn: Grundsärskola\n    verksamhetschef: Eva Lund\n"
                      + "    enheter:\n      - {id: nolskolan, namn: Nolskolan, chef: Olof Ek, från: 2020-07-01}\n",
                      encoding="utf-8")
    result = ale(capsys, "validate", "--repo", base_repo)
    assert result.out.splitlines() == [
        "sektorer/utbildning.yaml:15:14: ALE302 enheten 'nolskolan' finns redan (sektorer/utbildning.yaml:10)",
        ("    tips: ett id får bara användas en gång per slag; en enhet som flyttas till en annan verksamhet eller "
         "sektor får ett nytt id: 'till' med sista dagen där den fanns, och ett nytt id med 'från' där den finns nu"),
        "1 fel och 0 varningar i 1 fil (21 filer kontrollerade)."]
