"""Hostile and broken input: nothing crashes, nothing is lost, nothing leaks.

CI runs `ale` on whatever a pull request holds, and report templates may come from the repository itself. What a
case in tests/corpus/invalid/ can show (a broken file laid over the base) is there; this file holds the rest:
the loader on its own, links, rights, sizes, templates, written files, and the same cases run as the CLI runs them.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ale_cli import models as m
from ale_cli import privacy
from ale_cli.load import decode, parse
from ale_cli.parse import parse_model
from ale_cli.repository import MAX_FILE_BYTES
from ale_cli.walk import KNOWN_FOLDERS
from tests.cli_helpers import Result, ale
from tests.corpus_cases import INVALID, build, expected

Found = list[tuple[str, int, int, str]]

SECRET = "HEMLIGT-INNEHÅLL-SOM-ALDRIG-SKRIVS-UT"
P = "perioder/2020-08-31"


def parsed(text: str) -> Found:
    _, found = parse("f.yaml", text)
    return [(d.code, d.line, d.column, d.message) for d in found]


def decoded(raw: bytes) -> Found:
    _, found = decode("f.yaml", raw)
    return [(d.code, d.line, d.column, d.message) for d in found]


def validate(capsys: pytest.CaptureFixture[str], repo: Path) -> tuple[int, list[str]]:
    """`ale validate` as CI runs it: the exit code and the diagnostic lines, without hints and summary."""
    result = ale(capsys, "validate", "--repo", repo)
    assert "Traceback" not in result.err and "internt fel" not in result.err, result.err
    return result.code, [line for line in result.out.splitlines()[:-1] if not line.startswith("    tips: ")]


def symlink(link: Path, target: Path | str) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):  # pragma: no cover - Windows without the privilege
        pytest.skip("symbolic links cannot be made here")


def tree_hash(root: Path) -> str:
    """Every name, file content and link target under `root`, links not followed."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted([*folders, *files]):
            path = Path(folder, name)
            digest.update(path.relative_to(root).as_posix().encode())
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


# -- YAML the loader refuses, or reads as 1.2 ---------------------------------------------------------------


@pytest.mark.parametrize("text, found", [
    ("%YAML 1.1\n---\naktiv: yes\n",
     [("ALE006", 1, 1, "direktivet '%YAML 1.1' stöds inte; filerna läses som YAML 1.2")]),
    ("# kommentar\n%YAML 1.1\n---\nkod: 010\n",
     [("ALE006", 2, 1, "direktivet '%YAML 1.1' stöds inte; filerna läses som YAML 1.2")]),
    ("%YAML 1.3\n---\na: 1\n",
     [("ALE006", 1, 1, "YAML-versionen i direktivet '%YAML' stöds inte; filerna läses som YAML 1.2")]),
    ("%YAML 2.0\n---\na: 1\n",
     [("ALE006", 1, 1, "YAML-versionen i direktivet '%YAML' stöds inte; filerna läses som YAML 1.2")]),
    ("%INCLUDE /etc/passwd\n---\na: 1\n",
     [("ALE001", 1, 9, "YAML-syntaxfel: okänt direktiv ('%' först på en rad inleder ett YAML-direktiv)")]),
])
def test_yaml_directives(text: str, found: Found) -> None:
    assert parsed(text) == found


def test_yaml_1_2_directive_is_read() -> None:
    document, found = parse("f.yaml", "%YAML 1.2\n---\naktiv: yes\nkod: 010\n")
    assert found == [] and document is not None and document.data == {"aktiv": "yes", "kod": 10}


@pytest.mark.parametrize("text, found", [
    ("bilaga: !!binary aGVtbGlndA==\n", ("ALE006", 1, 9, "YAML-taggen '!!binary' stöds inte")),
    ("deltagare: !!set {Eva, Lars}\n", ("ALE006", 1, 12, "YAML-taggen '!!set' stöds inte")),
    ("x: !!python/object/apply:os.system [ls]\n",
     ("ALE006", 1, 4, "YAML-taggen '!!python/object/apply:os.system' stöds inte")),
    ("dialog: !include {fil: x.yaml}\n", ("ALE006", 1, 9, "YAML-taggen '!include' stöds inte")),
    ("namn: !!str {a: 1}\n", ("ALE006", 1, 7, "YAML-taggen '!!str' stöds inte")),
    ("utfall: !!int tolv\n", ("ALE006", 1, 9, "'tolv' passar inte YAML-taggen '!!int'")),
    ("utfall: !!float 12,5\n", ("ALE006", 1, 9, "'12,5' passar inte YAML-taggen '!!float'")),
    ("klar: !!bool ja\n", ("ALE006", 1, 7, "'ja' passar inte YAML-taggen '!!bool'")),
    ("kommentar: !!null Mäts i december\n", ("ALE006", 1, 12, "'Mäts i december' passar inte YAML-taggen '!!null'")),
    ("utfall: " + "9" * 5000 + "\n", ("ALE206", 1, 9, "talet har för många siffror (5000)")),
    ("utfall: -" + "9" * 4400 + "\n", ("ALE206", 1, 9, "talet har för många siffror (4401)")),
])
def test_tags_and_scalars_that_cannot_be_read_are_refused(text: str, found: tuple[str, int, int, str]) -> None:
    """`!!int tolv` and a 5 000-digit number used to end the run with a Python error."""
    assert parsed(text) == [found]


def test_core_tags_that_fit_their_value_are_read() -> None:
    document, found = parse("f.yaml", "a: !!int 12\nb: !!float 1\nc: !!str 12\nd: !!null ~\ne: !!bool false\n"
                                      "f: !!timestamp 2020-08-31\ng: !!seq [1]\nh: !!map {i: 1}\n")
    assert found == [] and document is not None
    assert document.data == {"a": 12, "b": 1.0, "c": "12", "d": None, "e": False, "f": "2020-08-31", "g": [1],
                             "h": {"i": 1}}


@pytest.mark.parametrize("text, found", [
    ("2020-08-31: 219\n", ("ALE010", 1, 1, "nyckeln '2020-08-31' är inte text")),
    ("1.5: x\n", ("ALE010", 1, 1, "nyckeln '1.5' är inte text")),
    ("null: x\n", ("ALE010", 1, 1, "nyckeln 'null' är inte text")),
    ("? [a, b]\n: x\n", ("ALE010", 1, 3, "nyckeln '…' är inte text")),
])
def test_keys_that_are_numbers_dates_or_lists(text: str, found: tuple[str, int, int, str]) -> None:
    assert parsed(text) == [found]


def test_a_quoted_date_key_is_text() -> None:
    document, found = parse("f.yaml", "'2020-08-31': 219\n")
    assert found == [] and document is not None and document.data == {"2020-08-31": 219}


def test_5000_deep_nesting_in_block_style() -> None:
    text = "a:\n" + "".join(" " * level + "- \n" for level in range(5000)) + "x\n"
    [(code, line, _, message)] = parsed(text)  # stopped at the 200th level, not read to the 5000th
    assert (code, line, message) == ("ALE001", 201, "filen är för djupt nästlad för att läsas")


# -- encodings and characters ---------------------------------------------------------------------------------


UTF16 = "filen är sparad som UTF-16 utan BOM, inte UTF-8"
NEL = "filen innehåller tecknet U+0085 (NEL, ofta ett '…' från Windows-1252 som konverterats fel)"
CONTROL = "filen innehåller styrtecknet U+{:04X}, som inte får stå i en YAML-fil"
BOM = "filen innehåller tecknet U+FEFF (BOM, ett osynligt byte-ordningsmärke) efter filens början"


