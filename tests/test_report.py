"""`ale report` and `ale status` on the small base repository, with figures computed here independently."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from ale_cli import models as m
from ale_cli.rollup import assess, median, mått_status, periodbudget, trend
from tests.cli_helpers import ale
from tests.conftest import EXAMPLE_REPO

GOLDEN = Path(__file__).parent / "golden"
NBSP = "\u00a0"


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ALE_REGENERATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"regenerate with ALE_REGENERATE_GOLDEN=1 and review {path}"


def _report_json(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> dict:
    result = ale(capsys, "report", "--repo", repo, "--period", "2020-08-31", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_ekonomi_figures(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    view = _report_json(capsys, base_repo)
    utbildning = next(n for n in view["nämnder"] if n["id"] == "utbildning")
    # periodisering January–August: 8+8+9+8+8+9+7+6 = 63 % of 412 000 tkr
    periodbudget = 412_000 * 63 / 100
    assert utbildning["ekonomi"]["periodbudget_tkr"] == pytest.approx(periodbudget)
    assert utbildning["ekonomi"]["periodavvikelse_tkr"] == pytest.approx(periodbudget - 276_500)
    assert utbildning["ekonomi"]["avvikelse_tkr"] == pytest.approx(412_000 - 415_000)
    assert view["ekonomi"]["summa"]["utfall_tkr"] == pytest.approx(276_500)
    assert [row["id"] for row in view["ekonomi"]["nämnder"]] == ["utbildning"]  # the bolag is kept apart
    assert view["ekonomi"]["investeringar"][0]["avvikelse_tkr"] == pytest.approx(45_000 - 44_000)


def test_a_nämnd_without_budget_or_utfall_leaves_the_total_open(capsys: pytest.CaptureFixture[str],
                                                                   base_repo: Path) -> None:
    (base_repo / "namnder/valnamnd").mkdir()
    (base_repo / "namnder/valnamnd/namnd.yaml").write_text("namn: Valnämnden\ntyp: nämnd\n", encoding="utf-8")
    ekonomi = _report_json(capsys, base_repo)["ekonomi"]
    assert [(row["id"], row["utfall_tkr"]) for row in ekonomi["nämnder"]] == [("utbildning", 276_500),
                                                                            ("valnamnd", None)]
    assert ekonomi["summa"]["utfall_tkr"] is None and ekonomi["summa"]["budget_tkr"] is None
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert re.search(r"\| Valnämnden \| \*Uppgift saknas\* \|", markdown), markdown


def test_roll_up_through_the_chain(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    view = _report_json(capsys, base_repo)
    utbildning = next(n for n in view["nämnder"] if n["id"] == "utbildning")
    grundskola = utbildning["verksamheter"][0]["bedömningar"][0]
    # enheterna: uppfyllt and delvis uppfyllt; the median of two ties towards the worse
    assert grundskola["bedömning"] == "delvis uppfyllt" and grundskola["härledd"] is True
    assert grundskola["fördelning"] == {"uppfyllt": 1, "delvis uppfyllt": 1, "ej uppfyllt": 0, "ej bedömt": 0}
    mått = utbildning["mått"][0]
    # 219 against 225 with tolerans 5 %: within 225 − 11,25, so delvis
    assert (mått["utfall"], mått["status"]) == (219, "delvis uppfyllt")
    assert view["saknas"] == []


def test_markdown_shows_swedish_figures(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 0, result.err
    assert f"| Utbildningsnämnden | 412{NBSP}000 | 259{NBSP}560 | 276{NBSP}500 | \u221216{NBSP}940 |" in result.out
    assert "🟡 delvis uppfyllt (härledd)" not in result.out.split("## Nämnderna")[0]
    _golden("base-2020-08-31.md", result.out)


def test_json_golden_and_reproducible(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    first = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "json").out
    second = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "json").out
    assert first == second
    _golden("base-2020-08-31.json", first)


def test_month_report_has_ekonomi_only(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-07-31")
    assert result.code == 0
    assert "# Månadsuppföljning 2020" in result.out
    assert "## Måluppfyllelse" not in result.out and "## Internkontroll" not in result.out
    assert "Helårsprognos" not in result.out
    # July: 8+8+9+8+8+9+7 = 57 % of 412 000 = 234 840; utfall 230 000
    assert f"| Utbildningsnämnden | 412{NBSP}000 | 234{NBSP}840 | 230{NBSP}000 | 4{NBSP}840 |" in result.out


def test_a_verksamhets_own_bedömning_is_shown_with_its_flag(capsys: pytest.CaptureFixture[str],
                                                             base_repo: Path) -> None:
    """DESIGN §3: an explicit bedömning two steps from its children's median is flagged, at the verksamhet too."""
    for enhet in ("ahaga-skola", "nolskolan"):
        note = base_repo / f"perioder/2020-08-31/enheter/{enhet}.yaml"
        note.write_text(note.read_text(encoding="utf-8").replace("delvis uppfyllt", "uppfyllt"), encoding="utf-8")
    note = base_repo / "perioder/2020-08-31/verksamheter/grundskola.yaml"
    note.write_text(note.read_text(encoding="utf-8") + "bedömningar:\n"
                    "  - {målsättning: god-utbildning, bedömning: ej uppfyllt}\n", encoding="utf-8")
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert "  - ⚠ *Avviker från nivån under:* 🔴 God utbildning för alla (ej uppfyllt)" in markdown.splitlines()
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "pdf",
               "-o", base_repo / "r.pdf").code == 0
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(base_repo / "r.pdf").pages))
    assert "Avviker från nivån under: God utbildning för alla (ej uppfyllt)" in text


def test_a_nämnd_with_no_bedömning_at_any_level_is_counted_as_missing(capsys: pytest.CaptureFixture[str],
                                                                       base_repo: Path) -> None:
    for folder in ("enheter", "verksamheter", "sektorer"):
        for note in (base_repo / "perioder/2020-08-31" / folder).iterdir():
            note.unlink()
    nämnd = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    nämnd.write_text("ekonomi: {utfall: 276500, prognos: 415000}\n", encoding="utf-8")
    [mål] = [row for row in _report_json(capsys, base_repo)["målsättningar"] if row["id"] == "god-utbildning"]
    assert (mål["bedömning"], mål["utan_bedömning"]) == (None, 1)
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert re.search(r"^\| God utbildning för alla \| .* \| 0 uppfyllt, 0 delvis, 0 ej, 1 saknas \|$", markdown, re.M)


@pytest.mark.parametrize(("nettokostnad", "förbrukat"), [("1e-300", 2.765e305), ("1e-310", None)])
def test_a_budget_near_zero_is_reported(capsys: pytest.CaptureFixture[str], base_repo: Path, nettokostnad: str,
                                        förbrukat: float | None) -> None:
    """276 500 tkr of a budget of 1e-300 tkr is a share of 305 digits, written out; of 1e-310, too large for a
    number, so none is given. The report is made in every format (it stopped with an internal error)."""
    budget = base_repo / "namnder/utbildning/2020/budget.yaml"
    budget.write_text(re.sub(r"nettokostnad: \d+\nperiodisering: .*\nverksamheter: .*\n",
                             f"nettokostnad: {nettokostnad}\n", budget.read_text(encoding="utf-8")), encoding="utf-8")
    [utbildning] = [n for n in _report_json(capsys, base_repo)["nämnder"] if n["id"] == "utbildning"]
    assert utbildning["ekonomi"]["förbrukat_procent"] == förbrukat
    for format in ("md", "pdf"):
        result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", format,
                     "-o", base_repo / f"r.{format}")
        assert result.code == 0, result.err


def test_an_enhets_bedömningar_are_told_in_words_not_by_colour_alone(capsys: pytest.CaptureFixture[str],
                                                                     base_repo: Path) -> None:
    """Markdown shown without colour (a screen reader, a printout) still says each bedömning, as the PDF does."""
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning")
    assert result.code == 0
    assert "  - Ahaga skola (2020-09-07): 🟡 God utbildning för alla (delvis uppfyllt)\n" in result.out


