"""Stage 4, check: each process rule fires where it should and stays quiet where it should not.

Each test edits a copy of tests/corpus/base (which is clean) and asserts every diagnostic of the run, so that a
rule that fires too widely shows up as well as one that does not fire.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ale_cli.diagnostics import Severity
from ale_cli.pipeline import run
from ale_cli.rules import RULES

Found = tuple[str, str, int, int, str]

INTERNKONTROLLPLAN = "namnder/utbildning/2020/internkontrollplan.yaml"
BUDGET = "namnder/utbildning/2020/budget.yaml"
NÄMND_JULI = "perioder/2020-07-31/namnder/utbildning.yaml"
NÄMND_AUGUSTI = "perioder/2020-08-31/namnder/utbildning.yaml"
AHAGA = "perioder/2020-08-31/enheter/ahaga-skola.yaml"
NOLSKOLAN = "perioder/2020-08-31/enheter/nolskolan.yaml"
GRUNDSKOLA = "perioder/2020-08-31/verksamheter/grundskola.yaml"
SEKTOR = "perioder/2020-08-31/sektorer/utbildning.yaml"
KALENDER = "kalender/2020.yaml"


def edit(repo: Path, path: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in the file."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def append(repo: Path, path: str, text: str) -> None:
    file = repo / path
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def found(repo: Path) -> list[Found]:
    return [(d.code, d.path, d.line, d.column, d.message) for d in run(repo.resolve()).diagnostics]


def found_with_hints(repo: Path) -> list[tuple[str, str, int, int, str, str]]:
    return [(d.code, d.path, d.line, d.column, d.message, d.hint) for d in run(repo.resolve()).diagnostics]


def test_base_is_clean(base_repo: Path) -> None:
    assert found(base_repo) == []


# -- the registry ---------------------------------------------------------------------------------------------


def test_every_rule_has_a_code_a_docstring_and_its_own_test() -> None:
    codes = [registered.code for registered in RULES]
    assert len(codes) == len(set(codes))
    tested = {match for match in re.findall(r"def test_(ale4\d\d)_", Path(__file__).read_text(encoding="utf-8"))}
    for registered in RULES:
        assert re.fullmatch(r"ALE4\d\d", registered.code)
        assert len(registered.doc) > 40, f"{registered.code} needs a docstring saying what and why"
        assert registered.code.lower() in tested, f"{registered.code} has no test_{registered.code.lower()}_… here"


# -- ALE401 internkontrollplan decided in December of the year before -----------------------------------------


@pytest.mark.parametrize("datum", ["2019-12-31", "2019-01-15"])
def test_ale401_plan_decided_the_year_before_is_fine(base_repo: Path, datum: str) -> None:
    edit(base_repo, INTERNKONTROLLPLAN, "datum: 2019-12-10", f"datum: {datum}")
    assert found(base_repo) == []


def test_ale401_plan_decided_in_the_year_itself_is_flagged(base_repo: Path) -> None:
    edit(base_repo, INTERNKONTROLLPLAN, "datum: 2019-12-10", "datum: 2020-01-02")
    assert found(base_repo) == [
        ("ALE401", INTERNKONTROLLPLAN, 1, 17,
         "internkontrollplanen för 2020 beslutades 2020-01-02, efter december 2019")]


def test_ale401_plan_decided_before_the_year_before_is_flagged(base_repo: Path) -> None:
    """A plan copied into the new year with last year's beslut: the 2020 plan decided in 2018."""
    edit(base_repo, INTERNKONTROLLPLAN, "datum: 2019-12-10", "datum: 2018-12-10")
    assert [(d.code, d.path, d.line, d.column, d.message, d.hint) for d in run(base_repo.resolve()).diagnostics] == [
        ("ALE401", INTERNKONTROLLPLAN, 1, 17, "internkontrollplanen för 2020 beslutades 2018-12-10, före 2019",
         "planen för 2020 beslutas under 2019, senast 2019-12-31; är beslutet kvar från förra årets plan?")]


def test_ale401_is_a_warning(base_repo: Path) -> None:
    edit(base_repo, INTERNKONTROLLPLAN, "datum: 2019-12-10", "datum: 2020-01-02")
    assert [d.severity for d in run(base_repo.resolve()).diagnostics] == [Severity.WARNING]


# -- ALE402 budget per verksamhet sums to nettokostnad ---------------------------------------------------------


def test_ale402_sum_within_half_a_tkr_is_fine(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "{grundskola: 412000}", "{grundskola: 412000.4}")
    assert found(base_repo) == []