@pytest.mark.parametrize("raw, found", [
    ("namn: Sektor\nnämnd: x\n".encode("utf-16-le"), [("ALE002", 1, 1, UTF16)]),
    ("namn: Sektor\nnämnd: x\n".encode("utf-16-be"), [("ALE002", 1, 1, UTF16)]),
    ("namn: Sektor\n".encode("utf-32"), [("ALE002", 1, 1, "filen är sparad som UTF-32, inte UTF-8")]),
    ("namn: x\nkommentar: 5 €\n".encode("cp1252"),
     [("ALE002", 2, 14, "filen är inte UTF-8: byte 0x80 ('€' i Windows-1252/Latin-1)")]),
    ("namn: x\r\nkommentar: a – b\r\n".encode("cp1252"),
     [("ALE002", 2, 14, "filen är inte UTF-8: byte 0x96 ('–' i Windows-1252/Latin-1)")]),
    ("a: 1\rb: 2\rc: ö\r".encode("latin-1"),  # classic Mac line endings: CR alone ends a line
     [("ALE002", 3, 4, "filen är inte UTF-8: byte 0xF6 ('ö' i Windows-1252/Latin-1)")]),
    (b"a: \x81\n", [("ALE002", 1, 4, "filen är inte UTF-8: byte 0x81")]),
    (b"a: x\r\n\r\n\x00", [("ALE002", 3, 1, "filen innehåller NUL-tecken och är inte en textfil")]),
    ("a: Text\u2028mer\n".encode(), [("ALE002", 1, 8, "filen innehåller tecknet U+2028 (radavgränsare)")]),
    ("a: x\nb: Text\u2029\n".encode(), [("ALE002", 2, 8, "filen innehåller tecknet U+2029 (styckeavgränsare)")]),
    ("a: Vänta\x85\n".encode(), [("ALE002", 1, 9, NEL)]),
    # two files joined, each with its BOM: the second one first on a line reads as one column of indentation
    ("namn: Sektor\n\ufeffnämnd: x\n".encode("utf-8-sig"), [("ALE002", 2, 1, BOM)]),
    ("\ufeffnamn: Sektor\n".encode("utf-8-sig"), [("ALE002", 1, 1, BOM)]),
    ("namn: Sektor\r\nnämnd: x\ufeff\r\n".encode("utf-16"), [("ALE002", 2, 9, BOM)]),
])
def test_encodings_are_named_with_where(raw: bytes, found: Found) -> None:
    assert decoded(raw) == found
    assert all(d.hint for d in decode("f.yaml", raw)[1])


def test_latin1_hint_says_how_to_resave() -> None:
    [diagnostic] = decode("f.yaml", "nämnd: x\n".encode("cp1252"))[1]
    assert "spara om filen som UTF-8" in diagnostic.hint and "Save with Encoding" in diagnostic.hint


@pytest.mark.parametrize("encoding, shown", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")])
def test_utf16_without_bom_hint_says_to_reopen_it_as_utf16(encoding: str, shown: str) -> None:
    """Reopened as Windows 1252, as the hint for Latin-1 says, it would be every other character a NUL."""
    [diagnostic] = decode("f.yaml", "nämnd: x\n".encode(encoding))[1]
    hint = ("spara om filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8; i VS Code: "
            f"'Reopen with Encoding' {shown}, sedan 'Save with Encoding' UTF-8)")
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == ("ALE002", UTF16, hint)


def test_utf32_hint_does_not_send_to_windows_1252() -> None:
    [diagnostic] = decode("f.yaml", "nämnd: x\n".encode("utf-32"))[1]
    assert diagnostic.hint == "spara om filen som UTF-8 i programmet som skrev den; VS Code läser inte UTF-32"


@pytest.mark.parametrize("text, found", [
    ("sammanfattning: Kort\x0ctext\n", ("ALE002", 1, 21, CONTROL.format(0x0C))),
    ("a: ok\r\nb: \x1b[31mröd\n", ("ALE002", 2, 4, CONTROL.format(0x1B))),
    ("a: |\n  åäö\x7f\n", ("ALE002", 2, 6, CONTROL.format(0x7F))),
])
def test_control_characters_are_a_diagnostic_not_a_crash(text: str, found: tuple[str, int, int, str]) -> None:
    """A form feed pasted from another program used to end the run with ruamel's ReaderError."""
    assert parsed(text) == [found]


def test_crlf_and_cr_lines_are_counted_alike_by_every_stage() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["namn: x", "kommentar: Elev 811218-9876", "typ: b: c", ""])
        colon = "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)"
        assert parsed(text) == [("ALE001", 3, 7, colon)]
        [pnr] = privacy.scan("f.yaml", text)
        assert (pnr.line, pnr.column) == (2, 17)


@pytest.mark.parametrize(("written", "hint"), [
    ("897 400", "skriv talet utan mellanslag: 897400"),
    ("897\u00a0400", "skriv talet utan mellanslag: 897400"),  # Excel's grouping, pasted
    ("121500,5", "skriv decimaltecknet som punkt: 121500.5"),
    ("897 400,5", "skriv talet utan mellanslag och med punkt som decimaltecken: 897400.5"),
    ("\u221210 500", "skriv minustecknet som ett vanligt bindestreck: -10500"),  # Word's minus sign
    ("897_400", "skriv talet utan '_': 897400 (i YAML 1.2 är 897_400 text)"),  # read as a number by YAML 1.1
    ("12 %", "skriv talet utan enheten '%': 12"),
    ("553 606 tkr", "skriv talet utan enheten 'tkr': 553606"),
    ("72,4 %", "skriv talet utan enheten '%': 72.4"),
    ("896,2 mkr", ("skriv talet utan enheten 'mkr': 896.2; belopp i ekonomi, budget och investeringar skrivs i tkr: "
                   "896200")),
    ("12 Mkr", "skriv talet utan enheten 'Mkr': 12; belopp i ekonomi, budget och investeringar skrivs i tkr: 12000"),
    ("1.234.567", "skriv talet utan tusentalspunkter: 1234567"),
    ("ungefär 12 tkr", "skriv talet utan citattecken och utan enhet, med punkt som decimaltecken"),
])
def test_a_number_written_the_swedish_way_is_told_how_to_write_it(written: str, hint: str) -> None:
    document, _ = parse("f.yaml", f"nettokostnad: {written}\n")
    assert document is not None
    [found] = parse_model(document, m.Budget)[1]
    assert (found.code, found.line, found.column, found.hint) == ("ALE201", 1, 15, hint)


