"""Stage 1, load: bytes to text, text to plain data with the line and column of every key and value."""

from __future__ import annotations

import math

import pytest

from ale_cli.load import Document, decode, parse


def load(text: str) -> Document:
    document, problems = parse("f.yaml", text)
    assert problems == []
    assert document is not None
    return document


def problems(text: str) -> list[tuple[str, int, int, str]]:
    _, found = parse("f.yaml", text)
    return [(d.code, d.line, d.column, d.message) for d in found]


def decoded(raw: bytes) -> tuple[str | None, list[tuple[str, int, int, str]]]:
    text, found = decode("f.yaml", raw)
    return text, [(d.code, d.line, d.column, d.message) for d in found]


# -- positions -------------------------------------------------------------------------------------------------


def test_positions_of_keys_and_values_in_block_and_flow_style() -> None:
    document = load(
        "namn: Sektor utbildning\n"
        "verksamheter:\n"
        "  - id: grundskola\n"
        "    enheter:\n"
        "      - {id: ahaga-skola, chef: Maria Nilsson}\n"
    )
    assert document.values[("namn",)] == (1, 7)
    assert document.keys[("namn",)] == (1, 1)
    assert document.values[("verksamheter", 0)] == (3, 5)
    assert document.values[("verksamheter", 0, "id")] == (3, 9)
    assert document.keys[("verksamheter", 0, "enheter")] == (4, 5)
    assert document.values[("verksamheter", 0, "enheter", 0)] == (5, 9)
    assert document.keys[("verksamheter", 0, "enheter", 0, "chef")] == (5, 27)
    assert document.values[("verksamheter", 0, "enheter", 0, "chef")] == (5, 33)
    assert document.values[()] == (1, 1)


def test_columns_count_characters_not_bytes() -> None:
    document = load("målsättning: Ökad läsförståelse\nbedömning: {kommentar: Läsåret gick väl, bedömning: uppfyllt}\n")
    assert document.keys[("målsättning",)] == (1, 1)
    assert document.values[("målsättning",)] == (1, 14)
    assert document.keys[("bedömning", "bedömning")] == (2, 42)
    assert document.values[("bedömning", "bedömning")] == (2, 53)


def test_crlf_line_endings_keep_lines_and_columns() -> None:
    document = load("namn: Sektor\r\nnämnd: utbildning\r\nverksamheter:\r\n  - id: grundskola\r\n")
    assert document.data == {"namn": "Sektor", "nämnd": "utbildning", "verksamheter": [{"id": "grundskola"}]}
    assert document.values[("nämnd",)] == (2, 8)
    assert document.values[("verksamheter", 0, "id")] == (4, 9)


def test_at_and_key_at_fall_back_to_the_nearest_known_place() -> None:
    document = load("ekonomi:\n  utfall: 12\n")
    assert document.at(("ekonomi", "prognos")) == (2, 3)
    assert document.at(("saknas", "djupt", 3)) == (1, 1)
    assert document.key_at(("ekonomi", "utfall")) == (2, 3)
    assert document.key_at(("ekonomi",)) == (1, 1)
    assert document.key_at(()) == (1, 1)


def test_keys_are_normalised_to_nfc() -> None:
    decomposed = "ma\u030alva\u0308rde"  # målvärde with combining rings and dots, as macOS may write it
    assert load(f"{decomposed}: 225\n").data == {"målvärde": 225}


# -- scalars: YAML 1.2, plain data ---------------------------------------------------------------------------


def test_scalars_follow_yaml_1_2() -> None:
    data = load(
        "a: 010\nb: 0o10\nc: yes\nd: 1_000\ne: 0x1F\nf: 2020-08-31\ng: !!str 12\nh: ~\ni: 1e3\nj: True\n"
        "k: no\nl: '0.5'\n"
    ).data
    assert data == {"a": 10, "b": 8, "c": "yes", "d": "1_000", "e": 31, "f": "2020-08-31", "g": "12", "h": None,
                    "i": 1000.0, "j": True, "k": "no", "l": "0.5"}


@pytest.mark.parametrize(("plain", "value"), [
    # the core schema's integers: decimal with a sign, octal and hexadecimal without one
    ("0", 0), ("-17", -17), ("+4", 4), ("007", 7), ("0o17", 15), ("0x1F", 31), ("0xff", 255),
    # its floats
    ("1.5", 1.5), ("-.5", -0.5), ("1.", 1.0), ("1e3", 1000.0), (".5e5", 50000.0), ("2.5E-1", 0.25),
    ("+.inf", math.inf), ("-.Inf", -math.inf),
    # text to YAML 1.2 and to editors, numbers to YAML 1.1 and ruamel.yaml: an amount written so must not pass
    # in CI while the editor marks it
    ("1_000", "1_000"), ("1_000.5", "1_000.5"), ("0b101", "0b101"), ("-0x1F", "-0x1F"), ("+0o7", "+0o7"),
    ("0o", "0o"), ("0x", "0x"), ("0o8", "0o8"), ("1e", "1e"), (".", "."), ("+", "+"), ("-.nan", "-.nan"),
    ("1.2.3", "1.2.3"), ("12abc", "12abc"),
])
def test_numbers_are_those_of_the_yaml_1_2_core_schema(plain: str, value: object) -> None:
    loaded = load(f"a: {plain}\n").data["a"]
    assert (type(loaded), loaded) == (type(value), value)