def test_ale402_sum_that_differs_is_flagged_at_the_key(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "{grundskola: 412000}", "{grundskola: 400000}")
    assert found(base_repo) == [
        ("ALE402", BUDGET, 3, 1, "verksamheternas budget summerar till 400 000 tkr men nettokostnaden är 412 000 tkr")]


def test_ale402_amounts_are_swedish_numbers_with_the_decimals_written(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "nettokostnad: 412000", "nettokostnad: 897410.75")
    edit(base_repo, BUDGET, "{grundskola: 412000}", "{grundskola: 897399.95}")
    assert found_with_hints(base_repo) == [
        ("ALE402", BUDGET, 3, 1,
         "verksamheternas budget summerar till 897 399,95 tkr men nettokostnaden är 897 410,75 tkr",
         "skillnad 10,8 tkr")]


def test_ale402_a_sum_over_the_nettokostnad_is_a_negative_difference(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "{grundskola: 412000}", "{grundskola: 412010.5}")
    assert found_with_hints(base_repo) == [
        ("ALE402", BUDGET, 3, 1,
         "verksamheternas budget summerar till 412 010,5 tkr men nettokostnaden är 412 000 tkr",
         "skillnad \u221210,5 tkr")]


def test_ale402_without_verksamheter_is_quiet(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "verksamheter: {grundskola: 412000}\n", "")
    assert found(base_repo) == []


# -- ALE403 periodisering: twelve shares summing to 100 -------------------------------------------------------


def test_ale403_twelve_shares_summing_to_100_is_fine_despite_float_rounding(base_repo: Path) -> None:
    shares = ", ".join(["8.33"] * 11 + ["8.37"])  # sums to 100.00000000000001 in floating point
    edit(base_repo, BUDGET, "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 10]", f"[{shares}]")
    assert found(base_repo) == []


@pytest.mark.parametrize("shares", [["8.33"] * 12, ["8.333"] * 12, ["8.34"] * 11 + ["8.26"]])
def test_ale403_shares_rounded_to_hundredths_are_fine(base_repo: Path, shares: list[str]) -> None:
    edit(base_repo, BUDGET, "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 10]", f"[{', '.join(shares)}]")
    assert found(base_repo) == []


def test_ale403_shares_off_by_more_than_a_rounding_are_flagged(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 10]", f"[{', '.join(['8.3'] * 12)}]")
    assert found(base_repo) == [("ALE403", BUDGET, 2, 16, "periodiseringens andelar summerar till 99,6 %, inte 100 %")]


def test_ale403_eleven_shares_are_flagged(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 10]", "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 19]")
    assert found(base_repo) == [("ALE403", BUDGET, 2, 16, "periodiseringen har 11 andelar, inte 12")]


def test_ale403_shares_not_summing_to_100_are_flagged(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 10]", "[8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 11]")
    assert found(base_repo) == [("ALE403", BUDGET, 2, 16, "periodiseringens andelar summerar till 101 %, inte 100 %")]


def test_ale403_no_periodisering_is_quiet(base_repo: Path) -> None:
    edit(base_repo, BUDGET, "periodisering: [8, 8, 9, 8, 8, 9, 7, 6, 9, 9, 9, 10]\n", "")
    assert found(base_repo) == []


# -- ALE404 accumulated utfall does not decrease ---------------------------------------------------------------


def test_ale404_same_utfall_as_last_month_is_fine(base_repo: Path) -> None:
    edit(base_repo, NÄMND_AUGUSTI, "{utfall: 276500,", "{utfall: 230000,")
    assert found(base_repo) == []


def test_ale404_lower_utfall_than_last_month_is_flagged(base_repo: Path) -> None:
    edit(base_repo, NÄMND_AUGUSTI, "{utfall: 276500,", "{utfall: 22000,")
    assert found(base_repo) == [
        ("ALE404", NÄMND_AUGUSTI, 7, 19, "ackumulerat utfall 22 000 tkr är lägre än 230 000 tkr per 2020-07-31")]


def test_ale404_amounts_are_swedish_numbers_with_the_decimals_written(base_repo: Path) -> None:
    edit(base_repo, NÄMND_JULI, "{utfall: 230000}", "{utfall: 700000.6}")
    edit(base_repo, NÄMND_AUGUSTI, "{utfall: 276500,", "{utfall: 0.4,")
    assert found_with_hints(base_repo) == [
        ("ALE404", NÄMND_AUGUSTI, 7, 19, "ackumulerat utfall 0,4 tkr är lägre än 700 000,6 tkr per 2020-07-31",
         "utfall är årets ackumulerade nettokostnad, inte månadens")]


