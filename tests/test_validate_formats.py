"""`ale validate` for CI: sarif, gitlab, junit, auto and the GitHub step summary; --select/--ignore; ale.yaml's
`diagnostik:` setting."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from ale_cli.diagnostics import Diagnostic
from ale_cli.reporters import REPORTERS
from tests.cli_helpers import ale

SARIF_SCHEMA = Path(__file__).parent / "data/sarif-schema-2.1.0.json"
ENHET = "perioder/2020-08-31/enheter/ahaga-skola.yaml"


def _break(repo: Path) -> None:
    """One error (ALE203 in an enhet file) and one warning (ALE411, a meeting on a holiday)."""
    path = repo / ENHET
    path.write_text(path.read_text(encoding="utf-8").replace("bedömningar:", "bedomningar:"), encoding="utf-8")
    kalender = repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-26", "2020-10-31"), encoding="utf-8")


def _config(repo: Path, extra: str) -> None:
    path = repo / "ale.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_sarif_validates_against_the_sarif_2_1_0_schema(capsys: pytest.CaptureFixture[str],
                                                        base_repo: Path) -> None:
    _break(base_repo)
    result = ale(capsys, "validate", "--format", "sarif", cwd=base_repo)
    assert result.code == 1
    document = json.loads(result.out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["ALE203", "ALE411"]
    warning, error = run["results"]
    assert (warning["ruleId"], warning["level"], warning["ruleIndex"]) == ("ALE411", "warning", 1)
    assert error["level"] == "error"
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "perioder/2020-08-31/enheter/ahaga-skola.yaml"},
        "region": {"startLine": 2, "startColumn": 1}}
    assert error["message"]["text"].startswith("okänt fält 'bedomningar' — menade du 'bedömningar'?\nTips: ")
    clean = json.loads(ale(capsys, "validate", "--format", "sarif", "kalender", cwd=base_repo).out)
    jsonschema.Draft4Validator(schema).validate(clean)


def test_sarif_of_a_clean_repository_is_valid(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "validate", "--format", "sarif", cwd=base_repo)
    assert result.code == 0
    document = json.loads(result.out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(document)
    assert document["runs"][0]["results"] == []


def test_gitlab_code_quality(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    issues = json.loads(ale(capsys, "validate", "--format", "gitlab", cwd=base_repo).out)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("ALE411", "minor", {"path": "kalender/2020.yaml", "lines": {"begin": 5}}),
        ("ALE203", "major", {"path": ENHET, "lines": {"begin": 2}}),
    ]
    assert issues[1]["description"].startswith("ALE203 okänt fält 'bedomningar' — menade du 'bedömningar'? — tips: ")
    assert len({i["fingerprint"] for i in issues}) == 2
    # the fingerprint is stable: another run, and the same problem moved to another line, keep it
    again = json.loads(ale(capsys, "validate", "--format", "gitlab", cwd=base_repo).out)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]
    path = base_repo / ENHET
    path.write_text("# en kommentar först\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(ale(capsys, "validate", "--format", "gitlab", cwd=base_repo).out)
    assert moved[1]["location"]["lines"]["begin"] == 3
    assert moved[1]["fingerprint"] == issues[1]["fingerprint"]


def test_junit(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    result = ale(capsys, "validate", "--format", "junit", cwd=base_repo)
    assert result.code == 1
    root = ET.fromstring(result.out)
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    # a testcase for each diagnostic, then one for each of the other 19 files
    assert len(cases) == 21 == int(suites[0].get("tests", ""))
    assert [(c.get("classname"), c.get("name")) for c in cases[:3]] == [
        ("kalender/2020.yaml", "ALE411 5:13"), (ENHET, "ALE203 2:1"), ("ale.yaml", "inga fel")]
    # the warning does not fail the run, nor its testcase: it is the testcase's output
    assert suites[0].get("failures") == root.get("failures") == "1"
    assert [len(c.findall("failure")) for c in cases[:3]] == [0, 1, 0]
    out = cases[0].find("system-out")
    assert out is not None and out.text is not None and out.text.startswith(
        "kalender/2020.yaml:5:13: ALE411 varning: mötet 2020-10-31 ligger på alla helgons dag")
    failure = cases[1].find("failure")
    assert failure is not None and failure.text is not None
    assert failure.text.startswith(f"{ENHET}:2:1: ALE203 okänt fält")
    assert failure.get("type") == "ALE203"
    strict = ET.fromstring(ale(capsys, "validate", "--format", "junit", "--strict", cwd=base_repo).out)
    assert strict.get("failures") == "2"


def test_junit_keeps_xml_well_formed(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    path = base_repo / ENHET
    path.write_text(path.read_text(encoding="utf-8").replace("bedömningar:", '"bed<&]]>\\u0001":'),
                    encoding="utf-8")
    root = ET.fromstring(ale(capsys, "validate", "--format", "junit", cwd=base_repo).out)
    messages = [f.get("message", "") for f in root.iter("failure")]
    assert any("bed<&]]>\\x01" in message for message in messages), messages  # a control character as its escape


def test_auto_is_text_outside_github_actions(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    text = ale(capsys, "validate", cwd=base_repo).out
    assert ale(capsys, "validate", "--format", "auto", cwd=base_repo).out == text


def test_auto_under_github_actions_annotates_and_writes_a_summary(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(base_repo)
    summary = tmp_path / "summary.md"
    summary.write_text("tidigare steg\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = ale(capsys, "validate", "--format", "auto", cwd=base_repo)
    assert result.code == 1
    assert result.out.startswith("::warning file=kalender/2020.yaml,line=5,col=13,title=ALE411::")
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["tidigare steg", "## ale validate", "",
                         "❌ 1 fel och 1 varning i 2 filer (21 filer kontrollerade)."]
    assert lines[4:7] == ["", "| plats | kod | allvar | meddelande |", "| --- | --- | --- | --- |"]
    assert lines[7].startswith("| kalender/2020.yaml:5:13 | ALE411 | varning | mötet 2020-10-31 ligger på alla "
                               "helgons dag<br>tips: kontrollera datumet; närmaste vardagar är fredag 2020-10-30 och "
                               "måndag 2020-11-02 |")
    # other formats write no summary
    before = summary.read_text(encoding="utf-8")
    ale(capsys, "validate", "--format", "sarif", cwd=base_repo)
    assert summary.read_text(encoding="utf-8") == before


def test_a_step_summary_that_cannot_be_written_leaves_the_exit_code_to_the_check(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(base_repo)
    missing = tmp_path / "finns-inte" / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(missing))
    result = ale(capsys, "validate", "--format", "auto", cwd=base_repo)
    assert result.code == 1
    assert result.out.startswith("::warning file=kalender/2020.yaml,line=5,col=13,title=ALE411::")
    assert result.err == (f"ale: varning: sammanfattningen kunde inte skrivas till GITHUB_STEP_SUMMARY ({missing}: "
                          "mappen finns inte); kontrollen påverkas inte.\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder
    clean = ale(capsys, "validate", "--format", "auto", "verksamhetsplan", cwd=base_repo)
    assert clean.code == 0
    assert clean.err == (f"ale: varning: sammanfattningen kunde inte skrivas till GITHUB_STEP_SUMMARY ({tmp_path}: "
                         "det är en mapp); kontrollen påverkas inte.\n")


def test_select_and_ignore(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    selected = ale(capsys, "validate", "--select", "ALE411", cwd=base_repo)
    assert selected.code == 0
    assert selected.out.splitlines()[0].startswith("kalender/2020.yaml:5:13: ALE411")
    assert selected.out.splitlines()[-1] == "0 fel och 1 varning i 1 fil (21 filer kontrollerade)."
    prefix = ale(capsys, "validate", "--select", "ale2,ALE3", cwd=base_repo)
    assert prefix.code == 1 and "ALE411" not in prefix.out
    ignored = ale(capsys, "validate", "--ignore", "ALE203", "--ignore", "ALE411", cwd=base_repo)
    assert (ignored.code, ignored.out) == (0, "Inga fel (21 filer kontrollerade).\n")
    bad = ale(capsys, "validate", "--select", "E501", cwd=base_repo)
    assert bad.code == 2
    assert bad.err == ("ale: --select: 'E501' är ingen diagnostikkod; "
                       "koderna skrivs som ALE203 (eller ALE2 för alla ALE2xx)\n")


def test_config_makes_a_warning_an_error_or_turns_it_off(capsys: pytest.CaptureFixture[str],
                                                         base_repo: Path) -> None:
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-26", "2020-10-31"), encoding="utf-8")
    assert ale(capsys, "validate", cwd=base_repo).code == 0
    _config(base_repo, "diagnostik:\n  ALE411: fel\n")
    error = ale(capsys, "validate", cwd=base_repo)
    assert error.code == 1
    assert error.out.splitlines()[0] == "kalender/2020.yaml:5:13: ALE411 mötet 2020-10-31 ligger på alla helgons dag"
    config = base_repo / "ale.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("ALE411: fel", "ALE411: av"), encoding="utf-8")
    off = ale(capsys, "validate", cwd=base_repo)
    assert (off.code, off.out) == (0, "Inga fel (21 filer kontrollerade).\n")


def test_config_cannot_lower_an_error(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    _config(base_repo, "diagnostik: {ALE203: av, ALE411: varning}\n")
    result = ale(capsys, "validate", cwd=base_repo)
    assert result.code == 1
    lines = result.out.splitlines()
    # said where the setting stands, as the editor marks it, and where the error stands
    assert lines[:2] == [
        "ale.yaml:4:22: ALE204 ALE203 är ett fel och kan inte ställas om till 'av'",
        ("    tips: ett fel rättas i filen där det står; varningarna som kan ställas om här: ALE008, ALE013, ALE014, "
         "ALE311, ALE401, ALE404, ALE406, ALE408, ALE409, ALE411, ALE412, ALE414, ALE415, ALE416, ALE417")]
    assert lines[4].startswith(f"{ENHET}:2:1: ALE203 okänt fält")
    assert lines[5].endswith("; ale.yaml säger 'ALE203: av', men ALE203 är ett fel och kan inte sänkas")
    # an error made an error changes nothing, and is no mistake
    (base_repo / "ale.yaml").write_text((base_repo / "ale.yaml").read_text(encoding="utf-8").replace(
        "ALE203: av", "ALE203: fel"), encoding="utf-8")
    assert not ale(capsys, "validate", cwd=base_repo).out.startswith("ale.yaml")


def test_config_setting_is_checked(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _config(base_repo, "diagnostik:\n  ALE411: tyst\n  E501: av\n")
    result = ale(capsys, "validate", cwd=base_repo)
    assert result.code == 1
    flagged = [line.split(" ")[:2] for line in result.out.splitlines() if line.startswith("ale.yaml")]
    assert flagged == [["ale.yaml:5:11:", "ALE204"]]  # not a setting: ale.yaml is not read until it is one
    config = base_repo / "ale.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("ALE411: tyst", "ALE411: av"), encoding="utf-8")
    result = ale(capsys, "validate", cwd=base_repo)
    flagged = [line.split(" ")[:2] for line in result.out.splitlines() if line.startswith("ale.yaml")]
    assert flagged == [["ale.yaml:6:3:", "ALE301"]]  # not a code


def test_config_names_codes_there_are(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """A code there is not would change nothing, and a mistyped one leaves the warning meant as it was."""
    _config(base_repo, "diagnostik:\n  ALE441: av\n  ALE999: fel\n  ale404: av\n  ALE4: av\n")
    result = ale(capsys, "validate", cwd=base_repo)
    warnings = ("ALE008, ALE013, ALE014, ALE311, ALE401, ALE404, ALE406, ALE408, ALE409, ALE411, ALE412, ALE414, "
                "ALE415, ALE416, ALE417")
    assert (result.code, result.out.splitlines()[:-1]) == (1, [
        "ale.yaml:5:3: ALE301 okänd diagnostikkod 'ALE441' — menade du 'ALE401', 'ALE411' eller 'ALE414'?",
        f"    tips: varningarna som kan ställas om här: {warnings}",
        "ale.yaml:6:3: ALE301 okänd diagnostikkod 'ALE999'",
        f"    tips: varningarna som kan ställas om här: {warnings}",
        "ale.yaml:7:3: ALE301 okänd diagnostikkod 'ale404' — menade du 'ALE404'?",
        "    tips: koderna skrivs med versaler: ALE404",
        "ale.yaml:8:3: ALE301 okänd diagnostikkod 'ALE4'",
        "    tips: här ställs en hel kod om, som ALE411; 'ALE4' för alla ALE4… går bara med --select och --ignore",
    ])


def test_an_unknown_code_leaves_the_rest_of_ale_yaml_in_force(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path) -> None:
    """One mistyped code must not discard ale.yaml: the warning turned off stays off, and its other settings are
    still checked."""
    (base_repo / "kalender/2020.yaml").write_text((base_repo / "kalender/2020.yaml").read_text(encoding="utf-8")
                                                  + "  - {datum: 2020-10-24, typ: kf}\n", encoding="utf-8")
    _config(base_repo, "diagnostik: {ALE411: av, ALE999: av}\nservicenämnd: finns-ej\n")
    result = ale(capsys, "validate", cwd=base_repo)
    assert [line.split(" ", 2)[1] for line in result.out.splitlines()[:-1] if not line.startswith(" ")] == [
        "ALE301", "ALE301"]  # the code, and the servicenämnd; no ALE411 for KF on a Saturday
    assert "okänd nämnd 'finns-ej'" in result.out and "okänd diagnostikkod 'ALE999'" in result.out


def test_control_characters_in_a_diagnostic_are_shown_as_escapes(tmp_path: Path) -> None:
    """A value or a file name with ESC must not clear a terminal or hide a CI log's lines."""
    d = Diagnostic("enheter/a\x1b[2J.yaml", 3, 18, "ALE207", "'god\x1b[8m\rx' är inget giltigt id", hint="\x9b")
    assert (d.message, d.hint) == ("'god\\e[8m\\rx' är inget giltigt id", "\\x9b")
    assert REPORTERS["text"]([d], 1, tmp_path).splitlines()[:2] == [
        "enheter/a\\e[2J.yaml:3:18: ALE207 'god\\e[8m\\rx' är inget giltigt id", "    tips: \\x9b"]
    github = REPORTERS["github"]([d], 1, tmp_path).splitlines()[0]
    assert "\x1b" not in github and github.endswith("::'god\\e[8m\\rx' är inget giltigt id%0A\\x9b")


