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


# -- ALE301 an id of another year's verksamhetsplan ----------------------------------------------------------


def test_ale301_an_id_of_last_years_plan_is_said_to_be_that_not_guessed_at(base_repo: Path) -> None:
    """A kommun copies last year's notes into the new year: the målsättning KF dropped and the uppdrag of last
    year are there, in last year's plan, and not a near id of this year's (kf-2021-01 is another uppdrag)."""
    plan_2020 = (base_repo / "verksamhetsplan/2020.yaml").read_text(encoding="utf-8")
    (base_repo / "verksamhetsplan/2021.yaml").write_text(
        plan_2020.replace("2019-06-17", "2020-06-15").replace("kf-2020-01, text: Utred skolskjutsar",
                                                              "kf-2021-01, text: Ny skola i Alafors")
        .replace("      - id: sysselsattning\n        namn: Full och produktiv sysselsättning\n"
                 "        ansvarig: Bo Ek\n", ""), encoding="utf-8")
    note = base_repo / "perioder/2021-03-31/namnder/utbildning.yaml"
    note.parent.mkdir(parents=True)
    note.write_text("bedömningar:\n  - {målsättning: sysselsattning, bedömning: uppfyllt}\n"
                    "uppdrag:\n  - {uppdrag: kf-2020-01, status: pågår}\n", encoding="utf-8")
    hint = "2021 följer verksamhetsplan/2021.yaml: välj {}, eller för in {} där om {} gäller också 2021"
    path = "perioder/2021-03-31/namnder/utbildning.yaml"
    assert [d for d in found(base_repo) if d[3] == "ALE301"] == [
        (path, 2, 19, "ALE301", "målsättningen 'sysselsattning' står i verksamhetsplanen för 2020, inte för 2021",
         hint.format("en av dess målsättningar", "målsättningen", "den")),
        (path, 4, 15, "ALE301", "uppdraget 'kf-2020-01' står i verksamhetsplanen för 2020, inte för 2021",
         hint.format("ett av dess uppdrag", "uppdraget", "det")),
    ]


# -- ALE301/ALE306 a mått, investering or kontroll of the nämnd's own files ---------------------------------

NÄMND_AUGUSTI = "perioder/2020-08-31/namnder/utbildning.yaml"


@pytest.mark.parametrize(("old", "new", "line", "message", "hint"), [
    # a near miss: the file that holds the ids is named, and what it holds
    ("  inkop-utanfor-avtal:", "  inkop-utanfor:", 13,
     ("kontrollen 'inkop-utanfor' finns inte i namnder/utbildning/2020/internkontrollplan.yaml — menade du "
     "'inkop-utanfor-avtal'?"), "kontrollerna i namnder/utbildning/2020/internkontrollplan.yaml: inkop-utanfor-avtal"),
    # no near miss: the ids there are the nearest help
    ("  ny-skola-nol:", "  laptops:", 9, "investeringen 'laptops' finns inte i namnder/utbildning/2020/budget.yaml",
     "investeringarna i namnder/utbildning/2020/budget.yaml: ny-skola-nol"),
])
def test_ale301_an_unknown_id_of_the_namnds_own_names_the_file_and_its_ids(
        base_repo: Path, old: str, new: str, line: int, message: str, hint: str) -> None:
    path = base_repo / NÄMND_AUGUSTI
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert found(base_repo) == [(NÄMND_AUGUSTI, line, 3, "ALE301", message, hint)]


def test_ale306_a_matt_of_another_namnd_names_the_file_it_stands_in(base_repo: Path) -> None:
    path = base_repo / "perioder/2020-08-31/namnder/alebyggen.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "mått:\n  meritvarde-ak9: 219\n", encoding="utf-8")
    [(_, _, _, code, message, hint)] = found(base_repo)
    assert (code, message, hint) == (
        "ALE306", "måttet 'meritvarde-ak9' hör till nämnden 'utbildning', inte 'alebyggen'",
        ("måttet står i namnder/utbildning/2020/matt.yaml; en nämnd följer bara upp sina egna mått, kontroller och "
        "investeringar"))


@pytest.mark.parametrize(("name", "hint"), [
    ("ksau-utbildning", "lägg till 'nämnd: utbildning'"),  # as ale new dialog names it
    ("ksau-utbildningsnamnden", "lägg till 'nämnd: <nämnd>' med ett av: alebyggen, utbildning"),
])
def test_a_dialogue_note_without_whom_is_told_the_id_its_file_is_named_by(base_repo: Path, name: str,
                                                                          hint: str) -> None:
    folder = base_repo / "perioder/2020-08-31/dialoger"
    (folder / "ksau-utbildning.yaml").unlink()
    (folder / f"{name}.yaml").write_text("typ: ksau\ndatum: 2020-10-06\n", encoding="utf-8")
    assert found(base_repo) == [(f"perioder/2020-08-31/dialoger/{name}.yaml", 1, 6, "ALE309",
                                 "en KSAU-dialog anger vilken nämnd den gäller", hint)]


def test_an_unknown_id_is_told_the_years_plan_and_the_ids_there_are(base_repo: Path) -> None:
    """Where no id is near enough to ask 'menade du', the hint lists the few there are, and names the year's
    plan where it said 'verksamhetsplan/<år>.yaml'."""
    ahaga = base_repo / "perioder/2020-08-31/enheter/ahaga-skola.yaml"
    ahaga.write_text(ahaga.read_text(encoding="utf-8").replace("målsättning: god-utbildning", "målsättning: trygghet"),
                     encoding="utf-8")
    ksau = base_repo / "perioder/2020-08-31/dialoger/ksau-utbildning.yaml"
    ksau.write_text(ksau.read_text(encoding="utf-8").replace("nämnd: utbildning", "nämnd: skola"), encoding="utf-8")
    assert [(path, code, message, hint) for path, _, _, code, message, hint in found(base_repo)] == [
        ("perioder/2020-08-31/dialoger/ksau-utbildning.yaml", "ALE301", "okänd nämnd 'skola'",
         "en nämnd är en mapp namnder/<nämnd>/ med en namnd.yaml; de som finns: alebyggen, utbildning"),
        ("perioder/2020-08-31/enheter/ahaga-skola.yaml", "ALE301", "okänd målsättning 'trygghet'",
         "målsättningarna står i verksamhetsplan/2020.yaml; de som finns: god-utbildning, sysselsattning")]