def test_a_nämnds_own_report_is_said_written_by_the_nämnds_name(capsys: pytest.CaptureFixture[str],
                                                                base_repo: Path) -> None:
    """Each nämnd's report written in turn (a loop over the nämnder) is told apart in what is said."""
    output = base_repo.parent / "utbildning.md"
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning", "-o", output)
    assert (result.code, result.err) == (0, (f"Skrev {output} (Delårsbokslut 2 – delårsrapport 2020-08-31, "
                                            "Utbildningsnämnden).\n"))


def test_the_årsbokslut_tells_the_years_ksau_dialogues_and_kunddialoger(capsys: pytest.CaptureFixture[str],
                                                                         base_repo: Path) -> None:
    """Held once a year and filed under the period they followed, they belong to the year's account; a
    ledningsdialog belongs to its bokslut, and the delårsrapport keeps to its own period's."""
    december = base_repo / "perioder/2020-12-31"
    (december / "namnder").mkdir(parents=True)
    (december / "namnder/utbildning.yaml").write_text("ekonomi: {utfall: 412500}\n", encoding="utf-8")
    (december / "dialoger").mkdir()
    (december / "dialoger/ledningsdialog-utbildning.yaml").write_text(
        "typ: ledningsdialog\ndatum: 2021-01-21\nsektor: utbildning\n", encoding="utf-8")
    year = json.loads(ale(capsys, "report", "--repo", base_repo, "--period", "2020-12-31", "--format", "json").out)
    assert [(d["id"], d["datum"]) for d in year["dialoger"]] == [
        ("2020-08-31/ksau-utbildning", "2020-10-06"), ("ledningsdialog-utbildning", "2021-01-21")]
    august = _report_json(capsys, base_repo)
    assert [d["id"] for d in august["dialoger"]] == ["ledningsdialog-utbildning", "ksau-utbildning"]


def test_missing_is_marked_and_listed(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").unlink()
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning")
    assert result.code == 0
    assert "  - Nolskolan — *dialog saknas*" in result.out
    # the enheter's count says that one enhet's bedömningar are not known, not only those that are
    assert "| 0 uppfyllt, 1 delvis, 0 ej, 1 utan dialog |" in result.out
    assert ("- Utbildningsnämnden · enhet Nolskolan: dialog (`perioder/2020-08-31/enheter/nolskolan.yaml`)"
            in result.out)
    strict = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--strict",
                 "-o", base_repo.parent / "r.md")
    assert strict.code == 1
    assert strict.err == ("ale: rapporten skrivs inte: 1 uppgift saknas (--strict).\n"
                          "  perioder/2020-08-31/enheter/nolskolan.yaml: dialog\n")
    assert not (base_repo.parent / "r.md").exists()


def test_strict_lists_the_first_missing_and_refers_to_status_for_the_rest(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A period just begun lacks hundreds of uppgifter: the first ten (here two), then where to find all of them
    with who delivers each."""
    from ale_cli.commands import report

    monkeypatch.setattr(report, "STRICT_LISTED", 2)
    shutil.rmtree(base_repo / "perioder/2020-08-31/enheter")
    shutil.rmtree(base_repo / "perioder/2020-08-31/verksamheter")
    strict = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning", "--strict")
    assert (strict.code, strict.err) == (1, (
        "ale: rapporten skrivs inte: 4 uppgifter saknas (--strict).\n"
        "  perioder/2020-08-31/verksamheter/grundskola.yaml: dialog\n"
        "  perioder/2020-08-31/verksamheter/grundskola.yaml: sammanfattning\n"
        "  … och 2 till; alla, med vem som ska lämna dem: ale status --period 2020-08-31 --nämnd utbildning\n"))


def test_invalid_data_gives_diagnostics_and_no_file(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / "sektorer/utbildning.yaml").write_text("namn: Sektor\n", encoding="utf-8")
    target = base_repo.parent / "rapport.md"
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", target)
    assert result.code == 1
    assert "sektorer/utbildning.yaml:1:1: ALE202 fältet 'nämnd' saknas" in result.err
    assert not target.exists()


@pytest.mark.parametrize(("period", "told"), [
    ("2020-08-30", "'2020-08-30' är ingen månads sista dag — menade du 2020-08-31?"),
    # the ends of what a date can hold: no year 0, and no month before January of year 1
    ("0000-08-31", "'0000-08-31' är inget datum: år 0 finns inte"),
    ("0001-01-01", "'0001-01-01' är ingen månads sista dag — menade du 0001-01-31?"),
])
def test_period_not_month_end_is_usage_error(capsys: pytest.CaptureFixture[str], base_repo: Path, period: str,
                                             told: str) -> None:
    result = ale(capsys, "report", "--repo", base_repo, "--period", period)
    assert result.code == 2
    assert result.err == f"ale: --period {told}\n"


def test_output_never_overwrites_a_foreign_file(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    target = base_repo.parent / "anteckningar.md"
    target.write_text("mina anteckningar\n", encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", target)
    assert result.code == 1
    assert "finns redan och är ingen md-rapport" in result.err
    assert target.read_text(encoding="utf-8") == "mina anteckningar\n"
    report = base_repo.parent / "rapport.md"
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", report).code == 0
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-07-31", "-o", report).code == 0
    assert "# Månadsuppföljning 2020" in report.read_text(encoding="utf-8")
    inside = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o",
                 base_repo / "perioder/r.md")
    assert inside.code == 2 and "datamappen perioder/" in inside.err


def test_user_text_reads_literally_in_markdown(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    hostile = "*fet* # rubrik | rör $x$ <b>html</b> {{ mall }} {% if %} @kalle 2^10^ \\ slut"
    path = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "sammanfattning: Nämnden bedömer att målen delvis nås.",
        'sammanfattning: "' + hostile.replace("\\", "\\\\") + '\\n- ny rad"')
    path.write_text(text, encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 0, result.err
    assert ("**Sammanfattande bedömning.** \\*fet\\* \\# rubrik \\| rör \\$x\\$ &lt;b&gt;html&lt;/b&gt; "
            "{{ mall }} {% if %} \\@kalle 2\\^10\\^ \\\\ slut\\\n\\- ny rad") in result.out


def test_a_text_begun_by_a_number_shows_no_backslash(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """'1. Läsningen' is escaped so as not to begin a numbered list, with the backslash before the full stop: before
    the digit ('\\1.') GitHub and Word showed it, a backslash escaping punctuation only."""
    path = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "sammanfattning: Nämnden bedömer att målen delvis nås.", "sammanfattning: 2020. Ett år med pandemin.").replace(
        "åtgärd: Utbildning i inköp", "åtgärd: 1) Utbildning i inköp")
    path.write_text(text, encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 0, result.err
    assert "**Sammanfattande bedömning.** 2020\\. Ett år med pandemin.\n" in result.out
    assert "| 3 av 20 utanför avtal | 1\\) Utbildning i inköp |\n" in result.out


def test_a_list_is_set_apart_from_the_paragraph_before(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Pandoc's Markdown (pandoc rapport.md -o rapport.docx) lets no list begin inside a paragraph: without a blank
    line the team's aktiviteter, a dialogue's överenskommelser and the sektor's lärdomar ran on as one paragraph,
    '… en gemensam plan. - Gemensam plan för tidiga insatser'."""
    sektor = base_repo / "perioder/2020-08-31/sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8") + (
        "lärdomar: Tidiga insatser lönar sig.\n"
        "åtgärder:\n  - {åtgärd: Läsombud på varje skola, ansvarig: Eva Holm, slutdatum: 2020-12-31}\n"),
        encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 0, result.err
    assert ("Teamet har tagit fram en gemensam plan.\n\n- Gemensam plan för tidiga insatser\n"
            in result.out)
    assert "Samtal om skolskjutsar.\n\n- Följ upp skolskjutsar i november\n" in result.out
    # the sektor's own lines stay in its paragraph, as in the PDF, and apart from the list of its verksamheter
    assert ("**Sektor utbildning** (sektorchef Eva Holm, dialog 2020-09-14): Sektorn ser en positiv utveckling.\\\n"
            "*Lärdomar:* Tidiga insatser lönar sig.\\\n"
            "*Åtgärd:* Läsombud på varje skola — Eva Holm, senast 2020-12-31\n\n"
            "- **Grundskola** (2020-09-10): Grundskolan följer planen.\n") in result.out


