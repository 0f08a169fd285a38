"""The PDF rendering: the base repository's figures in the text, user text read literally, byte-identical output."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from ale_cli import render_md, render_pdf, typeset
from ale_cli.pipeline import run
from ale_cli.rollup import build
from ale_cli.source import Source
from tests.cli_helpers import ale
from tests.conftest import BASE

SOURCE = Source("abc123", False, "2020-09-30")
A4 = (595.2756, 841.8898)
COMMIT_DATE = dt.datetime(2020, 9, 30, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))

HOSTILE = [
    "*fet*", "_kursiv_", "#rubrik", "#set page(width: 1cm)", "$x^2$", "@etikett", "<b>html</b>", "{{ mall }}",
    "{% if x %}", "C:\\mapp\\fil", "]", "[länk]", "`kod`", "// inte en kommentar", "= Ingen rubrik",
]


def _view(repo: Path = BASE, period: dt.date = dt.date(2020, 8, 31), nämnd: str | None = None) -> dict[str, Any]:
    checked = run(repo.resolve())
    assert checked.diagnostics == []
    return build(checked.repo, checked.index, period, SOURCE, nämnd)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _catalog(pdf: bytes) -> Any:
    return _reader(pdf).trailer["/Root"]


def _xmp(pdf: bytes) -> bytes:
    data: bytes = _catalog(pdf)["/Metadata"].get_object().get_data()
    return data


def _created(pdf: bytes) -> str:
    info = _reader(pdf).metadata
    assert info is not None
    return str(info["/CreationDate"])


def _text(pdf: bytes) -> str:
    """The PDF's text with every run of white space (also non-breaking) as one space."""
    text = "\n".join(page.extract_text() for page in _reader(pdf).pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _unhyphenated(text: str) -> str:
    """The text with the words a table broke at a line's end (`me- ritvärde`) joined again."""
    return re.sub(r"(?<=\w)- (?=[a-zåäö])", "", text)


def _page_texts(reader: PdfReader) -> list[str]:
    """Each page's text with every run of white space as one space."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def base_pdf() -> bytes:
    return render_pdf.render(_view(), COMMIT_DATE)


def test_key_figures_appear(base_pdf: bytes) -> None:
    text = _text(base_pdf)
    for expected in ["Testkommun", "Delårsbokslut 2 – delårsrapport 2020", "Utbildningsnämnden", "AB Alebyggen",
                     "412 000", "259 560", "276 500", "\u221216 940", "\u22123 000", "415 000", "45 000",
                     "Genomsnittligt meritvärde åk 9", "≥ 225 poäng", "219 poäng", "delvis uppfyllt",
                     "Läsgarantin är införd.", "Översyn av skolskjutsavtalet", "Följ upp skolskjutsar i november",
                     "Git-commit abc123", "Internkontrollplan beslutad 2019-12-10 § 145", "9 (3 × 3)",
                     "Inga: perioden är komplett.", "Verksamhet Budget helår Periodbudget Grundskola 412 000 259 560"]:
        assert expected in text, expected
    assert "Uppgift saknas" not in text


def test_sections_and_page_furniture(base_pdf: bytes) -> None:
    reader = _reader(base_pdf)
    pages = _page_texts(reader)
    assert "Innehåll" in pages[1] and "Sammanfattning Nyckeltal" in pages[1]  # the summary under the contents
    for heading in ["Måluppfyllelse", "Målsättning × nämnd och bolag", "Nämnderna och bolagen", "Ekonomi",
                    "Avvikelser per nämnd", "Internkontroll", "Riskmatris", "Dialoger", "Uppgifter som saknas"]:
        assert any(heading in page for page in pages[2:]), heading
    assert f"Sida 2 av {len(pages)}" in pages[1] and "Sida 1" not in pages[0]
    assert all("Delårsbokslut 2 – delårsrapport 2020" in page and "Testkommun" in page for page in pages[1:])
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[:3] == ["Sammanfattning", "Måluppfyllelse", "Nämnderna och bolagen"]


def test_the_section_of_the_nämnder_is_named_for_what_stands_in_it() -> None:
    """A bolag is no nämnd: the kommun's section is "Nämnderna och bolagen" (above); one nämnd's or bolag's own
    report has one, "Nämnden" or "Bolaget"."""
    for nämnd, section in [("utbildning", "Nämnden"), ("alebyggen", "Bolaget")]:
        reader = _reader(render_pdf.render(_view(nämnd=nämnd), COMMIT_DATE))
        bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
        assert section in bookmarks and "Nämnderna" not in bookmarks and "Nämnderna och bolagen" not in bookmarks


def _nämnd_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 0) of each nämnd's heading under "Nämnderna och bolagen", from the PDF's outline."""
    reader = _reader(pdf)
    outline = list(reader.outline)
    below = outline[[getattr(item, "title", None) for item in outline].index("Nämnderna och bolagen") + 1]
    assert isinstance(below, list)
    return {item.title: reader.get_destination_page_number(item) for item in below if not isinstance(item, list)}


def test_in_a_bokslut_every_nämnd_begins_a_page(base_pdf: bytes) -> None:
    pages = _nämnd_pages(base_pdf)
    (first, *others) = pages.values()
    assert others and others == sorted(set(others)) and first < others[0]
    text = _page_texts(_reader(base_pdf))
    assert "Nämnderna och bolagen" in text[first]  # the first stands under the section's heading
    for namn, page in list(pages.items())[1:]:  # the others head their page, under the running header
        assert text[page].split("Testkommun", 1)[1].lstrip().startswith(namn), namn


def test_in_a_month_the_nämnder_flow() -> None:
    pages = _nämnd_pages(render_pdf.render(_view(period=dt.date(2020, 6, 30)), COMMIT_DATE))
    assert len(set(pages.values())) < len(pages)


def test_metadata_pdfa_and_tags(base_pdf: bytes) -> None:
    reader = _reader(base_pdf)
    info = reader.metadata
    assert info is not None
    assert info.title == "Delårsbokslut 2 – delårsrapport 2020 – Testkommun"
    assert render_pdf.KEYWORD in str(info["/Keywords"]).split(", ")
    assert _created(base_pdf) == "D:20200930120500Z"  # the commit's moment, in UTC
    catalog = _catalog(base_pdf)
    assert catalog["/Lang"] == "sv-SE"
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    xmp = _xmp(base_pdf)
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp and b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp


def test_a_reader_is_told_the_reports_title_not_its_file_name(base_pdf: bytes) -> None:
    """PDF/UA-1: the window and a screen reader name the report by its title (WCAG 2.4.2), not as
    delarsbokslut-2-2020.pdf."""
    assert bool(_catalog(base_pdf)["/ViewerPreferences"].get("/DisplayDocTitle"))
    assert b"<pdfuaid:part>1</pdfuaid:part>" in _xmp(base_pdf)


def test_only_the_embedded_fonts_are_used(base_pdf: bytes) -> None:
    fonts = set()
    for page in _reader(base_pdf).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            fonts.add(re.sub(r"^/([A-Z]{6}\+)?", "", str(font.get_object()["/BaseFont"])))
    assert fonts and all(name.startswith(("LibertinusSerif", "DejaVuSansMono")) for name in fonts), fonts


def test_same_view_gives_the_same_bytes(base_pdf: bytes) -> None:
    view = _view()
    assert render_pdf.render(view, COMMIT_DATE) == base_pdf
    assert render_pdf.render(view) == render_pdf.render(copy.deepcopy(view))
    assert render_pdf.render(view, COMMIT_DATE + dt.timedelta(days=1)) != base_pdf


def test_another_process_gives_the_same_bytes(base_pdf: bytes) -> None:
    """Typst caches within a process, so compare with a fresh interpreter as well; and it sets the pages between
    two page breaks in parallel, so also with a single thread (as on a machine with one core)."""
    script = ("import sys, datetime as dt; from tests.test_render_pdf import _view, COMMIT_DATE; "
              "from ale_cli.render_pdf import render; sys.stdout.buffer.write(render(_view(), COMMIT_DATE))")
    for threads in ({}, {"RAYON_NUM_THREADS": "1"}):
        fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                               cwd=Path(__file__).parent.parent, env={**os.environ, **threads}).stdout
        assert fresh == base_pdf


