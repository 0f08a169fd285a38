"""`ale calendar`: dialogues and deadlines with their status, as a table, iCalendar and JSON, with "today" pinned."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from ale_cli import load
from ale_cli.calendar import _nästa_vardag, händelser
from ale_cli.calendar_renderers import RENDERERS, folded
from ale_cli.cli import CalendarFormat as Format
from ale_cli.pipeline import run
from tests.cli_helpers import ale
from tests.conftest import BASE, EXAMPLE_REPO

TODAY = "2020-10-01"
AUTUMN = ("--from", "2020-09-01", "--to", "2020-12-31")
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", TODAY)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def calendar_json(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> dict[str, Any]:
    result = ale(capsys, "calendar", "--repo", repo, "--format", "json", *args)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


def by_uid(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {event["uid"]: event for event in document["händelser"]}


def with_servicenämnd_and_ks(root: Path) -> None:
    """The base plus Servicenämnden (ale.yaml servicenämnd) and Kommunstyrelsen (typ styrelse)."""
    write(root, "ale.yaml", 'kommun: Testkommun\nkommunkod: "1440"\nservicenämnd: service\n')
    write(root, "namnder/service/namnd.yaml", "namn: Servicenämnden\ntyp: nämnd\n")
    write(root, "namnder/ks/namnd.yaml", "namn: Kommunstyrelsen\ntyp: styrelse\n")
    assert not run(root.resolve()).has_errors


# -- the table ----------------------------------------------------------------------------------------------


def test_table_lists_the_autumn_by_iso_week_with_swedish_headers(capsys: pytest.CaptureFixture[str]) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, *AUTUMN)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Kalender för Testkommun, 2020-09-01 – 2020-12-31"
    assert lines[1] == "Idag: 2020-10-01"
    assert re.match(r"Datum +Tid +Händelse +Period +Status", lines[2])
    weeks = [line.strip() for line in lines if line.startswith("vecka ")]
    assert weeks == ["vecka 37", "vecka 38", "vecka 39", "vecka 40", "vecka 41", "vecka 44", "vecka 45",
                     "vecka 49", "vecka 53"]
    ahaga = next(line for line in lines if "Enhetsdialog: Ahaga skola" in line)
    assert re.match(r"2020-09-07 mån +09:00 +Enhetsdialog: Ahaga skola +2020-08-31 +genomförd$", ahaga)
    kf = next(line for line in lines if "KF behandlar delårsrapporten" in line)
    assert kf.startswith("2020-10-26 mån") and kf.endswith("kommande")
    ksau = next(line for line in lines if "KSAU-dialog" in line)
    assert ksau.endswith("kommande")  # its note is dated 2020-10-06, after today
    assert lines[-3:] == ["15 händelser: 7 genomförda, 7 kommande, 1 passerad.",
                          "Före 2020-09-01 finns 1 försenad händelse som inte visas här (den första 2020-04-30).",
                          "Visa dem med: ale calendar --from 2020-04-30 --to 2020-12-31"]
    assert "\x1b[" not in result.out


def test_the_table_does_not_search_the_kalender_for_lines(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Where each meeting stands in the kalender is shown in JSON and iCalendar only: the table never pays for
    finding the lines again, which a large kommun's kalender makes costly."""
    searched: list[str] = []
    original = load.compose

    def counting(path: str, text: str, positions: bool = True) -> Any:
        if positions:
            searched.append(path)
        return original(path, text, positions=positions)

    monkeypatch.setattr(load, "compose", counting)
    table = ale(capsys, "calendar", "--repo", BASE, *AUTUMN)
    assert (table.code, searched) == (0, [])
    events = calendar_json(capsys, BASE, *AUTUMN)["händelser"]
    assert searched == ["kalender/2020.yaml"]  # once for all of its meetings
    planned = [event["fil"] for event in events if event["källa"] == "kalender"]
    assert planned[:2] == ["kalender/2020.yaml:2", "kalender/2020.yaml:4"]


