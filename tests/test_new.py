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
    assert (none.code, none.err) == (2, ("ale: ange precis en av --enhet, --verksamhet, --sektor, --nämnd, "
                                        "--ledningsdialog, --ksau, --kunddialog och --team\n"))
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
    assert status.out.splitlines()[-1] == "17 av 23 uppgifter saknas."
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
    _edit(base_repo / P / "namnder/alebyggen.yaml", ("uncomment", "sammanfattning:"),
          ("sammanfattning:", "Uthyrningen går enligt plan."), ("uncomment", "bedömningar:"),
          ("    bedömning:", "uppfyllt"))
    _clean(capsys, base_repo)
    status = ale(capsys, "status", "--period", "2020-08-31", "--repo", base_repo)
    assert (status.code, status.out.splitlines()[-1]) == (0, "Komplett: alla 23 uppgifter är levererade.")
    checked = run(base_repo.resolve())
    enhet = checked.repo.perioder[dt.date(2020, 8, 31)].enheter["ahaga-skola"].model
    assert enhet.dialog is not None and enhet.dialog.deltagare == ["Lars Öberg", "Maria Nilsson"]
    assert enhet.sammanfattning == "Kort text som går uppåt i kedjan."


def test_a_bolags_file_asks_for_the_framgångsfaktorer_its_plan_follows(capsys: pytest.CaptureFixture[str],
                                                                      base_repo: Path) -> None:
    """At a bokslut a bolag follows up each framgångsfaktor of its plan, as ale status asks: its draft has the key."""
    plan = base_repo / "namnder/alebyggen/2020/namndplan.yaml"
    plan.write_text("målsättningar:\n  - målsättning: god-utbildning\n    framgångsfaktorer:\n"
                    "      - {framgångsfaktor: tidiga-insatser, arbetssätt: Läxhjälp i bostadsområdena}\n",
                    encoding="utf-8")
    path = base_repo / P / "namnder/alebyggen.yaml"
    path.unlink()
    assert ale(capsys, "new", "dialog", "--period", "2020-08-31", "--nämnd", "alebyggen", "--repo", base_repo).code == 0
    text = path.read_text(encoding="utf-8")
    assert ("# Hur varje framgångsfaktor i nämndplanen har följts upp (en text per faktor).\n# framgångsfaktorer:\n"
            "#   # Tidiga och samordnade insatser\n#   tidiga-insatser:\n") in text
    assert "internkontroll" not in text  # a bolag has no internkontrollplan with the kommun
    _clean(capsys, base_repo)
    missing = ale(capsys, "status", "--period", "2020-08-31", "--nämnd", "alebyggen", "--format", "json",
                  "--repo", base_repo)
    assert [u["vad"] for u in json.loads(missing.out)["uppgifter"] if not u["uppfyllt"]] == [
        "bedömning: god-utbildning", "framgångsfaktor: tidiga-insatser", "sammanfattning"]
    _edit(path, ("uncomment", "sammanfattning:"), ("sammanfattning:", "Uthyrningen går enligt plan."),
          ("uncomment", "bedömningar:"), ("    bedömning:", "uppfyllt"),
          ("uncomment", "framgångsfaktorer:"), ("  tidiga-insatser:", "Läxhjälp på tre orter."))
    _clean(capsys, base_repo)
    done = ale(capsys, "status", "--period", "2020-08-31", "--nämnd", "alebyggen", "--repo", base_repo)
    assert done.code == 0, done.out


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