def test_ale404_compares_only_within_the_nämnd(base_repo: Path) -> None:
    append(base_repo, "perioder/2020-08-31/namnder/alebyggen.yaml", "ekonomi: {utfall: 100}\n")
    assert found(base_repo) == []


def test_ale404_a_bolag_that_makes_a_profit_is_quiet(base_repo: Path) -> None:
    (base_repo / "perioder/2020-07-31/namnder/alebyggen.yaml").write_text("ekonomi: {utfall: -8200}\n",
                                                                          encoding="utf-8")
    append(base_repo, "perioder/2020-08-31/namnder/alebyggen.yaml", "ekonomi: {utfall: -15600}\n")
    assert found(base_repo) == []


# -- ALE405 dialogues are dated after the period's end ----------------------------------------------------------


def test_ale405_dialog_the_day_after_the_period_is_fine(base_repo: Path) -> None:
    edit(base_repo, AHAGA, "datum: 2020-09-07", "datum: 2020-09-01")
    assert found(base_repo) == []


def test_ale405_a_kunddialog_may_lie_in_any_period_of_its_year(base_repo: Path) -> None:
    (base_repo / "perioder/2020-07-31/dialoger").mkdir(parents=True)
    (base_repo / "perioder/2020-07-31/dialoger/kunddialog-utbildning.yaml").write_text(
        "typ: kunddialog\ndatum: 2020-05-20\nnämnd: utbildning\n", encoding="utf-8")
    assert found(base_repo) == []


@pytest.mark.parametrize("path, old, new, position", [
    (AHAGA, "datum: 2020-09-07", "datum: 2020-08-31", (1, 17)),
    ("perioder/2020-08-31/team/god-utbildning.yaml", "datum: 2020-09-15", "datum: 2020-08-31", (1, 8)),
    ("perioder/2020-08-31/dialoger/ksau-utbildning.yaml", "datum: 2020-10-06", "datum: 2020-08-31", (2, 8)),
    (NÄMND_AUGUSTI, "datum: 2020-09-24", "datum: 2020-08-31", (1, 17)),
])
def test_ale405_dated_on_the_last_day_of_the_period_is_flagged(base_repo: Path, path: str, old: str, new: str,
                                                               position: tuple[int, int]) -> None:
    edit(base_repo, path, old, new)
    message = "datumet 2020-08-31 ligger inte efter periodens slut 2020-08-31"
    assert [d for d in found(base_repo) if d[0] == "ALE405"] == [("ALE405", path, *position, message)]


# -- ALE406 internkontroll in August and December only -------------------------------------------------------


def test_ale406_internkontroll_in_august_is_fine(base_repo: Path) -> None:
    assert "internkontroll:" in (base_repo / NÄMND_AUGUSTI).read_text(encoding="utf-8")
    assert found(base_repo) == []


def test_ale406_internkontroll_in_december_is_fine(base_repo: Path) -> None:
    december = base_repo / "perioder/2020-12-31/namnder/utbildning.yaml"
    december.parent.mkdir(parents=True)
    december.write_text("ekonomi: {utfall: 410000}\n"
                        "internkontroll:\n  inkop-utanfor-avtal: {resultat: utan anmärkning}\n", encoding="utf-8")
    assert found(base_repo) == []


def test_ale406_internkontroll_in_july_is_flagged(base_repo: Path) -> None:
    append(base_repo, NÄMND_JULI, "internkontroll:\n  inkop-utanfor-avtal: {resultat: utan anmärkning}\n")
    assert found(base_repo) == [
        ("ALE406", NÄMND_JULI, 2, 1, "internkontrollen redovisas i augusti och december, inte per 2020-07-31")]


# -- ALE407 sannolikhet and konsekvens 1–4 ---------------------------------------------------------------------


def test_ale407_the_ends_of_the_scale_are_fine(base_repo: Path) -> None:
    edit(base_repo, INTERNKONTROLLPLAN, "sannolikhet: 3", "sannolikhet: 1")
    edit(base_repo, INTERNKONTROLLPLAN, "konsekvens: 3", "konsekvens: 4")
    assert found(base_repo) == []