def test_paths_are_the_checkouts_wherever_ale_runs(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Annotations, code scanning and Code Quality resolve a path against the checkout, not against a step's
    `working-directory`."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    data = checkout / "data"
    base_repo.rename(data)
    _break(data)
    for cwd, repo in ((data, ()), (data / "perioder", ()), (checkout, ("--repo", "data"))):
        github = ale(capsys, "validate", *repo, "--format", "github", cwd=cwd).out
        assert github.startswith("::warning file=data/kalender/2020.yaml,line=5,col=13,title=ALE411::"), cwd
        sarif = json.loads(ale(capsys, "validate", *repo, "--format", "sarif", cwd=cwd).out)
        uri = sarif["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == f"data/{ENHET}"
        gitlab = json.loads(ale(capsys, "validate", *repo, "--format", "gitlab", cwd=cwd).out)
        assert gitlab[0]["location"]["path"] == "data/kalender/2020.yaml"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(data))  # the CI's own word goes first
    assert ale(capsys, "validate", "--format", "github", cwd=data / "perioder").out.startswith(
        "::warning file=kalender/2020.yaml,")


def test_user_text_cannot_start_a_line_of_its_own(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """GitHub Actions runs a line of the log that begins with '::' as a workflow command."""
    path = base_repo / ENHET
    path.write_text(path.read_text(encoding="utf-8").replace("bedömningar:", '"x\\n::stop-commands::z":'),
                    encoding="utf-8")
    for format in ("github", "text"):
        out = ale(capsys, "validate", "--format", format, cwd=base_repo).out
        assert [line for line in out.splitlines() if not line.startswith((ENHET, "    tips:", "::error "))] == [
            "1 fel och 0 varningar i 1 fil (21 filer kontrollerade)."], out
    assert "okänt fält 'x\\n::stop-commands::z'" in out


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(capsys: pytest.CaptureFixture[str],
                                                             base_repo: Path) -> None:
    (base_repo / os.fsdecode(b"kalender/\xe4.yaml")).write_text("möten: []\n", encoding="utf-8")
    for format in REPORTERS:
        result = ale(capsys, "validate", "--format", format, cwd=base_repo)
        assert result.code == 1 and "internt fel" not in result.err, format
        assert "\\xe4.yaml" in result.out, format


def test_fingerprints_survive_lines_moving_within_the_message(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path) -> None:
    """ALE003 names the line of the first key ('finns redan på rad 1'): a line added above keeps the alert."""
    path = base_repo / "namnder/utbildning/namnd.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "namn: Igen\n", encoding="utf-8")
    before = json.loads(ale(capsys, "validate", "--format", "gitlab", cwd=base_repo).out)
    path.write_text("# en kommentar\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(ale(capsys, "validate", "--format", "gitlab", cwd=base_repo).out)
    assert [i["description"].split(" — ")[0] for i in (*before, *after)] == [
        "ALE003 nyckeln 'namn' finns redan på rad 1", "ALE003 nyckeln 'namn' finns redan på rad 2"]
    assert before[0]["fingerprint"] == after[0]["fingerprint"]


def test_sarif_rules_say_what_they_find_and_how_to_put_it_right(capsys: pytest.CaptureFixture[str],
                                                               base_repo: Path) -> None:
    _break(base_repo)
    rules = json.loads(ale(capsys, "validate", "--format", "sarif", cwd=base_repo).out)["runs"][0]["tool"]["driver"]
    first = rules["rules"][0]
    assert first["shortDescription"] == {"text": "okänt fält, med det närmaste tillåtna föreslaget"}
    assert first["help"] == {"text": "Så rättar du: stava fältet som i formatet (med å, ä, ö)",
                             "markdown": "Så rättar du: stava fältet som i formatet (med å, ä, ö)"}
    assert [rule["defaultConfiguration"]["level"] for rule in rules["rules"]] == ["error", "warning"]


def test_the_step_summary_fails_with_the_run_under_strict(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kalender = base_repo / "kalender/2020.yaml"  # a warning only (ALE411)
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-26", "2020-10-31"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert ale(capsys, "validate", "--format", "github", cwd=base_repo).code == 0
    assert ale(capsys, "validate", "--format", "github", "--strict", cwd=base_repo).code == 1
    marks = [line[:1] for line in summary.read_text(encoding="utf-8").splitlines() if line[:1] in "✅❌" and line]
    assert marks == ["✅", "❌"]