def test_a_text_of_lines_keeps_them_in_word_too(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """A '|' text keeps its lines. Outside a table each line ends with a backslash, the hard line break GitHub,
    GitLab and pandoc read alike: the <br> it was, pandoc's Word writer drops, and the lines ran together
    ('Läsombud på varje skolaTidiga insatser'). A table cell holds one line, so there the <br> stays, with a space
    before it that keeps the words apart where it is dropped; the line break that ends a '|' text is no line."""
    sektor = base_repo / "perioder/2020-08-31/sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8").replace(
        "sammanfattning: Sektorn ser en positiv utveckling.",
        "sammanfattning: |\n  Sektorn ser en positiv utveckling.\n  - Läsombud på varje skola\n"
        "lärdomar: |\n  • Läsombud\n  • Tidiga insatser\n"), encoding="utf-8")
    verksamhet = base_repo / "perioder/2020-08-31/verksamheter/grundskola.yaml"
    verksamhet.write_text(verksamhet.read_text(encoding="utf-8") + "risker: |\n  Skolskjutsar\n  Lokaler\n",
                          encoding="utf-8")
    nämnd = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    nämnd.write_text(nämnd.read_text(encoding="utf-8").replace(
        "kommentar: 3 av 20 utanför avtal,", 'kommentar: "3 av 20 utanför avtal\\n1. Inköp av läromedel\\n",'),
        encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 0, result.err
    assert ("(sektorchef Eva Holm, dialog 2020-09-14): Sektorn ser en positiv utveckling.\\\n"
            "\\- Läsombud på varje skola\\\n*Lärdomar:* • Läsombud\\\n• Tidiga insatser\n\n") in result.out
    assert ("- **Grundskola** (2020-09-10): Grundskolan följer planen.\n"
            "  - *Risker:* Skolskjutsar\\\n    Lokaler\n") in result.out
    assert "| avvikelse | 3 av 20 utanför avtal <br>1\\. Inköp av läromedel | Utbildning i inköp |\n" in result.out


def test_a_web_address_in_a_text_stays_a_working_link(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """GitHub and GitLab make a link of https://… and www.…, backslashes and entities included: the escaped
    'skola\\_plan\\#mal' and '&amp;' led to 'skola%5C_plan%5C#mal' and a query with '&amp;amp;'. In an address
    '#', '&' and an '_' between letters stay as written; elsewhere the text is escaped as before."""
    path = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sammanfattning: Nämnden bedömer att målen delvis nås.",
        "sammanfattning: 'Se https://www.ale.se/skola_plan#mal och www.ale.se/s?a=1&b=2 om plan_b & #12.'"),
        encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 0, result.err
    assert ("**Sammanfattande bedömning.** Se https://www.ale.se/skola_plan#mal och www.ale.se/s?a=1&b=2 om "
            "plan\\_b &amp; \\#12.\n") in result.out


def test_templates_from_the_repository_run_sandboxed(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / "templates").mkdir()
    (base_repo / "templates/report.md.j2").write_text(
        "{{ r.kommun }} {{ r.__class__.__mro__ }}\n", encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code != 0
    assert "Testkommun" not in result.out


def test_status_lists_missing_first(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    complete = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "json")
    assert complete.code == 0
    assert json.loads(complete.out)["saknas"] == 0
    (base_repo / "perioder/2020-08-31/namnder/utbildning.yaml").unlink()
    result = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "md")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[4] == ("| ❌ saknas | utbildning | nämnd | Utbildningsnämnden | bedömning: god-utbildning |  | "
                        "`perioder/2020-08-31/namnder/utbildning.yaml` |")
    assert lines[-1] == "9 av 23 uppgifter saknas."
    # who writes a file of the chain, as ale new's drafts say: the verksamhetschef an enhet's
    (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").unlink()
    chain = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "json")
    nolskolan = next(r for r in json.loads(chain.out)["uppgifter"] if r["id"] == "nolskolan")
    sektor = next(r for r in json.loads(chain.out)["uppgifter"] if r["vad"] == "ledningsdialog")
    assert (nolskolan["ansvarig"], nolskolan["uppfyllt"], sektor["ansvarig"]) == ("Lars Öberg", False, "Eva Holm")


def test_the_section_of_the_nämnder_is_named_for_what_stands_in_it(capsys: pytest.CaptureFixture[str],
                                                                   base_repo: Path) -> None:
    def sections(*nämnd: str) -> list[str]:
        result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", *nämnd)
        return [line for line in result.out.splitlines() if line.startswith("## ")]

    assert "## Nämnderna och bolagen" in sections()
    assert "## Nämnden" in sections("--nämnd", "utbildning")
    assert "## Bolaget" in sections("--nämnd", "alebyggen")
    (base_repo / "namnder/alebyggen/namnd.yaml").unlink()
    shutil.rmtree(base_repo / "namnder/alebyggen")
    for period in base_repo.glob("perioder/*/namnder/alebyggen.yaml"):
        period.unlink()
    assert "## Nämnderna" in sections()


def test_status_lists_units_in_swedish_order_of_their_names(capsys: pytest.CaptureFixture[str]) -> None:
    """Älvängenskolan (id alvangenskolan) last, after Nödingeskolan, as a reader looks for it."""
    result = ale(capsys, "status", "--repo", EXAMPLE_REPO, "--period", "2020-12-31", "--nämnd", "utbildning",
                 "--format", "json")
    enheter = [u["namn"] for u in json.loads(result.out)["uppgifter"] if u["nivå"] == "enhet"]
    assert enheter == [
        "Ahaga skola", "Alboskolan", "Ale gymnasium", "Ale vuxenutbildning", "Bohusskolan", "Centrala elevhälsan",
        "Förskolor Nol och Alafors", "Förskolor Nödinge", "Förskolor Surte och Bohus",
        "Förskolor Älvängen och Skepplanda", "Grundsärskolan", "Himlaskolan", "Kyrkbyskolan", "Nolskolan",
        "Nödingeskolan", "Älvängenskolan"]


def test_a_kf_uppdrag_given_to_a_bolag_is_asked_of_the_bolag(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path) -> None:
    plan = base_repo / "verksamhetsplan/2020.yaml"
    given = plan.read_text(encoding="utf-8").replace("nämnder: [utbildning]", "nämnder: [utbildning, alebyggen]")
    plan.write_text(given, encoding="utf-8")

    def bolag_uppdrag() -> list[tuple[str, bool]]:
        result = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "alebyggen",
                     "--format", "json")
        return [(u["vad"], u["uppfyllt"]) for u in json.loads(result.out)["uppgifter"] if "uppdrag" in u["vad"]]

    assert bolag_uppdrag() == [("uppdrag: kf-2020-01", False)]
    note = base_repo / "perioder/2020-08-31/namnder/alebyggen.yaml"
    written = note.read_text(encoding="utf-8")
    note.unlink()
    assert ale(capsys, "new", "dialog", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "alebyggen").code == 0
    assert "#   - uppdrag: kf-2020-01  # Utred skolskjutsar (slutdatum 2020-12-31)" in note.read_text(encoding="utf-8")
    note.write_text(written + "uppdrag:\n  - {uppdrag: kf-2020-01, status: pågår}\n", encoding="utf-8")
    assert bolag_uppdrag() == [("uppdrag: kf-2020-01", True)]