def test_ale407_outside_the_scale_is_flagged(base_repo: Path) -> None:
    edit(base_repo, INTERNKONTROLLPLAN, "sannolikhet: 3", "sannolikhet: 0")
    edit(base_repo, INTERNKONTROLLPLAN, "konsekvens: 3", "konsekvens: 5")
    assert found(base_repo) == [
        ("ALE407", INTERNKONTROLLPLAN, 6, 18, "sannolikhet 0 ligger utanför skalan 1–4"),
        ("ALE407", INTERNKONTROLLPLAN, 7, 17, "konsekvens 5 ligger utanför skalan 1–4"),
    ]


# -- ALE408 the dialogue chain runs upwards -------------------------------------------------------------------


def test_ale408_summary_on_the_same_day_as_the_dialogue_is_fine(base_repo: Path) -> None:
    edit(base_repo, GRUNDSKOLA, "datum: 2020-09-10", "datum: 2020-09-08")  # nolskolan's dialogue day
    edit(base_repo, SEKTOR, "datum: 2020-09-14", "datum: 2020-09-08")
    edit(base_repo, NÄMND_AUGUSTI, "datum: 2020-09-24", "datum: 2020-09-08")
    assert found(base_repo) == []


def test_ale408_verksamhet_before_its_enhet_is_flagged(base_repo: Path) -> None:
    edit(base_repo, GRUNDSKOLA, "datum: 2020-09-10", "datum: 2020-09-07")  # after ahaga, before nolskolan
    assert found(base_repo) == [
        ("ALE408", GRUNDSKOLA, 1, 17, f"verksamhetens datum 2020-09-07 ligger före dialogen 2020-09-08 i {NOLSKOLAN}")]


def test_ale408_a_verksamhet_before_all_its_enheter_is_told_once(base_repo: Path) -> None:
    """One wrong date in the verksamhet's file is one warning there, not one per enhet, with the date to reach."""
    edit(base_repo, GRUNDSKOLA, "datum: 2020-09-10", "datum: 2020-09-05")
    assert found_with_hints(base_repo) == [
        ("ALE408", GRUNDSKOLA, 1, 17, ("verksamhetens datum 2020-09-05 ligger före dialogerna i 2 filer, den senaste "
                                       f"2020-09-08 i {NOLSKOLAN}"),
         "dialogkedjan går uppåt: enhet, verksamhet, sektor, nämnd; datumet ska vara 2020-09-08 eller senare")]


def test_ale408_sektor_before_its_verksamhet_is_flagged(base_repo: Path) -> None:
    edit(base_repo, SEKTOR, "datum: 2020-09-14", "datum: 2020-09-09")
    assert found(base_repo) == [
        ("ALE408", SEKTOR, 1, 17, f"sektorns datum 2020-09-09 ligger före dialogen 2020-09-10 i {GRUNDSKOLA}")]


def test_ale408_nämnd_decision_before_the_sektor_dialogue_is_flagged(base_repo: Path) -> None:
    edit(base_repo, NÄMND_AUGUSTI, "datum: 2020-09-24", "datum: 2020-09-11")
    assert found(base_repo) == [
        ("ALE408", NÄMND_AUGUSTI, 1, 17,
         f"nämndens beslutsdatum 2020-09-11 ligger före dialogen 2020-09-14 i {SEKTOR}")]


def test_ale408_a_level_without_a_date_is_quiet(base_repo: Path) -> None:
    edit(base_repo, GRUNDSKOLA, "dialog: {datum: 2020-09-10, deltagare: [Eva Holm, Lars Öberg]}\n", "")
    assert found(base_repo) == []


# -- ALE409 bedömningar concern the nämndplan's målsättningar --------------------------------------------------


def test_ale409_goal_outside_the_nämndplan_is_flagged(base_repo: Path) -> None:
    edit(base_repo, AHAGA, "sammanfattning:",
         "  - {målsättning: sysselsattning, bedömning: uppfyllt}\nsammanfattning:")
    assert found(base_repo) == [
        ("ALE409", AHAGA, 4, 19,
         "nämnden 'utbildning' tar inte upp målsättningen 'sysselsattning' i sin nämndplan 2020")]


def test_ale409_goal_in_the_nämndplan_is_fine(base_repo: Path) -> None:
    append(base_repo, "namnder/utbildning/2020/namndplan.yaml", "  - målsättning: sysselsattning\n")
    edit(base_repo, AHAGA, "sammanfattning:",
         "  - {målsättning: sysselsattning, bedömning: uppfyllt}\nsammanfattning:")
    assert found(base_repo) == []


def test_ale409_unknown_goal_is_a_broken_reference_not_this_rule(base_repo: Path) -> None:
    edit(base_repo, AHAGA, "sammanfattning:", "  - {målsättning: trygghet, bedömning: uppfyllt}\nsammanfattning:")
    assert found(base_repo) == [("ALE301", AHAGA, 4, 19, "okänd målsättning 'trygghet'")]


