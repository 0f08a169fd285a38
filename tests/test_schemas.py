"""The JSON Schemas that editors validate a file with say what `ale validate` says about its values: a value ale
refuses is marked in the editor too, and a value ale takes is not marked."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from ale_cli import models as m
from ale_cli.load import parse
from ale_cli.parse import parse_model
from ale_cli.schemas import KINDS, all_schemas, file_name
from tests.cli_helpers import ale


def ale_says(kind: str, text: str) -> list[tuple[str, int, int, str]]:
    """What `ale validate` reports about the file of `kind` holding `text`: reading it, then its model."""
    document, problems = parse(f"{kind}.yaml", text)
    assert document is not None, problems
    _, diagnostics = parse_model(document, KINDS[kind][0])
    return [(d.code, d.line, d.column, d.message) for d in problems + diagnostics]


def schema_says(kind: str, text: str) -> list[str]:
    """What the editor marks in the same file: the messages of the JSON Schema's errors."""
    document, _ = parse(f"{kind}.yaml", text)
    assert document is not None
    schema = json.loads(all_schemas()[file_name(kind)])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return sorted(error.message for error in validator.iter_errors(document.data))


ALE = "kommun: Testkommun\nkommunkod: '1440'\n"
BUDGET = "nettokostnad: 412000\ninvesteringar:\n  - {id: ny-skola, namn: Ny skola, budget: %s}\n"


def test_bounds_are_json_schema_keywords_that_editors_know() -> None:
    def keys(node: Any) -> set[str]:
        if isinstance(node, dict):
            return set(node) | {key for value in node.values() for key in keys(value)}
        return {key for value in node for key in keys(value)} if isinstance(node, list) else set()

    used = {key for content in all_schemas().values() for key in keys(json.loads(content))}
    assert used.isdisjoint({"ge", "le", "gt", "lt"})
    assert {"minimum", "maximum"} <= used


def test_tolerans_outside_0_to_1_is_refused_by_both() -> None:
    assert ale_says("ale", ALE + "tolerans: 2\n") == [("ALE206", 3, 11, "'tolerans' ska vara högst 1, inte 2")]
    assert schema_says("ale", ALE + "tolerans: 2\n") == ["2 is greater than the maximum of 1"]
    assert ale_says("ale", ALE + "tolerans: -0.1\n") == [("ALE206", 3, 11, "'tolerans' ska vara minst 0, inte -0.1")]
    assert schema_says("ale", ALE + "tolerans: -0.1\n") == ["-0.1 is less than the minimum of 0"]
    assert ale_says("ale", ALE + "tolerans: 1\n") == schema_says("ale", ALE + "tolerans: 1\n") == []


def test_a_negative_investment_budget_is_refused_by_both() -> None:
    assert ale_says("budget", BUDGET % -1) == [("ALE206", 3, 44, "'budget' ska vara minst 0, inte -1")]
    assert schema_says("budget", BUDGET % -1) == ["-1 is less than the minimum of 0"]
    assert ale_says("budget", BUDGET % 0) == schema_says("budget", BUDGET % 0) == []


NÄMND = "ekonomi: {utfall: %s}\nmått:\n  meritvarde-ak9: %s\n"


def test_a_number_from_10_to_the_15_or_infinite_is_refused_by_both() -> None:
    assert ale_says("namnduppfoljning", NÄMND % ("1000000000000000", "-1e15")) == [
        ("ALE206", 3, 19, "'meritvarde-ak9' är orimligt stort: -1000000000000000.0"),
        ("ALE206", 1, 19, "'utfall' är orimligt stort: 1000000000000000")]
    assert schema_says("namnduppfoljning", NÄMND % ("1000000000000000", "-1e15")) == [
        "-1000000000000000.0 is not valid under any of the given schemas",
        "{'utfall': 1000000000000000} is not valid under any of the given schemas"]
    assert ale_says("budget", "nettokostnad: .inf\n") == [
        ("ALE206", 1, 15, "'nettokostnad' ska vara ett ändligt tal, inte oändligt")]
    assert schema_says("budget", "nettokostnad: .inf\n") == [
        "inf is greater than or equal to the maximum of 1000000000000000"]
    assert ale_says("budget", BUDGET % "1e15") == [
        ("ALE206", 3, 44, "'budget' är orimligt stort: 1000000000000000.0")]
    assert schema_says("budget", BUDGET % "1e15") == [
        "1000000000000000.0 is greater than or equal to the maximum of 1000000000000000"]
    largest = NÄMND % ("999999999999999", "-999999999999999.9")
    assert ale_says("namnduppfoljning", largest) == schema_says("namnduppfoljning", largest) == []