def test_each_scope_and_period_says_what_holds_for_it(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    def markdown(*args: str) -> str:
        result = ale(capsys, "report", "--repo", base_repo, *args)
        assert result.code == 0, result.err
        return result.out

    bolag = markdown("--period", "2020-08-31", "--nämnd", "alebyggen")
    # a bolag's own report: no other nämnd's KSAU dialogue, no internkontroll heading with nothing under it
    assert "## Dialoger" not in bolag and "## Internkontroll" not in bolag
    assert "KSAU-dialog, Utbildningsnämnden" in markdown("--period", "2020-08-31", "--nämnd", "utbildning")
    month = markdown("--period", "2020-07-31")
    assert "### AB Alebyggen\n\n*Inget att redovisa för perioden.*\n" in month
    assert "Periodavvikelse = periodbudget − utfall. Positivt tal är överskott." in month  # no prognos here
    december = base_repo / "perioder/2020-12-31/namnder/utbildning.yaml"
    december.parent.mkdir(parents=True)
    december.write_text("ekonomi: {utfall: 410000}\n", encoding="utf-8")
    year = markdown("--period", "2020-12-31")
    assert "Bedömningen avser måluppfyllelsen för året." in year and "förväntad" not in year
    # the summary's rows add up to the målsättningar: none is assessed yet in December
    goals = json.loads(markdown("--period", "2020-12-31", "--format", "json"))["nyckeltal"]
    assert goals["utan_bedömning"] == goals["målsättningar"] > 0
    assert f"| Bedömning saknas | {goals['målsättningar']} |" in year


def test_the_årsbokslut_says_budgetavvikelse_for_the_year(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """In December the period is the year: no periodbudget column equal to the budget, and the avvikelse is the
    year's budgetavvikelse, as KF reads it in the årsredovisning."""
    december = base_repo / "perioder/2020-12-31/namnder/utbildning.yaml"
    december.parent.mkdir(parents=True)
    december.write_text("ekonomi: {utfall: 410000}\n", encoding="utf-8")
    year = ale(capsys, "report", "--repo", base_repo, "--period", "2020-12-31").out
    assert "Periodbudget" not in year and "periodbudget" not in year and "Periodavvikelse" not in year
    assert f"| Utfall för året (tkr) | 410{NBSP}000 |" in year and f"| Budgetavvikelse (tkr) | 2{NBSP}000 |" in year
    assert f"| Utbildningsnämnden | 412{NBSP}000 | 410{NBSP}000 | 2{NBSP}000 |" in year
    assert "Budgetavvikelse = budget − utfall för året. Positivt tal är överskott." in year
    assert f"**Ekonomi.** Budget 412{NBSP}000 tkr, utfall 410{NBSP}000 tkr, budgetavvikelse 2{NBSP}000 tkr." in year
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-12-31", "--format", "pdf",
               "-o", base_repo / "r.pdf").code == 0
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(base_repo / "r.pdf").pages))
    assert "Periodbudget" not in text and "Periodavvikelse" not in text and "Budgetavvikelse" in text
    august = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert "| Periodavvikelse (tkr) |" in august and "Budgetavvikelse" not in august


def test_the_årsbokslut_and_a_month_show_no_prognos_written_there(capsys: pytest.CaptureFixture[str],
                                                                   base_repo: Path) -> None:
    """At year end the year's utfall is final and in a månadsuppföljning no prognos is asked for: a prognos written
    there anyway (a bolag's, a nämnd's, an investment's, copied from the August file) is neither in the report nor
    in its view, where a dashboard would read it as the year's."""
    for period in ("2020-12-31", "2020-07-31"):
        folder = base_repo / f"perioder/{period}/namnder"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "alebyggen.yaml").write_text("ekonomi: {utfall: 14200, prognos: 13800}\n", encoding="utf-8")
        (folder / "utbildning.yaml").write_text(
            "ekonomi: {utfall: 410000, prognos: 409000}\n"
            "investeringar:\n  ny-skola-nol: {utfall: 43000, prognos: 44000}\n", encoding="utf-8")
    for period in ("2020-12-31", "2020-07-31"):
        markdown = ale(capsys, "report", "--repo", base_repo, "--period", period).out
        assert f"- AB Alebyggen: utfall 14{NBSP}200 tkr\n" in markdown and "prognos" not in markdown.lower()
        view = json.loads(ale(capsys, "report", "--repo", base_repo, "--period", period, "--format", "json").out)
        [utbildning] = [n for n in view["nämnder"] if n["id"] == "utbildning"]
        [bolag] = view["ekonomi"]["bolag"]
        [investering] = view["ekonomi"]["investeringar"]
        assert (bolag["prognos_tkr"], utbildning["ekonomi"]["prognos_tkr"], utbildning["ekonomi"]["avvikelse_tkr"],
                view["ekonomi"]["summa"]["prognos_tkr"], investering["prognos_tkr"]) == (None,) * 5
        assert (bolag["utfall_tkr"], utbildning["ekonomi"]["utfall_tkr"]) == (14_200, 410_000)
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-12-31", "--format", "pdf",
               "-o", base_repo / "r.pdf").code == 0
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(base_repo / "r.pdf").pages))
    assert f"AB Alebyggen: utfall 14{NBSP}200 tkr" in text or "AB Alebyggen: utfall 14 200 tkr" in text
    assert "13 800" not in text.replace(NBSP, " ") and "prognos" not in text.lower()


def test_a_missing_amount_is_not_followed_by_tkr(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    june = ale(capsys, "report", "--repo", base_repo, "--period", "2020-06-30").out  # no nämnd's file for June
    assert (f"**Ekonomi.** Budget 412{NBSP}000 tkr, periodbudget 206{NBSP}000 tkr, utfall *Uppgift saknas*, "
            "periodavvikelse *Uppgift saknas*.") in june.splitlines()
    nämnd = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    nämnd.write_text(nämnd.read_text(encoding="utf-8").replace(", kommentar: Ökade kostnader för skolskjuts", ""),
                     encoding="utf-8")
    august = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    # without a kommentar the sentence ends where it ends
    [ekonomi] = [line for line in august.splitlines() if line.startswith("**Ekonomi.** Budget")]
    assert ekonomi.endswith("avvikelse −3\u00a0000 tkr.")


def test_the_markdown_has_the_risk_matrix(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """DESIGN §3: a 4 × 4 risk matrix per nämnd, in the Markdown as in the PDF."""
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    kontroller = json.loads(ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format",
                                "json").out)["nämnder"][1]["internkontroll"]["kontroller"]
    [(s, k)] = [(row["sannolikhet"], row["konsekvens"]) for row in kontroller]
    rows = [f"| {rad} |" + "".join(" **1** |" if (rad, kolumn) == (s, k) else " 0 |" for kolumn in range(1, 5))
            for rad in (4, 3, 2, 1)]
    assert "| Sannolikhet ↓ · konsekvens → | 1 | 2 | 3 | 4 |\n| ---: | :---: | :---: | :---: | :---: |\n" + \
        "\n".join(rows) + "\n" in markdown


def test_labels_fit_a_bolag_and_one_nämnd(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    kommun = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert "| Målsättning | Perspektiv | Bedömning | Nämnderna och bolagen |" in kommun  # the bolag's are counted
    assert "| Målsättning | Bolaget | Kommentar |" in kommun  # a bolag has no sektor and no enheter
    assert "| Målsättning | Nämnden | Sektorn | Enheterna | Kommentar |" in kommun
    assert "| Budget helår, nämnderna (tkr) |" in kommun
    assert "**Summa nämnder**" not in kommun  # of the one nämnd here: no sum of one row
    own = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning").out
    # the count of the nämnders' bedömningar is the kommun's: one nämnd's own report has its one bedömning
    assert "| Målsättning | Perspektiv | Bedömning |\n| --- | --- | --- |\n" in own
    assert f"| Budget helår (tkr) | 412{NBSP}000 |" in own and "nämnderna" not in own and "Summa nämnder" not in own
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning", "--format",
               "pdf", "-o", base_repo / "r.pdf").code == 0
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(base_repo / "r.pdf").pages))
    assert "Budget helår (tkr)" in text and "nämnderna" not in text and "Summa nämnder" not in text