def test_ale409_stays_quiet_when_the_nämndplan_names_an_unknown_goal(base_repo: Path) -> None:
    edit(base_repo, "namnder/utbildning/2020/namndplan.yaml", "- målsättning: god-utbildning",
         "- målsättning: god-utbilding")
    assert found(base_repo) == [
        ("ALE301", "namnder/utbildning/2020/namndplan.yaml", 3, 18,
         "okänd målsättning 'god-utbilding' — menade du 'god-utbildning'?")]


# -- ALE410 one bedömning per målsättning and file --------------------------------------------------------------


def test_ale410_the_same_goal_twice_is_flagged(base_repo: Path) -> None:
    edit(base_repo, NOLSKOLAN, "sammanfattning:",
         "  - {målsättning: god-utbildning, bedömning: delvis uppfyllt}\nsammanfattning:")
    assert found(base_repo) == [("ALE410", NOLSKOLAN, 4, 19, "målsättningen 'god-utbildning' bedöms redan på rad 3")]


def test_ale410_two_goals_once_each_are_fine(base_repo: Path) -> None:
    append(base_repo, "namnder/utbildning/2020/namndplan.yaml", "  - målsättning: sysselsattning\n")
    edit(base_repo, NOLSKOLAN, "sammanfattning:",
         "  - {målsättning: sysselsattning, bedömning: ej bedömt}\nsammanfattning:")
    assert found(base_repo) == []


def test_ale410_the_same_uppdrag_twice_is_flagged(base_repo: Path) -> None:
    edit(base_repo, NÄMND_AUGUSTI, "  - {uppdrag: kf-2020-01, status: pågår}\n",
         "  - {uppdrag: kf-2020-01, status: klart}\n  - {uppdrag: kf-2020-01, status: pågår}\n")
    line = (base_repo / NÄMND_AUGUSTI).read_text(encoding="utf-8").splitlines().index(
        "  - {uppdrag: kf-2020-01, status: pågår}") + 1
    assert found(base_repo) == [("ALE410", NÄMND_AUGUSTI, line, 15,
                                 f"uppdraget 'kf-2020-01' följs redan upp på rad {line - 1}")]


NÄMNDPLAN = "namnder/utbildning/2020/namndplan.yaml"


def test_ale410_the_same_goal_twice_in_a_nämndplan_is_flagged(base_repo: Path) -> None:
    append(base_repo, NÄMNDPLAN, "  - målsättning: sysselsattning\n  - målsättning: god-utbildning\n")
    assert found_with_hints(base_repo) == [
        ("ALE410", NÄMNDPLAN, 9, 18, "målsättningen 'god-utbildning' tas redan upp på rad 3",
         "slå ihop dem till en, med arbetssätt, framgångsfaktorer och mått från båda")]


def test_ale410_the_same_mått_or_framgångsfaktor_twice_under_a_goal_is_flagged(base_repo: Path) -> None:
    edit(base_repo, NÄMNDPLAN, "mått: [meritvarde-ak9]", "mått: [meritvarde-ak9, meritvarde-ak9]")
    edit(base_repo, NÄMNDPLAN, "      - {framgångsfaktor: tidiga-insatser, arbetssätt: Läsgaranti i förskoleklass}\n",
         "      - {framgångsfaktor: tidiga-insatser, arbetssätt: Läsgaranti i förskoleklass}\n"
         "      - {framgångsfaktor: tidiga-insatser}\n")
    assert found_with_hints(base_repo) == [
        ("ALE410", NÄMNDPLAN, 7, 27, "framgångsfaktorn 'tidiga-insatser' står redan på rad 6",
         "slå ihop de två till en"),
        ("ALE410", NÄMNDPLAN, 8, 28, "måttet 'meritvarde-ak9' står redan på rad 8", "ta bort det ena"),
    ]


def test_ale410_a_mått_under_two_goals_of_the_nämndplan_is_no_duplicate(base_repo: Path) -> None:
    """Not ALE410; but the report shows the mått under its own målsättning only, which ALE311 says."""
    append(base_repo, NÄMNDPLAN, "  - {målsättning: sysselsattning, mått: [meritvarde-ak9]}\n")
    assert found_with_hints(base_repo) == [
        ("ALE311", NÄMNDPLAN, 8, 42, ("måttet 'meritvarde-ak9' följer upp målsättningen 'god-utbildning' enligt "
         "matt.yaml; rapporten visar det där, inte under 'sysselsattning'"),
         "ta upp det under 'god-utbildning' i nämndplanen, eller rätta dess `målsättning` i matt.yaml")]