def test_a_key_that_is_not_an_id_and_its_value_are_refused_by_both() -> None:
    budget = "nettokostnad: 412000\nverksamheter: {grundskola: 412000, Skolskjuts: mycket}\n"
    assert ale_says("budget", budget) == [("ALE207", 2, 36, "'Skolskjuts' är inget giltigt id"),
                                          ("ALE201", 2, 48, "'Skolskjuts' ska vara ett tal, inte texten 'mycket'")]
    wrong = "{'grundskola': 412000, 'Skolskjuts': 'mycket'}"
    assert schema_says("budget", budget) == [f"{wrong} is not valid under any of the given schemas"]
    nämnd = "mått:\n  Meritvärde-åk9: 219\nframgångsfaktorer:\n  tidiga-insatser: Läsgarantin är införd.\n"
    assert ale_says("namnduppfoljning", nämnd) == [("ALE207", 2, 3, "'Meritvärde-åk9' är inget giltigt id")]
    assert schema_says("namnduppfoljning", nämnd) == ["'Meritvärde-åk9' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'"]



def test_digits_of_other_scripts_are_refused_by_both() -> None:
    arabic = ALE.replace("'1440'", "'\u0661\u0664\u0664\u0660'")
    assert ale_says("ale", arabic) == [("ALE206", 2, 12, "'kommunkod' har fel form: '\u0661\u0664\u0664\u0660'")]
    assert schema_says("ale", arabic) == ["'\u0661\u0664\u0664\u0660' does not match '^[0-9]{4}$'"]
    kolada = "N\uff11\uff15\uff15\uff10\uff14"  # N15504 in full-width digits
    mått = f"mått:\n  - {{id: m, namn: M, målsättning: g, enhet: st, riktning: högre, målvärde: 1, kolada: {kolada}}}\n"
    assert ale_says("matt", mått) == [("ALE206", 2, 87, f"'kolada' har fel form: '{kolada}'")]
    assert schema_says("matt", mått) == [f"'{kolada}' is not valid under any of the given schemas"]
    kalender = "möten:\n  - {datum: 2020-09-07, tid: '0\u0669:00', typ: kf}\n"
    assert ale_says("kalender", kalender) == [("ALE206", 2, 30, "'tid' har fel form: '0\u0669:00'")]
    assert schema_says("kalender", kalender) == ["'0\u0669:00' is not valid under any of the given schemas"]