def test_nämnd_given_as_something_else_it_is_known_by_names_its_id(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path) -> None:
    tips = "\n    tips: ange nämndens id: --nämnd utbildning\n"
    said = {
        "ahaga-skola": "det är enheten Ahaga skola i verksamheten Grundskola, Sektor utbildning, under "
                       "Utbildningsnämnden",
        "Nolskolan": "det är enheten Nolskolan i verksamheten Grundskola, Sektor utbildning, under Utbildningsnämnden",
        "grundskola": "det är verksamheten Grundskola i Sektor utbildning, under Utbildningsnämnden",
        "Sektor utbildning": "det är Sektor utbildning, en sektor under Utbildningsnämnden",
        "Utbildningsnämnden": "det är nämndens namn, inte dess id",
        "UTBILDNING": "det är Utbildningsnämnden, men id:t skrivs 'utbildning'",
        "utbildning ": "det är Utbildningsnämnden, men id:t skrivs 'utbildning'",
    }
    written = base_repo.parent / "rapport.md"
    for given, what in said.items():
        for command in (["report", "-o", written], ["report", "--format", "json", "-o", written], ["status"]):
            result = ale(capsys, *command, "--repo", base_repo, "--period", "2020-08-31", "--nämnd", given)
            assert (result.code, result.out, result.err) == (2, "", f"ale: okänd nämnd '{given}': {what}{tips}")
    bolag = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "AB Alebyggen")
    assert bolag.err == ("ale: okänd nämnd 'AB Alebyggen': det är bolagets namn, inte dess id\n"
                         "    tips: ange nämndens id: --nämnd alebyggen\n")
    unknown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbilding")
    assert unknown.code == 2
    assert unknown.err == ("ale: okänd nämnd 'utbilding' — menade du 'utbildning'?\n"
                           "    tips: nämndernas id är alebyggen, utbildning\n")
    assert not written.exists()


def test_a_nämnds_own_report_has_the_teams_its_sektor_sits_on(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path) -> None:
    plan = base_repo / "verksamhetsplan/2020.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "        ansvarig: Bo Ek\n",
        "        ansvarig: Bo Ek\n        team:\n          - {namn: Bo Ek, roll: ledare, sektor: utbildning}\n"),
        encoding="utf-8")
    (base_repo / "perioder/2020-08-31/team/sysselsattning.yaml").write_text(
        "datum: 2020-09-16\nbedömning: ej uppfyllt\nsammanfattning: Arbetslösheten har ökat.\n"
        "aktiviteter: [Jobbspår]\n", encoding="utf-8")
    own = _report_json(capsys, base_repo, "--nämnd", "utbildning")
    # sysselsättning is not in Utbildningsnämndens nämndplan, but its sektor sits on the team
    assert [(t["målsättning"], t["datum"], t["bedömning"]) for t in own["team"]] == [
        ("god-utbildning", "2020-09-15", "delvis uppfyllt"), ("sysselsattning", "2020-09-16", "ej uppfyllt")]
    assert [g["id"] for g in own["målsättningar"]] == ["god-utbildning"] and own["nyckeltal"]["målsättningar"] == 1
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning").out
    assert ("**Full och produktiv sysselsättning** (2020-09-16, ansvarig Bo Ek): 🔴 ej uppfyllt. Arbetslösheten "
            "har ökat.\n\n- Jobbspår\n") in markdown
    assert "| Full och produktiv sysselsättning |" not in markdown  # no bedömning of it is asked of the nämnd
    # the bolag has sysselsättning in its plan, and has no sektor on the other team
    bolag = _report_json(capsys, base_repo, "--nämnd", "alebyggen")
    assert [t["målsättning"] for t in bolag["team"]] == ["sysselsattning"]
    kommun = _report_json(capsys, base_repo)
    assert [t["målsättning"] for t in kommun["team"]] == ["god-utbildning", "sysselsattning"]
    month = ale(capsys, "report", "--repo", base_repo, "--period", "2020-07-31", "--nämnd", "utbildning", "--format",
                "json")
    assert json.loads(month.out)["team"] == []  # a month reports no målsättningar


def test_a_bolags_own_matrix_is_headed_for_the_bolag(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    own = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "alebyggen").out
    assert "### Målsättning × bolag\n\n| Målsättning | AB Alebyggen |\n" in own and "× nämnd" not in own
    nämnd = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "utbildning").out
    assert "### Målsättning × nämnd\n\n| Målsättning | Utbildningsnämnden |\n" in nämnd
    kommun = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert "### Målsättning × nämnd och bolag\n" in kommun
    pdf = base_repo.parent / "alebyggen.pdf"
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--nämnd", "alebyggen", "--format",
               "pdf", "-o", pdf).code == 0
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "Målsättning × bolag" in text and "× nämnd" not in text


def test_each_investment_is_asked_for_where_the_period_follows_them_up(capsys: pytest.CaptureFixture[str],
                                                                      base_repo: Path) -> None:
    note = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("{utfall: 21000, prognos: 44000}", "{utfall: 21000}"),
                    encoding="utf-8")
    status = json.loads(ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "json").out)
    [missing] = [r for r in status["uppgifter"] if not r["uppfyllt"]]  # a delårsbokslut asks for the prognos too
    assert (missing["vad"], missing["fil"]) == ("investering: ny-skola-nol",
                                                "perioder/2020-08-31/namnder/utbildning.yaml")
    report = _report_json(capsys, base_repo)
    assert [item["vad"] for item in report["saknas"]] == ["investering: ny-skola-nol"]
    # the report's list says what of which investment, by its name
    assert missing["beskrivning"] == "prognos för investeringen Ny skola i Nol"
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert markdown.endswith("## Uppgifter som saknas\n\n- Utbildningsnämnden: prognos för investeringen Ny skola i "
                             "Nol (`perioder/2020-08-31/namnder/utbildning.yaml`)\n")
    note.write_text(note.read_text(encoding="utf-8").replace("investeringar:\n  ny-skola-nol: {utfall: 21000}\n", ""),
                    encoding="utf-8")
    [gone] = _report_json(capsys, base_repo)["saknas"]
    assert gone["beskrivning"] == "utfall och prognos för investeringen Ny skola i Nol"

    # July's file reports no investment: a month asks for none
    month = json.loads(ale(capsys, "status", "--repo", base_repo, "--period", "2020-07-31", "--format", "json").out)
    assert [r["vad"] for r in month["uppgifter"]] == ["verksamhetsplan", "budget", "ekonomi: utfall"]
    assert month["saknas"] == 0


def test_status_table_off_a_terminal_has_one_line_per_requirement(capsys: pytest.CaptureFixture[str],
                                                                    base_repo: Path) -> None:
    (base_repo / "perioder/2020-08-31/namnder/utbildning.yaml").unlink()
    result = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31")
    lines = result.out.splitlines()
    assert result.code == 1
    assert lines[0] == "Leveranser: Delårsbokslut 2 – delårsrapport 2020-08-31"
    assert re.fullmatch(r"Status +Nämnd +Nivå +Namn +Uppgift +Ansvarig +Datum / fil", lines[1])
    assert set(lines[2]) == {"─"} and len(lines[2]) == max(len(line) for line in lines[3:-1])  # as wide as the table
    assert len(lines) == 3 + 23 + 1  # the header, the rule, every requirement on its line, the summary
    assert re.fullmatch(r"saknas +utbildning +nämnd +Utbildningsnämnden +bedömning: god-utbildning +"
                        r"perioder/2020-08-31/namnder/utbildning\.yaml", lines[3])
    assert lines[-1] == "9 av 23 uppgifter saknas."
    assert "\x1b[" not in result.out


def test_median_and_flag() -> None:
    assert median(["uppfyllt", "ej uppfyllt"]) == "ej uppfyllt"
    assert median(["uppfyllt", "uppfyllt", "delvis uppfyllt"]) == "uppfyllt"
    assert median(["ej bedömt", None]) is None
    flagged = assess(m.Bedömning(målsättning="x", bedömning="uppfyllt"), ["ej uppfyllt", "ej uppfyllt"])
    assert flagged.avviker and not flagged.härledd
    near = assess(m.Bedömning(målsättning="x", bedömning="uppfyllt"), ["delvis uppfyllt"])
    assert not near.avviker


def test_a_level_below_that_only_says_ej_bedömt_gives_ej_bedömt() -> None:
    everyone = assess(None, ["ej bedömt"] * 5)
    assert (everyone.bedömning, everyone.härledd, everyone.fördelning["ej bedömt"]) == ("ej bedömt", True, 5)
    assert assess(None, ["ej bedömt", None]).bedömning is None  # one below has not said: missing
    assert assess(None, ["ej bedömt", "ej uppfyllt"]).bedömning == "ej uppfyllt"
    own = assess(m.Bedömning(målsättning="x", bedömning="uppfyllt"), ["ej bedömt"])
    assert (own.bedömning, own.avviker) == ("uppfyllt", False)