def test_nan_and_infinity_load_as_floats_for_the_schema_to_refuse() -> None:
    data = load("a: .nan\nb: -.Inf\nc: 1e400\n").data
    assert math.isnan(data["a"])
    assert data["b"] == -math.inf
    assert data["c"] == math.inf


# -- refused constructs --------------------------------------------------------------------------------------


def test_alias_is_refused_at_the_anchor() -> None:
    assert problems("namn: &n Utbildningsnämnden\npresidium:\n  - {namn: *n, roll: ordförande}\n") == [
        ("ALE006", 1, 7, "ankare och alias (&, *) stöds inte")]


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=False):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    bomb = "\n".join(rows) + "\n"
    assert len(bomb.encode()) <= 400
    # refused at the first anchor, before any alias could be expanded
    assert problems(bomb) == [("ALE006", 1, 4, "ankare och alias (&, *) stöds inte")]


def test_an_anchor_defined_twice_is_refused() -> None:
    assert problems("a: &x 1\nb: &x 2\n") == [("ALE006", 2, 4, "ankare och alias (&, *) stöds inte")]


def test_merge_key_is_refused() -> None:
    assert problems("bas: &b {typ: ksau}\nmöte: {<<: *b, datum: 2020-10-06}\n") == [
        ("ALE006", 2, 8, "sammanslagningsnyckeln '<<' stöds inte")]


def test_local_tags_are_refused_and_standard_ones_read() -> None:
    assert problems("sammanfattning: !include text.md\n") == [
        ("ALE006", 1, 17, "YAML-taggen '!include' stöds inte")]
    assert load("kod: !!str 1440\n").data == {"kod": "1440"}


def test_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    document, found = parse("f.yaml", "namn: Första\ntyp: nämnd\nnamn: Andra\n")
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        ("ALE003", 3, 1, "nyckeln 'namn' finns redan på rad 1")]
    assert document is not None and document.data == {"namn": "Första", "typ": "nämnd"}


def test_duplicate_key_in_a_nested_flow_mapping() -> None:
    assert problems("dialog: {datum: 2020-09-07, datum: 2020-09-08}\n") == [
        ("ALE003", 1, 29, "nyckeln 'datum' finns redan på rad 1")]


def test_a_key_that_is_not_text_is_reported_and_left_out() -> None:
    document, found = parse("f.yaml", "namn: Alebyggen\n2021: nytt ägardirektiv\ntrue: x\n")
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        ("ALE010", 2, 1, "nyckeln '2021' är inte text"), ("ALE010", 3, 1, "nyckeln 'true' är inte text")]
    assert document is not None and document.data == {"namn": "Alebyggen"}


def test_multi_document_file() -> None:
    assert problems("namn: A\n---\nnamn: B\n") == [("ALE007", 2, 1, "filen innehåller flera YAML-dokument (---)")]


@pytest.mark.parametrize("text, message", [
    ("", "filen är tom"),
    ("\n\n   \n", "filen är tom"),
    ("---\n", "filen är tom"),
    ("# bara en kommentar\n# och en till\n", "filen innehåller inga värden, bara kommentarer"),
])
def test_empty_file(text: str, message: str) -> None:
    assert problems(text) == [("ALE004", 1, 1, message)]


@pytest.mark.parametrize("text, position", [("- a\n- b\n", (1, 1)), ("bara text\n", (1, 1)), ("~\n", (1, 1))])
def test_top_level_must_be_a_mapping(text: str, position: tuple[int, int]) -> None:
    assert problems(text) == [
        ("ALE012", *position, "filens översta nivå ska vara nycklar med värden (en mappning)")]


def test_deep_nesting_is_refused_without_crashing() -> None:
    # the file's own mapping is the first level
    for text, position in (("a: " + "[" * 100_000 + "]" * 100_000 + "\n", (1, 203)),
                           ("a:\n" + "- " * 100_000 + "x\n", (2, 399))):
        # stopped at the 200th level: the position is where that level begins
        assert problems(text) == [("ALE001", *position, "filen är för djupt nästlad för att läsas")]