def test_naive_source_date_is_utc() -> None:
    view = _view()
    naive = render_pdf.render(view, dt.datetime(2020, 9, 30, 12, 5))
    assert _created(naive) == "D:20200930120500Z"
    assert _created(render_pdf.render(view)) == "D:19800101000000Z"


def test_missing_data_is_marked(base_repo: Path) -> None:
    file = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join(line for line in lines if not line.startswith(("ekonomi:", "mått:", "  merit")))
                    + "\n", encoding="utf-8")
    text = _text(render_pdf.render(_view(base_repo), COMMIT_DATE))
    assert "Uppgift saknas" in text
    # what is missing, by its name: the list is read by KF, not by whoever writes the files
    assert "ekonomins utfall" in text
    assert "utfall för måttet Genomsnittligt meritvärde åk 9" in _unhyphenated(text)  # a table may hyphenate
    assert "perioder/2020-08-31/namnder/utbildning.yaml" in text.replace("/ ", "/")  # a path may wrap at /


def test_user_text_is_read_literally(base_repo: Path) -> None:
    """Text that would be Typst, Markdown, HTML or Jinja markup shows as written, line breaks kept as breaks."""
    block = "\n".join(f"    Rad {i}: {value}" for i, value in enumerate(HOSTILE))
    file = base_repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"^sammanfattning: .*$", lambda _: "sammanfattning: |\n" + block, text, flags=re.MULTILINE)
    file.write_text(text, encoding="utf-8")
    view = _view(base_repo)
    utbildning = next(n for n in view["nämnder"] if n["id"] == "utbildning")
    utbildning["namn"] = "Nämnd *med* #tecken"
    utbildning["händelser"] = HOSTILE
    utbildning["ekonomi"]["kommentar"] = "Kommentar med ] och \\ och $"
    view["kommun"] = "Kommun <b>#1</b>"
    view["dialoger"][1]["överenskommelser"] = ["@alla ska {{ läsa }}"]

    pdf = render_pdf.render(view, COMMIT_DATE)
    extracted = _text(pdf)
    for i, value in enumerate(HOSTILE):
        assert f"Rad {i}: {value}" in extracted, value
        assert f"• {value}" in extracted, value  # händelser as a list
    for value in ["Nämnd *med* #tecken", "Kommentar med ] och \\ och $", "Kommun <b>#1</b>",
                  "@alla ska {{ läsa }}"]:
        assert value in extracted, value
    assert {(page.mediabox.width, page.mediabox.height) for page in _reader(pdf).pages} == {A4}