@pytest.mark.parametrize(("text", "model", "expected"), [
    # a dialogue note from `ale new`, its date uncommented but not filled in
    ("dialog: {datum: ÅÅÅÅ-MM-DD, deltagare: [Eva Holm]}\n", m.Dialoganteckning,
     ("ALE205", 1, 17, "'datum' ska fyllas i: 'ÅÅÅÅ-MM-DD' står kvar från mallen",
      "skriv datum som ÅÅÅÅ-MM-DD, till exempel 2020-08-31")),
    # a mått is its utfall, or a mapping: an empty one is told both ways
    ("mått:\n  meritvarde-ak9:\n", m.Nämnduppföljning,
     ("ALE201", 2, 18, "'meritvarde-ak9' ska vara ett tal (utfallet) eller {utfall: …, kommentar: …}, inte tomt",
      ("skriv utfallet efter kolonet, 'meritvarde-ak9: 219', eller 'meritvarde-ak9: {kommentar: …}' om varför "
       "det saknas"))),
    # a mått whose value is commented out, as `ale new` writes it: the mått's hint, not one to quote a text
    ("mått:\n  meritvarde-ak9:  # Genomsnittligt meritvärde\n", m.Nämnduppföljning,
     ("ALE201", 2, 18, "'meritvarde-ak9' ska vara ett tal (utfallet) eller {utfall: …, kommentar: …}, inte tomt",
      ("skriv utfallet efter kolonet, 'meritvarde-ak9: 219', eller 'meritvarde-ak9: {kommentar: …}' om varför "
       "det saknas"))),
    # a line of `ale new`'s template uncommented but not filled in: no Python word in the message
    ("bedömningar:\n  - målsättning: god-utbildning\n    bedömning:  # uppfyllt | delvis uppfyllt\n",
     m.Nämnduppföljning,
     ("ALE204", 3, 15, "'bedömning' ska fyllas i",
      "tillåtna värden: 'uppfyllt', 'delvis uppfyllt', 'ej uppfyllt', 'ej bedömt'")),
    # a block of `ale new`'s template uncommented, a number and a text not filled in: what to write, where
    ("ekonomi:\n  utfall:\n  prognos: 415000\n", m.Nämnduppföljning,
     ("ALE201", 2, 10, "'utfall' ska vara ett tal, inte tomt",
      "skriv talet efter kolonet")),
    ("framgångsfaktorer:\n  # Tidiga och samordnade insatser\n  tidiga-insatser:\n", m.Nämnduppföljning,
     ("ALE201", 3, 19, "'tidiga-insatser' ska vara text, inte tomt", "skriv texten efter kolonet")),
    # a text with ': ' is a key with its value; in Word's quotes too
    ("aktiviteter:\n  - „Uppföljning: i november“\n  - Plan: klar\n", m.Teamrapport,
     ("ALE201", 2, 5, "'aktiviteter nr 1' ska vara text, inte en mappning",
      ("texten har ': ' och läses därför som en nyckel med ett värde; sätt hela texten inom raka citattecken (\"), "
      "inte '„', som är ett typografiskt citattecken (från Word eller Outlook) och läses som text"))),
    ("aktiviteter:\n  - Plan: klar\n", m.Teamrapport,
     ("ALE201", 2, 5, "'aktiviteter nr 1' ska vara text, inte en mappning",
      "texten har ': ' och läses därför som en nyckel med ett värde; sätt hela texten inom raka citattecken (\")")),
    # '#' starts a comment: the name is empty, and the hint says why
    ("namn: #1 Grundskola\nnämnd: utbildning\nsektorchef: Eva Holm\n", m.Sektor,
     ("ALE201", 1, 6, "'namn' ska vara text, inte tomt",
      "'#' inleder en kommentar i YAML, så resten av raden läses inte; sätt texten inom citattecken")),
])
def test_an_empty_or_unfilled_value_is_told_why(text: str, model: type[m.Model],
                                                expected: tuple[str, int, int, str, str]) -> None:
    document, _ = parse("f.yaml", text)
    assert document is not None
    found = [(d.code, d.line, d.column, d.message, d.hint) for d in parse_model(document, model)[1]]
    assert expected in found


# a space from Word, Outlook or Teams (U+00A0, U+200B) in a key or a value: the eye sees the right one
@pytest.mark.parametrize(("text", "model", "expected"), [
    # indented by a hard space, the lines are keys of the file: not 'okänt fält … menade du'
    ("bedömningar:\n\u00a0 - målsättning: god-utbildning\n", m.Nämnduppföljning,
     ("ALE005", 2, 1, "ett hårt mellanslag (U+00A0) i indraget, där YAML kräver ett vanligt mellanslag")),
    ("sammanfattning\u00a0: Kort.\n", m.Nämnduppföljning,
     ("ALE005", 1, 15, "ett hårt mellanslag (U+00A0) i fältet 'sammanfattning\u00a0'")),
    ("bedömningar:\n  - målsättning: god-utbildning\n    bedömning: delvis uppfyllt\u00a0\n", m.Nämnduppföljning,
     ("ALE204", 3, 31, ("'delvis uppfyllt\u00a0' är inte ett tillåtet värde för 'bedömning' — menade du "
                        "'delvis uppfyllt'?"))),
    ("bedömningar:\n  - målsättning: god-\u200butbildning\n    bedömning: uppfyllt\n", m.Nämnduppföljning,
     ("ALE207", 2, 22, "'god-\u200butbildning' är inget giltigt id")),
    ("dialog: {datum: 2020-09-03\u00a0}\n", m.Dialoganteckning,
     ("ALE205", 1, 27, "'datum': '2020-09-03\u00a0' är inget datum i formen ÅÅÅÅ-MM-DD")),
])
def test_a_pasted_space_in_a_key_or_value_is_named(text: str, model: type[m.Model],
                                                   expected: tuple[str, int, int, str]) -> None:
    document, _ = parse("f.yaml", text)
    assert document is not None
    found = parse_model(document, model)[1]
    assert [(d.code, d.line, d.column, d.message) for d in found][-1:] == [expected]
    assert "radera tecknet, och skriv ett vanligt mellanslag om ett behövs där" in found[-1].hint


def test_a_list_whose_dashes_are_followed_by_hard_spaces_is_told_why_it_is_a_text() -> None:
    document, _ = parse("f.yaml", "typ: ksau\ndatum: 2020-10-06\nnämnd: x\növerenskommelser:\n"
                                  "  -\u00a0Följ upp i november\n  -\u00a0Stäm av lokalerna\n")
    assert document is not None
    [found] = parse_model(document, m.Dialog)[1]
    assert (found.code, found.line, found.column) == ("ALE201", 5, 3)
    assert found.hint.startswith("'-' följs av ett hårt mellanslag (U+00A0), så raderna läses som en enda text och "
                                 "inte som en lista: radera tecknet")


# -- long values ----------------------------------------------------------------------------------------------


def test_a_100_kb_value_is_shortened_in_messages() -> None:
    long = "delvis " * 15_000
    document, _ = parse("f.yaml", f"datum: 2020-09-15\nbedömning: {long}\n")
    assert document is not None
    _, found = parse_model(document, m.Teamrapport)
    assert [(d.code, d.line, d.column) for d in found] == [("ALE204", 2, 12)]
    assert found[0].message.startswith("'delvis delvis delvis delvis delvis delv…' är inte ett tillåtet värde för "
                                       "'bedömning'")
    assert len(found[0].message) < 200