# -- ALE413 dialogues with another nämnd ---------------------------------------------------------------------


KSAU = "perioder/2020-08-31/dialoger/ksau-utbildning.yaml"


def test_ale413_a_ksau_dialogue_or_kunddialog_with_itself_is_flagged(base_repo: Path) -> None:
    (base_repo / "namnder/ks").mkdir()
    (base_repo / "namnder/ks/namnd.yaml").write_text("namn: Kommunstyrelsen\ntyp: styrelse\n", encoding="utf-8")
    (base_repo / "namnder/service").mkdir()
    (base_repo / "namnder/service/namnd.yaml").write_text("namn: Servicenämnden\ntyp: nämnd\n", encoding="utf-8")
    append(base_repo, "ale.yaml", "servicenämnd: service\n")
    edit(base_repo, KSAU, "nämnd: utbildning", "nämnd: ks")
    (base_repo / "perioder/2020-08-31/dialoger/kunddialog-service.yaml").write_text(
        "typ: kunddialog\ndatum: 2020-10-07\nnämnd: service\n", encoding="utf-8")
    append(base_repo, KALENDER, "  - {datum: 2020-10-07, typ: kunddialog, nämnd: service}\n")
    kund = "en kunddialog hålls mellan servicenämnden och en annan nämnd, inte med 'service' själv"
    assert found(base_repo) == [
        ("ALE413", KALENDER, 6, 49, kund),
        ("ALE413", KSAU, 3, 8, "en KSAU-dialog hålls med en nämnd, inte med kommunstyrelsen 'ks' själv"),
        ("ALE413", "perioder/2020-08-31/dialoger/kunddialog-service.yaml", 3, 8, kund),
    ]


def test_ale413_a_ksau_dialogue_or_kunddialog_with_a_bolag_is_flagged(base_repo: Path) -> None:
    """A bolag has no arbetsutskott in the chain: the calendar would still ask for the nämnd's dialogue."""
    (base_repo / "namnder/service").mkdir()
    (base_repo / "namnder/service/namnd.yaml").write_text("namn: Servicenämnden\ntyp: nämnd\n", encoding="utf-8")
    append(base_repo, "ale.yaml", "servicenämnd: service\n")
    edit(base_repo, KSAU, "nämnd: utbildning", "nämnd: alebyggen")
    append(base_repo, KALENDER, "  - {datum: 2020-10-07, typ: kunddialog, nämnd: alebyggen}\n")
    assert found(base_repo) == [
        ("ALE413", KALENDER, 6, 49,
         "en kunddialog hålls mellan servicenämnden och en annan nämnd, inte med bolaget 'alebyggen'"),
        ("ALE413", KSAU, 3, 8, "en KSAU-dialog hålls med en nämnd, inte med bolaget 'alebyggen'"),
    ]


def test_ale413_a_bolag_as_servicenämnd_is_flagged(base_repo: Path) -> None:
    append(base_repo, "ale.yaml", "servicenämnd: alebyggen\n")
    told = "servicenämndens AU håller kunddialog med de andra nämndernas AU; 'alebyggen' är ett bolag"
    assert found(base_repo) == [("ALE413", "ale.yaml", 4, 15, told)]


def test_ale413_a_ksau_dialogue_and_a_kunddialog_with_a_nämnd_are_fine(base_repo: Path) -> None:
    (base_repo / "namnder/service").mkdir()
    (base_repo / "namnder/service/namnd.yaml").write_text("namn: Servicenämnden\ntyp: nämnd\n", encoding="utf-8")
    append(base_repo, "ale.yaml", "servicenämnd: service\n")
    (base_repo / "perioder/2020-08-31/dialoger/kunddialog-utbildning.yaml").write_text(
        "typ: kunddialog\ndatum: 2020-10-07\nnämnd: utbildning\n", encoding="utf-8")
    assert found(base_repo) == []


# -- ALE415 a note that says something has its date ---------------------------------------------------------

KSAU = "perioder/2020-08-31/dialoger/ksau-utbildning.yaml"
LEDNINGSDIALOG = "perioder/2020-08-31/dialoger/ledningsdialog-utbildning.yaml"
TEAM = "perioder/2020-08-31/team/god-utbildning.yaml"