def test_default_window_is_sixty_days_from_today(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2020-10-01")
    document = calendar_json(capsys, BASE)
    assert (document["idag"], document["från"], document["till"]) == ("2020-10-01", "2020-10-01", "2020-11-30")
    assert [e["datum"] for e in document["händelser"]] == sorted(e["datum"] for e in document["händelser"])
    assert {e["datum"] for e in document["händelser"]} == {"2020-10-06", "2020-10-26", "2020-10-31",
                                                           "2020-11-02", "2020-11-30"}


def test_the_default_window_stops_at_the_last_day_a_date_can_hold(capsys: pytest.CaptureFixture[str]) -> None:
    document = calendar_json(capsys, BASE, "--from", "9999-12-01")
    assert (document["från"], document["till"]) == ("9999-12-01", "9999-12-31")


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_a_year_at_either_end_of_the_dates_is_listed_without_the_process_around_it(
        capsys: pytest.CaptureFixture[str], base_repo: Path, year: str) -> None:
    """The process reaches into the year before and after, which no date holds: its meetings are listed, and a
    meeting on 31 December 9999 is a day's event without the DTEND of a next day."""
    (base_repo / f"verksamhetsplan/{year}.yaml").write_bytes((base_repo / "verksamhetsplan/2020.yaml").read_bytes())
    write(base_repo, f"kalender/{year}.yaml", f"möten:\n  - {{datum: {year}-12-31, typ: kf}}\n")
    document = calendar_json(capsys, base_repo, "--from", f"{year}-01-01", "--to", f"{year}-12-31")
    assert [(e["datum"], e["typ"]) for e in document["händelser"]] == [(f"{year}-12-31", "kf")]
    ics = ale(capsys, "calendar", "--repo", base_repo, "--format", "ics", "--from", f"{year}-12-31",
              "--to", f"{year}-12-31")
    assert ics.code == 0, ics.err
    [event] = icalendar.Calendar.from_ical(ics.out.encode("utf-8")).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(int(year), 12, 31)
    assert ("DTEND" in event) == (year == "0001")


def test_every_renderer_is_a_format_choice() -> None:
    assert {str(choice) for choice in Format} == set(RENDERERS)


def test_help_documents_ale_today(capsys: pytest.CaptureFixture[str]) -> None:
    result = ale(capsys, "calendar", "--help")
    assert result.code == 0
    assert "ALE_TODAY" in result.out and "--from" in result.out and "--nämnd" in result.out


# -- statuses -------------------------------------------------------------------------------------------------


def test_statuses_follow_the_notes_and_today(capsys: pytest.CaptureFixture[str]) -> None:
    events = by_uid(calendar_json(capsys, BASE, "--from", "2020-08-01", "--to", "2021-04-30"))
    ahaga = events["1440-enhetsdialog-2020-08-31-ahaga-skola@ale"]
    assert (ahaga["status"], ahaga["källa"], ahaga["tid"]) == ("genomförd", "kalender", "09:00")
    assert ahaga["anteckning"] == "perioder/2020-08-31/enheter/ahaga-skola.yaml"
    assert ahaga["fil"] == "kalender/2020.yaml:2"
    nolskolan = events["1440-enhetsdialog-2020-08-31-nolskolan@ale"]
    assert (nolskolan["status"], nolskolan["källa"]) == ("genomförd", "anteckning")
    assert events["1440-ksau-2020-utbildning@ale"]["status"] == "kommande"  # its note is dated after today
    assert events["1440-periodslut-2020-09-30@ale"]["status"] == "passerad"
    assert events["1440-kf-2020-10-26@ale"]["status"] == "kommande"
    assert events["1440-periodslut-2020-08-31@ale"]["status"] == "passerad"
    assert events["1440-periodslut-2020-08-31@ale"]["titel"] == "Periodslut: Delårsbokslut 2 – delårsrapport"
    assert events["1440-periodslut-2020-09-30@ale"]["titel"] == "Periodslut: Månadsuppföljning"
    assert events["1440-periodslut-2020-12-31@ale"]["titel"] == "Periodslut: Årsbokslut och verksamhetsberättelse"
    delår = events["1440-delarsrapport-2020-08-31@ale"]
    # two months from 31 August end on Saturday 31 October, alla helgons dag: the time runs to the next weekday
    assert (delår["datum"], delår["status"], delår["slag"]) == ("2020-11-02", "kommande", "frist")
    assert delår["grund"] == ("KL 11 kap. 16 §: inom två månader från periodens slut; med nämndernas uppföljning av "
                              "internkontrollen; 2020-10-31 är alla helgons dag, så fristen går ut nästa vardag "
                              "(lagen (1930:173) om beräkning av lagstadgad tid)")
    assert by_uid(calendar_json(capsys, BASE, "--from", "2020-05-01", "--to", "2020-06-30"))[
        "1440-delarsrapport-2020-03-31@ale"]["datum"] == "2020-06-01"  # 31 May 2020 is Pingstdagen
    assert events["1440-arsredovisning-2020@ale"]["datum"] == "2021-04-15"
    ikp = events["1440-internkontrollplan-2021-utbildning@ale"]
    assert (ikp["datum"], ikp["status"], ikp["nämnd"]) == ("2020-12-31", "kommande", "utbildning")


@pytest.mark.parametrize(("period", "namn"), [
    ("2020-01-31", "Månadsuppföljning"),
    ("2020-02-29", "Budgetuppföljning med helårsprognos"),
    ("2020-03-31", "Delårsbokslut 1"),
    ("2020-05-31", "Budgetuppföljning med helårsprognos"),
    ("2020-08-31", "Delårsbokslut 2 – delårsrapport"),
    ("2020-12-31", "Årsbokslut och verksamhetsberättelse"),
])
def test_a_period_end_is_named_as_status_and_the_report_name_the_period(
        capsys: pytest.CaptureFixture[str], period: str, namn: str) -> None:
    [periodslut] = calendar_json(capsys, BASE, "--from", period, "--to", period, "--typ", "periodslut")["händelser"]
    assert periodslut["titel"] == f"Periodslut: {namn}"
    status = ale(capsys, "status", "--repo", BASE, "--period", period, "--format", "json")
    assert json.loads(status.out)["rubrik"] == f"{namn} {period}"
    report = ale(capsys, "report", "--repo", BASE, "--period", period, "--format", "json")
    assert json.loads(report.out)["rapport"] == namn


def test_a_planned_dialogue_without_its_note_is_late_once_its_date_has_passed(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (base_repo / "perioder/2020-08-31/enheter/ahaga-skola.yaml").unlink()
    uid = "1440-enhetsdialog-2020-08-31-ahaga-skola@ale"
    monkeypatch.setenv("ALE_TODAY", "2020-09-01")
    assert by_uid(calendar_json(capsys, base_repo, *AUTUMN))[uid]["status"] == "kommande"
    monkeypatch.setenv("ALE_TODAY", "2020-09-07")
    assert by_uid(calendar_json(capsys, base_repo, *AUTUMN))[uid]["status"] == "kommande"
    monkeypatch.setenv("ALE_TODAY", "2020-09-08")
    late = by_uid(calendar_json(capsys, base_repo, *AUTUMN))[uid]
    assert (late["status"], late["anteckning"]) == ("försenad", None)
    table = ale(capsys, "calendar", "--repo", base_repo, *AUTUMN).out
    assert re.search(r"Enhetsdialog: Ahaga skola +2020-08-31 +försenad", table)


def test_a_note_dated_after_today_is_not_held_yet(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    uid = "1440-ksau-2020-utbildning@ale"
    for today, status in (("2020-10-05", "kommande"), ("2020-10-06", "genomförd"), ("2020-10-07", "genomförd")):
        monkeypatch.setenv("ALE_TODAY", today)
        event = by_uid(calendar_json(capsys, BASE, *AUTUMN))[uid]
        assert (event["status"], event["anteckning"]) == (status, "perioder/2020-08-31/dialoger/ksau-utbildning.yaml")
    monkeypatch.setenv("ALE_TODAY", "2020-09-07")
    unplanned = by_uid(calendar_json(capsys, BASE, *AUTUMN))["1440-enhetsdialog-2020-08-31-nolskolan@ale"]
    assert (unplanned["källa"], unplanned["status"]) == ("anteckning", "kommande")


def test_a_note_dated_otherwise_shows_the_dialogue_held_on_its_date_with_a_warning(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-09-07", "2020-09-04"), encoding="utf-8")
    event = by_uid(calendar_json(capsys, base_repo, *AUTUMN))["1440-enhetsdialog-2020-08-31-ahaga-skola@ale"]
    assert (event["status"], event["datum"], event["tid"]) == ("genomförd", "2020-09-07", None)
    assert event["varningar"] == [("enligt perioder/2020-08-31/enheter/ahaga-skola.yaml hölls mötet 2020-09-07, "
                                  "inte 2020-09-04 som kalendern anger")]


def test_a_ledningsdialog_planned_without_period_is_held_by_the_note_of_the_bokslut_before_it(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8")
                        + "  - {datum: 2020-04-23, typ: ledningsdialog, sektor: utbildning}\n"
                        + "  - {datum: 2020-09-18, typ: ledningsdialog, sektor: utbildning}\n", encoding="utf-8")
    events = by_uid(calendar_json(capsys, base_repo, "--from", "2020-04-01", "--to", "2020-12-31"))
    april = events["1440-ledningsdialog-2020-03-31-utbildning@ale"]
    september = events["1440-ledningsdialog-2020-08-31-utbildning@ale"]
    assert (april["datum"], april["status"], april["anteckning"]) == ("2020-04-23", "försenad", None)
    assert (september["datum"], september["status"], september["anteckning"]) == (  # held on the note's date
        "2020-09-17", "genomförd", "perioder/2020-08-31/dialoger/ledningsdialog-utbildning.yaml")


def test_a_ksau_note_filed_under_another_period_of_the_year_still_holds_the_planned_dialogue(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2020-10-07")  # the day after the dialogue
    note = base_repo / "perioder/2020-08-31/dialoger/ksau-utbildning.yaml"
    moved = base_repo / "perioder/2020-09-30/dialoger/ksau-utbildning.yaml"
    moved.parent.mkdir(parents=True)
    note.rename(moved)
    ksau = [e for e in calendar_json(capsys, base_repo, *AUTUMN)["händelser"] if e["typ"] == "ksau"]
    assert [(e["uid"], e["status"], e["källa"], e["anteckning"]) for e in ksau] == [
        ("1440-ksau-2020-utbildning@ale", "genomförd", "kalender",
         "perioder/2020-09-30/dialoger/ksau-utbildning.yaml")]


def test_a_higher_level_planned_before_a_lower_one_in_the_period_is_warned(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / "perioder/2020-08-31/verksamheter/grundskola.yaml").unlink()
    with (base_repo / "kalender/2020.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - {datum: 2020-09-02, typ: verksamhetsdialog, period: 2020-08-31, verksamhet: grundskola}\n")
    document = calendar_json(capsys, base_repo, *AUTUMN)
    event = by_uid(document)["1440-verksamhetsdialog-2020-08-31-grundskola@ale"]
    assert event["status"] == "försenad"  # planned 2020-09-02, no note
    assert event["varningar"] == [
        ("ligger före Enhetsdialog: Ahaga skola (2020-09-07), Enhetsdialog: Nolskolan (2020-09-08) i samma "
        "period: dialogkedjan går uppåt (enhet, verksamhet, sektor, nämnd, KSAU)")]
    assert by_uid(document)["1440-sektorsdialog-2020-08-31-utbildning@ale"]["varningar"] == []
    table = ale(capsys, "calendar", "--repo", base_repo, *AUTUMN).out
    assert "varning: ligger före Enhetsdialog: Ahaga skola" in table
    assert "1 varning." in table


# -- the dialogues the process demands -----------------------------------------------------------------------


def test_dialogues_the_process_demands_are_due_with_a_warning_when_none_is_planned(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    with_servicenämnd_and_ks(base_repo)
    document = calendar_json(capsys, base_repo, "--from", "2020-01-01", "--to", "2021-12-31")
    due = {e["uid"]: e for e in document["händelser"] if e["källa"] == "processen" and e["slag"] == "dialog"}
    assert sorted(due) == [
        "1440-ksau-2020-service@ale",  # not ks (styrelse), not alebyggen (bolag), utbildning planned it
        "1440-kunddialog-2020-ks@ale",  # not service with itself, not the bolag
        "1440-kunddialog-2020-utbildning@ale",
        "1440-ledningsdialog-2020-03-31-utbildning@ale",  # 2020-08-31 was held
        "1440-ledningsdialog-2020-12-31-utbildning@ale",
    ]
    ksau = due["1440-ksau-2020-service@ale"]
    assert (ksau["datum"], ksau["status"], ksau["nämnd"]) == ("2020-11-30", "kommande", "service")
    assert ksau["varningar"] == ["kalendern planerar ingen KSAU-dialog med Servicenämnden hösten 2020"]
    assert ksau["berör"] == ["ks", "service"]
    kund = due["1440-kunddialog-2020-utbildning@ale"]
    assert (kund["datum"], kund["titel"]) == ("2020-12-31", ("Kunddialog: Servicenämnden – Utbildningsnämnden "
                                                            "(ej planerad)"))
    assert kund["berör"] == ["service", "utbildning"]
    spring = due["1440-ledningsdialog-2020-03-31-utbildning@ale"]
    assert (spring["datum"], spring["status"], spring["sektor"]) == ("2020-04-30", "försenad", "utbildning")
    assert spring["varningar"] == [("kalendern planerar ingen ledningsdialog med Sektor utbildning för "
                                   "period 2020-03-31 (Delårsbokslut 1)")]
    winter = due["1440-ledningsdialog-2020-12-31-utbildning@ale"]
    assert winter["datum"] == "2021-01-31"
    assert winter["varningar"] == [("kalendern planerar ingen ledningsdialog med Sektor utbildning för "
                                   "period 2020-12-31 (Årsbokslut och verksamhetsberättelse)")]


def test_the_grund_names_the_process_or_the_law_in_the_kommuns_words(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    with_servicenämnd_and_ks(base_repo)
    document = calendar_json(capsys, base_repo, "--from", "2019-12-01", "--to", "2021-12-31")
    grunder = {e["typ"]: e["grund"] for e in document["händelser"] if e["grund"] is not None}
    assert grunder == {
        "internkontrollplan": ("Uppföljnings- och dialogprocessen: nämnden beslutar planen för kommande år senast "
                               "i december"),
        "ksau": "Uppföljnings- och dialogprocessen: nämndens AU träffar KSAU under hösten",
        "kunddialog": "Uppföljnings- och dialogprocessen: Servicenämndens AU träffar varje nämnds AU en gång per år",
        "ledningsdialog": ("Uppföljnings- och dialogprocessen: sektorsledning och förvaltningsledning möts vid "
                           "varje bokslut"),
        "delårsrapport": ("KL 11 kap. 16 §: inom två månader från periodens slut; med nämndernas uppföljning av "
                          "internkontrollen; 2020-10-31 är alla helgons dag, så fristen går ut nästa vardag (lagen "
                          "(1930:173) om beräkning av lagstadgad tid)"),
        "årsredovisning": ("Kommunallagen 11 kap.: senast 15 april året efter; med nämndernas uppföljning av "
                           "internkontrollen"),
    }
    ics = ale(capsys, "calendar", "--repo", base_repo, "--from", "2019-12-01", "--to", "2021-12-31",
              "--format", "ics").out
    unfolded = ics.replace("\r\n ", "")
    assert "Grund: Uppföljnings- och dialogprocessen: nämndens AU träffar KSAU under hösten" in unfolded
    assert "seed" not in unfolded.lower()


def test_planning_the_dialogue_replaces_the_due_one_under_the_same_uid(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    with_servicenämnd_and_ks(base_repo)
    with (base_repo / "kalender/2020.yaml").open("a", encoding="utf-8") as stream:
        stream.write('  - {datum: 2020-10-13, tid: "13:00", typ: ksau, nämnd: service}\n'
                     "  - {datum: 2020-11-10, typ: kunddialog, nämnd: utbildning}\n")
    events = by_uid(calendar_json(capsys, base_repo, *AUTUMN))
    ksau = events["1440-ksau-2020-service@ale"]
    assert (ksau["källa"], ksau["datum"], ksau["tid"], ksau["varningar"]) == ("kalender", "2020-10-13", "13:00", [])
    assert events["1440-kunddialog-2020-utbildning@ale"]["källa"] == "kalender"
    assert events["1440-kunddialog-2020-ks@ale"]["källa"] == "processen"


def test_internkontrollplan_is_held_when_decided_and_late_when_not(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2021-01-10")
    events = by_uid(calendar_json(capsys, base_repo, "--from", "2019-12-01", "--to", "2020-12-31"))
    decided = events["1440-internkontrollplan-2020-utbildning@ale"]
    assert (decided["datum"], decided["status"]) == ("2019-12-31", "genomförd")
    assert decided["anteckning"] == "namnder/utbildning/2020/internkontrollplan.yaml"
    assert events["1440-internkontrollplan-2021-utbildning@ale"]["status"] == "försenad"
    assert not any(e["nämnd"] == "alebyggen" for e in events.values())  # a bolag has no internkontrollplan here


# -- filters ----------------------------------------------------------------------------------------------------


def test_nämnd_keeps_its_own_its_chains_and_the_kommuns_events(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    with_servicenämnd_and_ks(base_repo)
    with (base_repo / "kalender/2020.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - {datum: 2020-11-10, typ: kunddialog, nämnd: utbildning}\n")
    utbildning = by_uid(calendar_json(capsys, base_repo, *AUTUMN, "--nämnd", "utbildning"))
    assert "1440-enhetsdialog-2020-08-31-ahaga-skola@ale" in utbildning  # its enhet
    assert "1440-verksamhetsdialog-2020-08-31-grundskola@ale" in utbildning  # its verksamhet
    assert "1440-ledningsdialog-2020-08-31-utbildning@ale" in utbildning  # its sektor
    assert "1440-team-2020-08-31-god-utbildning@ale" in utbildning  # its sektor sits on the team
    assert "1440-periodslut-2020-09-30@ale" in utbildning and "1440-kf-2020-10-26@ale" in utbildning
    assert "1440-ksau-2020-service@ale" not in utbildning
    assert "1440-internkontrollplan-2021-service@ale" not in utbildning
    service = by_uid(calendar_json(capsys, base_repo, *AUTUMN, "--namnd", "service"))
    assert "1440-kunddialog-2020-utbildning@ale" in service  # Servicenämndens AU holds it
    assert "1440-enhetsdialog-2020-08-31-ahaga-skola@ale" not in service
    ks = by_uid(calendar_json(capsys, base_repo, *AUTUMN, "--nämnd", "ks"))
    assert "1440-ksau-2020-utbildning@ale" in ks  # KSAU is Kommunstyrelsens arbetsutskott


def test_unknown_nämnd_is_a_usage_error_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, "--nämnd", "utbilding")
    assert (result.code, result.out) == (2, "")
    assert "okänd nämnd 'utbilding' — menade du 'utbildning'?" in result.err


def test_typ_keeps_those_types_and_groups(capsys: pytest.CaptureFixture[str]) -> None:
    document = calendar_json(capsys, BASE, *AUTUMN, "--typ", "ksau", "--typ", "kf,periodslut")
    assert document["typer"] == ["kf", "ksau", "periodslut"]
    assert {e["typ"] for e in document["händelser"]} == {"ksau", "kf", "periodslut"}
    frister = calendar_json(capsys, BASE, *AUTUMN, "--typ", "frist")
    assert {e["typ"] for e in frister["händelser"]} == {"delårsrapport", "internkontrollplan"}
    result = ale(capsys, "calendar", "--repo", BASE, "--typ", "ksua")
    assert result.code == 2
    assert "okänd typ 'ksua' — menade du 'ksau'? Typerna är: enhetsdialog," in result.err


# -- nothing in the window ---------------------------------------------------------------------------------------


def test_an_empty_window_names_the_nearest_events(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2026-03-01")
    result = ale(capsys, "calendar", "--repo", BASE)
    assert result.code == 0, result.err
    assert result.out.splitlines()[2:] == [
        "Inga händelser mellan 2026-03-01 och 2026-04-30.",
        "Närmast före: 2021-04-15 Årsredovisning 2020 till fullmäktige och revisorerna",
        "Närmast efter: inga händelser.",
        "Före 2026-03-01 finns 3 försenade händelser som inte visas här (den första 2020-04-30).",
        "Visa dem med: ale calendar --from 2020-04-30 --to 2026-04-30",
    ]
    document = calendar_json(capsys, BASE)
    assert document["händelser"] == [] and document["närmast_efter"] == []
    assert [e["uid"] for e in document["närmast_före"]] == ["1440-arsredovisning-2020@ale"]


def test_an_empty_window_between_events_names_both_sides(capsys: pytest.CaptureFixture[str]) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, "--from", "2020-09-25", "--to", "2020-09-28")
    assert result.out.splitlines()[2:] == [
        "Inga händelser mellan 2020-09-25 och 2020-09-28.",
        "Närmast före: 2020-09-24 Nämndsammanträde: Utbildningsnämnden",
        "Närmast efter: 2020-09-30 Periodslut: Månadsuppföljning",
        "Före 2020-09-25 finns 1 försenad händelse som inte visas här (den första 2020-04-30).",
        "Visa dem med: ale calendar --from 2020-04-30 --to 2020-09-28",
    ]
    ics = ale(capsys, "calendar", "--repo", BASE, "--from", "2020-09-25", "--to", "2020-09-28", "--format", "ics")
    assert ics.code == 0 and "BEGIN:VEVENT" not in ics.out
    assert "Närmast före: 2020-09-24" in ics.err


def test_an_ics_without_events_holds_the_time_zone(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """RFC 5545 allows no calendar without a component: the time zone stands in for the events."""
    monkeypatch.setenv("ALE_TODAY", "2026-03-01")
    ics = ale(capsys, "calendar", "--repo", BASE, "--format", "ics")
    assert ics.code == 0, ics.err
    assert rfc5545_problems(ics.out.encode("utf-8")) == []
    calendar = icalendar.Calendar.from_ical(ics.out.encode("utf-8"))
    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"]
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Stockholm"
    assert "Inga händelser mellan 2026-03-01 och 2026-04-30." in ics.err


# -- errors ----------------------------------------------------------------------------------------------------


def test_invalid_data_prints_the_errors_and_exits_1(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    write(base_repo, "kalender/2020.yaml", "möten:\n  - {datum: 2020-09-31, typ: kf}\n")
    result = ale(capsys, "calendar", "--repo", base_repo, *AUTUMN)
    assert (result.code, result.out) == (1, "")
    assert "kalender/2020.yaml:2:" in result.err and "dag 31 finns inte" in result.err


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2020-02-30"), "--from: '2020-02-30' är inget datum: dag 30 i månaden finns inte"),
    (("--from", "2020-13-01"), "--from: '2020-13-01' är inget datum: månad 13 finns inte"),
    (("--to", "1 sep"), "--to: '1 sep' är inget datum i formen ÅÅÅÅ-MM-DD"),
    (("--from", "2020-10-01", "--to", "2020-09-01"), "--to 2020-09-01 ligger före --from 2020-10-01"),
])
def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, *args)
    assert (result.code, result.out, result.err) == (2, "", f"ale: {message}\n")


def test_a_bad_ale_today_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "idag")
    result = ale(capsys, "calendar", "--repo", BASE)
    assert (result.code, result.err) == (2, "ale: ALE_TODAY: 'idag' är inget datum i formen ÅÅÅÅ-MM-DD\n")


# -- iCalendar ---------------------------------------------------------------------------------------------------


def rfc5545_problems(data: bytes) -> list[str]:
    """A second, independent reader: the line-level rules of RFC 5545 that importers are strict about."""
    problems: list[str] = []
    if not data.endswith(b"\r\n"):
        problems.append("the last line does not end with CRLF")
    physical = data.split(b"\r\n")[:-1]
    for number, line in enumerate(physical, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare LF or CR")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: folded inside a UTF-8 character")
        if number == 1 and line[:1] in (b" ", b"\t"):
            problems.append("the first line is a continuation")
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8", errors="replace")
        if text[:1] in (" ", "\t"):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    stack: list[tuple[str, list[str]]] = []
    components: list[tuple[str, list[str]]] = []
    timezones: set[str] = set()
    used_tzids: set[str] = set()
    for text in logical:
        match = re.match(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:,"]*)(?:,[^;:,"]*)*)*):(.*)$', text)
        if match is None:
            problems.append(f"not a content line: {text!r}")
            continue
        name, params, value = match.group(1).upper(), match.group(2), match.group(3)
        used_tzids.update(re.findall(r";TZID=([^;:]+)", params))
        if name == "BEGIN":
            stack.append((value, []))
            components.append(stack[-1])
        elif name == "END":
            if not stack or stack.pop()[0] != value:
                problems.append(f"END:{value} does not close the open component")
        elif not stack:
            problems.append(f"{name} outside any component")
        else:
            stack[-1][1].append(name)
            if stack[-1][0] == "VTIMEZONE" and name == "TZID":
                timezones.add(value)
    if stack:
        problems.append(f"unclosed: {[kind for kind, _ in stack]}")
    if not components or components[0][0] != "VCALENDAR":
        problems.append("not a VCALENDAR")
    else:
        for required in ("PRODID", "VERSION"):
            if components[0][1].count(required) != 1:
                problems.append(f"VCALENDAR needs one {required}")
        if len(components) == 1:  # the grammar's "1*component"
            problems.append("a VCALENDAR without any component")
    for kind, names in components:
        if kind == "VEVENT":
            for required in ("UID", "DTSTAMP", "DTSTART"):
                if names.count(required) != 1:
                    problems.append(f"a VEVENT has {names.count(required)} {required}")
    problems.extend(f"TZID {tzid} has no VTIMEZONE" for tzid in sorted(used_tzids - timezones))
    return problems


def test_the_line_checker_finds_what_it_looks_for() -> None:
    good = (b"BEGIN:VCALENDAR\r\nPRODID:x\r\nVERSION:2.0\r\n"
            b"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20200101T000000Z\r\nDTSTART:20200101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert rfc5545_problems(good) == []
    empty = b"BEGIN:VCALENDAR\r\nPRODID:x\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    assert rfc5545_problems(empty) == ["a VCALENDAR without any component"]
    assert "the last line does not end with CRLF" in rfc5545_problems(good.replace(b"\r\n", b"\n"))
    long = good.replace(b"PRODID:x", b"PRODID:" + b"x" * 80)
    assert any("more than 75" in p for p in rfc5545_problems(long))
    event = empty.replace(b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR")
    assert "a VEVENT has 0 DTSTAMP" in rfc5545_problems(event)
    assert "END:VCALENDAR does not close the open component" in rfc5545_problems(
        good.replace(b"END:VCALENDAR", b"BEGIN:VEVENT\r\nEND:VCALENDAR"))


def long_title_kalender(root: Path) -> None:
    """Meetings that exercise folding (long Swedish text) and time zones (summer and winter time)."""
    with (root / "kalender/2020.yaml").open("a", encoding="utf-8") as stream:
        stream.write('  - {datum: 2020-11-16, tid: "18:30", typ: ks, titel: "Kommunstyrelsen sammanträder om '
                     'delårsrapporten, årsprognosen och nämndernas åtgärder för en budget i balans", '
                     "plats: Sessionssalen i Nödinge}\n")


def test_ics_is_read_back_by_icalendar_event_by_event(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    long_title_kalender(base_repo)
    expected = calendar_json(capsys, base_repo, *AUTUMN)["händelser"]
    result = ale(capsys, "calendar", "--repo", base_repo, *AUTUMN, "--format", "ics")
    assert result.code == 0, result.err
    calendar = icalendar.Calendar.from_ical(result.out.encode("utf-8"))
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert list(events) == [e["uid"] for e in expected]
    for want in expected:
        event = events[want["uid"]]
        assert str(event["SUMMARY"]) == want["titel"]
        start = event.decoded("DTSTART")
        if want["tid"] is None:
            assert type(start) is dt.date and start.isoformat() == want["datum"]
            assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        else:
            assert isinstance(start, dt.datetime)
            assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
            assert str(start.tzinfo) == "Europe/Stockholm"
            assert start.replace(tzinfo=None).isoformat(timespec="minutes") == f"{want['datum']}T{want['tid']}"
        assert str(event["X-ALE-STATUS"]) == want["status"]
    ks = events["1440-ks-2020-11-16@ale"]
    assert ks.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)  # winter time
    assert events["1440-enhetsdialog-2020-08-31-ahaga-skola@ale"].decoded("DTSTART").utcoffset() == dt.timedelta(
        hours=2)
    assert str(ks["LOCATION"]) == "Sessionssalen i Nödinge"


def test_the_vtimezone_agrees_with_the_tz_database(capsys: pytest.CaptureFixture[str]) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, *AUTUMN, "--format", "ics")
    [zone] = icalendar.Calendar.from_ical(result.out.encode("utf-8")).timezones
    assert str(zone["TZID"]) == "Europe/Stockholm"
    own = zone.to_tz(lookup_tzid=False)  # the rules as written in the file, not looked up by name
    hour = dt.datetime(2019, 1, 1)
    while hour < dt.datetime(2031, 1, 1):
        assert own.utcoffset(hour) == STOCKHOLM.utcoffset(hour), hour
        hour += dt.timedelta(hours=7)


def test_ics_passes_the_strict_line_check(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    long_title_kalender(base_repo)
    result = ale(capsys, "calendar", "--repo", base_repo, "--from", "2019-01-01", "--to", "2021-12-31",
                 "--format", "ics", "-o", base_repo / "k.ics")
    assert result.code == 0, result.err
    data = (base_repo / "k.ics").read_bytes()
    assert rfc5545_problems(data) == []
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert b"\r\n " in data  # the long title was folded


def test_folding_cuts_under_75_octets_between_characters_and_not_after_an_escape_char() -> None:
    assert folded("x" * 74) == "x" * 74
    assert folded("x" * 75) == "x" * 74 + "\r\n x"
    # "ä" is two octets: 72 "x" and one "ä" fill 74, a second "ä" goes to the next line whole
    assert folded("x" * 72 + "ää") == "x" * 72 + "ä\r\n ä"
    assert folded("x" * 73 + "ä") == "x" * 73 + "\r\n ä"
    # a backslash or caret (the first half of an escape such as \n or ^n) is not left last on a line
    assert folded("x" * 73 + "\\nyz") == "x" * 73 + "\r\n \\nyz"
    assert folded("x" * 73 + "^nyz") == "x" * 73 + "\r\n ^nyz"
    line = "DESCRIPTION:" + "Förskolan Äppelgårdens dialog\\n" * 20
    assert all(len(piece.encode("utf-8")) <= 74 for piece in folded(line).split("\r\n "))
    assert folded(line).replace("\r\n ", "") == line


def test_folding_is_the_one_of_icalendar_7() -> None:
    string = pytest.importorskip("icalendar.parser.string")  # icalendar 6 folds escapes apart
    lines = ["".join(random.Random(seed).choice("ab \\^;,:åÄö–€𝄞") for _ in range(seed % 300))
             for seed in range(3000)]
    assert [folded(line) for line in lines] == [string._foldline(line) for line in lines]


def test_all_day_only_calendar_has_no_vtimezone(capsys: pytest.CaptureFixture[str]) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, "--from", "2020-10-20", "--to", "2020-10-31",
                 "--format", "ics")
    assert "BEGIN:VEVENT" in result.out and "VTIMEZONE" not in result.out
    assert rfc5545_problems(result.out.encode("utf-8")) == []


def test_ics_is_byte_identical_between_runs(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                            tmp_path: Path) -> None:
    for name in ("a.ics", "b.ics"):
        assert ale(capsys, "calendar", "--repo", base_repo, *AUTUMN, "--format", "ics",
                   "-o", tmp_path / name).code == 0
    first = (tmp_path / "a.ics").read_bytes()
    assert first == (tmp_path / "b.ics").read_bytes()
    assert set(re.findall(rb"DTSTAMP:(\S+)", first)) == {b"20201001T000000Z"}  # today's start, never the clock


def test_dtstamp_only_grows_with_the_commit_and_the_day(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting moved earlier in a later commit is an update (RFC 5546 keeps the event with the newer DTSTAMP);
    it was stamped with its own date, which went back."""
    def stamps() -> set[str]:
        return set(re.findall(r"DTSTAMP:(\S+)", ale(capsys, "calendar", "--repo", base_repo, *AUTUMN,
                                                     "--format", "ics").out))

    def commit(when: str) -> None:
        for args in (("add", "-A"), ("commit", "-q", "-m", when)):
            subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=base_repo,
                           check=True, env={**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when})

    subprocess.run(["git", "init", "-q"], cwd=base_repo, check=True)
    commit("2020-09-20T10:00:00Z")
    assert stamps() == {"20201001T000000Z"}  # today's start is later than the commit
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-06", "2020-10-05"), encoding="utf-8")
    commit("2020-10-01T14:30:00Z")
    assert stamps() == {"20201001T143000Z"}
    monkeypatch.setenv("ALE_TODAY", "2020-10-02")
    assert stamps() == {"20201002T000000Z"}


def test_dtstamp_comes_from_source_date_epoch_when_set(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    result = ale(capsys, "calendar", "--repo", BASE, *AUTUMN, "--format", "ics")
    stamps = set(re.findall(r"DTSTAMP:(\S+)", result.out))
    assert stamps == {"20200913T122640Z"}


def test_uids_survive_reordering_and_moving_a_meeting(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2020-11-01")
    before = [e["uid"] for e in calendar_json(capsys, base_repo, *AUTUMN)["händelser"]]
    kalender = base_repo / "kalender/2020.yaml"
    header, *meetings = kalender.read_text(encoding="utf-8").splitlines()
    moved = [m.replace("2020-10-06", "2020-10-13") for m in reversed(meetings)]
    kalender.write_text("\n".join([header, *moved]) + "\n", encoding="utf-8")
    after = calendar_json(capsys, base_repo, *AUTUMN)["händelser"]
    assert sorted(e["uid"] for e in after) == sorted(before)
    assert len(set(before)) == len(before)
    ksau = next(e for e in after if e["uid"] == "1440-ksau-2020-utbildning@ale")
    assert ksau["status"] == "genomförd"  # its note is dated 2020-10-06: held then, with a warning
    assert ksau["datum"] == "2020-10-06" and ksau["varningar"]


def test_two_meetings_of_one_slot_get_distinct_uids(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    with (base_repo / "kalender/2020.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - {datum: 2020-11-10, typ: ksau, nämnd: utbildning}\n")
    uids = [e["uid"] for e in calendar_json(capsys, base_repo, *AUTUMN)["händelser"]]
    assert "1440-ksau-2020-utbildning@ale" in uids and "1440-ksau-2020-utbildning-2@ale" in uids
    assert len(set(uids)) == len(uids)


# -- json and -o ------------------------------------------------------------------------------------------------


def test_json_has_stable_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    document = calendar_json(capsys, BASE, *AUTUMN)
    assert list(document) == ["format", "version", "kommun", "kommunkod", "idag", "från", "till", "nämnd", "typer",
                              "händelser", "närmast_före", "närmast_efter"]
    keys = ["uid", "datum", "tid", "sluttid", "heldag", "slag", "typ", "titel", "status", "källa", "period", "nämnd",
            "sektor", "verksamhet", "enhet", "målsättning", "plats", "grund", "fil", "anteckning", "varningar",
            "berör"]
    assert all(list(event) == keys for event in document["händelser"])
    docs = (Path(__file__).parent.parent / "docs/calendar.md").read_text(encoding="utf-8")
    for key in [*document, *keys]:
        assert f"`{key}`" in docs, key


def test_output_file_is_written_and_stdout_stays_empty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ut" / "kalender.json"
    result = ale(capsys, "calendar", "--repo", BASE, *AUTUMN, "--format", "json", "-o", target)
    assert (result.code, result.out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "ale-kalender"
    assert [p.name for p in target.parent.iterdir()] == ["kalender.json"]  # no temporary file left


OUTLOOK_EXPORT = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
                  "BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008@outlook\r\nDTSTAMP:20200901T080000Z\r\n"
                  "DTSTART:20200915T080000Z\r\nSUMMARY:Tandläkare\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
# ale's PRODID on an event, not on the calendar, does not make the file ale's
ALE_PRODID_ON_AN_EVENT = OUTLOOK_EXPORT.replace(b"SUMMARY:", b"PRODID:-//ale//ale calendar//SV\r\nSUMMARY:")


@pytest.mark.parametrize(("format", "existing"), [
    ("ics", b"Mina anteckningar\n"),
    ("ics", OUTLOOK_EXPORT),  # a calendar, but the user's own
    ("ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"),
    ("ics", ALE_PRODID_ON_AN_EVENT),
    ("json", b'{"annat": true}\n'),
    ("json", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    ("table", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
])
def test_output_refuses_to_overwrite_what_is_not_a_calendar_of_that_format(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, format: str, existing: bytes) -> None:
    target = tmp_path / "viktig.txt"
    target.write_bytes(existing)
    result = ale(capsys, "calendar", "--repo", BASE, *AUTUMN, "--format", format, "-o", target)
    assert (result.code, result.out) == (1, "")
    assert result.err == (f"ale: '{target}' finns redan och är ingen kalender som ale har skrivit i formatet "
                          f"{format}; den skrivs inte över. Välj ett annat filnamn eller ta bort filen först.\n")
    assert target.read_bytes() == existing


@pytest.mark.parametrize("format", ["ics", "json", "table"])
def test_output_overwrites_its_own_calendar(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            format: str) -> None:
    target = tmp_path / f"kalender.{format}"
    assert ale(capsys, "calendar", "--repo", BASE, "--from", "2020-09-01", "--format", format, "-o", target).code == 0
    first = target.read_bytes()
    assert ale(capsys, "calendar", "--repo", BASE, *AUTUMN, "--format", format, "-o", target).code == 0
    assert target.read_bytes() != first
    if format == "ics":  # and as a calendar program saves it again: LF line ends, a byte order mark
        target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\r\n", b"\n"))
        assert ale(capsys, "calendar", "--repo", BASE, *AUTUMN, "--format", format, "-o", target).code == 0
    if format == "table":
        assert target.read_text(encoding="utf-8").startswith("Kalender för Testkommun, 2020-09-01 – 2020-12-31\n")


def test_output_to_a_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = ale(capsys, "calendar", "--repo", BASE, "-o", tmp_path)
    assert (result.code, result.out, result.err) == (1, "", f"ale: '{tmp_path}' är en mapp; ange en fil\n")


def test_output_is_never_written_among_the_data(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "calendar", "--repo", base_repo, "--format", "ics", "-o", base_repo / "kalender/x.ics")
    assert result.code == 2 and "ligger i datamappen kalender/" in result.err
    assert not (base_repo / "kalender/x.ics").exists()


# -- the domain, without the CLI -----------------------------------------------------------------------------------


def test_events_are_sorted_with_unique_uids_and_the_same_every_time() -> None:
    checked = run(BASE)
    first = händelser(checked, dt.date(2020, 9, 1))
    assert first == händelser(run(BASE), dt.date(2020, 9, 1))
    assert [h.datum for h in first] == sorted(h.datum for h in first)
    assert len({h.uid for h in first}) == len(first)
    assert all(re.fullmatch(r"1440-[a-z0-9-]+@ale", h.uid) for h in first)


# -- the realistic repository ---------------------------------------------------------------------------------------


@pytest.fixture
def example_repo() -> Path:
    if not (EXAMPLE_REPO / "ale.yaml").is_file():
        pytest.skip("example-repo/ is not there")
    if run(EXAMPLE_REPO.resolve()).has_errors:
        pytest.skip("example-repo/ has errors (ale validate); the calendar refuses it")
    return EXAMPLE_REPO


def test_example_repo_autumn(capsys: pytest.CaptureFixture[str], example_repo: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2020-10-15")
    result = ale(capsys, "calendar", "--repo", example_repo, *AUTUMN)
    assert result.code == 0, result.err
    assert "vecka 41" in result.out and "Delårsrapport per 2020-08-31" in result.out
    document = calendar_json(capsys, example_repo, *AUTUMN)
    events = document["händelser"]
    nämnder = {path.parent.name: path.read_text(encoding="utf-8")
               for path in (example_repo / "namnder").glob("*/namnd.yaml")}
    for nämnd, text in nämnder.items():
        ksau = [e for e in events if e["typ"] == "ksau" and e["nämnd"] == nämnd]
        assert len(ksau) == (1 if "typ: nämnd" in text else 0), nämnd  # not KS, not a bolag
    for event in events:
        if event["status"] == "genomförd" and event["slag"] == "dialog":
            assert event["anteckning"] and event["datum"] <= "2020-10-15", event
        if event["status"] == "försenad":
            assert event["datum"] < "2020-10-15" and event["anteckning"] is None, event
        if event["status"] == "kommande":
            assert event["datum"] >= "2020-10-15", event
    ics = ale(capsys, "calendar", "--repo", example_repo, *AUTUMN, "--format", "ics")
    assert rfc5545_problems(ics.out.encode("utf-8")) == []
    assert len(icalendar.Calendar.from_ical(ics.out.encode("utf-8")).walk("VEVENT")) == len(events)


def test_table_wraps_the_event_to_the_width_and_keeps_the_columns(capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # a standard terminal
    lines = ale(capsys, "calendar", "--repo", BASE, *AUTUMN).out.splitlines()
    table = lines[2:next(n for n, line in enumerate(lines) if re.match(r"\d+ händelser: ", line))]
    assert max(len(line) for line in lines[:-1]) <= 80  # all but the command to copy
    assert lines[-1] == "Visa dem med: ale calendar --from 2020-04-30 --to 2020-12-31"
    assert table[1] == "─" * len(table[1]) and len(table[1]) <= 80
    status = table[0].index("Status")
    for line in table:
        if line.startswith("20"):  # an event's first line: its status in the last column
            assert line[status:] in {"genomförd", "kommande", "försenad", "passerad"}, line
    kf = next(n for n, line in enumerate(table) if "Delårsrapport per 2020-08-31" in line)
    händelse = table[0].index("Händelse")
    assert table[kf + 1][:händelse].strip() == "" and table[kf + 1][händelse:].strip()  # the rest of the title


def test_a_meeting_with_its_end_lasts_until_it(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Without `sluttid` a meeting is a moment (RFC 5545: no DTEND), as the kalender says no more."""
    kalender = base_repo / "kalender/2020.yaml"
    text = kalender.read_text(encoding="utf-8")
    kalender.write_text(text.replace('tid: "09:00",', 'tid: "09:00", sluttid: "10:30",', 1), encoding="utf-8")
    [dialog] = [h for h in calendar_json(capsys, base_repo, *AUTUMN)["händelser"] if h["tid"] == "09:00"]
    assert (dialog["tid"], dialog["sluttid"]) == ("09:00", "10:30")
    ics = ale(capsys, "calendar", "--repo", base_repo, *AUTUMN, "--format", "ics").out
    event = next(e for e in icalendar.Calendar.from_ical(ics.encode("utf-8")).walk("VEVENT")
                 if str(e["UID"]) == dialog["uid"])
    assert event["DTEND"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=90)
    table = ale(capsys, "calendar", "--repo", base_repo, *AUTUMN).out
    assert "09:00–10:30" in table
    kalender.write_text(text.replace('tid: "09:00",', 'tid: "09:00", sluttid: "08:30",', 1), encoding="utf-8")
    refused = ale(capsys, "validate", "--repo", base_repo)
    assert refused.out.splitlines()[:2] == [
        "kalender/2020.yaml:2:48: ALE206 'sluttid' 08:30 ligger inte efter 'tid' 09:00",
        "    tips: ett möte slutar samma dag som det börjar, efter sin 'tid'"]


def test_a_team_meeting_on_last_years_bokslut_is_last_years_team(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path) -> None:
    """Planned in kalender/2021.yaml about 2020-12-31: its målsättning is the 2020 plan's, whatever 2021 calls it."""
    plan = (base_repo / "verksamhetsplan/2020.yaml").read_text(encoding="utf-8")
    (base_repo / "verksamhetsplan/2021.yaml").write_text(
        plan.replace("god-utbildning", "utbildning-for-alla").replace("kf-2020", "kf-2021"), encoding="utf-8")
    (base_repo / "kalender/2021.yaml").write_text(
        "möten:\n  - {datum: 2021-02-17, typ: team, period: 2020-12-31, målsättning: god-utbildning}\n",
        encoding="utf-8")
    assert ale(capsys, "validate", "--repo", base_repo).out == "Inga fel (23 filer kontrollerade).\n"
    [team] = calendar_json(capsys, base_repo, "--from", "2021-02-17", "--to", "2021-02-17")["händelser"]
    assert (team["titel"], team["berör"]) == ("Tvärsektoriellt team: God utbildning för alla", ["utbildning"])


def test_a_nämndsammanträde_planned_without_period_is_the_one_whose_beslut_has_its_date(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Not two events, one of them 'passerad', for the meeting that decided the period's follow-up."""
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8")
                        + '  - {datum: 2020-09-24, tid: "18:00", typ: nämndsammanträde, nämnd: utbildning}\n',
                        encoding="utf-8")
    events = [e for e in calendar_json(capsys, base_repo, *AUTUMN)["händelser"] if e["typ"] == "nämndsammanträde"]
    assert [(e["datum"], e["tid"], e["status"], e["anteckning"]) for e in events] == [
        ("2020-09-24", "18:00", "genomförd", "perioder/2020-08-31/namnder/utbildning.yaml")]


def _ksau_in_january(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A KSAU dialogue on the 2020 årsbokslut, held 2021-01-21 and filed under 2020-12-31; a 2021 plan; June 2021."""
    monkeypatch.setenv("ALE_TODAY", "2021-06-01")
    folder = repo / "perioder/2020-12-31/dialoger"
    folder.mkdir(parents=True)
    (folder / "ksau-utbildning.yaml").write_text(
        "typ: ksau\ndatum: 2021-01-21\nnämnd: utbildning\ndeltagare: [KSAU]\nanteckningar: Årsbokslutet.\n",
        encoding="utf-8")
    plan = (repo / "verksamhetsplan/2020.yaml").read_text(encoding="utf-8")
    (repo / "verksamhetsplan/2021.yaml").write_text(plan.replace("kf-2020", "kf-2021"), encoding="utf-8")


def test_a_ksau_dialogue_in_january_on_the_årsbokslut_is_last_years(capsys: pytest.CaptureFixture[str],
                                                                     base_repo: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Filed under 2020-12-31 and held 2021-01-21: it does not take the place (nor the UID) of 2021's autumn
    dialogue, which is still due."""
    _ksau_in_january(base_repo, monkeypatch)
    events = calendar_json(capsys, base_repo, "--from", "2020-10-01", "--to", "2021-12-31", "--typ", "ksau")
    assert [(e["uid"], e["datum"], e["status"]) for e in events["händelser"]] == [
        ("1440-ksau-2020-utbildning@ale", "2020-10-06", "genomförd"),
        ("1440-ksau-2020-utbildning-2@ale", "2021-01-21", "genomförd"),
        ("1440-ksau-2021-utbildning@ale", "2021-11-30", "kommande"),
    ]


def test_a_yearly_dialogue_planned_without_period_is_matched_within_its_own_year(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The autumn's KSAU dialogue is not held by January's note on the årsbokslut; January's planned meeting is."""
    _ksau_in_january(base_repo, monkeypatch)
    kalender = base_repo / "kalender/2021.yaml"
    kalender.write_text("möten:\n  - {datum: 2021-10-05, typ: ksau, nämnd: utbildning}\n", encoding="utf-8")
    window = ("--from", "2021-01-01", "--to", "2021-12-31", "--typ", "ksau")
    events = calendar_json(capsys, base_repo, *window)["händelser"]
    assert [(e["uid"], e["datum"], e["status"], e["period"]) for e in events] == [
        ("1440-ksau-2020-utbildning-2@ale", "2021-01-21", "genomförd", "2020-12-31"),
        ("1440-ksau-2021-utbildning@ale", "2021-10-05", "kommande", None)]
    januari = "  - {datum: 2021-01-21, typ: ksau, nämnd: utbildning}\n"
    kalender.write_text(kalender.read_text(encoding="utf-8") + januari, encoding="utf-8")
    events = calendar_json(capsys, base_repo, *window)["händelser"]
    assert [(e["uid"], e["datum"], e["status"], e["källa"]) for e in events] == [
        ("1440-ksau-2020-utbildning-2@ale", "2021-01-21", "genomförd", "kalender"),
        ("1440-ksau-2021-utbildning@ale", "2021-10-05", "kommande", "kalender")]


def test_a_team_meeting_about_a_year_without_a_plan_is_checked_by_the_kalenders(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8")
                        + "  - {datum: 2020-01-20, typ: team, period: 2019-12-31, målsättning: finns-inte}\n",
                        encoding="utf-8")
    result = ale(capsys, "validate", "--repo", base_repo)
    assert result.out.splitlines()[0].startswith("kalender/2020.yaml:6:69: ALE301 okänd målsättning 'finns-inte'")


@pytest.mark.parametrize(("last", "moved", "why"), [
    (dt.date(2022, 4, 15), dt.date(2022, 4, 19), "långfredagen"),  # and Annandag påsk after the weekend
    (dt.date(2021, 10, 31), dt.date(2021, 11, 1), "en söndag"),
    (dt.date(2020, 12, 31), dt.date(2021, 1, 4), "nyårsafton"),  # then Nyårsdagen and a weekend
    (dt.date(2019, 6, 21), dt.date(2019, 6, 24), "midsommarafton"),
])
def test_a_time_the_law_sets_ends_on_the_next_weekday(last: dt.date, moved: dt.date, why: str) -> None:
    said = (f"; {last.isoformat()} är {why}, så fristen går ut nästa vardag (lagen (1930:173) om beräkning av "
            "lagstadgad tid)")
    assert _nästa_vardag(last) == (moved, said)
    assert _nästa_vardag(dt.date(2021, 4, 15)) == (dt.date(2021, 4, 15), "")


def test_a_bolags_meeting_is_its_boards_not_a_nämnds(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """AB Alebyggen has a styrelse, not a nämnd: its meeting (planned, or from its beslut) is a styrelsemöte."""
    path = base_repo / "perioder/2020-08-31/namnder/alebyggen.yaml"
    path.write_text('beslut: {datum: 2020-09-17, paragraf: "§ 28"}\n' + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    write(base_repo, "kalender/2020.yaml", (base_repo / "kalender/2020.yaml").read_text(encoding="utf-8")
          + "  - {datum: 2020-11-19, typ: nämndsammanträde, nämnd: alebyggen}\n"
          + "  - {datum: 2020-11-19, typ: nämndsammanträde, nämnd: utbildning}\n")
    document = calendar_json(capsys, base_repo, *AUTUMN, "--typ", "nämndsammanträde")
    assert [(e["datum"], e["titel"]) for e in document["händelser"]] == [
        ("2020-09-17", "Styrelsemöte: AB Alebyggen"),
        ("2020-09-24", "Nämndsammanträde: Utbildningsnämnden"),
        ("2020-11-19", "Nämndsammanträde: Utbildningsnämnden"),
        ("2020-11-19", "Styrelsemöte: AB Alebyggen"),
    ]


def test_the_table_names_the_late_dialogues_before_its_window_and_how_to_see_them(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default window begins today, where nothing can be late yet: the late ones before it are counted."""
    (base_repo / "perioder/2020-08-31/enheter/ahaga-skola.yaml").unlink()
    monkeypatch.setenv("ALE_TODAY", "2020-09-08")
    lines = ale(capsys, "calendar", "--repo", base_repo).out.splitlines()
    assert lines[-2:] == [
        "Före 2020-09-08 finns 2 försenade händelser som inte visas här (den första 2020-04-30).",
        "Visa dem med: ale calendar --from 2020-04-30 --to 2020-11-07",
    ]
    scoped = ale(capsys, "calendar", "--repo", base_repo, "--nämnd", "utbildning", "--typ", "enhetsdialog").out
    assert scoped.splitlines()[-1] == ("Visa dem med: ale calendar --from 2020-09-07 --to 2020-11-07 "
                                       "--nämnd utbildning --typ enhetsdialog")
    assert "som inte visas här" not in ale(capsys, "calendar", "--repo", base_repo, "--from", "2020-04-30").out
    assert "som inte visas här" not in ale(capsys, "calendar", "--repo", base_repo, "--format", "json").out
