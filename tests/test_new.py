"""`ale new`: pre-filled period files that validate clean, count as not delivered, and validate clean filled in."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ale_cli.pipeline import run
from tests.cli_helpers import ale

P = "perioder/2020-08-31"
CHAIN = [f"{P}/namnder/alebyggen.yaml", f"{P}/namnder/utbildning.yaml", f"{P}/sektorer/utbildning.yaml",
         f"{P}/verksamheter/grundskola.yaml", f"{P}/enheter/ahaga-skola.yaml", f"{P}/enheter/nolskolan.yaml"]


def _empty_period(repo: Path) -> None:
    for kind in ("enheter", "verksamheter", "sektorer", "namnder"):
        shutil.rmtree(repo / P / kind)


def uncomment(text: str, start: str) -> str:
    """What a writer does: remove '# ' from the block that begins with the line '# <start>'."""
    lines = text.split("\n")
    i = lines.index(f"# {start}")
    lines[i] = start
    i += 1
    while i < len(lines) and lines[i].startswith("#  "):
        lines[i] = lines[i][2:]
        i += 1
    return "\n".join(lines)


def fill(text: str, key: str, value: str) -> str:
    """Write `value` after the first line that is `key` (with or without a trailing comment)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line == key or line.startswith(key + "  #"):
            lines[i] = f"{key} {value}{line[len(key):]}"
            return "\n".join(lines)
    raise AssertionError(f"no line {key!r} in\n{text}")


def _edit(path: Path, *steps: tuple[str, ...]) -> None:
    text = path.read_text(encoding="utf-8")
    for step in steps:
        text = uncomment(text, step[1]) if step[0] == "uncomment" else fill(text, step[0], step[1])
    path.write_text(text, encoding="utf-8")


def _clean(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = ale(capsys, "validate", "--repo", repo)
    assert result.code == 0, result.out
    assert result.out.startswith("Inga fel"), result.out


def test_dialog_writes_a_prefilled_enhet_file(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / P / "enheter/ahaga-skola.yaml").unlink()
    result = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "ahaga-skola", cwd=base_repo)
    assert result.code == 0, result.err
    assert result.out == f"{P}/enheter/ahaga-skola.yaml\n"
    text = (base_repo / P / "enheter/ahaga-skola.yaml").read_text(encoding="utf-8")
    # the planned date from the kalender, the participants from the organisation, each målsättning of the nämndplan
    assert "#   datum: 2020-09-07\n" in text
    assert '#   deltagare: ["Lars Öberg", "Maria Nilsson"]\n' in text
    assert ("  - målsättning: god-utbildning  # God utbildning för alla\n"
            "    bedömning: ej bedömt  # uppfyllt | delvis uppfyllt | ej uppfyllt | ej bedömt\n") in text
    _clean(capsys, base_repo)
    status = ale(capsys, "status", "--period", "2020-08-31", "--format", "json", "--repo", base_repo)
    assert '"id": "ahaga-skola",' in status.out
    rows = [r for r in json.loads(status.out)["uppgifter"] if r["id"] == "ahaga-skola"]
    assert [r["uppfyllt"] for r in rows] == [False]