def test_a_100_kb_text_field_is_read_whole_and_rendered_literally(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path) -> None:
    long = ("Läsningen *går* framåt <b>i</b> {{ r }} {% raw %} #[set] $x$ | @ref. " * 1600)[:100_000]
    path = base_repo / P / "namnder/utbildning.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sammanfattning: Nämnden bedömer att målen delvis nås.", f"sammanfattning: '{long}'"), encoding="utf-8")
    assert validate(capsys, base_repo) == (0, [])
    view = json.loads(ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", "json").out)
    assert next(n for n in view["nämnder"] if n["id"] == "utbildning")["sammanfattning"] == long
    report = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert report.code == 0
    literal = "Läsningen \\*går\\* framåt &lt;b&gt;i&lt;/b&gt; {{ r }} {% raw %} \\#\\[set\\] \\$x\\$ \\| \\@ref."
    assert literal in report.out


# -- files: links, folders, rights, sizes ---------------------------------------------------------------------


def listed_folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real path of every folder listed from here on, in order."""
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: Any = ".") -> Any:
        listed.append(os.path.realpath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", counted)
    return listed


def test_a_link_back_up_ends_at_once(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`perioder/x -> ..` used to be followed (perioder/x/perioder/x/…) until the OS refused."""
    symlink(base_repo / "perioder/x", "..")
    symlink(base_repo / P / "enheter/upp", "../..")
    listed = listed_folders(monkeypatch)
    assert validate(capsys, base_repo) == (1, [
        f"{P}/enheter/upp:1:1: ALE011 länken pekar på en mapp som den själv ligger i och följs inte",
        "perioder/x:1:1: ALE011 länken pekar på en mapp som den själv ligger i och följs inte",
    ])
    assert listed and len(listed) == len(set(listed))  # no folder listed twice


def test_links_to_links_do_not_multiply(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Twenty folders each linking twice to the next would be walked 2^20 times."""
    chain = base_repo / "perioder/kedja"
    for level in range(20):
        (chain / f"n{level}").mkdir(parents=True)
        if level:
            symlink(chain / f"n{level}/a", f"../n{level - 1}")
            symlink(chain / f"n{level}/b", f"../n{level - 1}")
    listed = listed_folders(monkeypatch)
    code, lines = validate(capsys, base_repo)
    # each of the twenty listed where it stands and through its first link at most, not 2^20 times
    assert listed and max(listed.count(folder) for folder in listed) <= 2 and len(listed) < 100
    assert code == 1
    assert 19 <= len(lines) < 100
    assert all("ALE011 länken pekar på samma mapp som perioder/kedja/" in line for line in lines)


def test_file_links_that_loop_or_lead_nowhere(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    symlink(base_repo / "sektorer/slinga.yaml", "slinga.yaml")
    symlink(base_repo / "sektorer/borta.yaml", "finns-inte.yaml")
    assert validate(capsys, base_repo) == (1, [
        "sektorer/borta.yaml:1:1: ALE011 länken pekar på en fil som inte finns",
        "sektorer/slinga.yaml:1:1: ALE011 länken går i en slinga och följs inte",
    ])


def test_a_link_out_is_never_followed_nor_its_content_printed(capsys: pytest.CaptureFixture[str],
                                                              base_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanfor"
    (outside / "enheter").mkdir(parents=True)
    (outside / "hemligt.yaml").write_text(f"namn: {SECRET}\nsektorchef: x\nnämnd: utbildning\n", encoding="utf-8")
    (outside / "enheter/ahaga-skola.yaml").write_text(f"sammanfattning: {SECRET}\n", encoding="utf-8")
    symlink(base_repo / "sektorer/hemligt.yaml", outside / "hemligt.yaml")
    symlink(base_repo / "perioder/2020-09-30", outside)
    symlink(base_repo / "templates", outside)
    before = tree_hash(base_repo)
    assert validate(capsys, base_repo) == (1, [
        "perioder/2020-09-30:1:1: ALE011 länken pekar ut ur datarepositoriet och följs inte",
        "sektorer/hemligt.yaml:1:1: ALE011 länken pekar ut ur datarepositoriet och följs inte",
    ])
    for args in (("validate", "--format", "json"), ("status", "--period", "2020-09-30"),
                 ("report", "--period", "2020-09-30"), ("calendar", "--from", "2020-09-01")):
        result = ale(capsys, *args, "--repo", base_repo)
        assert SECRET not in result.out + result.err, args
    assert tree_hash(base_repo) == before


def test_looping_links_given_on_the_command_line(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Path.resolve raises on a loop: `ale validate LINK` and `-o LINK` used to end as 'internt fel'."""
    symlink(base_repo / "sektorer/slinga.yaml", "slinga.yaml")
    symlink(base_repo.parent / "ut.md", "ut.md")
    result = ale(capsys, "validate", "--repo", base_repo, base_repo / "sektorer/slinga.yaml")
    assert result.code == 1
    assert result.out.startswith("sektorer/slinga.yaml:1:1: ALE011 länken går i en slinga och följs inte\n")
    for command in (("calendar",), ("report", "--period", "2020-08-31")):
        result = ale(capsys, *command, "--repo", base_repo, "-o", base_repo.parent / "ut.md")
        assert result.code == 1 and "internt fel" not in result.err, result.err  # the repository's own error


def test_folder_named_like_a_file(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """The ALE011 'mapp' branch was unreachable: the walker went into `x.yaml/` and judged what it found there."""
    (base_repo / "sektorer/kultur.yaml").mkdir()
    (base_repo / "sektorer/kultur.yaml/inne.yaml").write_text("namn: x\n", encoding="utf-8")
    (base_repo / "kalender/2021.yml").mkdir()
    assert validate(capsys, base_repo) == (1, [
        "kalender/2021.yml:1:1: ALE011 en mapp står där en fil väntas",
        "sektorer/kultur.yaml:1:1: ALE011 en mapp står där en fil väntas",
    ])


def _refusing(real_open: Any, locked: Path) -> Any:
    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and os.path.realpath(file) == os.path.realpath(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    return refusing_open


def test_an_unreadable_file(capsys: pytest.CaptureFixture[str], base_repo: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    locked = base_repo / "sektorer/utbildning.yaml"
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root, or Windows: refuse the read the way the OS would, however it is opened
        for owner, name in ((Path, "open"), (builtins, "open"), (os, "open")):
            monkeypatch.setattr(owner, name, _refusing(getattr(owner, name), locked))
    try:
        assert validate(capsys, base_repo) == (1, [
            "sektorer/utbildning.yaml:1:1: ALE011 filen kan inte läsas: behörighet saknas"])
    finally:
        locked.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_opened(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Opening a pipe with no writer waits for ever."""
    os.mkfifo(base_repo / "sektorer/ror.yaml")
    assert validate(capsys, base_repo) == (1, ["sektorer/ror.yaml:1:1: ALE011 detta är ingen vanlig fil"])


def _big_kalender(path: Path, size: int) -> None:
    """Valid meetings, the costliest shape to parse: 30 MB of them took 94 s and 2.2 GB before the limit."""
    row = "  - {datum: 2020-09-07, typ: enhetsdialog, period: 2020-08-31, enhet: ahaga-skola, plats: Ahaga}\n"
    head = "möten:\n".encode()
    count, rest = divmod(size - len(head), len(row))
    path.write_bytes(head + row.encode() * count + b"#" * (rest - 1) + b"\n")
    assert path.stat().st_size == size


def test_a_30_mb_file_is_refused_unread(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _big_kalender(base_repo / "kalender/2020.yaml", 30 * 1024 * 1024)
    read: list[int] = []
    os_read = os.read

    def counted(descriptor: int, size: int) -> bytes:
        chunk = os_read(descriptor, size)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counted)
    assert validate(capsys, base_repo) == (1, [
        "kalender/2020.yaml:1:1: ALE011 filen är för stor (30,0 MB); en datafil får vara högst 4 MB"])
    assert read and sum(read) < 1024 * 1024  # the rest of the repository, not the kalender


def test_a_file_one_byte_over_the_limit(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    path = base_repo / P / "enheter/nolskolan.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES - 3) + b"\n")
    assert validate(capsys, base_repo)[1] == [
        f"{P}/enheter/nolskolan.yaml:1:1: ALE004 filen innehåller inga värden, bara kommentarer"]
    path.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES - 2) + b"\n")
    assert validate(capsys, base_repo)[1] == [
        f"{P}/enheter/nolskolan.yaml:1:1: ALE011 filen är för stor (4,0 MB); en datafil får vara högst 4 MB"]


_MEASURE = textwrap.dedent("""
    import subprocess, sys, time
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ale_cli.cli", *sys.argv[1:]], capture_output=True, text=True,
                          encoding="utf-8")
    seconds = time.perf_counter() - started
    try:
        import resource
    except ImportError:  # Windows
        megabytes = -1.0
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux, bytes on macOS
        megabytes = peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024
    print(f"{done.returncode} {seconds:.2f} {megabytes:.0f}")
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
""")


def measured(*args: str | Path) -> tuple[int, float, float, str, str]:
    """`python -m ale_cli.cli ARGS` in a fresh process: exit code, seconds, peak MB (-1 unknown), stdout, stderr.

    The measuring process has that one child, so RUSAGE_CHILDREN's peak is the run's own, not that of some
    earlier subprocess of the test session.
    """
    done = subprocess.run([sys.executable, "-c", _MEASURE, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    first, _, out = done.stdout.partition("\n")
    code, seconds, megabytes = first.split()
    return int(code), float(seconds), float(megabytes), out, done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="resource, for the peak memory, is POSIX")
def test_a_30_mb_file_costs_little_memory(base_repo: Path) -> None:
    _big_kalender(base_repo / "kalender/2020.yaml", 30 * 1024 * 1024)
    code, seconds, megabytes, out, err = measured("validate", "--repo", base_repo)
    print(f"30 MB kalender: ale validate {seconds:.2f} s, peak {megabytes:.0f} MB")
    assert code == 1 and err == ""
    assert out.startswith("kalender/2020.yaml:1:1: ALE011 filen är för stor (30,0 MB)")
    assert megabytes < 500  # robust: the file is never read; a whole run is about a tenth of this


def test_nasty_input_in_a_real_process_reaches_no_traceback(base_repo: Path) -> None:
    """Every broken thing at once, through `python -m ale_cli.cli`: diagnostics on stdout, nothing on stderr."""
    nasty = {
        f"{P}/enheter/nolskolan.yaml": b"a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n",
        f"{P}/enheter/ahaga-skola.yaml": ("a: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        f"{P}/verksamheter/grundskola.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        f"{P}/sektorer/utbildning.yaml": "sammanfattning: a\x0cb\u2028c\n".encode("utf-16"),
        f"{P}/team/god-utbildning.yaml": b"datum: !!int tolv\n",
        "namnder/utbildning/2020/budget.yaml": b"nettokostnad: " + b"9" * 5000 + b"\n",
        "namnder/alebyggen/namnd.yaml": "namn: AB\r\ntyp: b\u00e4st\r\n".encode("utf-16-le"),
    }
    for rel, raw in nasty.items():
        (base_repo / rel).write_bytes(raw)
    symlink(base_repo / "perioder/x", "..")
    before = tree_hash(base_repo)
    code, seconds, megabytes, out, err = measured("validate", "--repo", base_repo)
    print(f"nasty repository: ale validate {seconds:.2f} s, peak {megabytes:.0f} MB")
    assert (code, err) == (1, "")
    diagnostics = [line for line in out.splitlines()[:-1] if not line.startswith("    tips: ")]
    assert diagnostics == [
        "namnder/alebyggen/namnd.yaml:1:1: ALE002 filen är sparad som UTF-16 utan BOM, inte UTF-8",
        "namnder/utbildning/2020/budget.yaml:1:15: ALE206 talet har för många siffror (5000)",
        f"{P}/enheter/ahaga-skola.yaml:1:203: ALE001 filen är för djupt nästlad för att läsas",
        f"{P}/enheter/nolskolan.yaml:1:4: ALE006 ankare och alias (&, *) stöds inte",
        f"{P}/sektorer/utbildning.yaml:1:20: ALE002 filen innehåller tecknet U+2028 (radavgränsare)",
        f"{P}/team/god-utbildning.yaml:1:8: ALE006 'tolv' passar inte YAML-taggen '!!int'",
        f"{P}/verksamheter/grundskola.yaml:3:1: ALE002 filen innehåller NUL-tecken och är inte en textfil",
        "perioder/x:1:1: ALE011 länken pekar på en mapp som den själv ligger i och följs inte",
    ]
    report = measured("report", "--repo", base_repo, "--period", "2020-08-31", "-o", base_repo.parent / "r.md")
    assert report[0] == 1 and "Traceback" not in report[4] and "ale: datat har fel" in report[4]
    assert not (base_repo.parent / "r.md").exists()
    assert tree_hash(base_repo) == before


# -- the corpus as the CLI runs it ----------------------------------------------------------------------------


HOSTILE_CASES = [
    # YAML
    "alias-anchor", "alias-bomb", "merge-key", "multi-document", "yaml-directive-1-1", "duplicate-yaml-key",
    "nested-duplicate-key", "tab-indentation", "deep-nesting", "binary-garbage", "binary-with-nul", "empty-file",
    "only-comments", "only-document-marker", "key-not-text", "key-date", "yaml-tag", "yaml-python-tag",
    "yaml-tag-value-mismatch", "huge-integer", "control-character",
    # encodings
    "latin1-file", "windows-1252-dash", "utf8-bom-accepted", "utf16-bom-accepted", "utf16-without-bom",
    "utf32-file", "crlf-line-endings", "lone-cr-line-endings", "unicode-line-separator",
    # files
    "non-ascii-file-name", "spaced-file-name", "uppercase-extension", "yml-extension-accepted",
    "folder-where-file-expected",
    # values
    "date-february-30", "date-month-13", "period-folder-not-month-end", "kalender-period-not-month-end",
    "nan-and-inf", "negative-inf-utfall", "number-too-large", "number-absurdly-large", "negative-investment-budget",
    "empty-text", "blank-text-period",
    # personal data
    "personnummer-in-note",
]


@pytest.mark.parametrize("name", HOSTILE_CASES)
def test_hostile_case_through_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    """No traceback, the documented exit code (1 with an error, 0 with warnings only), every line with its place."""
    case = INVALID / name
    root = build(case, tmp_path / "repo")
    code, lines = validate(capsys, root)
    assert lines == expected(case)
    assert code == (1 if any(" varning: " not in line for line in lines) else 0)


def test_every_hostile_case_exists() -> None:
    assert [name for name in HOSTILE_CASES if not (INVALID / name / "expected.txt").exists()] == []


# -- templates from the repository: sandboxed, and the user's to fix ------------------------------------------


@pytest.fixture
def old_report(capsys: pytest.CaptureFixture[str], base_repo: Path) -> Iterator[Path]:
    """A report from an earlier run, that a failing run must leave as it was."""
    target = base_repo.parent / "rapport.md"
    assert ale(capsys, "report", "--repo", base_repo, "--period", "2020-07-31", "-o", target).code == 0
    yield target


SANDBOX_HINT = "en mall kan bara läsa rapportens data (r) och filtren; Pythons inre delar är spärrade"


def _report_from_template(capsys: pytest.CaptureFixture[str], base_repo: Path, old_report: Path,
                          template: str) -> tuple[Result, bytes]:
    """`ale report -o` with `template` as the repository's report.md.j2: the result, and the old report's bytes
    from before."""
    (base_repo / "templates").mkdir()
    (base_repo / "templates/report.md.j2").write_text(template, encoding="utf-8")
    before = old_report.read_bytes()
    return ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", old_report), before


@pytest.mark.parametrize("template, message, hint", [
    ("# {{ r.kommun }}\n{{ ''.__class__.__mro__ }}\n",
     "templates/report.md.j2:2: mallen får inte nå attributet '__class__' (Jinja2:s sandlåda)", SANDBOX_HINT),
    ("{{ self._TemplateReference__context }}\n",
     "templates/report.md.j2:1: mallen får inte nå attributet '_TemplateReference__context' (Jinja2:s sandlåda)",
     SANDBOX_HINT),
    ("{{ r.kommun|attr('__class__') }}\n",
     "templates/report.md.j2:1: mallen får inte nå attributet '__class__' (Jinja2:s sandlåda)", SANDBOX_HINT),
    ("{{ cycler.__init__.__globals__.os }}\n",
     "templates/report.md.j2:1: mallen får inte nå attributet '__init__' (Jinja2:s sandlåda)", SANDBOX_HINT),
    ("a\n{% include '/etc/passwd' %}\n", "templates/report.md.j2:2: mallen '/etc/passwd' finns inte",
     "en mall kan bara ta med mallar ur mallmappen, med namn relativa till den"),
    ("{% include '../ale.yaml' %}\n", "templates/report.md.j2:1: mallen '../ale.yaml' finns inte",
     "en mall kan bara ta med mallar ur mallmappen, med namn relativa till den"),
    ("{{ r.kommun }\n", "templates/report.md.j2:1: syntaxfel i mallen: unexpected '}'",
     "se Jinja2:s dokumentation om mallar; varje {{, {% och {# ska avslutas"),
    ("\n\n{{ r.kommunen }}\n",
     ("templates/report.md.j2:3: mallen använder något som inte finns i rapportens data ('dict object' has no "
      "attribute 'kommunen')"), "rapportens data finns under r; se den med 'ale report --format json'"),
    ("{% extends 'report.md.j2' %}\n", "templates/report.md.j2:1: mallen tar med sig själv utan slut",
     "en mall kan inte ta med (include, extends) en mall med sitt eget namn"),
    ("{% for i in range(10**9) %}{% endfor %}\n",
     ("templates/report.md.j2:1: mallen gör en för stor lista eller text (Range too big. The sandbox blocks ranges "
      "larger than MAX_RANGE (100000).)"), "en mall formaterar rapportens data; den bygger inga stora värden"),
    ("{{ 1 / 0 }}\n", "templates/report.md.j2:1: mallen kan inte köras: ZeroDivisionError: division by zero",
     "rätta mallen på raden"),
])
def test_a_broken_or_forbidden_template_is_the_users_to_fix(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                           old_report: Path, template: str, message: str,
                                                           hint: str) -> None:
    """It used to end as 'internt fel' with exit 3, as if ale were broken."""
    result, before = _report_from_template(capsys, base_repo, old_report, template)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"ale: {message}\n    tips: {hint}\nale: ingen rapport skrevs.\n"
    assert old_report.read_bytes() == before
    assert sorted(p.name for p in old_report.parent.iterdir()) == ["rapport.md", "repo"]


@pytest.mark.skipif(sys.platform != "linux", reason="the memory of a process is limited on Linux")
def test_a_template_that_fills_the_memory_is_stopped(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                    old_report: Path) -> None:
    result, before = _report_from_template(capsys, base_repo, old_report,
                                           "{{ r.kommun }}\n{{ 'x' * 8 * 1024 ** 3 }}\n")
    assert result.code == 1
    assert result.err == ("ale: templates/report.md.j2:2: mallen gör en för stor lista eller text\n"
                          "    tips: en mall formaterar rapportens data; den bygger inga stora värden\n"
                          "ale: ingen rapport skrevs.\n")
    assert old_report.read_bytes() == before


def test_a_template_that_does_not_finish_is_stopped(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                   old_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ale_cli import render_md

    monkeypatch.setattr(render_md, "TEMPLATE_SECONDS", 1.5)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    result, before = _report_from_template(capsys, base_repo, old_report, loops)
    assert result.code == 1
    assert result.err == ("ale: templates/report.md.j2:1: mallen blev inte klar på 1,5 sekunder och stoppades\n"
                          "    tips: en mall formaterar rapportens data; den loopar inte över stora intervall\n"
                          "ale: ingen rapport skrevs.\n")
    assert old_report.read_bytes() == before


def test_an_included_template_is_named_with_its_own_line(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / "templates").mkdir()
    (base_repo / "templates/report.md.j2").write_text("{% include 'del.md.j2' %}\n", encoding="utf-8")
    (base_repo / "templates/del.md.j2").write_text("{{ r.kommun }}\n\n{{ r.__class__ }}\n", encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 1
    assert result.err.startswith("ale: templates/del.md.j2:3: mallen får inte nå attributet '__class__'")


def test_a_template_linked_out_of_its_folder_is_not_read(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                         tmp_path: Path) -> None:
    secret = tmp_path / "hemlig.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (base_repo / "templates").mkdir()
    symlink(base_repo / "templates/report.md.j2", secret)
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("ale: templates/report.md.j2:1: mallen är en länk ut ur mallmappen och läses inte\n")
    (base_repo / "templates/report.md.j2").unlink()
    symlink(base_repo / "templates/bilaga.md.j2", secret)
    (base_repo / "templates/report.md.j2").write_text("{% include 'bilaga.md.j2' %}\n", encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert result.code == 1 and SECRET not in result.out + result.err
    assert result.err.startswith("ale: templates/bilaga.md.j2:1: mallen är en länk ut ur mallmappen")
    for child in (base_repo / "templates").iterdir():
        child.unlink()
    (base_repo / "templates").rmdir()
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar/report.md.j2").write_text(SECRET + "\n", encoding="utf-8")
    symlink(base_repo / "templates", tmp_path / "mallar")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("ale: templates:1: mallmappen är en länk ut ur datarepositoriet och läses inte\n")


def test_a_good_repository_template_still_renders(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    (base_repo / "templates").mkdir()
    (base_repo / "templates/report.md.j2").write_text("# {{ r.kommun }} {{ r.period }}\n", encoding="utf-8")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31")
    assert (result.code, result.out, result.err) == (0, "<!-- ale-rapport -->\n# Testkommun 2020-08-31\n", "")


# -- -o: never over a stranger's file, never among the data, atomically ---------------------------------------


@pytest.mark.parametrize("inside", [*KNOWN_FOLDERS, "ale.yaml"])
def test_output_into_the_data_is_refused(capsys: pytest.CaptureFixture[str], base_repo: Path, inside: str) -> None:
    target = base_repo / inside / "rapport.md" if inside != "ale.yaml" else base_repo / "ale.yaml"
    before = tree_hash(base_repo)
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", target)
    assert result.code == 2
    assert result.err in (f"ale: '{target}' ligger i datamappen {inside}/; välj en plats utanför data\n",
                          f"ale: '{target}' är repositoriets ale.yaml\n")
    assert tree_hash(base_repo) == before


def test_output_through_a_link_into_the_data_is_refused(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    link = base_repo.parent / "genvag"
    symlink(link, base_repo / "sektorer")
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", link / "r.md")
    assert result.code == 2 and "ligger i datamappen sektorer/" in result.err
    assert not (base_repo / "sektorer/r.md").exists()


@pytest.mark.parametrize("format, existing", [
    ("md", b"# Mina anteckningar\n"),
    ("md", b'{"rapport": "x", "k\xc3\xa4lla": {}, "period": "2020-08-31"}'),  # a json report is not an md one
    ("json", b"<!-- ale-rapport -->\n# Delarsrapport\n"),
    ("json", b'{"rapport": "x"}'),
    ("pdf", b"%PDF-1.7\n% ett annat program\n"),
    ("pdf", b"<!-- ale-rapport -->\n"),
])
def test_output_never_overwrites_a_file_that_is_not_a_report_of_its_format(
        capsys: pytest.CaptureFixture[str], base_repo: Path, format: str, existing: bytes) -> None:
    target = base_repo.parent / f"fil.{format}"
    target.write_bytes(existing)
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "--format", format, "-o", target)
    assert result.code == 1  # as `ale calendar`, `ale status` and `ale new` refuse
    assert result.err == (f"ale: '{target}' finns redan och är ingen {format}-rapport från ale; den skrivs inte "
                          "över. Välj ett annat filnamn eller ta bort filen först.\n")
    assert target.read_bytes() == existing


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", [("report", "--period", "2020-08-31"), ("calendar", "--from", "2020-09-01"),
                                     ("status", "--period", "2020-08-31")])
def test_output_to_something_that_is_not_a_file_is_refused(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                           command: tuple[str, ...]) -> None:
    """A named pipe (or /dev/zero) would be read for ever to see whether it is a report."""
    pipe = base_repo.parent / "ror"
    os.mkfifo(pipe)
    result = ale(capsys, *command, "--repo", base_repo, "-o", pipe)
    assert (result.code, result.err) == (1, f"ale: '{pipe}' är ingen vanlig fil och skrivs inte över\n")


def test_atomic_write_leaves_the_old_file_when_the_rename_fails(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from ale_cli.files import atomic_write

    target = tmp_path / "rapport.md"
    target.write_bytes(b"gammal rapport\n")

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"ny rapport\n")
    assert target.read_bytes() == b"gammal rapport\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"]


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="SIGKILL is POSIX")
def test_atomic_write_killed_for_real_leaves_the_old_file(tmp_path: Path) -> None:
    """The process dies between writing the temporary file and renaming it: no handler runs, nothing is cleaned."""
    target = tmp_path / "rapport.md"
    target.write_bytes(b"gammal rapport\n")
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from ale_cli.files import atomic_write
        os.replace = lambda *_: os.kill(os.getpid(), signal.SIGKILL)
        atomic_write(Path({str(target)!r}), b"ny rapport\\n" * 100_000)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -9
    assert target.read_bytes() == b"gammal rapport\n"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p != target)
    assert len(leftovers) == 1 and leftovers[0].startswith(".rapport.md.") and leftovers[0].endswith(".tmp")


@pytest.mark.parametrize("failure, code, message", [
    (KeyboardInterrupt(), 130, "ale: avbrutet\n"),  # Ctrl-C
    (OSError(errno.ENOSPC, "No space left on device"), 2,
     "ale: '{target}' kan inte skrivas (disken är full); ingen fil har ändrats\n"),
])
def test_a_report_run_killed_while_writing_leaves_the_old_report(
        capsys: pytest.CaptureFixture[str], base_repo: Path, old_report: Path, monkeypatch: pytest.MonkeyPatch,
        failure: BaseException, code: int, message: str) -> None:
    before = old_report.read_bytes()

    def killed(*_: object) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", killed)
    result = ale(capsys, "report", "--repo", base_repo, "--period", "2020-08-31", "-o", old_report)
    assert (result.code, result.err) == (code, message.format(target=old_report))
    assert old_report.read_bytes() == before
    assert sorted(p.name for p in old_report.parent.iterdir()) == ["rapport.md", "repo"]


# -- read-only commands change nothing ------------------------------------------------------------------------


def test_calendar_and_new_period_without_write_change_nothing(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALE_TODAY", "2020-09-01")
    for path in (base_repo / P / "enheter/nolskolan.yaml", base_repo / P / "verksamheter/grundskola.yaml"):
        path.unlink()  # so that `new period` has files to offer
    before = tree_hash(base_repo)
    runs = [("calendar",), ("calendar", "--format", "ics"), ("calendar", "--format", "json"),
            ("calendar", "--from", "2020-01-01", "--to", "2020-12-31", "--nämnd", "utbildning"),
            ("new", "period", "2020-08-31"), ("new", "period", "2020-12-31"), ("new", "period", "2020-03-31")]
    results: list[Result] = [ale(capsys, *args, "--repo", base_repo) for args in runs]
    assert [r.code for r in results] == [0] * len(runs)
    assert "2 filer saknas" in results[4].out
    assert tree_hash(base_repo) == before


# -- property: the loader never raises and never points outside the file -------------------------------------


def _lines(raw: bytes) -> int:
    return raw.count(b"\r\n") + (raw.count(b"\r") - raw.count(b"\r\n")) + (raw.count(b"\n") - raw.count(b"\r\n")) + 1


def _load_file(raw: bytes) -> list[Any]:
    """What repository.py does with a file's bytes, up to the model."""
    text, found = decode("f.yaml", raw)
    if text is None:
        return found
    found = [*found, *privacy.scan("f.yaml", text)]
    document, problems = parse("f.yaml", text)
    found.extend(problems)
    if document is not None:
        for model in (m.Dialoganteckning, m.Nämnduppföljning, m.Sektor, m.Kalender, m.Budget):
            found.extend(parse_model(document, model)[1])
    return found


def _assert_inside(raw: bytes, found: list[Any]) -> None:
    lines = _lines(raw)
    for diagnostic in found:
        assert 1 <= diagnostic.line <= lines, (diagnostic, lines)
        assert diagnostic.column >= 1, diagnostic
        assert diagnostic.code.startswith("ALE") and diagnostic.message and diagnostic.hint, diagnostic


_YAMLISH = st.sampled_from([
    b"a", b":", b" ", b"  ", b"\n", b"\r\n", b"\r", b"\t", b"-", b"- ", b"[", b"]", b"{", b"}", b",", b"#", b"&a",
    b"*a", b"!", b"!!int", b"<<", b"%YAML 1.1\n", b"---\n", b"...\n", b"'", b'"', b"\\", b"|", b">", b"?", b"~",
    b"12", b"1e400", b".nan", b"2020-02-30", b"0x1F", "å".encode(), "ä".encode("cp1252"), b"\x00", b"\xff\xfe",
    b"\xef\xbb\xbf", "\u2028".encode(), b"\x0c", b"\x85", b"811218-9876",
])


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), st.lists(_YAMLISH, max_size=60).map(b"".join)))
def test_random_bytes_never_raise_nor_point_outside_the_file(raw: bytes) -> None:
    _assert_inside(raw, _load_file(raw))


_KEYS = st.sampled_from([
    "namn", "nämnd", "sektorchef", "verksamheter", "id", "enheter", "chef", "dialog", "datum", "deltagare",
    "bedömningar", "målsättning", "bedömning", "kommentar", "sammanfattning", "åtgärder", "åtgärd", "mått",
    "ekonomi", "utfall", "prognos", "möten", "typ", "tid", "period", "nettokostnad", "periodisering",
    "investeringar", "budget", "okänt", "malvärde", "[key]",
]) | st.text(min_size=1, max_size=12)
_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.sampled_from(["2020-08-31", "2020-02-30", "2020-13-01", "delvis", "uppfyllt", "", " ", "09:00",
                               "ahaga-skola", "yes", "010", "~", "*a", "&a", "<<", "!!int", "# x", "a: b", "- c"])
            | st.text(max_size=40))
_DOCUMENTS = st.dictionaries(_KEYS, st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=20),
    min_size=1, max_size=6)