def test_mått_status_both_directions() -> None:
    lägre = m.Mått(id="k", namn="Kostnad", målsättning="x", enhet="kr", riktning="lägre", målvärde=100)
    assert [mått_status(lägre, v, 0.05) for v in (100, 105, 105.1)] == ["uppfyllt", "delvis uppfyllt",
                                                                          "ej uppfyllt"]
    assert trend(lägre, 90, 95) == "förbättrad" and trend(lägre, 96, 95) == "försämrad"


def test_mått_status_on_the_edge_of_the_tolerans() -> None:
    # exactly 5 % off the målvärde is within it, however binary floating point rounds the band's edge
    for målvärde, lägre_kant, högre_kant in ((7.6, 7.98, 7.22), (7, 7.35, 6.65), (1.1, 1.155, 1.045)):
        lägre = m.Mått(id="k", namn="K", målsättning="x", enhet="%", riktning="lägre", målvärde=målvärde)
        högre = m.Mått(id="k", namn="K", målsättning="x", enhet="%", riktning="högre", målvärde=målvärde)
        assert (mått_status(lägre, lägre_kant, 0.05), mått_status(högre, högre_kant, 0.05)) == (
            "delvis uppfyllt", "delvis uppfyllt"), målvärde
        assert (mått_status(lägre, lägre_kant + 0.001, 0.05), mått_status(högre, högre_kant - 0.001, 0.05)) == (
            "ej uppfyllt", "ej uppfyllt"), målvärde


def test_a_periodisering_off_100_by_a_rounding_still_budgets_the_whole_year() -> None:
    # 12 × 8,333 = 99,996 %: ALE403 lets it pass, and December must still carry the whole budget
    budget = m.Budget(nettokostnad=120_000, periodisering=[8.333] * 12, verksamheter={"skola": 60_000})
    assert [periodbudget(budget, dt.date(2020, month, 28)) for month in (1, 6, 12)] == pytest.approx(
        [10_000, 60_000, 120_000])
    assert periodbudget(m.Budget(nettokostnad=120_000), dt.date(2020, 3, 31)) == pytest.approx(30_000)
    # reckoned in decimal: 68 % of 752 300 is 511 564 exactly, with no binary remainder for the JSON to show
    omsorg = m.Budget(nettokostnad=752_300, periodisering=[8, 8, 8, 8, 8, 9, 10, 9, 8, 8, 8, 8])
    assert repr(periodbudget(omsorg, dt.date(2020, 8, 31))) == "511564.0"


def test_avvikelser_are_the_differences_of_the_amounts_as_written(capsys: pytest.CaptureFixture[str],
                                                                 base_repo: Path) -> None:
    """Reckoned in binary, 259 560 − 259 459,4 is 100,60000000000582: the JSON a dashboard reads shows 100.6."""
    reported = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    reported.write_text(reported.read_text(encoding="utf-8").replace(
        "ekonomi: {utfall: 276500, prognos: 415000,", "ekonomi: {utfall: 259459.4, prognos: 411999.7,").replace(
        "ny-skola-nol: {utfall: 21000, prognos: 44000}", "ny-skola-nol: {utfall: 21000, prognos: 44999.9}"),
        encoding="utf-8")
    view = _report_json(capsys, base_repo)
    [utbildning] = [n for n in view["nämnder"] if n["id"] == "utbildning"]
    ekonomi = utbildning["ekonomi"]
    assert (ekonomi["periodbudget_tkr"], ekonomi["periodavvikelse_tkr"], ekonomi["avvikelse_tkr"]) == (
        259560.0, 100.6, 0.3)
    assert [i["avvikelse_tkr"] for i in utbildning["investeringar"]] == [0.1]


def test_the_investeringar_total_is_given_only_when_every_project_is(capsys: pytest.CaptureFixture[str],
                                                                    base_repo: Path) -> None:
    budget = base_repo / "namnder/utbildning/2020/budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8")
                      + "  - {id: skolgardar, namn: Upprustning av skolgårdar, budget: 2500}\n", encoding="utf-8")
    complete = _report_json(capsys, base_repo)["ekonomi"]["investeringar_summa"]
    assert complete == {"budget_tkr": 47500.0, "utfall_tkr": None, "prognos_tkr": None, "avvikelse_tkr": None}
    reported = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    reported.write_text(reported.read_text(encoding="utf-8").replace(
        "  ny-skola-nol: {utfall: 21000, prognos: 44000}\n",
        "  ny-skola-nol: {utfall: 21000, prognos: 44000}\n  skolgardar: {utfall: 1900, prognos: 2400}\n"),
        encoding="utf-8")
    summa = _report_json(capsys, base_repo)["ekonomi"]["investeringar_summa"]
    assert summa == {"budget_tkr": 47500.0, "utfall_tkr": 22900.0, "prognos_tkr": 46400.0, "avvikelse_tkr": 1100.0}
    budget.write_text(budget.read_text(encoding="utf-8").replace("budget: 2500", "budget: 2600"), encoding="utf-8")
    reported.write_text(reported.read_text(encoding="utf-8").replace("  skolgardar: {utfall: 1900, prognos: 2400}\n",
                                                                     ""), encoding="utf-8")
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert f"| **Summa** | | 47{NBSP}600 | *Uppgift saknas* | *Uppgift saknas* | – |" in markdown