# -- syntax errors: where the user made the mistake, in Swedish ----------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("sammanfattning: Terminen startade: väl.\n",
     ("ALE001", 1, 34, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)")),
    ("namn: AB\ntyp bolag\n", ("ALE001", 2, 1, "YAML-syntaxfel: kolon saknas efter nyckeln")),
    ('anteckningar: "Samtal om skolskjutsar.\nnästa: rad\n',
     ("ALE001", 1, 15, "YAML-syntaxfel: citattecknet avslutas aldrig")),
    ("deltagare: [Eva Holm, Lars Öberg}\n", ("ALE001", 1, 33, "YAML-syntaxfel: ',' eller ']' saknas i listan")),
    ("sammanfattning: *Bra* start\n",
     ("ALE001", 1, 17, "YAML-syntaxfel: '&' och '*' inleder ankare och alias i YAML (sätt texten inom citattecken)")),
    ("kommentar: *viktigt\n",
     ("ALE001", 1, 12, "YAML-syntaxfel: '*' inleder ett alias i YAML (sätt texten inom citattecken)")),
    ("namn: @ale\n", ("ALE001", 1, 7, "YAML-syntaxfel: tecknet '@' kan inte inleda ett värde")),
    ("a: - x\n", ("ALE001", 1, 4, "YAML-syntaxfel: en listpunkt ('-') är inte tillåten här")),
    ('a: "C:\\mapp"\n',
     ("ALE001", 1, 7, "YAML-syntaxfel: okänt tecken efter '\\' inom dubbla citattecken (använd enkla citattecken)")),
    ("presidium:\n  - {namn: Mats, roll: 1:e vice ordförande}\n",
     ("ALE001", 2, 25, "YAML-syntaxfel: oväntat kolon (sätt texten inom citattecken)")),
    # a Windows path in double quotes, and the surrogate pair JSON writes an emoji as
    ('anteckningar: "Filen ligger i C:\\Users\\anna"\n',
     ("ALE001", 1, 33, ("YAML-syntaxfel: efter '\\x', '\\u' och '\\U' inom dubbla citattecken ska en teckenkod i "
                        "hexadecimala siffror stå (använd enkla citattecken)"))),
    ('kommentar: "Bra jobbat \\ud83d\\ude00"\n',
     ("ALE001", 1, 24, ("YAML-syntaxfel: teckenkoden efter '\\' inom dubbla citattecken är inget tecken (skriv "
                        "tecknet som det är)"))),
    ("kommentar: !<Viktigt\n",
     ("ALE001", 1, 21, "YAML-syntaxfel: '!' inleder en tagg i YAML (sätt texten inom citattecken)")),
    ("text: |0\n  Rad\n",
     ("ALE001", 1, 8, "YAML-syntaxfel: siffran efter '|' eller '>' anger indraget och ska vara 1–9")),
    ("%\nnamn: x\n",
     ("ALE001", 1, 2, "YAML-syntaxfel: direktivets namn saknas ('%' först på en rad inleder ett YAML-direktiv)")),
    ("%YAML 1.2\n%YAML 1.2\n---\nnamn: x\n", ("ALE001", 2, 1, "YAML-syntaxfel: direktivet '%YAML' står två gånger")),
])
def test_syntax_errors(text: str, expected: tuple[str, int, int, str]) -> None:
    assert problems(text) == [expected]


def typographic(quote: str) -> str:
    return (f"'{quote}' är ett typografiskt citattecken (från Word eller Outlook), som YAML läser som en del av "
            "texten; sätt texten inom raka citattecken (\") i stället")