def _dump(data: dict[str, Any], style: str) -> str:
    """Block YAML as ruamel.yaml writes it, or JSON (flow YAML 1.2; ruamel's own flow style quotes too little)."""
    if style == "json":
        return json.dumps(data, ensure_ascii=False, indent=1 if len(data) % 2 else None) + "\n"
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 10**6  # ruamel folds a long double-quoted line after an escape into a space
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.sampled_from(["block", "json"]), st.sampled_from(["\n", "\r\n"]))
def test_well_shaped_documents_load_whole(data: dict[str, Any], style: str, newline: str) -> None:
    """A document YAML itself wrote comes back as it was, positions inside the file, models never raise."""
    text = _dump(data, style).replace("\n", newline)
    raw = text.encode("utf-8")
    found = _load_file(raw)
    _assert_inside(raw, found)
    decoded_text, refused = decode("f.yaml", raw)  # U+0085 and U+2028 are refused here: libyaml breaks lines there
    if decoded_text is None:
        assert refused
        return
    document, problems = parse("f.yaml", decoded_text)
    # libyaml, a YAML 1.1 parser, refuses a little that YAML 1.2 writes (`[09:00]`): said, never silently changed
    if not problems:
        assert document is not None and document.data == _nfc(data)


def _nfc(data: Any) -> Any:
    """Keys are read in NFC (`målvärde` written with a combining ring is the same key)."""
    if isinstance(data, dict):
        return {unicodedata.normalize("NFC", key): _nfc(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_nfc(item) for item in data]
    return data


def test_a_file_gone_since_the_walk_says_why_it_may_be(tmp_path: Path) -> None:
    """Found by the walk, not there when read: removed meanwhile, or (on Windows) a path over 260 characters."""
    from ale_cli.repository import load_file

    document, diagnostics = load_file("sektorer/borta.yaml", tmp_path / "borta.yaml")
    assert document is None
    assert [(d.code, d.message) for d in diagnostics] == [
        ("ALE011", "filen kan inte öppnas: den finns inte längre, eller så är sökvägen för lång")]
    assert diagnostics[0].hint.startswith("Windows öppnar utan vidare inga sökvägar över 260 tecken")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full is Linux's")
def test_output_to_a_full_disk_is_said_not_taken_for_a_fault_in_ale(base_repo: Path) -> None:
    """`ale validate --format sarif > ale.sarif` on a full disk: why, in Swedish, as for a file given with -o."""
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "ale_cli.cli", "validate", "--repo", str(base_repo),
                               "--format", "sarif"], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert (done.returncode, done.stderr.decode("utf-8")) == (2, "ale: utdata kan inte skrivas (disken är full)\n")