def test_text_no_embedded_font_can_show_still_renders() -> None:
    """PDF/A forbids glyphs that are missing from every font; such a report is an ordinary tagged PDF instead."""
    view = _view()
    view["nämnder"][1]["sammanfattning"] = "Bra jobbat 👍"
    pdf = render_pdf.render(view, COMMIT_DATE)
    assert "Bra jobbat" in _text(pdf)
    assert b"pdfaid:part" not in _xmp(pdf) and b"pdfuaid:part" not in _xmp(pdf)
    assert "/StructTreeRoot" in _catalog(pdf)


def test_the_characters_no_font_shows_are_found() -> None:
    assert render_pdf.undisplayable("Bra jobbat 👍 – 中文, åäö ÅÄÖ é ü ł č € … ”citat” −5 ✓ αβ") == ["中", "文", "👍"]
    assert render_pdf.undisplayable("".join(render_pdf.SHOWN)) == []  # what is not tried is shown


def test_a_pdf_with_text_no_font_shows_is_told_where_it_stands(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path) -> None:
    """The PDF is written, not PDF/A nor PDF/UA, and the controller is told which characters made it so, where."""
    note = base_repo / "perioder/2020-08-31/dialoger/ksau-utbildning.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "anteckningar: Samtal om skolskjutsar.", "anteckningar: Bra samtal 👍👍 om skolskjutsar 🚌."),
        encoding="utf-8")
    output = base_repo.parent / "rapport.pdf"
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "pdf", "-o", output)
    assert (result.code, result.err) == (0, (
        "ale: varning: rapportens typsnitt saknar 2 tecken, som inte syns i PDF:en; den blir därför inte PDF/A och "
        "PDF/UA (arkivbeständig och tillgänglig):\n"
        "  perioder/2020-08-31/dialoger/ksau-utbildning.yaml:5:26: '👍' (U+1F44D)\n"
        "  perioder/2020-08-31/dialoger/ksau-utbildning.yaml:5:27: '👍' (U+1F44D)\n"
        "  perioder/2020-08-31/dialoger/ksau-utbildning.yaml:5:45: '🚌' (U+1F68C)\n"
        "    tips: ta bort tecknen eller skriv dem med ord, och skapa PDF:en igen\n"
        f"Skrev {output} (Delårsbokslut 2 – delårsrapport 2020-08-31).\n"))
    pdf = output.read_bytes()
    assert b"pdfaid:part" not in _xmp(pdf) and "/StructTreeRoot" in _catalog(pdf)
    assert "Bra samtal" in _text(pdf)


def test_month_period_shows_ekonomi_only() -> None:
    text = _text(render_pdf.render(_view(period=dt.date(2020, 7, 31)), COMMIT_DATE))
    assert "Månadsuppföljning 2020" in text
    assert "234 840" in text and "4 840" in text
    for absent in ["Måluppfyllelse", "Internkontroll", "Helårsprognos", "Sammanfattande bedömning"]:
        assert absent not in text, absent