def test_ale415_a_dialogue_note_with_anteckningar_and_no_datum_is_flagged(base_repo: Path) -> None:
    edit(base_repo, KSAU, "datum: 2020-10-06\n", "")
    assert found_with_hints(base_repo) == [
        ("ALE415", KSAU, 4, 1, ("dialogen har anteckningar men inget datum: den räknas inte som hållen och rapporten "
         "visar den inte"), "skriv dagen dialogen hölls, efter periodens slut: 'datum: ÅÅÅÅ-MM-DD'")]


def test_ale415_names_what_the_note_says_first(base_repo: Path) -> None:
    edit(base_repo, KSAU, "datum: 2020-10-06\n", "")
    edit(base_repo, KSAU, "anteckningar: Samtal om skolskjutsar.\n", "")
    append(base_repo, KSAU, "anteckningar: Samtal om skolskjutsar.\n")
    assert found(base_repo) == [
        ("ALE415", KSAU, 4, 1, ("dialogen har överenskommelser men inget datum: den räknas inte som hållen och "
         "rapporten visar den inte"))]


def test_ale415_a_team_report_with_content_and_no_datum_is_flagged(base_repo: Path) -> None:
    edit(base_repo, TEAM, "datum: 2020-09-15\n", "")
    assert found_with_hints(base_repo) == [
        ("ALE415", TEAM, 1, 1, ("teamrapporten har bedömning men inget datum: den räknas inte som lämnad och "
         "rapporten visar den inte"), "skriv dagen rapporten lämnades, efter periodens slut: 'datum: ÅÅÅÅ-MM-DD'")]
    edit(base_repo, TEAM, "bedömning: delvis uppfyllt", "bedömning: ej bedömt")
    assert [diagnostic[:5] for diagnostic in found_with_hints(base_repo)] == [
        ("ALE415", TEAM, 2, 1, ("teamrapporten har sammanfattning men inget datum: den räknas inte som lämnad och "
         "rapporten visar den inte"))]


def test_ale415_a_prepared_note_without_datum_is_fine(base_repo: Path) -> None:
    """As `ale new dialog` writes them before the meeting: who takes part, nothing yet said or assessed."""
    edit(base_repo, LEDNINGSDIALOG, "datum: 2020-09-17\n", "")
    append(base_repo, LEDNINGSDIALOG, "överenskommelser: []\n")
    (base_repo / TEAM).write_text("bedömning: ej bedömt\naktiviteter: []\n", encoding="utf-8")
    assert found(base_repo) == []


# -- ALE416 no prognos at year end ---------------------------------------------------------------------------

NÄMND_DECEMBER = "perioder/2020-12-31/namnder/utbildning.yaml"


def test_ale416_a_prognos_in_the_arsbokslut_is_flagged(base_repo: Path) -> None:
    (base_repo / NÄMND_DECEMBER).parent.mkdir(parents=True)
    (base_repo / NÄMND_DECEMBER).write_text(
        "ekonomi: {utfall: 412500, prognos: 415000}\n"
        "investeringar:\n"
        "  ny-skola-nol:\n"
        "    utfall: 43000\n"
        "    prognos: 44000\n", encoding="utf-8")
    assert found_with_hints(base_repo) == [
        ("ALE416", NÄMND_DECEMBER, 1, 27, "årsbokslutet ska inte ha någon prognos: utfallet per 2020-12-31 är årets",
         "ta bort prognosen; rapporten visar den inte"),
        ("ALE416", NÄMND_DECEMBER, 5, 5,
         "årsbokslutet ska inte ha någon prognos för investeringen 'ny-skola-nol': utfallet per 2020-12-31 är årets",
         "ta bort prognosen; rapporten visar den inte")]
    edit(base_repo, NÄMND_DECEMBER, ", prognos: 415000", "")
    edit(base_repo, NÄMND_DECEMBER, "    prognos: 44000\n", "")
    assert found(base_repo) == []


def test_ale416_a_prognos_before_december_is_fine(base_repo: Path) -> None:
    """August has its prognos; a month may carry one, which no rule asks about."""
    assert "prognos: 415000" in (base_repo / NÄMND_AUGUSTI).read_text(encoding="utf-8")
    edit(base_repo, NÄMND_JULI, "ekonomi: {utfall: 230000}", "ekonomi: {utfall: 230000, prognos: 415000}")
    assert found(base_repo) == []


# -- ALE417 one KSAU-dialog and one kunddialog a year ---------------------------------------------------------