@pytest.mark.parametrize(("text", "expected"), [
    # a mention from Teams, a word in backticks from a chat: the character named, the text to quote shown
    ("lärdomar: @Maria kolla detta\nbehov: x\n",
     ("ALE001", 1, 11, "YAML-syntaxfel: tecknet '@' kan inte inleda ett värde",
      'sätt texten inom citattecken: "@Maria kolla detta"')),
    ("överenskommelser:\n  - `Lokalplanen` stäms av\n",
     ("ALE001", 2, 5, "YAML-syntaxfel: tecknet '`' kan inte inleda ett värde",
      'sätt texten inom citattecken: "`Lokalplanen` stäms av"')),
    ("deltagare: [@Anna Berg, Per Ek]\n",
     ("ALE001", 1, 13, "YAML-syntaxfel: tecknet '@' kan inte inleda ett värde",
      'sätt texten inom citattecken: "@Anna Berg"')),
    ('kommentar: @Maria säger "nej"\n',
     ("ALE001", 1, 12, "YAML-syntaxfel: tecknet '@' kan inte inleda ett värde",
      """sätt texten inom citattecken: '@Maria säger "nej"'""")),
    # Word's quotes are text to YAML: the colon inside them is a syntax error the user thought quoted
    ("kommentar: \u201dBudget: i balans\u201d\n",
     ("ALE001", 1, 19, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)",
      typographic("\u201d"))),
    ("överenskommelser:\n  - \u201eUppföljning: i november: KSAU\u201c\n",
     ("ALE001", 2, 29, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)",
      typographic("\u201e"))),
])
def test_text_pasted_from_a_chat_or_word_processor_is_told_how_to_quote(
        text: str, expected: tuple[str, int, int, str, str]) -> None:
    [found] = parse("f.yaml", text)[1]
    assert (found.code, found.line, found.column, found.message, found.hint) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a text pasted under its key at the left margin: 'kolon saknas' at a line of prose, now whose text it is
    ("dialog: {datum: 2020-09-03}\nsammanfattning:\nFörsta raden i texten.\nAndra raden.\nåtgärder: []\n",
     (3, 1, ("är raden text till 'sammanfattning' på rad 2? Dra in textens rader med mellanslag under nyckeln, och "
            "skriv 'sammanfattning: |' om radbrytningarna ska behållas"))),
    ("bedömningar:\n  - målsättning: x\n    kommentar:\n    Läsningen går framåt\nsammanfattning: x\n",
     (4, 5, ("är raden text till 'kommentar' på rad 3? Dra in textens rader med mellanslag under nyckeln, och skriv "
            "'kommentar: |' om radbrytningarna ska behållas"))),
    # a block text whose second paragraph lost its indentation
    ("lärdomar: |\n  Första stycket.\n\nAndra stycket.\nbehov: x\n",
     (4, 1, "är raden text till 'lärdomar' på rad 1? Dra in textens rader med mellanslag under nyckeln")),
    # a key without its colon is no text: the colon is shown where it goes
    ("namn: AB\ntyp bolag\n", (2, 1, "skriv ett kolon efter nyckeln: typ: bolag")),
    (("dialog: {datum: 2020-09-03}\nbedömningar:\n  - målsättning: x\n    bedömning: uppfyllt\nsammanfattning >-\n"
     "  Text.\n"), (5, 1, "skriv ett kolon efter nyckeln: sammanfattning: >-")),
])
def test_a_text_pasted_without_indentation_is_told_whose_it_is(text: str, expected: tuple[int, int, str]) -> None:
    [found] = parse("f.yaml", text)[1]
    assert (found.code, found.message) == ("ALE001", "YAML-syntaxfel: kolon saknas efter nyckeln")
    assert (found.line, found.column, found.hint) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a text with ': ' in it: the value shown quoted
    ("bedömningar:\n  - målsättning: x\n    kommentar: Obs: eleverna har varit med\n",
     (3, 19, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)",
      'sätt texten inom citattecken: kommentar: "Obs: eleverna har varit med"')),
    # a list item that is a text: the item quoted whole
    ("överenskommelser:\n  - Uppföljning: i november: KSAU\n",
     (2, 28, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)",
      'sätt texten inom citattecken: - "Uppföljning: i november: KSAU"')),
    # one space too many before a key: no quote is missing, the line is read as more of the value above
    ("bedömningar:\n  - målsättning: x\n    bedömning: uppfyllt\n     kommentar: Bra\n",
     (4, 6, "YAML-syntaxfel: raden är indragen mer än raden ovanför",
      ("skriv 'kommentar' rakt under 'bedömning' på rad 3 (4 mellanslag före, inte 5): med mer indrag läses raden "
      "som en fortsättning på värdet där"))),
    # a list item's '-' without its space: the line of the dash, not the key below it
    ("åtgärder:\n  -åtgärd: Läsombud\n    ansvarig: Maria\n",
     (2, 3, "YAML-syntaxfel: ett mellanslag saknas efter '-'",
      ("skriv '- åtgärd:': utan mellanslag läses '-' som en del av nyckeln, och 'ansvarig' på rad 3 som en "
      "fortsättning på dess värde"))),
])
def test_a_colon_error_says_what_to_write(text: str, expected: tuple[int, int, str, str]) -> None:
    [found] = parse("f.yaml", text)[1]
    assert (found.code, found.line, found.column, found.message, found.hint) == ("ALE001", *expected)


def test_git_conflict_markers_are_named() -> None:
    text = "namn: Grundskola\n<<<<<<< HEAD\nchef: Anna\n=======\nchef: Bo\n>>>>>>> feature\n"
    [found] = parse("f.yaml", text)[1]
    assert (found.code, found.line, found.column, found.message) == (
        "ALE001", 2, 1, "filen innehåller konfliktmarkeringar från Git (<<<<<<<, =======, >>>>>>>)")
    assert found.hint == ("lös konflikten: behåll det som ska gälla mellan markeringarna och ta bort raderna med "
                          "<<<<<<<, ======= och >>>>>>>")