@pytest.mark.parametrize(("may", "pdf", "md"), [
    # a prognos is a nettokostnad: a lower one is better, said in words, for a sign would read as the avvikelse's
    ("420200", "Prognosen har sänkts med 5 200 tkr sedan 2020-05-31, från 420 200 tkr till 415 000 tkr.",
     "Helårsprognos 415 000 tkr (420 200 tkr per 2020-05-31: sänkt med 5 200 tkr)"),
    ("410000", "Prognosen har höjts med 5 000 tkr sedan 2020-05-31, från 410 000 tkr till 415 000 tkr.",
     "Helårsprognos 415 000 tkr (410 000 tkr per 2020-05-31: höjd med 5 000 tkr)"),
    ("415000.3", "Prognosen är oförändrad sedan 2020-05-31, 415 000 tkr.",
     "Helårsprognos 415 000 tkr (415 000 tkr per 2020-05-31: oförändrad)"),
])
def test_a_changed_prognos_is_told_lowered_or_raised(base_repo: Path, may: str, pdf: str, md: str) -> None:
    earlier = base_repo / "perioder/2020-05-31/namnder/utbildning.yaml"
    earlier.parent.mkdir(parents=True)
    earlier.write_text(f"ekonomi: {{utfall: 170000, prognos: {may}}}\n", encoding="utf-8")
    assert pdf in _text(render_pdf.render(_view(base_repo), COMMIT_DATE))
    assert md in render_md.render(_view(base_repo)).replace("\u00a0", " ")


def test_one_nämnd() -> None:
    text = _text(render_pdf.render(_view(nämnd="utbildning"), COMMIT_DATE))
    assert "Utbildningsnämnden" in text and "AB Alebyggen" not in text
    assert "Ahaga skola (2020-09-" in text  # the enheter are shown for one nämnd


def test_many_nämnder_put_the_matrix_on_a_landscape_page() -> None:
    view = _view()
    utbildning = view["nämnder"][1]
    view["nämnder"] = [dict(utbildning, id=f"n{i}", namn=f"Nämnd nummer {i}") for i in range(10)]
    for goal in view["målsättningar"]:
        goal["nämnder"] = {f"n{i}": {"bedömning": "ej uppfyllt", "härledd": i % 2 == 0} for i in range(10)}
    reader = _reader(render_pdf.render(view, COMMIT_DATE))
    landscape = [i for i, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height]
    assert len(landscape) == 1
    assert "Målsättning × nämnd" in reader.pages[landscape[0]].extract_text()


def test_a_large_repository_is_read_in_a_process_of_its_own(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The same PDF whether the repository is read here or in a child process (as it is for a large kommun); and
    through the child, invalid data and an unknown nämnd are told as they are without it."""
    from ale_cli.commands import report

    here = base_repo.parent / "här.pdf"
    apart = base_repo.parent / "isär.pdf"
    pdf = ("report", "--repo", base_repo, "--period", "2020-08-31", "--format", "pdf")
    assert ale(capsys, *pdf, "-o", here).code == 0
    monkeypatch.setattr(report, "APART_FROM", 0)
    monkeypatch.setattr(typeset, "replaces_process", lambda: False)
    assert ale(capsys, *pdf, "-o", apart).code == 0
    assert apart.read_bytes() == here.read_bytes()

    unknown = ale(capsys, *pdf, "--nämnd", "x")
    assert unknown.code == 2 and unknown.err.startswith("ale: okänd nämnd 'x'")
    path = base_repo / "perioder/2020-08-31/enheter/ahaga-skola.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bedömningar:", "bedomningar:"), encoding="utf-8")
    broken = base_repo.parent / "trasig.pdf"
    refused = ale(capsys, *pdf, "-o", broken)
    assert refused.code == 1 and not broken.exists()
    assert refused.err.splitlines()[0].startswith(
        "perioder/2020-08-31/enheter/ahaga-skola.yaml:2:1: ALE203 okänt fält 'bedomningar'")
    assert refused.err.endswith("ale: datat har fel; rätta dem först (se 'ale validate').\n")



def _exec_as_child(executed: list[tuple[list[str], dict[str, str]]]) -> Any:
    """os.execve as the test can watch it: the new program run as a child, its output passed on as the
    replaced process would write it, and its exit code this process's."""
    def execve(path: str, argv: list[str], env: dict[str, str]) -> None:
        executed.append((argv, env))
        child = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env)
        sys.stdout.write(child.stdout)
        sys.stderr.write(child.stderr)
        raise SystemExit(child.returncode)

    return execve