def test_a_sektor_file_leaves_its_bedömningar_to_the_level_below_until_it_makes_its_own(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    sektor = base_repo / P / "sektorer/utbildning.yaml"
    sektor.unlink()
    written = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--sektor", "utbildning", "--repo", base_repo)
    assert written.code == 0
    assert "bedömningar: []\n#   - målsättning: god-utbildning  # God utbildning för alla\n" in sektor.read_text(
        encoding="utf-8")
    sektor.write_text(sektor.read_text(encoding="utf-8").replace("#   datum: ÅÅÅÅ-MM-DD", "#   datum: 2020-09-14"),
                      encoding="utf-8")
    _edit(sektor, ("uncomment", "dialog:"), ("uncomment", "sammanfattning:"),
          ("sammanfattning:", "Läsningen går framåt."))
    _clean(capsys, base_repo)
    view = json.loads(ale(capsys, "report", "--period", "2020-08-31", "--format", "json", "--repo", base_repo).out)
    [utbildning] = [n for n in view["nämnder"] if n["id"] == "utbildning"]
    # the chef wrote the summary only: the sektor's bedömning is derived from its verksamheter, not 'ej bedömt'
    assert [(b["sektor"]["bedömning"], b["sektor"]["härledd"]) for b in utbildning["bedömningar"]] == [
        ("delvis uppfyllt", True)]


def test_dialog_never_overwrites(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    path = base_repo / P / "enheter/ahaga-skola.yaml"
    before = path.read_bytes()
    result = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "ahaga-skola", cwd=base_repo)
    assert result.code == 1
    assert result.err == f"ale: {P}/enheter/ahaga-skola.yaml finns redan och skrivs inte över.\n"
    assert path.read_bytes() == before
    # a .yml file is the same file to the loader
    path.rename(path.with_suffix(".yml"))
    assert ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "ahaga-skola",
               "--repo", base_repo).code == 1
    assert not path.exists()


def test_dialog_usage_errors(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    none = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--repo", base_repo)
    assert (none.code, none.err) == (2, "ale: ange precis en av --enhet, --verksamhet, --sektor och --nämnd\n")
    two = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "a", "--sektor", "b", "--repo", base_repo)
    assert two.code == 2
    unknown = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "ahaga", "--repo", base_repo)
    assert (unknown.code, unknown.err) == (2, "ale: --enhet: okänd enhet 'ahaga' — menade du 'ahaga-skola'?\n")
    period = ale(capsys, "new", "dialog", "--period", "2020-08-30", "--nämnd", "utbildning", "--repo", base_repo)
    assert period.code == 2 and "menade du 2020-08-31?" in period.err