def test_ale417_a_second_ksau_dialogue_in_the_year_is_flagged(base_repo: Path) -> None:
    october = base_repo / "perioder/2020-10-31/dialoger"
    october.mkdir(parents=True)
    (october / "ksau-utbildning.yaml").write_text("typ: ksau\ndatum: 2020-11-10\nnämnd: utbildning\n",
                                                  encoding="utf-8")
    assert found_with_hints(base_repo) == [
        ("ALE417", "perioder/2020-10-31/dialoger/ksau-utbildning.yaml", 1, 6,
         "KSAU-dialogen med 'utbildning' för 2020 finns redan i perioder/2020-08-31/dialoger/ksau-utbildning.yaml",
         "den hålls en gång per år: behåll en av anteckningarna, under perioden den följde upp")]


def test_ale417_one_a_year_is_fine(base_repo: Path) -> None:
    """The next year's, and a kunddialog beside the KSAU-dialog, with the same nämnd."""
    later = base_repo / "perioder/2021-08-31/dialoger"
    later.mkdir(parents=True)
    (later / "ksau-utbildning.yaml").write_text("typ: ksau\nnämnd: utbildning\n", encoding="utf-8")
    (base_repo / "perioder/2020-08-31/dialoger/kunddialog-utbildning.yaml").write_text(
        "typ: kunddialog\ndatum: 2020-10-07\nnämnd: utbildning\n", encoding="utf-8")
    assert [d for d in found(base_repo) if d[0] == "ALE417"] == []


# -- ALE411 meetings on weekdays -------------------------------------------------------------------------------


@pytest.mark.parametrize("datum, what", [
    ("2020-09-12", "en lördag"),
    ("2020-09-13", "en söndag"),
    ("2020-12-25", "juldagen"),
    ("2020-06-06", "nationaldagen"),  # a Saturday too: the helgdag is named
    ("2020-06-19", "midsommarafton"),  # no helgdag by law, but as free as a Sunday
    ("2020-12-24", "julafton"),
    ("2020-12-31", "nyårsafton"),
])
def test_ale411_meeting_on_a_weekend_or_helgdag_is_flagged(base_repo: Path, datum: str, what: str) -> None:
    edit(base_repo, KALENDER, "datum: 2020-10-26", f"datum: {datum}")
    assert found(base_repo) == [("ALE411", KALENDER, 5, 13, f"mötet {datum} ligger på {what}")]


@pytest.mark.parametrize(("datum", "hint"), [
    ("2020-12-25", "kontrollera datumet; närmaste vardagar är onsdag 2020-12-23 och måndag 2020-12-28"),
    ("2020-09-12", "kontrollera datumet; närmaste vardagar är fredag 2020-09-11 och måndag 2020-09-14"),
    ("2020-04-13", "kontrollera datumet; närmaste vardagar är torsdag 2020-04-09 och tisdag 2020-04-14"),
])
def test_ale411_names_the_nearest_weekdays(base_repo: Path, datum: str, hint: str) -> None:
    """Annandag påsk: långfredagen and the weekend before it are free days too."""
    edit(base_repo, KALENDER, "datum: 2020-10-26", f"datum: {datum}")
    [(code, *_, said)] = found_with_hints(base_repo)
    assert (code, said) == ("ALE411", hint)


@pytest.mark.parametrize("datum", ["2020-10-23", "2020-12-23", "2020-06-05"])
def test_ale411_meeting_on_a_working_day_is_fine(base_repo: Path, datum: str) -> None:
    edit(base_repo, KALENDER, "datum: 2020-10-26", f"datum: {datum}")
    assert found(base_repo) == []


# -- ALE414 meetings in the kalender's year ------------------------------------------------------------------


def test_ale414_a_meeting_years_from_its_kalender_is_flagged(base_repo: Path) -> None:
    edit(base_repo, KALENDER, "datum: 2020-10-26", "datum: 2002-10-28")  # a Monday: no ALE411 beside it
    assert found_with_hints(base_repo) == [
        ("ALE414", KALENDER, 5, 13, "mötet 2002-10-28 står i kalendern för 2020 men ligger 2002",
         "kontrollera årtalet; kalender/2020.yaml håller årets möten och dem i året före och efter")]


@pytest.mark.parametrize("datum", ["2019-12-09", "2021-01-18", "2021-12-20"])
def test_ale414_a_meeting_in_the_year_before_or_after_is_fine(base_repo: Path, datum: str) -> None:
    """The årsbokslut's dialogues in January, a meeting about the year held in December before it."""
    edit(base_repo, KALENDER, "datum: 2020-10-26", f"datum: {datum}")
    assert found(base_repo) == []