def test_a_large_report_is_set_in_a_process_that_holds_only_typst(
        capsys: pytest.CaptureFixture[str], base_repo: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """Where exec replaces the process, the pages of a large kommun's report are set by `python -P -m
    ale_cli.typeset JOB`: the same PDF, the same message, the job file gone; and a PDF it cannot write is the
    usage error it is in the report process."""
    from ale_cli.commands import report

    here = tmp_path / "här.pdf"
    pdf = ("report", "--repo", base_repo, "--period", "2020-08-31", "--format", "pdf")
    assert ale(capsys, *pdf, "-o", here).code == 0
    executed: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(report, "APART_FROM", 0)
    monkeypatch.setattr(typeset, "replaces_process", lambda: True)  # also where exec does not replace (Windows)
    monkeypatch.setattr(typeset.os, "execve", _exec_as_child(executed))
    monkeypatch.setattr(typeset.tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    monkeypatch.setenv("ALE_PROV", "ärvs")
    handed = tmp_path / "lämnad.pdf"
    result = ale(capsys, *pdf, "-o", handed)
    assert result.code == 0
    assert result.err == f"Skrev {handed} (Delårsbokslut 2 – delårsrapport 2020-08-31).\n"
    assert handed.read_bytes() == here.read_bytes()
    argv, env = executed[0]
    assert argv[:4] == [sys.executable, "-P", "-m", "ale_cli.typeset"]
    assert env == {**os.environ, "MALLOC_TRIM_THRESHOLD_": "0"} and env["ALE_PROV"] == "ärvs"
    job = Path(argv[4])
    assert job.parent == tmp_path and job.name.startswith("ale-rapport-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["här.pdf", "lämnad.pdf", "repo"]  # the job is gone

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")  # the user's own setting is kept
    assert ale(capsys, *pdf, "-o", tmp_path / "egen.pdf").code == 0
    assert executed[1][1]["MALLOC_TRIM_THRESHOLD_"] == "131072"

    a_file = tmp_path / "fil"
    a_file.write_text("en fil\n", encoding="utf-8")
    refused = ale(capsys, *pdf, "-o", a_file / "r.pdf")
    assert refused.code == 2
    assert refused.err == (f"ale: '{a_file / 'r.pdf'}' kan inte skrivas (en del av sökvägen är en fil, inte en "
                           "mapp); ingen fil har ändrats\n")
    assert a_file.read_text(encoding="utf-8") == "en fil\n"


def test_a_job_that_cannot_be_handed_over_is_done_here(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A full temporary folder, or a Python that cannot be started: the report process sets the PDF itself."""
    from ale_cli.commands import report

    monkeypatch.setattr(report, "APART_FROM", 0)
    monkeypatch.setattr(typeset, "replaces_process", lambda: True)
    monkeypatch.setattr(typeset.tempfile, "tempdir", str(tmp_path / "finns-inte"))
    pdf = ("report", "--repo", base_repo, "--period", "2020-08-31", "--format", "pdf")
    written = tmp_path / "här.pdf"
    result = ale(capsys, *pdf, "-o", written)
    assert (result.code, result.err) == (0, f"Skrev {written} (Delårsbokslut 2 – delårsrapport 2020-08-31).\n")
    assert written.read_bytes().startswith(b"%PDF")

    def cannot_start(path: str, argv: list[str], env: dict[str, str]) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(typeset.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(typeset.os, "execve", cannot_start)
    again = tmp_path / "igen.pdf"
    assert ale(capsys, *pdf, "-o", again).code == 0
    assert again.read_bytes() == written.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["här.pdf", "igen.pdf", "repo"]  # no job left behind

    def interrupted(path: str, argv: list[str], env: dict[str, str]) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(typeset.os, "execve", interrupted)
    stopped = ale(capsys, *pdf, "-o", tmp_path / "avbruten.pdf")
    assert (stopped.code, stopped.err) == (130, "ale: avbrutet\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["här.pdf", "igen.pdf", "repo"]


def test_the_typesetting_process_tells_an_internal_error_and_removes_its_job(tmp_path: Path) -> None:
    job = tmp_path / "jobb.json"
    job.write_text('{"data": "{}", "timestamp": null, "output": "x.pdf", "done": "klar"}', encoding="utf-8")
    child = subprocess.run([sys.executable, "-P", "-m", "ale_cli.typeset", str(job)], capture_output=True,
                           text=True, encoding="utf-8", cwd=tmp_path)
    assert child.returncode == 3
    assert child.stderr.startswith("ale: internt fel: RuntimeError: Typst kunde inte sätta rapporten: ")
    assert not job.exists() and not (tmp_path / "x.pdf").exists()


def test_a_sum_that_its_rounded_rows_do_not_add_up_to_is_explained(base_repo: Path) -> None:
    """Each amount is rounded by itself: 45 000,4 and 1 000,4 tkr show as 45 000 and 1 000, their sum as 46 001."""
    budget = base_repo / "namnder/utbildning/2020/budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "  - {id: ny-skola-nol, namn: Ny skola i Nol, budget: 45000}",
        "  - {id: ny-skola-nol, namn: Ny skola i Nol, budget: 45000.4}\n"
        "  - {id: idrottshall-nol, namn: Idrottshall i Nol, budget: 1000.4}"), encoding="utf-8")
    view = _view(base_repo)
    assert (view["ekonomi"]["avrundning"], view["ekonomi"]["investeringar_avrundning"]) == (False, True)
    explained = "Varje belopp är avrundat för sig till hela tkr, så raderna summerar inte exakt till summan."
    markdown = render_md.render(view)
    assert f"Avvikelse = budget − prognos. {explained}" in markdown
    assert markdown.count(explained) == 1  # under the investments, not under the driftredovisning
    assert f"| **Summa** | | 46{chr(0xA0)}001 |" in markdown
    assert "Varje belopp är avrundat för sig till hela tkr" in _text(render_pdf.render(view))


def test_a_bolags_own_report_sums_no_nämnder() -> None:
    """A bolag has no share of the nämnders' budget: its report neither sums them nor calls their sum missing."""
    view = _view(nämnd="alebyggen")
    assert view["ekonomi"]["nämnder"] == [] and view["saknas"] == []
    for text in (render_md.render(view), _text(render_pdf.render(view))):
        assert "Sammanfattning" in text and "Uppgifter som saknas" in text
        assert "nämnderna (tkr)" not in text and "Summa nämnder" not in text and "Uppgift saknas" not in text
        assert "Driftredovisning" not in text


def _investments(repo: Path, reported: str) -> None:
    """Three investments in utbildning's budget, and at 2020-08-31 what `reported` says of them."""
    budget = repo / "namnder/utbildning/2020/budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "  - {id: ny-skola-nol, namn: Ny skola i Nol, budget: 45000}",
        "  - {id: a, namn: A, budget: 2000}\n  - {id: b, namn: B, budget: 1000}\n  - {id: c, namn: C, budget: 500}"),
        encoding="utf-8")
    note = repo / "perioder/2020-08-31/namnder/utbildning.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("  ny-skola-nol: {utfall: 21000, prognos: 44000}\n",
                                                             reported), encoding="utf-8")


