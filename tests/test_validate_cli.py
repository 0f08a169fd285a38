"""`ale validate` from the command line: formats, PATH filter, exit codes, and the docs of every code."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from ale_cli.cli import main
from ale_cli.schemas import all_schemas
from tests.cli_helpers import ale

ROOT = Path(__file__).parent.parent


def _break(repo: Path) -> None:
    path = repo / "perioder/2020-08-31/enheter/ahaga-skola.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bedömningar:", "bedomningar:"), encoding="utf-8")
    kalender = repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-26", "2020-10-31"),
                        encoding="utf-8")


def test_clean_repository_exits_0(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "validate", "--repo", base_repo)
    assert (result.code, result.out) == (0, "Inga fel (21 filer kontrollerade).\n")


def test_text_format(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    result = ale(capsys, "validate", "--repo", base_repo)
    assert result.code == 1
    assert result.out.splitlines() == [
        "kalender/2020.yaml:5:13: ALE411 varning: mötet 2020-10-31 ligger på alla helgons dag",
        "    tips: kontrollera datumet; närmaste vardagar är fredag 2020-10-30 och måndag 2020-11-02",
        ("perioder/2020-08-31/enheter/ahaga-skola.yaml:2:1: ALE203 okänt fält 'bedomningar' — menade du "
        "'bedömningar'?"),
        ("    tips: tillåtna fält här: dialog, bedömningar, sammanfattning, lärdomar, prioriteringar, behov, risker, "
        "åtgärder"),
        "1 fel och 1 varning i 2 filer (21 filer kontrollerade).",
    ]


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    kalender = base_repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8").replace("2020-10-26", "2020-10-31"),
                        encoding="utf-8")
    assert ale(capsys, "validate", "--repo", base_repo).code == 0
    assert ale(capsys, "validate", "--repo", base_repo, "--strict").code == 1


def test_json_format(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    document = json.loads(ale(capsys, "validate", "--repo", base_repo, "--format", "json").out)
    assert document["sammanfattning"] == {"fel": 1, "varningar": 1, "filer": 21}
    assert document["diagnostiker"][1] == {
        "fil": "perioder/2020-08-31/enheter/ahaga-skola.yaml", "rad": 2, "kolumn": 1, "kod": "ALE203",
        "allvarlighet": "fel", "meddelande": "okänt fält 'bedomningar' — menade du 'bedömningar'?",
        "tips": "tillåtna fält här: dialog, bedömningar, sammanfattning, lärdomar, prioriteringar, behov, risker, "
                "åtgärder",
    }


def test_github_format_escapes_and_repeats_the_text(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    result = ale(capsys, "validate", "--format", "github", cwd=base_repo)
    lines = result.out.splitlines()
    assert lines[0] == ("::warning file=kalender/2020.yaml,line=5,col=13,title=ALE411::mötet 2020-10-31 ligger "
                        "på alla helgons dag%0Akontrollera datumet; närmaste vardagar är fredag 2020-10-30 och måndag "
                        "2020-11-02")
    assert lines[1].startswith("::error file=perioder/2020-08-31/enheter/ahaga-skola.yaml,line=2,col=1,"
                               "title=ALE203::okänt fält")
    assert lines[-1] == "1 fel och 1 varning i 2 filer (21 filer kontrollerade)."


def test_paths_limit_the_report(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _break(base_repo)
    result = ale(capsys, "validate", "kalender", cwd=base_repo)
    assert result.code == 0
    assert result.out.splitlines()[-1] == "0 fel och 1 varning i 1 fil (1 fil kontrollerad)."
    # a broken reference elsewhere is still found when the referring file is selected
    (base_repo / "sektorer/utbildning.yaml").unlink()
    result = ale(capsys, "validate", "namnder/utbildning/namnd.yaml", cwd=base_repo)
    assert result.out.splitlines()[0] == "namnder/utbildning/namnd.yaml:3:9: ALE301 okänd sektor 'utbildning'"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path) -> None:
    nowhere = ale(capsys, "validate", cwd=tmp_path)
    assert nowhere.code == 2
    assert nowhere.err.startswith("ale: hittar inget datarepositorium: ingen ale.yaml i ")
    assert ale(capsys, "validate", "--repo", base_repo, "--format", "xml").code == 2
    assert ale(capsys, "validate", "--repo", base_repo, "finns-inte.yaml").code == 2


def test_every_code_is_documented() -> None:
    used = set(re.findall(r'"(ALE\d{3})"', "".join(p.read_text(encoding="utf-8")
                                                  for p in (ROOT / "ale_cli").rglob("*.py"))))
    documented = set(re.findall(r"^\| (ALE\d{3}) \|", (ROOT / "docs/diagnostics.md").read_text(encoding="utf-8"),
                                re.MULTILINE))
    assert used == documented


def test_each_code_is_described_as_the_docs_describe_it() -> None:
    """codes.py (for SARIF's rules) and the table of docs/diagnostics.md say the same, code for code."""
    from ale_cli.codes import CODES

    table = re.findall(r"^\| (ALE\d{3}) \| (fel|varning) \| (.*?) \| `.*?` \| (.*) \|$",
                       (ROOT / "docs/diagnostics.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert [(code, c.allvar, c.vad, c.rättning) for code, c in CODES.items()] == table


def test_schemas_are_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in all_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == content, f"run 'ale schema' ({name})"
    assert ale(capsys, "schema", "--check", "--dir", ROOT / "schemas").code == 0


def test_schema_check_fails_when_stale(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    count = len(all_schemas())
    missing = ale(capsys, "schema", "--check", "--dir", tmp_path)
    assert (missing.code, missing.err.splitlines()[0]) == (1, f"{tmp_path / 'ale.schema.json'}: schemat saknas")
    written = ale(capsys, "schema", "--dir", tmp_path)
    assert (written.code, written.out) == (0, f"{count} scheman skrivna i {tmp_path}.\n")
    fresh = ale(capsys, "schema", "--check", "--dir", tmp_path)
    assert (fresh.code, fresh.out) == (0, f"Schemana i {tmp_path} är aktuella.\n")
    (tmp_path / "ale.schema.json").write_text("{}", encoding="utf-8")
    stale = ale(capsys, "schema", "--check", "--dir", tmp_path)
    assert (stale.code, stale.err) == (1, (f"{tmp_path / 'ale.schema.json'}: inaktuellt schema\n"
                                           "Kör 'ale schema' för att skriva om det.\n"))
    one = ale(capsys, "schema", "--dir", tmp_path)
    assert (one.code, one.out) == (0, f"1 schema skrivet i {tmp_path}.\n")
    (tmp_path / "ale.schema.json").write_bytes(b"\xff{}")  # saved in another encoding: a schema to write again
    unreadable = ale(capsys, "schema", "--check", "--dir", tmp_path)
    assert (unreadable.code, unreadable.err.splitlines()[0]) == (
        1, f"{tmp_path / 'ale.schema.json'}: schemat kan inte läsas")
    crlf = tmp_path / "budget.schema.json"  # as Git checks it out with core.autocrlf on Windows: the same schema
    crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))
    assert ale(capsys, "schema", "--dir", tmp_path).out == f"1 schema skrivet i {tmp_path}.\n"


def test_every_reporter_is_a_format_choice() -> None:
    from ale_cli.cli import ValidateFormat
    from ale_cli.reporters import REPORTERS

    assert {f.value for f in ValidateFormat} == set(REPORTERS)


def test_example_repo_editor_settings_map_every_schema() -> None:
    from ale_cli.schemas import vscode_settings

    settings = (ROOT / "example-repo/.vscode/settings.json").read_text(encoding="utf-8")
    assert settings == vscode_settings("../schemas")


def test_version_is_the_packages(capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib

    from ale_cli import __version__

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = ale(capsys, "--version")
    assert (result.code, result.out) == (0, f"ale {declared}\n")
    assert __version__ == declared


@pytest.mark.parametrize(("args", "message"), [
    (["validate", "--format", "xml"],
     ("ale: ogiltigt värde för --format: 'xml'; välj bland: text, json, github, sarif, gitlab, junit, auto\n"
      "Se 'ale validate --help'.\n")),
    (["validat"], "ale: okänt kommando 'validat' — menade du 'validate'?\nSe 'ale --help'.\n"),
    (["validate", "--strikt"], "ale: okänt alternativ '--strikt' — menade du '--strict'?\nSe 'ale validate --help'.\n"),
    (["validate", "--strict=ja"], "ale: alternativet --strict tar inget värde\nSe 'ale validate --help'.\n"),
    (["validate", "--repo"], "ale: alternativet --repo behöver ett värde\nSe 'ale validate --help'.\n"),
    (["report"], "ale: alternativet --period saknas\nSe 'ale report --help'.\n"),
    (["status", "--period", "2020-08-31", "extra"], "ale: oväntade argument: extra\nSe 'ale status --help'.\n"),
    (["init", "ny", "--kommun", "Ale", "--kommunkod", "1440", "--år", "tjugo"],
     "ale: ogiltigt värde för --år/--ar: ange ett heltal\nSe 'ale init --help'.\n"),
])
def test_a_wrong_command_line_is_told_in_swedish(capsys: pytest.CaptureFixture[str], args: list[str],
                                                 message: str) -> None:
    result = ale(capsys, *args)
    assert (result.code, result.out, result.err) == (2, "", message)


def test_every_command_is_known_to_the_usage_messages() -> None:
    import typer.main

    from ale_cli.cli import _COMMANDS, app

    assert set(_COMMANDS) == set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]", "COMMAND",
           "[OPTIONS]")
TYPE_LABEL = re.compile(r"<(bool|str|int|dir|file|path|list\[\w+\])>")  # Typer's type, in English, beside a name


@pytest.mark.parametrize("command", [(), ("validate",), ("report",), ("calendar",), ("status",), ("schema",),
                                     ("init",), ("new",), ("new", "dialog"), ("new", "period")])
def test_help_is_in_swedish(capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    result = ale(capsys, *command, "--help")
    assert result.code == 0 and result.err == ""
    assert f"Användning: ale {' '.join(command)}".rstrip() + " [ALTERNATIV]" in result.out
    assert "Visa den här hjälpen och avsluta." in result.out
    assert [word for word in ENGLISH if word in result.out] == []
    assert [line for line in result.out.splitlines() if TYPE_LABEL.search(line)] == []


def test_ctrl_c_is_said(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                        base_repo: Path) -> None:
    from ale_cli.commands import validate

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(validate, "run", interrupted)
    result = ale(capsys, "validate", "--repo", base_repo)
    assert (result.code, result.out, result.err) == (130, "", "ale: avbrutet\n")


def test_output_is_utf8_where_the_system_would_write_cp1252(monkeypatch: pytest.MonkeyPatch,
                                                             base_repo: Path) -> None:
    """Windows writes what goes to a file or pipe in its code page: a name outside it stopped a command halfway."""
    sektor = base_repo / "sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8").replace("namn: Nolskolan,", "namn: Nolskolan Čarna,"),
                      encoding="utf-8")
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="cp1252"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="cp1252"))
    monkeypatch.chdir(base_repo)
    assert main(["new", "period", "2020-12-31"]) == 0
    sys.stdout.flush()
    assert "  perioder/2020-12-31/enheter/nolskolan.yaml                   enhetsdialog: Nolskolan Čarna\n" in \
        out.getvalue().decode("utf-8")
    assert main(["validate", "--period", "x"]) == 2
    sys.stderr.flush()
    assert err.getvalue().decode("utf-8").startswith("ale: okänt alternativ")
    # stderr keeps writing what no encoding can (a folder name that is not UTF-8) as an escape, not failing
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err := io.BytesIO(), encoding="latin-1",
                                                         errors="backslashreplace"))
    assert main(["validate", "--repo", os.fsdecode(b"finns-inte-\xe4")]) == 2
    sys.stderr.flush()
    assert "finns-inte-\\udce4" in err.getvalue().decode("utf-8")


def test_a_reader_that_has_gone_ends_the_command_quietly(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch, base_repo: Path) -> None:
    """Windows tells a closed pipe (`| more` quit early) as EINVAL: not an internal error."""
    class Gone(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(Gone(), encoding="utf-8"))
    assert main(["validate", "--repo", str(base_repo), "--format", "json"]) == 1
    assert "internt fel" not in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(Gone(), encoding="utf-8"))
    assert main(["new", "period", "2020-12-31", "--repo", str(base_repo)]) == 1  # lines, not a report
    assert "internt fel" not in capsys.readouterr().err