def test_an_investment_deviates_from_the_prognos_or_at_year_end_from_the_utfall(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    for period, utfall in (("2020-12-31", "{utfall: 43000}"), ("2020-07-31", "{utfall: 15000}")):
        note = base_repo / f"perioder/{period}/namnder/utbildning.yaml"
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(f"ekonomi: {{utfall: 300000}}\ninvesteringar:\n  ny-skola-nol: {utfall}\n", encoding="utf-8")

    def investment(period: str) -> tuple[dict, dict, str | None]:
        result = ale(capsys, "report", "--repo", base_repo, "--period", period, "--format", "json")
        view = json.loads(result.out)
        markdown = ale(capsys, "report", "--repo", base_repo, "--period", period).out
        at = markdown.find("### Investeringar")
        table = markdown[at:].split("\n\n")[1] if at >= 0 else None
        return view["ekonomi"]["investeringar"][0], view["innehåll"], table

    row, innehåll, table = investment("2020-08-31")
    assert (innehåll["investeringsavvikelse"], row["avvikelse_tkr"]) == ("prognos", 45_000 - 44_000)
    row, innehåll, table = investment("2020-12-31")  # the year's utfall is final; no prognos is asked for
    assert (innehåll["investeringsavvikelse"], row["avvikelse_tkr"]) == ("utfall", 45_000 - 43_000)
    assert table is not None and table.splitlines()[0] == "| Nämnd | Projekt | Budget | Utfall | Avvikelse |"
    assert f"| 45{NBSP}000 | 43{NBSP}000 | 2{NBSP}000 |" in table
    # a month compares the periodutfall with the periodbudget: the investments are in the view, not in the report
    row, innehåll, table = investment("2020-07-31")
    assert (innehåll["investeringar"], innehåll["investeringsavvikelse"], row["avvikelse_tkr"]) == (False, None, None)
    assert table is None


def test_a_year_without_its_plans_is_missing_them(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Without the budget, the nämndplan or the internkontrollplan, nothing that hangs on them could be missed."""
    for name in ("budget", "namndplan", "internkontrollplan"):
        (base_repo / f"namnder/utbildning/2020/{name}.yaml").unlink()
    reported = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"  # what referred to them goes too
    text = reported.read_text(encoding="utf-8")
    for block in ("investeringar:\n  ny-skola-nol: {utfall: 21000, prognos: 44000}\n",
                  ("internkontroll:\n  inkop-utanfor-avtal: {resultat: avvikelse, kommentar: 3 av 20 utanför avtal, "
                  "åtgärd: Utbildning i inköp}\n")):
        assert block in text
        text = text.replace(block, "")
    reported.write_text(text, encoding="utf-8")
    status = json.loads(ale(capsys, "status", "--period", "2020-08-31", "--format", "json", "--repo", base_repo).out)
    missing = {(r["vad"], r["fil"]) for r in status["uppgifter"] if not r["uppfyllt"] and r["nivå"] == "nämnd"}
    assert {("budget", "namnder/utbildning/2020/budget.yaml"),
            ("nämndplan", "namnder/utbildning/2020/namndplan.yaml"),
            ("internkontrollplan", "namnder/utbildning/2020/internkontrollplan.yaml")} <= missing
    monthly = json.loads(ale(capsys, "status", "--period", "2020-04-30", "--format", "json", "--repo", base_repo).out)
    assert [(r["vad"], r["uppfyllt"]) for r in monthly["uppgifter"]] == [
        ("budget", False), ("ekonomi: utfall", False), ("verksamhetsplan", True)]


def test_status_with_nothing_to_deliver_says_so(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "status", "--period", "2020-04-30", "--nämnd", "alebyggen", "--repo", base_repo)
    assert (result.code, result.out.splitlines()[-1]) == (0, "Inga uppgifter att leverera för perioden.")


def test_status_writes_a_file_and_only_over_a_status_of_its_format(capsys: pytest.CaptureFixture[str],
                                                                     base_repo: Path, tmp_path: Path) -> None:
    """-o writes UTF-8 whatever the shell would make of a redirection (Windows PowerShell 5.1: UTF-16)."""
    output = tmp_path / "status.md"
    written = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "md", "-o", output)
    assert (written.code, written.out) == (0, "")
    assert written.err == f"Skrev {output} (leveranser: Delårsbokslut 2 – delårsrapport 2020-08-31).\n"
    shown = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "md")
    assert output.read_text(encoding="utf-8") == shown.out
    assert ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "md", "-o",
               output).code == 0
    refused = ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "json", "-o", output)
    assert refused.code == 1
    assert refused.err == (f"ale: '{output}' finns redan och är ingen status i formatet json; den skrivs inte över. "
                           "Välj ett annat filnamn eller ta bort filen först.\n")
    assert output.read_text(encoding="utf-8") == shown.out
    table = tmp_path / "status.txt"
    assert ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "-o", table).code == 0
    assert table.read_text(encoding="utf-8").splitlines()[-1] == "Komplett: alla 23 uppgifter är levererade."


def test_a_bokslut_without_the_years_verksamhetsplan_asks_for_it(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path) -> None:
    """A new year's first bokslut before KF's plan is written: not 'Komplett' with no målsättning asked for."""
    result = ale(capsys, "status", "--repo", base_repo, "--period", "2021-03-31", "--format", "json")
    [plan] = [task for task in json.loads(result.out)["uppgifter"] if task["vad"] == "verksamhetsplan"]
    assert plan == {"nämnd": "", "nivå": "kommun", "id": "", "namn": "Testkommun", "vad": "verksamhetsplan",
                    "fil": "verksamhetsplan/2021.yaml", "uppfyllt": False, "detalj": None, "beskrivning": None,
                    "ansvarig": None}
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2021-03-31", "--format", "json")
    assert {(s["nämnd_namn"], s["vad"]) for s in json.loads(report.out)["saknas"]} >= {
        ("Testkommun", "verksamhetsplan")}


def test_a_new_years_first_month_without_the_verksamhetsplan_asks_for_it_first(capsys: pytest.CaptureFixture[str],
                                                                               base_repo: Path) -> None:
    """January, before KF's plan for the year is in the repository: the budget and the utfall it asks for would each
    be an error (ALE305) until the plan is there, so the plan is what is missing first, in the status and the
    report, as 'ale new' says."""
    result = ale(capsys, "status", "--repo", base_repo, "--period", "2021-01-31", "--format", "json")
    assert result.code == 1
    tasks = [(task["nivå"], task["vad"], task["fil"], task["uppfyllt"]) for task in json.loads(result.out)["uppgifter"]]
    assert tasks == [("kommun", "verksamhetsplan", "verksamhetsplan/2021.yaml", False),
                     ("nämnd", "budget", "namnder/utbildning/2021/budget.yaml", False),
                     ("nämnd", "ekonomi: utfall", "perioder/2021-01-31/namnder/utbildning.yaml", False)]
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2021-01-31", "--nämnd", "utbildning")
    assert "- Testkommun: verksamhetsplan (`verksamhetsplan/2021.yaml`)" in report.out.splitlines()
    # a bolag delivers nothing in a month, and has no budget to hang on the plan
    bolag = ale(capsys, "status", "--repo", base_repo, "--period", "2021-01-31", "--nämnd", "alebyggen")
    assert (bolag.code, bolag.out.splitlines()[-1]) == (0, "Inga uppgifter att leverera för perioden.")
    # a month of a year with its plan: delivered, and nothing else changes
    month = ale(capsys, "status", "--repo", base_repo, "--period", "2020-07-31", "--format", "json")
    assert [task["vad"] for task in json.loads(month.out)["uppgifter"] if task["nivå"] == "kommun"] == [
        "verksamhetsplan"]


def test_without_the_years_verksamhetsplan_the_number_of_målsättningar_is_not_known(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Not "0 målsättningar", with 0 uppfyllt, delvis and ej beside it: the summary says the figure is missing."""
    view = json.loads(ale(capsys, "report", "--repo", base_repo, "--period", "2021-03-31", "--format", "json").out)
    assert view["nyckeltal"]["målsättningar"] is None
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2021-03-31").out
    assert "| Strategiska målsättningar | *Uppgift saknas* |" in markdown.splitlines()
    assert "Uppfyllt |" not in markdown
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2021-03-31", "--format", "pdf",
               "-o", base_repo / "r.pdf").code == 0
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(base_repo / "r.pdf").pages))
    assert "Strategiska målsättningar Uppgift saknas" in text and "Uppfyllt" not in text


def test_one_nämnd_sees_the_kommuns_missing_verksamhetsplan(capsys: pytest.CaptureFixture[str],
                                                            base_repo: Path) -> None:
    """Without it, no målsättning of the nämnd's is asked for: its own status and report say why."""
    result = ale(capsys, "status", "--repo", base_repo, "--period", "2021-03-31", "--nämnd", "utbildning",
                 "--format", "json")
    assert "verksamhetsplan" in [task["vad"] for task in json.loads(result.out)["uppgifter"]]
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2021-03-31", "--nämnd", "utbildning")
    assert "- Testkommun: verksamhetsplan (`verksamhetsplan/2021.yaml`)" in report.out.splitlines()


def test_the_markdown_tells_each_målvärdes_direction_as_the_pdf_does(capsys: pytest.CaptureFixture[str],
                                                                     base_repo: Path) -> None:
    """A målvärde is a floor (högre is better) or a ceiling (lägre): the Markdown says which, as the PDF does."""
    row = "| Genomsnittligt meritvärde åk 9 (N15504) | God utbildning för alla | {}" + f"{NBSP}225{NBSP}poäng |"
    markdown = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert row.format("≥") in markdown
    assert "\n\n≥ betyder att högre är bättre, ≤ att lägre är bättre.\n\n" in markdown
    matt = base_repo / "namnder/utbildning/2020/matt.yaml"
    matt.write_text(matt.read_text(encoding="utf-8").replace("riktning: högre", "riktning: lägre"), encoding="utf-8")
    assert row.format("≤") in ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out