def test_a_year_without_its_verksamhetsplan_gets_no_file(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """The file would fail 'ale validate' at once (ALE305): often the year is mistyped."""
    said = ("ale: det finns ingen verksamhetsplan för 2021, så periodens filer skulle inte godkännas; lägg till "
            "verksamhetsplan/2021.yaml först, eller rätta perioden\n")
    one = ale(capsys, "new", "dialog", "--period", "2021-03-31", "--nämnd", "utbildning", "--repo", base_repo)
    assert (one.code, one.err) == (2, said)
    many = ale(capsys, "new", "period", "2021-03-31", "--write", "--repo", base_repo)
    assert (many.code, many.err) == (2, said)
    assert not (base_repo / "perioder/2021-03-31").exists()
    listing = ale(capsys, "new", "period", "2021-03-31", "--repo", base_repo)  # it would tell to write them
    assert (listing.code, listing.err) == (2, said)


def test_period_lists_and_writes_the_missing_files(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    _empty_period(base_repo)
    listed = ale(capsys, "new", "period", "2020-08-31", cwd=base_repo)
    assert listed.code == 0
    assert listed.out.splitlines()[0] == "Delårsbokslut 2 – delårsrapport 2020-08-31: 6 filer saknas."
    assert [line.split()[0] for line in listed.out.splitlines()[1:-1]] == CHAIN
    assert not (base_repo / P / "namnder").exists()

    written = ale(capsys, "new", "period", "2020-08-31", "--write", cwd=base_repo)
    assert written.code == 0
    assert [line.split()[1] for line in written.out.splitlines()[:-1]] == CHAIN
    assert all((base_repo / path).is_file() for path in CHAIN)
    _clean(capsys, base_repo)
    # placeholders are not deliveries: everything but the ledningsdialog (its own file, kept) is missing
    status = ale(capsys, "status", "--period", "2020-08-31", "--repo", base_repo)
    assert status.code == 1
    assert status.out.splitlines()[-1] == "12 av 18 uppgifter saknas."
    again = ale(capsys, "new", "period", "2020-08-31", cwd=base_repo)
    assert again.out == "Delårsbokslut 2 – delårsrapport 2020-08-31: inga filer saknas.\n"


def test_period_says_when_errors_may_hide_missing_files(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """A sektor file that cannot be read hides its verksamheter and enheter: the list is what the data shows."""
    _empty_period(base_repo)
    assert ale(capsys, "new", "period", "2020-08-31", "--repo", base_repo).err == ""
    sektor = base_repo / "sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8") + "verksamheter: [\n", encoding="utf-8")
    listed = ale(capsys, "new", "period", "2020-08-31", "--repo", base_repo)
    assert listed.code == 0
    assert [line.split()[0] for line in listed.out.splitlines()[1:-1]] == CHAIN[:2]
    assert listed.err == ("Obs: datarepositoriet har fel som kan dölja filer som saknas; rätta dem och kör kommandot "
                          "igen (se 'ale validate').\n")


def test_filled_in_files_validate_clean_and_complete_the_period(capsys: pytest.CaptureFixture[str],
                                                                base_repo: Path) -> None:
    _empty_period(base_repo)
    assert ale(capsys, "new", "period", "2020-08-31", "--write", "--repo", base_repo).code == 0
    for path, datum in ((f"{P}/enheter/ahaga-skola.yaml", None), (f"{P}/enheter/nolskolan.yaml", "2020-09-08"),
                        (f"{P}/verksamheter/grundskola.yaml", "2020-09-10"),
                        (f"{P}/sektorer/utbildning.yaml", "2020-09-14")):
        file = base_repo / path
        text = file.read_text(encoding="utf-8")
        if datum:
            text = text.replace("#   datum: ÅÅÅÅ-MM-DD", f"#   datum: {datum}")
        text = text.replace("bedömning: ej bedömt", "bedömning: delvis uppfyllt")
        text = text.replace("    # kommentar:", "    kommentar: Läsningen går framåt")
        file.write_text(text, encoding="utf-8")
        _edit(file, ("uncomment", "dialog:"), ("uncomment", "sammanfattning:"),
              ("sammanfattning:", "Kort text som går uppåt i kedjan."),
              ("uncomment", "åtgärder:"), ("  - åtgärd:", "Läsombud"), ("    ansvarig:", "Maria Nilsson"))
        file.write_text(file.read_text(encoding="utf-8").replace("slutdatum: ÅÅÅÅ-MM-DD", "slutdatum: 2020-12-31"),
                        encoding="utf-8")
    _edit(base_repo / P / "namnder/utbildning.yaml",
          ("uncomment", "beslut:"), ("uncomment", "sammanfattning:"), ("sammanfattning:", "Målen nås delvis."),
          ("uncomment", "bedömningar:"), ("    bedömning:", "delvis uppfyllt"), ("    kommentar:", "Bättre läsning"),
          ("uncomment", "ekonomi:"), ("  utfall:", "276500"), ("  prognos:", "415000"),
          ("  kommentar:", "Skolskjuts"),
          ("uncomment", "investeringar:"), ("    utfall:", "21000"), ("    prognos:", "44000"),
          ("uncomment", "uppdrag:"), ("    status:", "pågår"),
          ("uncomment", "internkontroll:"), ("    resultat:", "avvikelse"), ("    åtgärd:", "Utbildning i inköp"),
          ("uncomment", "framgångsfaktorer:"), ("  tidiga-insatser:", "Läsgarantin är införd."))
    utbildning = base_repo / P / "namnder/utbildning.yaml"
    utbildning.write_text(utbildning.read_text(encoding="utf-8")
                          .replace("datum: ÅÅÅÅ-MM-DD", "datum: 2020-09-24").replace('"§ "', '"§ 80"')
                          .replace("{utfall: null}", "{utfall: 219}"), encoding="utf-8")
    _edit(base_repo / P / "namnder/alebyggen.yaml",
          ("uncomment", "bedömningar:"), ("    bedömning:", "uppfyllt"))
    _clean(capsys, base_repo)
    status = ale(capsys, "status", "--period", "2020-08-31", "--repo", base_repo)
    assert (status.code, status.out.splitlines()[-1]) == (0, "Komplett: alla 18 uppgifter är levererade.")
    checked = run(base_repo.resolve())
    enhet = checked.repo.perioder[dt.date(2020, 8, 31)].enheter["ahaga-skola"].model
    assert enhet.dialog is not None and enhet.dialog.deltagare == ["Lars Öberg", "Maria Nilsson"]
    assert enhet.sammanfattning == "Kort text som går uppåt i kedjan."


def test_an_årsbokslut_namnd_file_gives_the_budget_once(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """At the årsbokslut the period's budget is the year's: 'periodbudget' beside it would say the same again."""
    result = ale(capsys, "new", "dialog", "--period", "2020-12-31", "--nämnd", "utbildning", "--repo", base_repo)
    assert result.code == 0
    text = (base_repo / "perioder/2020-12-31/namnder/utbildning.yaml").read_text(encoding="utf-8")
    assert "# Budget helår 412 000 tkr.\n# ekonomi:\n#   utfall:\n#   kommentar:\n" in text
    assert "periodbudget" not in text


def test_a_months_namnd_file_is_ekonomi(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "new", "dialog", "--period", "2020-06-30", "--nämnd", "utbildning", "--repo", base_repo)
    assert result.code == 0
    path = base_repo / "perioder/2020-06-30/namnder/utbildning.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# Budget helår 412 000 tkr; periodbudget 206 000 tkr.\n# ekonomi:\n#   utfall:\n#   kommentar:\n" in text
    assert "bedömningar" not in text and "internkontroll" not in text
    assert "investeringar" not in text  # a month asks for none: they come in February, May and at the bokslut
    _clean(capsys, base_repo)
    assert ale(capsys, "status", "--period", "2020-06-30", "--repo", base_repo).code == 1
    _edit(path, ("uncomment", "ekonomi:"), ("  utfall:", "200000"))
    _clean(capsys, base_repo)
    assert ale(capsys, "status", "--period", "2020-06-30", "--repo", base_repo).code == 0


def test_a_chain_file_outside_the_bokslut_says_so(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    result = ale(capsys, "new", "dialog", "--period", "2020-06-30", "--sektor", "utbildning", "--repo", base_repo)
    assert result.code == 0
    assert result.err.startswith("Obs: dialogkedjan följs upp vid delårsboksluten och årsbokslutet")
    _clean(capsys, base_repo)


def test_names_with_yaml_syntax_stay_text(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    sektor = base_repo / "sektorer/utbildning.yaml"
    sektor.write_text(sektor.read_text(encoding="utf-8")
                      .replace("chef: Maria Nilsson", 'chef: "Maria: \\"Mia\\" # Nilsson\\u2028]"')
                      .replace("verksamhetschef: Lars Öberg", "verksamhetschef: 'Lars [Öberg], {x}'"),
                      encoding="utf-8")
    plan = base_repo / "verksamhetsplan/2020.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("namn: God utbildning för alla",
                                                             'namn: "God\\nutbildning: för # alla"'),
                    encoding="utf-8")
    (base_repo / P / "enheter/ahaga-skola.yaml").unlink()
    assert ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "ahaga-skola",
               "--repo", base_repo).code == 0
    _clean(capsys, base_repo)
    path = base_repo / P / "enheter/ahaga-skola.yaml"
    _edit(path, ("uncomment", "dialog:"))
    _clean(capsys, base_repo)
    checked = run(base_repo.resolve())
    enhet = checked.repo.perioder[dt.date(2020, 8, 31)].enheter["ahaga-skola"].model
    assert enhet.dialog is not None
    assert enhet.dialog.deltagare == ["Lars [Öberg], {x}", 'Maria: "Mia" # Nilsson\u2028]']