def test_a_sluttid_without_a_tid_is_refused_by_both(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    möte = "möten:\n  - {datum: 2020-10-26, %s typ: kf}\n"
    kalender = base_repo / "kalender/2020.yaml"

    def validate(text: str) -> list[str]:
        kalender.write_text(text, encoding="utf-8")
        result = ale(capsys, "validate", "--repo", base_repo, "--format", "json")
        found = json.loads(result.out)["diagnostiker"]
        return [f"{d['rad']}:{d['kolumn']} {d['kod']} {d['meddelande']}" for d in found]

    assert validate(möte % "sluttid: '10:00',") == ["2:34 ALE206 'sluttid' utan 'tid'"]
    assert schema_says("kalender", möte % "sluttid: '10:00',") == ["'tid' is a required property"]
    assert validate(möte % "tid: null, sluttid: '10:00',") == ["2:45 ALE206 'sluttid' utan 'tid'"]
    assert schema_says("kalender", möte % "tid: null, sluttid: '10:00',") == ["None is not of type 'string'"]
    for fine in ("tid: '09:00', sluttid: '10:00',", "sluttid: null,", "tid: '09:00',", ""):
        assert validate(möte % fine) == schema_says("kalender", möte % fine) == []


def _date_says(kind: str, text: str) -> list[str]:
    """What the editor marks in a date that may also be left out (`datum: null`): the date's own errors."""
    document, _ = parse(f"{kind}.yaml", text)
    assert document is not None
    schema = json.loads(all_schemas()[file_name(kind)])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return sorted(sub.message for error in validator.iter_errors(document.data) for sub in error.context or [error]
                  if sub.validator != "type")


def test_a_date_that_is_not_in_the_calendar_is_refused_by_both() -> None:
    team = "datum: %s\nbedömning: uppfyllt\n"
    schema_says = _date_says  # a team report's datum may be left out until the report is given
    for date, why in [("2020-06-31", "dag 31 finns inte i månaden"), ("2021-02-29", "dag 29 finns inte i månaden"),
                      ("2020-13-01", "månad 13 finns inte")]:
        assert ale_says("team", team % date) == [("ALE205", 1, 8, f"'datum': '{date}' är inget datum: {why}")]
        # jsonschema checks the format too; an editor checks only its form, and marks these by the pattern alone
        assert schema_says("team", team % date) == [f"'{date}' does not match '{m.DATE_PATTERN}'",
                                                    f"'{date}' is not a 'date'"]
    assert ale_says("team", team % "0000-01-01") == [("ALE205", 1, 8, ("'datum': '0000-01-01' är inget datum: år 0 "
                                                                     "finns inte"))]
    wide = "２０２０-０８-３１"  # full-width digits: no date, whatever Python's \d takes
    assert ale_says("team", team % wide) == [("ALE205", 1, 8, f"'datum': '{wide}' är inget datum i formen ÅÅÅÅ-MM-DD")]
    assert schema_says("team", team % "0000-01-01") == [f"'0000-01-01' does not match '{m.DATE_PATTERN}'",
                                                        "'0000-01-01' is not a 'date'"]
    pattern = re.compile(m.DATE_PATTERN)  # the same in JavaScript, as an editor reads it: ASCII only
    every = [f"{year:04d}-{month:02d}-{day:02d}" for year in (*range(1, 2500), 9999)
             for month in range(0, 14) for day in range(0, 33)]
    assert [text for text in every if bool(pattern.match(text)) != _a_date(text)] == []


def _a_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def test_a_whole_bound_is_written_as_a_whole_number_whatever_pydantic_writes() -> None:
    """Older versions of pydantic write a float field's bounds as floats (`"maximum": 1.0`): the shipped schemas
    would then be stale to `ale schema --check` on a machine with such a version."""
    from typing import Annotated

    from pydantic import BaseModel, Field

    from ale_cli.schemas import _Generator

    class Bounded(BaseModel):
        share: Annotated[float, Field(ge=0.0, le=1.0)]
        amount: Annotated[float, Field(gt=-1e15, lt=1e15)]
        half: Annotated[float, Field(le=0.5)]

    properties = Bounded.model_json_schema(schema_generator=_Generator)["properties"]
    assert json.dumps([properties["share"], properties["amount"], properties["half"]]) == (
        '[{"maximum": 1, "minimum": 0, "title": "Share", "type": "number"}, '
        '{"exclusiveMaximum": 1000000000000000, "exclusiveMinimum": -1000000000000000, "title": "Amount", '
        '"type": "number"}, {"maximum": 0.5, "title": "Half", "type": "number"}]')


def test_every_key_has_a_hover_text_of_one_line() -> None:
    found = {}
    for content in all_schemas().values():
        schema = json.loads(content)
        for model in [schema, *schema["$defs"].values()] if "$defs" in schema else [schema]:
            for key, value in model["properties"].items():
                found[(model["title"], key)] = value.get("description")
    assert {place for place, text in found.items() if text is None} == set()
    assert [text for text in found.values() if text and ("\n" in text or len(text) > 120)] == []


def test_the_editor_says_what_a_key_means_and_names_a_thing_as_a_chef_does() -> None:
    assert hover("matt", "mått", "riktning") == "högre eller lägre: vilket håll som är bättre."
    assert hover("matt", "mått", "kolada") == "Kolada-id, en versal och fem siffror, t.ex. N15504."
    assert hover("budget", "nettokostnad") == "Nettokostnad för helåret i tkr (en kostnad är positiv)."
    assert hover("dialoganteckning", "behov") == "Vad ni behöver av nivån ovanför, t.ex. stöd, resurser eller beslut."
    assert hover("internkontrollplan", "kontroller", "sannolikhet") == "Sannolikhet 1–4."
    assert hover("namnduppfoljning", "ekonomi", "utfall") == "Ackumulerat utfall från årets början i tkr."
    assert hover("namnduppfoljning", "mått", "utfall") == (
        "Måttets utfall i måttets enhet; null med en kommentar när det saknas.")
    # the title is the name in the editor's messages: `Expected "number | Måttets utfall"`
    assert title("namnduppfoljning", "mått") == "Måttets utfall"
    assert title("namndplan", "målsättningar") == "Målsättning i nämndplanen"
    assert title("ale") == "Kommunens inställningar"
    titles = [model["title"] for content in all_schemas().values() for model in
              [json.loads(content), *json.loads(content).get("$defs", {}).values()]]
    assert [name for name in titles if re.search("[a-zåäö][A-ZÅÄÖ]", name)] == []  # no class name (AleConfig)


def hover(kind: str, *keys: str) -> str | None:
    """The text an editor shows over the last of `keys` in a file of `kind`: its property's description."""
    schema = json.loads(all_schemas()[file_name(kind)])
    node = schema
    for key in keys:
        node = _object(schema, node)["properties"][key]
    description: str | None = node.get("description")
    return description


def title(kind: str, *keys: str) -> str:
    """The title of the thing that the last of `keys` holds (an item of a list, a value of a mapping)."""
    schema = json.loads(all_schemas()[file_name(kind)])
    node = schema
    for key in keys:
        node = _object(schema, node)["properties"][key]
    name: str = _object(schema, node)["title"]
    return name


def _object(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The model below `node`: through a $ref, a list's items, a mapping's values, or the one alternative that is
    not a number or null."""
    while "properties" not in node:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
        elif "items" in node:
            node = node["items"]
        elif "additionalProperties" in node:
            node = node["additionalProperties"]
        else:
            [node] = [option for option in node["anyOf"] if option.get("type") not in ("number", "null")]
    return node


def test_whom_a_meeting_is_with_a_bolag_without_sektor_and_twelve_shares_are_marked_by_both(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """ALE309, ALE308 and ALE403 are ale's checks across a file; the editor is told the same by the schemas."""
    def codes() -> list[str]:
        result = ale(capsys, "validate", "--repo", base_repo, "--format", "json")
        return [d["kod"] for d in json.loads(result.out)["diagnostiker"]]

    kalender = (base_repo / "kalender/2020.yaml").read_text(encoding="utf-8")
    assert schema_says("kalender", kalender) == []
    (base_repo / "kalender/2020.yaml").write_text(kalender.replace(", nämnd: utbildning}", "}"), encoding="utf-8")
    assert codes() == ["ALE309"]
    assert schema_says("kalender", kalender.replace(", nämnd: utbildning}", "}")) == [
        "'nämnd' is a required property"]
    (base_repo / "kalender/2020.yaml").write_text(kalender, encoding="utf-8")

    ledningsdialog = "typ: ledningsdialog\ndatum: 2020-09-28\nsektor: utbildning\n"
    assert schema_says("dialog", ledningsdialog) == []
    assert schema_says("dialog", ledningsdialog.replace("sektor", "nämnd")) == ["'sektor' is a required property"]

    bolag = "namn: AB Alebyggen\ntyp: bolag\n"
    assert schema_says("namnd", bolag) == schema_says("namnd", bolag + "sektor: null\n") == []
    (base_repo / "namnder/alebyggen/namnd.yaml").write_text(bolag + "sektor: utbildning\n", encoding="utf-8")
    assert "ALE308" in codes()
    assert schema_says("namnd", bolag + "sektor: utbildning\n") == ["'utbildning' is not of type 'null'"]

    elva = "nettokostnad: 412000\nperiodisering: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10]\n"
    assert schema_says("budget", elva) == ["[9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10] is too short"]
    assert schema_says("budget", elva.replace("10]", "9, 1]")) == []


def test_a_meetings_period_that_is_no_months_last_day_is_marked_by_both(capsys: pytest.CaptureFixture[str],
                                                                       base_repo: Path) -> None:
    """ALE304 in ale; a pattern of the months' last days (29 February in a leap year only) for the editor."""
    kalender = (base_repo / "kalender/2020.yaml").read_text(encoding="utf-8")
    wrong = kalender.replace("typ: ksau, period: 2020-08-31", "typ: ksau, period: 2020-08-30")
    assert schema_says("kalender", kalender) == []
    (base_repo / "kalender/2020.yaml").write_text(wrong, encoding="utf-8")
    result = ale(capsys, "validate", "--repo", base_repo, "--format", "json")
    assert [d["kod"] for d in json.loads(result.out)["diagnostiker"]] == ["ALE304"]
    assert schema_says("kalender", wrong) == ["'2020-08-30' is not valid under any of the given schemas"]  # or null
    pattern = re.compile(m.PERIOD_PATTERN)
    every = [f"{year:04d}-{month:02d}-{day:02d}" for year in (*range(1, 2500), 9999)
             for month in range(0, 14) for day in range(0, 33)]
    assert [text for text in every if bool(pattern.match(text)) != _a_months_last_day(text)] == []


def _a_months_last_day(text: str) -> bool:
    if not _a_date(text):
        return False
    day = dt.date.fromisoformat(text)
    return day.day == calendar.monthrange(day.year, day.month)[1]


def test_an_error_turned_off_in_ale_yaml_is_refused_by_both(capsys: pytest.CaptureFixture[str],
                                                            base_repo: Path) -> None:
    config = base_repo / "ale.yaml"
    start = config.read_text(encoding="utf-8")

    def validate(setting: str) -> list[str]:
        config.write_text(f"{start}diagnostik: {{{setting}}}\n", encoding="utf-8")
        result = ale(capsys, "validate", "--repo", base_repo, "--format", "json")
        found = json.loads(result.out)["diagnostiker"]
        return [f"{d['rad']}:{d['kolumn']} {d['kod']} {d['meddelande']}" for d in found]

    for setting in ("ALE203: av", "ALE203: varning"):
        shown = setting.split(": ")[1]
        assert validate(setting) == [f"4:22 ALE204 ALE203 är ett fel och kan inte ställas om till '{shown}'"]
        assert schema_says("ale", f"{ALE}diagnostik: {{{setting}}}\n") == ["'fel' was expected"]
    for fine in ("ALE203: fel", "ALE411: av", "ALE411: varning", "ALE411: fel"):
        assert validate(fine) == schema_says("ale", f"{ALE}diagnostik: {{{fine}}}\n") == []


def test_a_number_with_underscores_is_text_to_both() -> None:
    """YAML 1.1 and ruamel.yaml read 412_000 as a number; YAML 1.2 and the editor as text."""
    budget = "nettokostnad: 412_000\n"
    assert ale_says("budget", budget) == [("ALE201", 1, 15, "'nettokostnad' ska vara ett tal, inte texten '412_000'")]
    assert schema_says("budget", budget) == ["'412_000' is not of type 'number'"]
    assert ale_says("budget", "nettokostnad: 0x1F\n") == schema_says("budget", "nettokostnad: 0x1F\n") == []