@pytest.mark.parametrize(("value", "message", "hint"), [
    # a date written the Swedish way, or by Excel: the same date as ÅÅÅÅ-MM-DD
    ("30/11-2020", "'slutdatum': '30/11-2020' är inget datum i formen ÅÅÅÅ-MM-DD",
     "skriv datumet som ÅÅÅÅ-MM-DD: 2020-11-30"),
    ("30.11.2020", "'slutdatum': '30.11.2020' är inget datum i formen ÅÅÅÅ-MM-DD",
     "skriv datumet som ÅÅÅÅ-MM-DD: 2020-11-30"),
    ("2020-9-3", "'slutdatum': '2020-9-3' är inget datum i formen ÅÅÅÅ-MM-DD",
     "skriv datumet som ÅÅÅÅ-MM-DD: 2020-09-03"),
    ("20201130", "'slutdatum' ska vara ett datum i formen ÅÅÅÅ-MM-DD", "skriv datumet som ÅÅÅÅ-MM-DD: 2020-11-30"),
    # a day the month does not have: its last day
    ("2020-11-31", "'slutdatum': '2020-11-31' är inget datum: dag 31 finns inte i månaden",
     "november 2020 har 30 dagar; den sista är 2020-11-30"),
    ("2021-02-29", "'slutdatum': '2021-02-29' är inget datum: dag 29 finns inte i månaden",
     "februari 2021 har 28 dagar; den sista är 2021-02-28"),
    # no date to read in it: the form, by example
    ("november", "'slutdatum': 'november' är inget datum i formen ÅÅÅÅ-MM-DD",
     "skriv datum som ÅÅÅÅ-MM-DD, till exempel 2020-08-31"),
    ("2020-13-01", "'slutdatum': '2020-13-01' är inget datum: månad 13 finns inte",
     "skriv datum som ÅÅÅÅ-MM-DD, till exempel 2020-08-31"),
])
def test_a_wrong_date_is_told_as_it_should_be_written(value: str, message: str, hint: str) -> None:
    document, _ = parse("f.yaml", f"åtgärder:\n  - {{åtgärd: Läsombud, slutdatum: {value}}}\n")
    assert document is not None
    [found] = parse_model(document, m.Dialoganteckning)[1]
    assert (found.code, found.line, found.column, found.message, found.hint) == ("ALE205", 2, 35, message, hint)