def test_a_sum_is_of_the_amounts_as_written(base_repo: Path) -> None:
    """1 033,6 + 605,8 + 202,1 is 1 841,5 and shows as 1 842, as its rows add up (a sum of floats is just below)."""
    _investments(base_repo, "  a: {utfall: 1033.6, prognos: 2000}\n  b: {utfall: 605.8, prognos: 1000}\n"
                            "  c: {utfall: 202.1, prognos: 500}\n")
    view = _view(base_repo)
    assert view["ekonomi"]["investeringar_summa"]["utfall_tkr"] == 1841.5
    assert view["ekonomi"]["investeringar_avrundning"] is False
    assert f"| **Summa** | | 3{chr(0xA0)}500 | 1{chr(0xA0)}842 |" in render_md.render(view)


def test_only_the_columns_shown_can_call_for_the_rounding_note(base_repo: Path) -> None:
    """At the årsbokslut the investments show no prognos: its rounding is nobody's concern there."""
    _investments(base_repo, "  a: {utfall: 1000, prognos: 1450.4}\n  b: {utfall: 500, prognos: 1600.4}\n"
                            "  c: {utfall: 100, prognos: 500}\n")
    assert _view(base_repo)["ekonomi"]["investeringar_avrundning"] is True  # a delårsbokslut shows the prognos
    year_end = base_repo / "perioder/2020-12-31/namnder"
    year_end.mkdir(parents=True)
    (year_end / "utbildning.yaml").write_text(
        (base_repo / "perioder/2020-08-31/namnder/utbildning.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    checked = run(base_repo.resolve())
    view = build(checked.repo, checked.index, dt.date(2020, 12, 31), SOURCE, None)
    assert view["ekonomi"]["investeringar_avrundning"] is False


def test_a_bolags_ekonomi_is_its_utfall_and_prognos(base_repo: Path) -> None:
    note = base_repo / "perioder/2020-08-31/namnder/alebyggen.yaml"
    note.write_text(note.read_text(encoding="utf-8") + "ekonomi: {utfall: 1200.4, prognos: 2000}\n", encoding="utf-8")
    view = _view(base_repo, nämnd="alebyggen")
    markdown = render_md.render(view)
    assert f"**Ekonomi.** Utfall 1{chr(0xA0)}200 tkr. Helårsprognos 2{chr(0xA0)}000 tkr." in markdown
    pdf = _text(render_pdf.render(view))
    assert "Belopp i tkr. Utfall Prognos 1 200 2 000" in pdf
    assert "Uppgift saknas" not in markdown + pdf and "Budget" not in pdf


def test_a_month_shows_no_investments_and_so_no_note_for_them(base_repo: Path) -> None:
    budget = base_repo / "namnder/utbildning/2020/budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "  - {id: ny-skola-nol, namn: Ny skola i Nol, budget: 45000}",
        "  - {id: ny-skola-nol, namn: Ny skola i Nol, budget: 1500.4}\n  - {id: b, namn: B, budget: 2200.4}"),
        encoding="utf-8")
    assert _view(base_repo)["ekonomi"]["investeringar_avrundning"] is True  # 1 500 + 2 200, summed 3 701
    month = _view(base_repo, dt.date(2020, 7, 31))
    assert (month["innehåll"]["investeringar"], month["ekonomi"]["investeringar_avrundning"]) == (False, False)