def test_a_text_the_report_marks_missing_is_missing_in_status_too(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path) -> None:
    """At a bokslut the report marks "Uppgift saknas" where the nämnd's sammanfattande bedömning, a sektor's or a
    verksamhet's sammanfattning or a framgångsfaktor's uppföljning is not written: `ale status` and the report's
    list of what is missing say so too, not "Komplett" beside the marks."""
    period = base_repo / "perioder/2020-08-31"
    for file, line in (("namnder/utbildning.yaml", "sammanfattning: Nämnden bedömer att målen delvis nås.\n"),
                       ("namnder/utbildning.yaml", "framgångsfaktorer:\n  tidiga-insatser: Läsgarantin är införd.\n"),
                       ("sektorer/utbildning.yaml", "sammanfattning: Sektorn ser en positiv utveckling.\n")):
        text = (period / file).read_text(encoding="utf-8")
        assert line in text
        (period / file).write_text(text.replace(line, ""), encoding="utf-8")
    status = json.loads(ale(capsys, "status", "--repo", base_repo, "--period", "2020-08-31", "--format", "json").out)
    assert [(r["nivå"], r["id"], r["vad"], r["beskrivning"]) for r in status["uppgifter"] if not r["uppfyllt"]] == [
        ("nämnd", "utbildning", "framgångsfaktor: tidiga-insatser",
         "uppföljning av framgångsfaktorn Tidiga och samordnade insatser"),
        ("nämnd", "utbildning", "sammanfattning", "sammanfattande bedömning"),
        ("sektor", "utbildning", "sammanfattning", "sammanfattning")]
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31").out
    assert report.count("*Uppgift saknas*") == 3 and "komplett" not in report
    assert report.split("## Uppgifter som saknas\n\n")[1].splitlines()[:3] == [
        "- Utbildningsnämnden: sammanfattande bedömning (`perioder/2020-08-31/namnder/utbildning.yaml`)",
        ("- Utbildningsnämnden: uppföljning av framgångsfaktorn Tidiga och samordnade insatser "
         "(`perioder/2020-08-31/namnder/utbildning.yaml`)"),
        ("- Utbildningsnämnden · sektor Sektor utbildning: sammanfattning "
         "(`perioder/2020-08-31/sektorer/utbildning.yaml`)")]


def _next_year(repo: Path) -> None:
    """The base repository carried into 2021: the same verksamhetsplan, nämndplan and budget for the new year."""
    plan = (repo / "verksamhetsplan/2020.yaml").read_text(encoding="utf-8")
    (repo / "verksamhetsplan/2021.yaml").write_text(plan.split("\nuppdrag:")[0] + "\n", encoding="utf-8")
    (repo / "namnder/utbildning/2021").mkdir()
    for name in ("namndplan.yaml", "budget.yaml"):
        shutil.copy(repo / "namnder/utbildning/2020" / name, repo / "namnder/utbildning/2021" / name)


@pytest.mark.parametrize(("enhet", "föregående", "trend"), [("poäng", 219, "förbättrad"), ("index", None, None)])
def test_a_mått_is_compared_across_the_year_only_as_it_was_measured(
        capsys: pytest.CaptureFixture[str], base_repo: Path, enhet: str, föregående: float | None,
        trend: str | None) -> None:
    """January's utfall of a mått is compared with the last one of the year before when the new year's matt.yaml
    measures it the same way, also with a new målvärde; a mått redefined (poäng become an index) has no trend."""
    _next_year(base_repo)
    matt = (base_repo / "namnder/utbildning/2020/matt.yaml").read_text(encoding="utf-8")
    (base_repo / "namnder/utbildning/2021/matt.yaml").write_text(
        matt.replace("målvärde: 225", "målvärde: 228").replace("enhet: poäng", f"enhet: {enhet}"), encoding="utf-8")
    folder = base_repo / "perioder/2021-01-31/namnder"
    folder.mkdir(parents=True)
    (folder / "utbildning.yaml").write_text("mått: {meritvarde-ak9: 221}\n", encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2021-01-31", "--format", "json")
    assert result.code == 0, result.err
    [mått] = next(n for n in json.loads(result.out)["nämnder"] if n["id"] == "utbildning")["mått"]
    assert (mått["utfall"], mått["målvärde"]) == (221, 228)
    assert (mått["föregående"], mått["trend"]) == (föregående, trend)
    assert mått["föregående_period"] == ("2020-08-31" if föregående else None)


def test_the_prognos_is_compared_with_the_last_one_reported(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path) -> None:
    """May's prognos is compared with the last reported one, March's, not with one left in April's file, which the
    April report did not show; February's has none before it in its year, not January's nor December's."""
    _next_year(base_repo)
    shutil.copy(base_repo / "namnder/utbildning/2020/matt.yaml", base_repo / "namnder/utbildning/2021/matt.yaml")
    files = {"2020-12-31": "ekonomi: {utfall: 410000, prognos: 409000}\n",
             "2021-01-31": "ekonomi: {utfall: 33000, prognos: 420000}\n",
             "2021-02-28": "ekonomi: {utfall: 66000, prognos: 414000}\n",
             "2021-03-31": "ekonomi: {utfall: 100000, prognos: 416000}\n",
             "2021-04-30": "ekonomi: {utfall: 134000, prognos: 418000}\n",
             "2021-05-31": "ekonomi: {utfall: 168000, prognos: 417000}\n"}
    for period, text in files.items():
        folder = base_repo / f"perioder/{period}/namnder"
        folder.mkdir(parents=True)
        (folder / "utbildning.yaml").write_text(text, encoding="utf-8")
    seen = {}
    for period in ("2021-02-28", "2021-05-31"):
        result = ale(capsys, "report", "--repo", base_repo, "--period", period, "--format", "json")
        assert result.code == 0, result.err
        ekonomi = next(n for n in json.loads(result.out)["nämnder"] if n["id"] == "utbildning")["ekonomi"]
        seen[period] = (ekonomi["föregående_prognos_period"], ekonomi["föregående_prognos_tkr"],
                        ekonomi["prognosförändring_tkr"])
    assert seen == {"2021-02-28": (None, None, None), "2021-05-31": ("2021-03-31", 416_000, 1_000)}


@pytest.mark.skipif(os.name != "posix", reason="Windows gives the command line as text, whatever the locale")
def test_a_nämnds_report_is_the_same_in_a_locale_that_is_not_utf8(capsys: pytest.CaptureFixture[str],
                                                                   base_repo: Path, tmp_path: Path) -> None:
    """LC_ALL=C with PYTHONUTF8=0 (a container, a cron job): `--nämnd` is the option, typed as UTF-8 as anywhere,
    and a path with å, ä and ö after --repo is still found. The report is the same, byte for byte."""
    repo = base_repo.rename(tmp_path / "nämnder-åäö")
    expected = ale(capsys, "report", "--repo", repo, "--period", "2020-08-31", "--nämnd", "utbildning")
    assert expected.code == 0, expected.err
    environment = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}
    environment.pop("PYTHONIOENCODING", None)
    for option in (["--nämnd", "utbildning"], ["--nämnd=utbildning"]):
        done = subprocess.run([sys.executable, "-m", "ale_cli", "report", "--repo", str(repo), "--period",
                               "2020-08-31", *option], capture_output=True, env=environment, timeout=120)
        assert (done.returncode, done.stderr.decode("utf-8")) == (0, "")
        assert done.stdout == expected.out.encode("utf-8")


def test_status_on_a_narrow_terminal_wraps_the_task_the_name_and_the_path(base_repo: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the table gives way in three columns, each to its least width, so that a file's path no
    longer runs the line far past the terminal; in a file or a pipe nothing is wrapped (the test above)."""
    import os
    import shutil as shell

    from ale_cli.commands import status
    from ale_cli.completeness import requirements
    from ale_cli.pipeline import run as check

    (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").unlink()
    checked = check(base_repo.resolve(), warnings=False)
    rows = [r for r in requirements(checked.repo, checked.index, dt.date(2020, 8, 31)) if not r.uppfyllt]
    monkeypatch.setattr(shell, "get_terminal_size", lambda fallback=(100, 24): os.terminal_size((90, 24)))
    monkeypatch.setenv("NO_COLOR", "1")
    lines = status._table(rows, "Delårsbokslut 2 – delårsrapport 2020-08-31", True).splitlines()
    assert lines[1].split() == ["Status", "Nämnd", "Nivå", "Namn", "Uppgift", "Ansvarig", "Datum", "/", "fil"]
    path = lines[3][lines[1].index("Datum"):] + lines[4][lines[1].index("Datum"):].strip()
    assert (lines[3].split()[:4], path) == (["saknas", "utbildning", "enhet", "Nolskolan"],
                                            "perioder/2020-08-31/enheter/nolskolan.yaml")
    # as wide as the terminal: the path's column gave way as much as it had to, and no more
    assert (max(len(line) for line in lines), len(lines[2])) == (90, 90)