@pytest.mark.parametrize(("text", "expected"), [
    ("bedömningar:\n  - målsättning: Digitala lärverktyg\n    bedömning: uppfyllt\n",
     ("ALE207", 2, 18, "'Digitala lärverktyg' är inget giltigt id",
      "ett id består av små bokstäver a–z, siffror och '-': 'digitala-larverktyg'")),
    ("mått:\n  Meritvärde-åk9: 219\n",  # a key
     ("ALE207", 2, 3, "'Meritvärde-åk9' är inget giltigt id",
      "ett id består av små bokstäver a–z, siffror och '-': 'meritvarde-ak9'")),
    ("bedömningar:\n  - målsättning: god-\u200butbildning\n    bedömning: uppfyllt\n",  # an invisible space
     ("ALE207", 2, 22, "'god-\u200butbildning' är inget giltigt id",
      ("värdet innehåller ett osynligt mellanslag (U+200B): radera tecknet, och skriv ett vanligt mellanslag om ett "
      "behövs där; det ser ut som ett mellanslag eller syns inte alls, och följer med text som klistrats in från "
      "Word, Outlook eller Teams; ett id består av små bokstäver a–z, siffror och '-': 'god-utbildning'"))),
    ("bedömningar:\n  - målsättning: '---'\n    bedömning: uppfyllt\n",  # nothing to make an id of
     ("ALE207", 2, 18, "'---' är inget giltigt id",
      "ett id består av små bokstäver a–z, siffror och '-', till exempel 'ahaga-skola'")),
])
def test_an_id_written_as_a_name_is_told_the_id_it_would_be(text: str,
                                                             expected: tuple[str, int, int, str, str]) -> None:
    document, _ = parse("f.yaml", text)
    assert document is not None
    found = parse_model(document, m.Nämnduppföljning)[1]
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in found] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("sammanfattning: {viktigt}\n",
     ("ALE201", 1, 17, "'sammanfattning' ska vara text, inte en mappning",
      "'{' och '}' omger en mappning i YAML; sätt texten inom citattecken: \"{viktigt}\"")),
    ("aktiviteter:\n  - [se bilaga]\n",
     ("ALE201", 2, 5, "'aktiviteter nr 1' ska vara text, inte en lista",
      "'[' och ']' omger en lista i YAML; sätt texten inom citattecken: \"[se bilaga]\"")),
])
def test_a_text_in_brackets_is_told_to_be_quoted(text: str, expected: tuple[str, int, int, str, str]) -> None:
    document, _ = parse("f.yaml", text)
    assert document is not None
    found = parse_model(document, m.Teamrapport)[1]
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in found if d.code == "ALE201"] == [expected]