def test_a_long_word_in_a_narrow_column_is_hyphenated_not_run_into_the_next() -> None:
    """A Swedish compound wider than its column is broken with a hyphen, as it would otherwise overlap the next."""
    view = _view()
    utbildning = next(n for n in view["nämnder"] if n["id"] == "utbildning")
    utbildning["internkontroll"]["kontroller"][0]["kommentar"] = "Egenkontrollprogrammet följs i alla fyra kök."
    text = _text(render_pdf.render(view, COMMIT_DATE))
    assert "avvikelse Egenkontrollprogram- met följs i alla fyra kök. Utbildning i inköp" in text


def _chart_arrows(pdf: bytes) -> tuple[float, dict[str, float]]:
    """On the chart's page (its caption's): the x of the chart's zero line, and of each arrow's text."""
    page = next(page for page in _reader(pdf).pages if "Stapel åt höger är överskott" in page.extract_text())
    zero: list[float] = []
    arrows: dict[str, float] = {}
    ops: list[tuple[bytes, list[Any], list[float]]] = []

    def operand(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        ops.append((op, list(args), list(cm)))  # pypdf reuses its lists

    def text(content: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        for arrow in ("← underskott", "överskott →"):
            if arrow in content:
                arrows[arrow] = tm[4] * cm[0] + cm[4]

    page.extract_text(visitor_operand_before=operand, visitor_text=text)
    for (op, _, cm), (next_op, next_args, _) in zip(ops, ops[1:], strict=False):
        # the zero line: a vertical line from where the bars' box starts (bars are closed shapes, not one line)
        if op == b"m" and next_op == b"l" and float(next_args[0]) == 0 and float(next_args[1]) > 0:
            zero.append(cm[4])
    assert len(set(zero)) == 1, zero
    return zero[0], arrows


def _with_avvikelser(view: dict[str, Any], values: list[tuple[float, float]]) -> dict[str, Any]:
    """The view with one nämnd per (periodavvikelse, avvikelse helår) in the driftredovisning."""
    row = view["ekonomi"]["nämnder"][0]
    view["ekonomi"]["nämnder"] = [dict(row, id=f"n{i}", namn=f"Nämnd {i}", periodavvikelse_tkr=period,
                                       avvikelse_tkr=year) for i, (period, year) in enumerate(values)]
    return view


def test_the_charts_arrows_stand_at_its_zero_line_each_on_its_side() -> None:
    """A small överskott beside a large underskott: "överskott →" still starts right of the zero line."""
    zero, arrows = _chart_arrows(render_pdf.render(_with_avvikelser(_view(), [(-7222, -9000), (1203, 800)])))
    assert arrows["← underskott"] < zero < arrows["överskott →"]


def test_a_chart_with_bars_on_one_side_has_the_arrow_of_that_side_only() -> None:
    zero, arrows = _chart_arrows(render_pdf.render(_with_avvikelser(_view(), [(2782, 1200)])))
    assert list(arrows) == ["överskott →"] and arrows["överskott →"] > zero
    zero, arrows = _chart_arrows(render_pdf.render(_with_avvikelser(_view(), [(-957, -1100), (-9208, -10500)])))
    assert list(arrows) == ["← underskott"] and arrows["← underskott"] < zero


def test_a_bolags_bedömningar_have_no_columns_for_a_sektor_or_enheter() -> None:
    """A bolag has no sektor and no dialogue chain: its table is its bedömning and comment, not two columns of –."""
    view = _view(nämnd="alebyggen")
    markdown = render_md.render(view)
    assert "| Målsättning | Bolaget | Kommentar |\n| --- | --- | --- |\n" in markdown
    assert "Sektorn" not in markdown and "Enheterna" not in markdown
    pdf = _text(render_pdf.render(view))
    assert "Målsättning Bolaget Kommentar" in pdf
    assert "Sektorn" not in pdf and "Enheterna" not in pdf
    kommun = render_md.render(_view())  # a nämnd beside it keeps its chain's columns
    assert "| Målsättning | Nämnden | Sektorn | Enheterna | Kommentar |" in kommun


def test_a_målvärde_too_wide_for_its_cell_keeps_its_sign_with_its_number_and_its_unit_whole() -> None:
    """'≥ 32 250 invånare' in the narrow Målvärde column: '≥ 32 250' on one line and 'invånare' on the next, not
    '≥' alone at a line's end nor 'invå-nare'."""
    view = _view()
    mått = next(n for n in view["nämnder"] if n["id"] == "utbildning")["mått"][0]
    mått.update(målvärde=32250, enhet="invånare", utfall=32086)
    lines: list[str] = []  # the PDF's runs of text, a cell's line each
    for page in _reader(render_pdf.render(view, COMMIT_DATE)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: lines.append(text.strip()))
    assert "≥\u00a032\u00a0250" in lines and "invånare" in lines
    assert not any(line.startswith("invå-") for line in lines)


def _struct_elements(pdf: bytes) -> list[Any]:
    """Every element of the PDF's tag tree (its /StructTreeRoot), in the order a screen reader reads them."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not hasattr(node, "get") or "/S" not in node:
            return
        found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    root = _catalog(pdf)["/StructTreeRoot"]["/K"].get_object()
    for kid in root if isinstance(root, list) else [root]:
        walk(kid)
    return found


def _bookmarks(outline: list[Any]) -> list[str]:
    """Every bookmark's title, those under another too, in order."""
    return [title for item in outline
            for title in (_bookmarks(item) if isinstance(item, list) else [item.title])]


def _alt_texts(pdf: bytes) -> list[str]:
    return [str(element["/Alt"]) for element in _struct_elements(pdf) if element["/S"] == "/Figure"]


def test_every_part_is_read_in_the_reports_language(base_pdf: bytes) -> None:
    """WCAG 3.1.2: a part marked with another language is read by a screen reader in that language's voice; the
    report is Swedish throughout, the commit on its title page too."""
    langs = {str(element["/Lang"]) for element in _struct_elements(base_pdf) if "/Lang" in element}
    assert langs <= {"sv-SE"}, langs
    assert any(element["/S"] == "/Code" for element in _struct_elements(base_pdf))  # the commit, still code


def test_the_charts_alt_text_sends_a_screen_reader_to_the_table_with_the_same_amounts() -> None:
    """The alt text is read in the chart's place, the amounts beside its bars included: it names the table where
    they stand, not one 'beside the bars' that a screen reader never reaches."""
    for period, columns in [(dt.date(2020, 8, 31), "i kolumnerna Periodavvikelse och Avvikelse helår"),
                            (dt.date(2020, 10, 31), "i kolumnen Periodavvikelse"),
                            (dt.date(2020, 12, 31), "i kolumnen Budgetavvikelse")]:
        pdf = render_pdf.render(_view(period=period))
        (chart,) = [alt for alt in _alt_texts(pdf) if alt.startswith("Stapeldiagram")]
        assert f"Beloppen står i tabellen Driftredovisning ovan, {columns}." in chart, chart
        assert "Driftredovisning (tkr)" in _bookmarks(_reader(pdf).outline)
        assert "bredvid staplarna" not in chart


def test_the_risk_matrix_is_read_aloud_cell_by_cell(base_pdf: bytes) -> None:
    """A screen reader hears the alt text, not the grid: it tells the cells that hold kontroller."""
    (matrix,) = [alt for alt in _alt_texts(base_pdf) if alt.startswith("Riskmatris")]
    assert matrix == ("Riskmatris, antal kontroller per sannolikhet och konsekvens: sannolikhet 3 och konsekvens 3 "
                      "(riskvärde 9): 1 kontroll. Övriga rutor har inga kontroller.")


def _luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour (a grey is one component)."""
    r, g, b = (rgb * 3)[:3] if len(rgb) == 1 else rgb
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_risk_matrix_numbers_are_legible_on_every_risk_colour(base_pdf: bytes) -> None:
    """WCAG 1.4.3: text at least 4.5:1 against its background. The matrix's text (its counts, riskvärden and
    axes) against every colour filled on its page (the cells and the legend's squares)."""
    reader = _reader(base_pdf)
    (figure,) = [e for e in _struct_elements(base_pdf) if e["/S"] == "/Figure"
                 and str(e["/Alt"]).startswith("Riskmatris")]
    marked: set[int] = set()

    def collect(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):
            marked.add(node)
        elif isinstance(node, list):
            for kid in node:
                collect(kid)
        elif hasattr(node, "get") and "/S" in node:
            collect(node.get("/K", []))

    collect(figure["/K"])
    page = next(p for p in reader.pages if p.indirect_reference.idnum == figure.raw_get("/Pg").idnum)
    text_colours, fills = set(), set()
    colour: tuple[float, ...] = (0.0,)
    stack: list[tuple[float, ...]] = []
    inside: list[bool] = []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op in (b"scn", b"sc", b"g", b"rg"):
            colour = tuple(float(x) for x in operands if isinstance(x, (int, float)) or hasattr(x, "as_numeric"))
        elif op == b"q":
            stack.append(colour)
        elif op == b"Q":
            colour = stack.pop()
        elif op == b"BDC":
            mcid = operands[1].get("/MCID") if hasattr(operands[1], "get") else None
            inside.append(mcid in marked)
        elif op == b"BMC":
            inside.append(False)
        elif op == b"EMC":
            inside.pop()
        elif op in (b"f", b"f*", b"B", b"b") and len(colour) == 3:
            fills.add(colour)
        elif op in (b"Tj", b"TJ") and any(inside):
            text_colours.add(colour)
    assert len(fills) == 4 and text_colours, (fills, text_colours)
    for text in text_colours:
        for fill in fills:
            assert _contrast(text, fill) >= 4.5, (text, fill, _contrast(text, fill))