def test_a_fresh_chain_file_leaves_its_planned_dialogue_due_in_the_calendar(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The draft says the dialogue counts as held in 'ale calendar' only once its 'dialog:' is written."""
    monkeypatch.setenv("ALE_TODAY", "2020-09-20")
    path = base_repo / P / "enheter/ahaga-skola.yaml"
    path.unlink()
    assert ale(capsys, "new", "dialog", "--period", "2020-08-31", "--enhet", "ahaga-skola",
               "--repo", base_repo).code == 0

    def status() -> str:
        calendar = ale(capsys, "calendar", "--from", "2020-09-07", "--to", "2020-09-07", "--format", "json",
                       "--repo", base_repo)
        [event] = [e for e in json.loads(calendar.out)["händelser"] if e.get("enhet") == "ahaga-skola"]
        return str(event["status"])

    assert status() == "försenad"
    _edit(path, ("uncomment", "dialog:"))
    assert status() == "genomförd"



D = f"{P}/dialoger"
LEDNINGSDIALOG = """\
# Ledningsdialog: Sektor utbildning, period 2020-08-31 (Delårsbokslut 2 – delårsrapport).
# Sektorsledningen möter förvaltningsledningen i anslutning till delårsboksluten och
# årsbokslutet. Filen behövs för varje sektor vid bokslutet.
#
# Rader som börjar med # läses inte av ale. Ta bort '# ' i början av en rad för att använda den och
# behåll indraget (mellanslagen) som det står. Kontrollera filen med: ale validate

typ: ledningsdialog
sektor: utbildning  # Sektor utbildning

# Dagen dialogen hölls (rätta om den hölls en annan dag). Planerad 2020-09-17 enligt kalender/2020.yaml.
# Ta bort '# ' framför raden när dialogen är hållen:
# först då räknas den som hållen i 'ale status', 'ale calendar' och rapporten.
# datum: 2020-09-17

# Deltagarna: en text per person eller grupp i listan.
# Sektorchefen (Eva Holm) enligt sektorer/utbildning.yaml; skriv gärna förvaltningsledningens
# och sektorsledningens övriga deltagare med namn.
deltagare: ["Förvaltningsledningen", "Eva Holm"]

# Anteckningar från dialogen (ta bort '# ' och skriv efter kolonet).
# anteckningar:

# Vad ni kom överens om: en text per överenskommelse i listan, till exempel
# [Följ upp skolskjutsar i november, Redovisa lokalförsörjningsplanen i december].
överenskommelser: []
"""


def _plan_ledningsdialog(repo: Path) -> None:
    kalender = repo / "kalender/2020.yaml"
    kalender.write_text(kalender.read_text(encoding="utf-8") + "  - {datum: 2020-09-17, typ: ledningsdialog, "
                        "period: 2020-08-31, sektor: utbildning}\n", encoding="utf-8")


def _ledningsdialog_status(capsys: pytest.CaptureFixture[str], repo: Path) -> list[tuple[bool, str, str | None]]:
    status = ale(capsys, "status", "--period", "2020-08-31", "--format", "json", "--repo", repo)
    return [(r["uppfyllt"], r["fil"], r["detalj"]) for r in json.loads(status.out)["uppgifter"]
            if r["vad"] == "ledningsdialog"]


def test_a_ledningsdialog_is_written_prefilled_and_completes_status_once_dated(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / D / "ledningsdialog-utbildning.yaml").unlink()
    _plan_ledningsdialog(base_repo)
    # status names the file to write, not only the folder
    assert _ledningsdialog_status(capsys, base_repo) == [(False, f"{D}/ledningsdialog-utbildning.yaml", None)]
    result = ale(capsys, "new", "dialog", "--period", "2020-08-31", "--ledningsdialog", "utbildning", cwd=base_repo)
    assert (result.code, result.out) == (0, f"{D}/ledningsdialog-utbildning.yaml\n")
    path = base_repo / D / "ledningsdialog-utbildning.yaml"
    assert path.read_text(encoding="utf-8") == LEDNINGSDIALOG
    _clean(capsys, base_repo)
    # the file names its sektor, but without its date the dialogue is not held: still missing
    assert _ledningsdialog_status(capsys, base_repo) == [(False, f"{D}/ledningsdialog-utbildning.yaml", None)]
    report = json.loads(ale(capsys, "report", "--period", "2020-08-31", "--format", "json", "--repo", base_repo).out)
    assert [d["typ"] for d in report["dialoger"]] == ["ksau"]
    _edit(path, ("uncomment", "datum: 2020-09-17"), ("uncomment", "anteckningar:"),
          ("anteckningar:", "Sektorn håller budget."))
    _clean(capsys, base_repo)
    assert _ledningsdialog_status(capsys, base_repo) == [(True, f"{D}/ledningsdialog-utbildning.yaml", "2020-09-17")]
    checked = run(base_repo.resolve())
    dialog = checked.repo.perioder[dt.date(2020, 8, 31)].dialoger["ledningsdialog-utbildning"].model
    assert (dialog.datum, dialog.deltagare, dialog.anteckningar) == (
        dt.date(2020, 9, 17), ["Förvaltningsledningen", "Eva Holm"], "Sektorn håller budget.")


def test_ksau_kunddialog_and_team_drafts_validate_clean(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(base_repo / D)
    shutil.rmtree(base_repo / P / "team")
    config = base_repo / "ale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "servicenämnd: service\n", encoding="utf-8")
    (base_repo / "namnder/service").mkdir()
    (base_repo / "namnder/service/namnd.yaml").write_text("namn: Servicenämnden\ntyp: nämnd\n", encoding="utf-8")
    for option, id_, path in (("--ksau", "utbildning", f"{D}/ksau-utbildning.yaml"),
                              ("--kunddialog", "utbildning", f"{D}/kunddialog-utbildning.yaml"),
                              ("--team", "god-utbildning", f"{P}/team/god-utbildning.yaml")):
        result = ale(capsys, "new", "dialog", "--period", "2020-08-31", option, id_, cwd=base_repo)
        assert (result.code, result.out) == (0, f"{path}\n"), result.err
    ksau = (base_repo / D / "ksau-utbildning.yaml").read_text(encoding="utf-8").split("\n")
    assert ksau[7:9] == ["typ: ksau", "nämnd: utbildning  # Utbildningsnämnden"]
    assert "# datum: 2020-10-06" in ksau  # planned in the kalender
    assert ksau[ksau.index("# Deltagarna: en text per person eller grupp i listan.") + 1:][:2] == [
        "# Presidiet enligt namnder/utbildning/namnd.yaml: Karin Lund (ordförande).",
        'deltagare: ["KSAU", "Utbildningsnämndens presidium"]']
    kund = (base_repo / D / "kunddialog-utbildning.yaml").read_text(encoding="utf-8").split("\n")
    assert kund[7:9] == ["typ: kunddialog", "nämnd: utbildning  # Utbildningsnämnden"]
    assert "# datum: ÅÅÅÅ-MM-DD" in kund  # none planned
    assert 'deltagare: ["Servicenämndens arbetsutskott", "Utbildningsnämndens arbetsutskott"]' in kund
    team = (base_repo / P / "team/god-utbildning.yaml").read_text(encoding="utf-8").split("\n")
    assert team[2] == ("# Teamet enligt verksamhetsplan/2020.yaml: Anna Berg (ledare, Sektor utbildning), "
                       "Per Ek (medlem, Regionen).")
    assert "# datum: 2020-09-15" in team
    assert "bedömning: ej bedömt  # uppfyllt | delvis uppfyllt | ej uppfyllt | ej bedömt" in team
    _clean(capsys, base_repo)
    # prepared, not held: the calendar keeps them due, the report shows neither the dialogue nor the team's view
    monkeypatch.setenv("ALE_TODAY", "2020-12-01")
    calendar = json.loads(ale(capsys, "calendar", "--from", "2020-09-15", "--to", "2020-10-06", "--format", "json",
                              "--repo", base_repo).out)
    assert {(e["typ"], e["status"]) for e in calendar["händelser"] if e["typ"] in ("ksau", "team")} == {
        ("ksau", "försenad"), ("team", "försenad")}
    report = json.loads(ale(capsys, "report", "--period", "2020-08-31", "--format", "json", "--repo", base_repo).out)
    assert report["dialoger"] == []
    assert [goal["team"] for goal in report["målsättningar"]] == [None, None]


def test_dialog_refuses_what_the_process_has_not(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    config = base_repo / "ale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "servicenämnd: utbildning\n", encoding="utf-8")
    (base_repo / "namnder/ks").mkdir()
    (base_repo / "namnder/ks/namnd.yaml").write_text("namn: Kommunstyrelsen\ntyp: styrelse\n", encoding="utf-8")

    def refused(*args: str) -> tuple[int, str]:
        result = ale(capsys, "new", "dialog", "--period", "2020-08-31", *args, "--repo", base_repo)
        return result.code, result.err

    assert refused("--ksau", "ks") == (
        2, "ale: --ksau: en KSAU-dialog hålls med en nämnd, inte med kommunstyrelsen 'ks' själv\n")
    assert refused("--kunddialog", "utbildning") == (
        2, ("ale: --kunddialog: en kunddialog hålls mellan servicenämnden och en annan nämnd, inte med 'utbildning' "
           "själv\n"))
    assert refused("--ksau", "alebyggen") == (
        2, "ale: --ksau: en KSAU-dialog hålls med en nämnd, inte med bolaget 'alebyggen'\n")
    assert refused("--ledningsdialog", "utbildnin") == (
        2, "ale: --ledningsdialog: okänd sektor 'utbildnin' — menade du 'utbildning'?\n")
    assert refused("--ksau", "skola") == (2, "ale: --ksau: okänd nämnd 'skola'\n")
    assert refused("--team", "god-utbildnig") == (
        2, ("ale: --team: okänd målsättning 'god-utbildnig' i verksamhetsplan/2020.yaml — menade du "
           "'god-utbildning'?\n"))
    assert refused("--team", "sysselsattning") == (
        2, ("ale: --team: målsättningen 'sysselsattning' har inget tvärsektoriellt team i verksamhetsplan/2020.yaml; "
           "lägg till teamet under målsättningens 'team' först\n"))
    # the kunddialog with KS is the servicenämnd's with the styrelse's AU, KSAU
    assert ale(capsys, "new", "dialog", "--period", "2020-08-31", "--kunddialog", "ks", "--repo", base_repo).code == 0
    assert 'deltagare: ["Utbildningsnämndens arbetsutskott", "KSAU"]' in (
        base_repo / D / "kunddialog-ks.yaml").read_text(encoding="utf-8")
    assert not (base_repo / D / "ksau-ks.yaml").exists()
    # never over a note of the same typ and sektor, whatever its name
    (base_repo / D / "ledningsdialog-utbildning.yaml").rename(base_repo / D / "ledning-utbildning.yaml")
    assert refused("--ledningsdialog", "utbildning") == (
        1, f"ale: {base_repo / D / 'ledning-utbildning.yaml'} finns redan och skrivs inte över.\n")
    assert not (base_repo / D / "ledningsdialog-utbildning.yaml").exists()


def test_a_ksau_dialogue_is_written_once_a_year(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Held once a year with each nämnd, its note may lie under any period of the year: a second one, for
    another period of the same year, would be a second dialogue in the calendar and the årsbokslut."""
    october = ale(capsys, "new", "dialog", "--period", "2020-10-31", "--ksau", "utbildning", "--repo", base_repo)
    assert (october.code, october.err) == (1, (
        "ale: KSAU-dialogen med 'utbildning' hålls en gång per år, och den för 2020 finns redan: "
        f"{base_repo / D / 'ksau-utbildning.yaml'}.\n"))
    assert not (base_repo / "perioder/2020-10-31").exists()


def test_period_lists_and_writes_each_sektors_ledningsdialog_at_a_bokslut(
        capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    shutil.rmtree(base_repo / D)
    listed = ale(capsys, "new", "period", "2020-08-31", cwd=base_repo)
    assert listed.out.splitlines()[:2] == [
        "Delårsbokslut 2 – delårsrapport 2020-08-31: 1 fil saknas.",
        f"  {D}/ledningsdialog-utbildning.yaml  ledningsdialog: Sektor utbildning"]
    written = ale(capsys, "new", "period", "2020-08-31", "--write", cwd=base_repo)
    assert written.out.splitlines()[0] == f"skrev {D}/ledningsdialog-utbildning.yaml  ledningsdialog: Sektor utbildning"
    _clean(capsys, base_repo)
    assert _ledningsdialog_status(capsys, base_repo) == [(False, f"{D}/ledningsdialog-utbildning.yaml", None)]
    # a month asks for none
    month = ale(capsys, "new", "period", "2020-09-30", cwd=base_repo)
    assert "ledningsdialog" not in month.out