@pytest.mark.parametrize(("text", "line", "opened"), [
    # the quote opened on line 2 closes only at the quote on line 5, where the parser stops
    ('mått:\n  - namn: "Meritvärde\n    enhet: poäng\n  - namn: Andel\n    enhet: "%"\n', 5,
     'citattecknet (") på rad 2'),
    ("namn: [\nchef: Anna\nnamn2: x\n", 3, "hakparentesen ([) på rad 1"),
])
def test_a_quote_or_bracket_left_open_is_named_where_it_opens(text: str, line: int, opened: str) -> None:
    [found] = parse("f.yaml", text)[1]
    assert (found.code, found.line) == ("ALE001", line)
    assert found.hint.endswith(f"; {opened} stängs inte på sin rad, så raderna efter läses som en del av värdet")


def test_a_list_closed_on_a_later_line_is_not_blamed() -> None:
    [found] = parse("f.yaml", "deltagare: [Anna,\n  Bo]\nnamn: x\nfoo: bar: baz\n")[1]
    assert found.hint == 'sätt texten inom citattecken: foo: "bar: baz"'


def test_a_heading_of_equals_signs_in_a_text_is_no_conflict() -> None:
    """Only '<<<<<<<' with a '>>>>>>>' after it is Git's: a '=======' alone may underline a heading in a text, and
    the syntax error below it is reported as it is."""
    text = 'lärdomar: "Rubrik\n=======\ntext"\nbehov: Lokaler: fler\n'
    assert problems(text) == [
        ("ALE001", 4, 15, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)")]


@pytest.mark.parametrize("text", [
    # a flow mapping closed on its own line, and an odd brace in a text further down
    "bedömningar:\n  - {målsättning: x, kommentar: y}\nsammanfattning: Se punkt {a i bilagan.\nbehov: Lokaler: fler\n",
    # an apostrophe first on a line of a block scalar's text is no quote
    "lärdomar: |\n  Först:\n  'Läsning först\nbehov: Lokaler: fler\n",
])
def test_a_quote_or_bracket_closed_or_in_a_text_is_not_blamed(text: str) -> None:
    [found] = parse("f.yaml", text)[1]
    assert found.hint == 'sätt texten inom citattecken: behov: "Lokaler: fler"'


def test_tab_indentation_points_at_the_tab() -> None:
    assert problems("bedömningar:\n\t- {målsättning: x}\n") == [("ALE005", 2, 1, "tabbtecken i indraget")]
    assert problems("a:\n  b: 1\n  \tc: 2\n") == [("ALE005", 3, 3, "tabbtecken i indraget")]


# a space from Word, Outlook or Teams where YAML needs its own: named, at the character, not the error it leads to
NBSP_MESSAGE = "ett hårt mellanslag (U+00A0) {}, där YAML kräver ett vanligt mellanslag"


@pytest.mark.parametrize(("text", "expected"), [
    # 'kolon saknas efter nyckeln' at a key whose colon is there
    ("bedömningar:\n  - målsättning: x\n    kommentar:\u00a0Läsningen går framåt\nsammanfattning: Kort.\n",
     ("ALE005", 3, 15, NBSP_MESSAGE.format("efter kolonet"))),
    ("dialog: {datum: 2020-09-03}\nsammanfattning:\u00a0Kort.\nlärdomar: x\n",
     ("ALE005", 2, 16, NBSP_MESSAGE.format("efter kolonet"))),
    ("lärdomar: x\nsammanfattning:\u00a0Kort.\n", ("ALE005", 2, 16, NBSP_MESSAGE.format("efter kolonet"))),
    # 'listpunkten har fel indrag' where the indentation looks right
    ("bedömningar:\n  - målsättning: x\n  \u00a0 bedömning: uppfyllt\n",
     ("ALE005", 3, 3, NBSP_MESSAGE.format("i indraget"))),
    ("åtgärder:\n  -\u00a0åtgärd: Läs\n    ansvarig: X\n", ("ALE005", 2, 4, NBSP_MESSAGE.format("efter '-'"))),
    ("bedömningar:\n  - målsättning: x\n    kommentar:\u200bKlart\nsammanfattning: Kort.\n",
     ("ALE005", 3, 15, "ett osynligt mellanslag (U+200B) efter kolonet, där YAML kräver ett vanligt mellanslag")),
])
def test_a_pasted_space_where_yaml_needs_its_own_is_named(text: str, expected: tuple[str, int, int, str]) -> None:
    [found] = parse("f.yaml", text)[1]
    assert (found.code, found.line, found.column, found.message) == expected
    assert found.hint.startswith("radera tecknet, och skriv ett vanligt mellanslag om ett behövs där")


def test_a_pasted_space_in_a_text_is_no_syntax_error_of_its_own() -> None:
    """Within a value it is text: the syntax error on its line is told as before."""
    assert problems("lärdomar: Pris:\u00a0100 kr: dyrt\n") == [
        ("ALE001", 1, 23, "YAML-syntaxfel: ett kolon här är inte tillåtet (saknas citattecken kring texten?)")]


# -- encodings -----------------------------------------------------------------------------------------------


def test_utf8_with_and_without_bom() -> None:
    assert decoded("nämnd: x\n".encode()) == ("nämnd: x\n", [])
    assert decoded(b"\xef\xbb\xbf" + "nämnd: x\n".encode()) == ("nämnd: x\n", [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    raw = "nämnd: x\n".encode(encoding)
    if encoding != "utf-16":  # the plain codec writes its own BOM
        raw = ("\ufeff" + "nämnd: x\n").encode(encoding)
    text, found = decoded(raw)
    assert (text, found) == ("nämnd: x\n", [])
    assert text is not None and load(text).values[("nämnd",)] == (1, 8)


def test_latin1_names_the_byte_and_where_it_is() -> None:
    assert decoded("namn: Sektor\nnämnd: utbildning\n".encode("cp1252")) == (None, [
        ("ALE002", 2, 2, "filen är inte UTF-8: byte 0xE4 ('ä' i Windows-1252/Latin-1)")])
    assert decoded("namn: Läsår".encode("cp1252")) == (None, [
        ("ALE002", 1, 8, "filen är inte UTF-8: byte 0xE4 ('ä' i Windows-1252/Latin-1)")])


def test_column_of_a_bad_byte_after_other_non_ascii_text() -> None:
    raw = "namn: Åsa ".encode() + b"\xf6\n"
    assert decoded(raw) == (None, [("ALE002", 1, 11, "filen är inte UTF-8: byte 0xF6 ('ö' i Windows-1252/Latin-1)")])


def test_nul_bytes_are_not_text() -> None:
    assert decoded(b"namn: x\n\x00\x00") == (None, [
        ("ALE002", 2, 1, "filen innehåller NUL-tecken och är inte en textfil")])


def test_every_load_diagnostic_has_a_hint() -> None:
    for text in ("", "- a\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: b: c\n", "a: 1\n---\nb: 2\n",
                 "a:\n\t- b\n", "1: x\n", "a: " + "[" * 300 + "]" * 300):
        for diagnostic in parse("f.yaml", text)[1]:
            assert diagnostic.hint, diagnostic


# -- the fast composer -----------------------------------------------------------------------------------------

FAST_AND_FULL = [
    "namn: Ahaga\nbudget: 412000\nandel: 0.25\naktiv: true\ntom:\ntext: 'citerad: text'\n",
    "lista:\n  - 1\n  - [a, {b: c}]\n  - {}\n  - []\nblock: |\n  rad ett\n  rad två\n",
    "målsättning: trygg\nbedömning: delvis uppnådd\n\"siffror\": '2020-08-31'\ndatum: 2020-08-31\n",
    "tal: [0o17, 0x1F, -3, +4, 1_000, 0b1, .5, 1e3, .inf, -.inf, .nan, 12abc, ~, null, Null, TRUE, yes]\n",
]
FALLS_BACK = [
    "a: 1\na: 2\n",  # repeated key: reported
    "a: &x 1\nb: *x\n",  # anchors
    "a: !!str 1\n",  # a tag
    "1: a\n",  # a key that is not text
    "- a\n- b\n",  # not a mapping
    "a: 1\n---\nb: 2\n",  # two documents
    "? [a]\n: b\n",  # a list as key
    "<<: {a: 1}\n",  # merge key
    "n: " + "9" * 5000 + "\n",  # too many digits
]


@pytest.mark.parametrize("text", FAST_AND_FULL + FALLS_BACK)
def test_the_fast_composer_gives_the_full_composers_data_or_leaves_the_file_to_it(text: str) -> None:
    from ale_cli import compose as composer

    try:
        fast, _ = composer._compose_plain(text)
    except composer._NeedPositions:
        assert text in FALLS_BACK
        return
    assert text in FAST_AND_FULL
    full = composer._compose("f.yaml", text)
    assert full.diagnostics == []
    assert repr(fast) == repr(full.data)  # repr: types too, and NaN equals NaN


def test_the_fast_composer_reads_every_file_of_the_example_repository_as_the_full_one() -> None:
    from pathlib import Path

    from ale_cli import compose as composer

    files = sorted((Path(__file__).parent.parent / "example-repo").rglob("*.yaml"))
    assert len(files) > 300
    for path in files:
        text = path.read_text("utf-8")
        assert repr(composer._compose_plain(text)[0]) == repr(composer._compose(str(path), text).data), path


# -- text cut by a comment --------------------------------------------------------------------------------------


def test_text_that_a_hash_cuts_from_a_value_is_a_warning() -> None:
    document, found = parse("f.yaml", (
        "kommentar: Klart med budget #2\n"
        "sammanfattning: #1 i länet\n"
        "händelser:\n"
        "  - Ny rektor # från augusti\n"
        "utfall: 219 #prel\n"
        "bedömning: delvis # uppfyllt | delvis uppfyllt | ej uppfyllt | ej bedömt\n"))
    assert document is not None
    assert document.data["kommentar"] == "Klart med budget"
    assert document.data["sammanfattning"] is None
    assert [(d.code, d.line, d.column, d.message, d.severity.value) for d in found] == [
        ("ALE013", 1, 29, "'#2' är en kommentar i YAML och läses inte: värdet är 'Klart med budget'", "varning"),
        ("ALE013", 2, 17, "'#1 i länet' är en kommentar i YAML och läses inte: värdet är tomt", "varning"),
        ("ALE013", 4, 15, "'# från augusti' är en kommentar i YAML och läses inte: värdet är 'Ny rektor'", "varning"),
        ("ALE013", 5, 13, "'#prel' är en kommentar i YAML och läses inte: värdet är '219'", "varning"),
        ("ALE013", 6, 19, ("'# uppfyllt | delvis uppfyllt | ej uppfy…' är en kommentar i YAML och läses inte: värdet "
                           "är 'delvis'"), "varning")]
    assert found[0].hint == ("sätt hela texten inom citattecken om '#' hör till den; en kommentar skrivs på en egen "
                             "rad eller med två mellanslag före '#' och ett efter")


@pytest.mark.parametrize("text", [
    "bedömning: ej bedömt  # uppfyllt | delvis uppfyllt | ej uppfyllt | ej bedömt\n",  # as ale new writes them
    # a draft's value written in front of its comment, one space from it
    "bedömning: delvis uppfyllt # uppfyllt | delvis uppfyllt | ej uppfyllt | ej bedömt\n",
    "status: klart # ej påbörjat | pågår | klart | avbrutet\n",
    "sektor: utbildning\t# Sektor utbildning\n",
    "kommentar:  # skriv efter kolonet\n",
    "# en kommentar på egen rad\nkommentar: Klart\n",
    "kommentar: 'Klart med budget #2'\n",
    'kommentar: "#1 i länet"\n',
    "kommentar: >-\n  Klart med budget #2\n",
    "kommentar: |\n  #1 i länet\n",
    "kommentar: Klart#2\n",  # no space before '#': text
    "ekonomi: #tkr\n  utfall: 219\n",  # a comment on a mapping's key: nothing is cut
    "Klart # som nyckel: 1\n",
])
def test_a_comment_set_off_or_a_hash_within_text_is_fine(text: str) -> None:
    _, found = parse("f.yaml", text)
    assert [d for d in found if d.code == "ALE013"] == []


# -- a list pasted into a text ---------------------------------------------------------------------------------


def test_a_list_whose_lines_yaml_joins_is_a_warning() -> None:
    document, found = parse("f.yaml", (
        "lärdomar:\n"
        "  • Läsombud ger resultat\n"
        "  • Tidiga insatser\n"
        "behov: >-\n"
        "  Vi behöver:\n"
        "  1. Fler lärare\n"
        "  2. Lokaler\n"
        "risker: Två risker\n"
        "  – personal\n"
        "  – lokaler\n"))
    assert document is not None
    assert document.data["lärdomar"] == "• Läsombud ger resultat • Tidiga insatser"
    assert [(d.code, d.line, d.column, d.severity.value) for d in found] == [
        ("ALE014", 3, 3, "varning"), ("ALE014", 6, 3, "varning"), ("ALE014", 9, 3, "varning")]
    assert found[0].message == ("raden ser ut att vara en punkt i en lista, men YAML läser ihop textens rader till en "
                                "enda rad")
    assert found[0].hint == ("skriv '|' efter nyckelns kolon (till exempel 'lärdomar: |') och textens rader indragna "
                             "under den, så behålls varje rad som den står")


def test_a_numbered_list_that_begins_on_the_key_line_is_a_warning() -> None:
    _, found = parse("f.yaml", "risker: 1) Vakanser bland speciallärare\n  2) Ökad frånvaro i åk 8–9\n")
    assert [(d.code, d.line, d.column) for d in found] == [("ALE014", 2, 3)]


@pytest.mark.parametrize("text", [
    "lärdomar: |\n  • Läsombud\n  • Tidiga insatser\n",  # '|' keeps the lines
    "lärdomar:\n  - Läsombud\n  - Tidiga insatser\n",  # a YAML list
    "lärdomar: >-\n  Eleverna i åk\n  9. Det gick bra\n",  # one line of prose begun by a number
    "lärdomar: >-\n  Budgeten höll\n  – vilket var väntat\n",  # or by a dash
    "lärdomar:\n  • Läsombud, och texten\n  fortsätter här\n",  # a bullet that only begins the text
    "lärdomar: '• Läsombud\n  • Tidiga insatser'\n",  # quoted: joined as asked
    # lines YAML keeps: after a blank line, and in a '>' text indented more than the text
    "lärdomar: >-\n  Vi prioriterar:\n\n  • Rekrytering\n\n  • Fortbildning\n",
    "lärdomar: >\n  Personalen lyfter:\n    • Kollegialt lärande\n    • Planeringstid\n",
    # prose: a clause between two dashes, numbers that do not count on, one dash and one number
    ("lärdomar: >-\n  Barngrupperna har varit mindre, vilket personalen upplever\n  – trots oron – som positivt. Vi "
     "vill\n  behålla arbetssättet\n  – så långt budgeten tillåter – även i höst.\n"),
    "risker: Barnen blir färre, från 210 till\n  185. Vi kan behöva slå ihop två avdelningar (se bilaga\n  2) i vår.\n",
    "risker: Sjukfrånvaron ökade\n  – framför allt i förskolan. Antalet barn sjönk till\n  185. Det väntade vi.\n",
])
def test_a_text_whose_lines_are_no_list_or_are_kept_is_fine(text: str) -> None:
    _, found = parse("f.yaml", text)
    assert found == []


def test_a_list_typed_with_hyphens_under_a_text_is_a_warning() -> None:
    """The commonest way to type a list: '-' lines under a text, which YAML joins into it."""
    document, found = parse("f.yaml", (
        "sammanfattning: Vi har arbetat med tre områden\n"
        "  - språkutveckling\n"
        "  - läsning\n"
        "lärdomar: >-\n"
        "  Vi lärde oss:\n"
        "  - att planera\n"
        "  - att följa upp\n"
        "risker: Budgeten höll\n"
        "  - vilket var väntat.\n"  # one line of prose begun by a hyphen
        "aktiviteter:\n"
        "  - Läsombud\n"  # a YAML list
        "  - Lovskola\n"))
    assert document is not None
    assert document.data["sammanfattning"] == "Vi har arbetat med tre områden - språkutveckling - läsning"
    assert [(d.code, d.line, d.column) for d in found] == [("ALE014", 2, 3), ("ALE014", 6, 3)]


@pytest.mark.parametrize(("text", "column", "quoted"), [
    ("kommentar: *viktigt* att följa upp\n", 12, 'kommentar: "*viktigt* att följa upp"'),  # an alias to YAML
    ("kommentar: & co\n", 12, 'kommentar: "& co"'),  # an anchor
    ("kommentar: \"Prognos\" i nivå\n", 22, "kommentar: '\"Prognos\" i nivå'"),  # more after a quoted text
    ("kommentar: > 5 % av budget\n", 14, 'kommentar: "> 5 % av budget"'),  # a block text's sign
    ("kommentar: ? fråga\n", 12, 'kommentar: "? fråga"'),  # a key's
])
def test_a_text_begun_by_a_sign_yaml_reads_otherwise_is_told_how_to_quote_it(text: str, column: int,
                                                                             quoted: str) -> None:
    _, found = parse("f.yaml", text)
    assert [(d.code, d.line, d.column, d.hint) for d in found] == [
        ("ALE001", 1, column, f"sätt hela texten inom citattecken: {quoted}")]


def test_a_text_begun_by_an_exclamation_mark_is_told_it_is_read_as_a_tag() -> None:
    _, found = parse("f.yaml", "kommentar: !viktigt att följa upp\nx: !!binary abc\n")
    assert [(d.code, d.line, d.column, d.hint) for d in found] == [
        ("ALE006", 1, 12, ("'!' först i ett värde inleder en tagg i YAML, som ale inte läser: ta bort taggen, eller "
                          "sätt texten inom citattecken om den börjar med '!' (\"!viktigt …\")"))]


def test_a_line_uncommented_with_its_space_left_is_told_where_it_stands() -> None:
    """`# dialog:` as ale new writes it, with only the '#' taken away: libyaml stopped at a later line, or said
    'en nyckel saknas'."""
    _, found = parse("f.yaml", "bedömningar: []\nsammanfattning: Bra.\n\n# Dialogen\n dialog:\n   datum: 2020-09-07\n"
                               "lärdomar: Mycket.\n")
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in found] == [
        ("ALE001", 5, 1, ("YAML-syntaxfel: raden börjar med ett mellanslag, så 'dialog' läses inte som ett fält på "
                          "filens översta nivå"),
         "ta bort mellanslaget före 'dialog' (när '# ' tas bort framför en rad ska både '#' och mellanslaget bort)")]
    _, first = parse("f.yaml", " dialog: {datum: 2020-09-07}\nsammanfattning: Bra.\n")
    assert [(d.line, d.column) for d in first] == [(1, 1)]
    # a text indented one space under '|' holds no field: the error is where it is
    _, text = parse("f.yaml", 'sammanfattning: |\n Text: med kolon\nlärdomar: x\nbad: "oavslutad\n')
    assert [(d.line, d.column, d.message) for d in text] == [(4, 6, "YAML-syntaxfel: citattecknet avslutas aldrig")]
