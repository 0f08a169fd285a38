"""Stage 1, load: one YAML file's bytes become plain data with the line and column of every key and value.

The bytes are decoded here (UTF-8, with or without BOM, or UTF-16 with BOM; anything else is said plainly), and
compose.py turns the C parser's events into dicts, lists and scalars, so that nothing downstream depends on YAML.
A file that cannot be read is returned as diagnostics, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import _ruamel_yaml_clibz as clib
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from ale_cli.compose import Empty, Loc, Position, Refused, compose
from ale_cli.diagnostics import (
    ODD_SPACE,
    ODD_SPACE_HINT,
    TYPOGRAPHIC_QUOTES,
    Diagnostic,
    Severity,
    odd_space_name,
    shorten,
    visible,
    yaml_quoted,
)


@dataclass(frozen=True)
class Document:
    """A loaded file: its data, and where each value and each key stands in it.

    The positions are found again from the text when first asked for: only a file that is reported on needs
    them, and a document without them is a third the size to hand from a worker process to the next stage.
    A document taken from the cache gets its text the same way, from the file's bytes or from what gives them
    (`source`): most are never reported on.
    """

    path: str
    data: Any
    source: str | bytes | Callable[[], bytes] = field(repr=False)  # the text, its bytes, or what gives them

    @cached_property
    def text(self) -> str:
        source = self.source
        if callable(source):
            source = source()
        if isinstance(source, bytes):
            text, _ = decode(self.path, source)
            return text if text is not None else ""
        return source

    @cached_property
    def _positions(self) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
        composed = compose(self.path, self.text)
        return composed.values, composed.keys

    @property
    def values(self) -> dict[Loc, Position]:
        return self._positions[0]

    @property
    def keys(self) -> dict[Loc, Position]:
        return self._positions[1]

    def at(self, loc: Loc) -> Position:
        """The position of the value at `loc`, or of its nearest ancestor that exists."""
        values = self.values
        while loc not in values and loc:
            loc = loc[:-1]
        return values.get(loc, (1, 1))

    def key_at(self, loc: Loc) -> Position:
        """The position of the key that holds `loc`, falling back to the value's."""
        return self.keys.get(loc) or self.at(loc)


Read = tuple[Document | None, list[Diagnostic]]
"""What loading one file gives: its document, or None when it cannot be read, and the problems found."""


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is a diagnostic saying how to fix it."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, [Diagnostic(path, 1, 1, "ALE002", "filen är sparad som UTF-32, inte UTF-8",
                                 hint="spara om filen som UTF-8 i programmet som skrev den; VS Code läser inte UTF-32")]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_only(path, raw.decode("utf-16"))
        except UnicodeDecodeError:
            return None, [Diagnostic(path, 1, 1, "ALE002", "filen är inte giltig UTF-16",
                                     hint="spara om filen som UTF-8")]
    if b"\x00" in raw:
        if encoding := _utf16_without_bom(raw):
            return None, [Diagnostic(path, 1, 1, "ALE002", "filen är sparad som UTF-16 utan BOM, inte UTF-8",
                                     hint=_resave(encoding))]
        line, _ = _line_column(raw[: raw.index(b"\x00")])
        return None, [Diagnostic(path, line, 1, "ALE002", "filen innehåller NUL-tecken och är inte en textfil",
                                 hint="en YAML-fil ska vara text i UTF-8")]
    try:
        return _text_only(path, raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        line, column = _line_column(raw[: error.start])
        byte = raw[error.start]
        try:
            guess = f" ('{bytes([byte]).decode('cp1252')}' i Windows-1252/Latin-1)"
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D mean nothing in Windows-1252
            guess = ""
        return None, [Diagnostic(path, line, column, "ALE002", f"filen är inte UTF-8: byte 0x{byte:02X}{guess}",
                                 hint=_RESAVE)]


def _resave(encoding: str) -> str:
    """How to save a file as UTF-8 that was saved in `encoding`, as VS Code names it: it must first be read as
    what it is."""
    return ("spara om filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8; i VS Code: "
            f"'Reopen with Encoding' {encoding}, sedan 'Save with Encoding' UTF-8)")


_RESAVE = _resave("Windows 1252")

# libyaml breaks lines at these as YAML 1.1 did; editors, Git and YAML 1.2 do not, so every line number after one
# would be off by one and the text around it read differently by different tools
_ODD_BREAKS = {"\x85": "U+0085 (NEL, ofta ett '…' från Windows-1252 som konverterats fel)",
               "\u2028": "U+2028 (radavgränsare)", "\u2029": "U+2029 (styckeavgränsare)"}
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
LINE_BREAK = re.compile("\r\n|\r|\n")  # as YAML and editors count lines


def _text_only(path: str, text: str) -> tuple[str | None, list[Diagnostic]]:
    if "\ufeff" in text:
        return None, [_bom_within(path, text)]
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:  # a plain search is 100 × a regex
        return text, []
    odd = _ODD_BREAK.search(text)
    assert odd is not None
    line, column = _text_position(text[: odd.start()])
    return None, [Diagnostic(path, line, column, "ALE002", f"filen innehåller tecknet {_ODD_BREAKS[odd[0]]}",
                             hint="ersätt tecknet med en vanlig radbrytning eller ett mellanslag; program räknar "
                                  "det olika som radbrytning")]


def _bom_within(path: str, text: str) -> Diagnostic:
    """A BOM after the one a file may begin with (gone by now), mostly where two files were joined: libyaml skips
    one first on a line, so the key after it stands one column in and is told it is wrongly indented."""
    line, column = _text_position(text[: text.index("\ufeff")])
    return Diagnostic(path, line, column, "ALE002", "filen innehåller tecknet U+FEFF (BOM, ett osynligt "
                      "byte-ordningsmärke) efter filens början",
                      hint="ta bort tecknet; det syns inte i de flesta redigerare och följer med när filer slås ihop")


def _text_position(before: str) -> Position:
    """The 1-based line and column just after `before`; CR LF, CR and LF each end a line, as in editors."""
    return len(LINE_BREAK.findall(before)) + 1, len(before) - max(before.rfind("\n"), before.rfind("\r"))


def _line_column(before: bytes) -> Position:
    """The 1-based line and column (in characters) just after `before`; CR LF, CR and LF each end a line."""
    line = len(re.findall(rb"\r\n|\r|\n", before)) + 1
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, len(before[start:].decode("utf-8", errors="replace")) + 1


def _utf16_without_bom(raw: bytes) -> str | None:
    """Text saved as UTF-16 without a BOM (mostly ASCII, so every other byte is NUL, and it decodes cleanly): its
    byte order as VS Code names it, UTF-16 LE or UTF-16 BE."""
    if len(raw) % 2:
        return None
    for encoding, zeros, name in (("utf-16-le", raw[1::2], "UTF-16 LE"), ("utf-16-be", raw[0::2], "UTF-16 BE")):
        if zeros.count(0) * 4 >= len(zeros) * 3:
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            return name if "\x00" not in text else None
    return None


def parse(path: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    """YAML text to a `Document`; an empty file, a syntax error or a refused construct is a diagnostic."""
    try:
        if _DIRECTIVE.search(text) and (refused := _yaml_version(path, text)):
            return None, [refused]
        composed = compose(path, text, positions=False)
    except MarkedYAMLError as error:
        return None, [_syntax_diagnostic(path, text, error)]
    except ReaderError as error:  # a character YAML does not allow; its position counts UTF-8 bytes
        line, column = _text_position(text.encode("utf-8")[: error.position].decode("utf-8", errors="replace"))
        shown = f"U+{error.character:04X}" if isinstance(error.character, int) else "ett tecken"
        return None, [Diagnostic(path, line, column, "ALE002", f"filen innehåller styrtecknet {shown}, som inte "
                                 "får stå i en YAML-fil", hint="ta bort tecknet; det följer ofta med text som "
                                 "klistrats in från ett annat program")]
    except Empty:
        message = "filen innehåller inga värden, bara kommentarer" if "#" in text else "filen är tom"
        return None, [Diagnostic(path, 1, 1, "ALE004", message, hint="fyll i filen eller ta bort den")]
    except Refused as refused:
        return None, [Diagnostic(path, *refused.position, refused.code, refused.message, hint=refused.hint)]
    if not isinstance(composed.data, dict):
        return None, [*composed.diagnostics, Diagnostic(
            path, *composed.root, "ALE012", "filens översta nivå ska vara nycklar med värden (en mappning)",
            hint="skriv till exempel 'namn: …' på första raden")]
    checks = [check for check, wanted in (
        (_cut_by_comments, "#" in text and _AFTER_CONTENT.search(text)),  # a plain search first: most have no '#'
        (_joined_lists, composed.hyphens or _LIST_LINE.search(text)),  # a text with ' - ', or a line like an item
    ) if wanted]
    if not checks:
        return Document(path, composed.data, text), composed.diagnostics
    lines, values = LINE_BREAK.split(text), list(_values(text))  # read once for both
    return Document(path, composed.data, text), [*composed.diagnostics,
                                                 *(found for check in checks for found in check(path, lines, values))]


_AFTER_CONTENT = re.compile(r"\S[ \t]+#")  # a '#' after something on its line: a comment there, or text
_CUT = re.compile(r"([ \t]+)#(.*)")


def _cut_by_comments(path: str, lines: list[str], values: list[Any]) -> list[Diagnostic]:
    """Warnings for text that a '#' cut from a plain value, which YAML does without a word:
    `kommentar: Klart med budget #2` gives 'Klart med budget', and `kommentar: #2 är prognosen` gives nothing.
    A comment one space from the value, or with no space after its '#', is taken for such text; one set off as
    comments usually are (`bedömning: ej bedömt  # uppfyllt | …`, as `ale new` writes them) is left alone, as are
    the '#' in quoted values and in block texts (`>-`, `|`), which are text. `lines` are the file's, `values`
    the parser's events of its values (`_values`)."""
    found = []
    for event in values:
        if event.style != "":
            continue
        end = event.end_mark
        cut = _CUT.match(lines[end.line][end.column:]) if end.line < len(lines) else None
        if cut is None or (cut[1] != " " and cut[2][:1] in ("", " ", "\t")) or _lists_value(cut[2], event.value):
            continue
        shown = shorten(visible("#" + cut[2].rstrip()))
        value = f"värdet är '{shorten(visible(event.value))}'" if event.value else "värdet är tomt"
        found.append(Diagnostic(path, end.line + 1, end.column + len(cut[1]) + 1, "ALE013",
                                f"'{shown}' är en kommentar i YAML och läses inte: {value}", Severity.WARNING,
                                "sätt hela texten inom citattecken om '#' hör till den; en kommentar skrivs på "
                                "en egen rad eller med två mellanslag före '#' och ett efter"))
    return found


def _lists_value(comment: str, value: str) -> bool:
    """Whether a comment is a field's values as `ale new` writes them after it (`# uppfyllt | delvis uppfyllt |
    …`) and the value is one of them: a draft filled in before its comment, where nothing is cut."""
    return " | " in comment and value in (choice.strip() for choice in comment.split("|"))


_LIST_ITEM = re.compile(r"[ \t]*(?:([•·▪◦○‣*])|([–—-])|(\d{1,3})[.)])[ \t]+\S")
_LIST_LINE = re.compile(r"\n[ \t]*+(?:[•·▪◦○‣*–—]|\d{1,3}+[.)])[ \t]")  # a line that may be one: a fast search


def _joined_lists(path: str, lines: list[str], values: list[Any]) -> list[Diagnostic]:
    """Warnings for a list pasted into a text whose lines YAML joins into one (a plain text over several lines,
    or one written with '>'): `lärdomar:` with `• Första` and `• Andra` below it is 'Första • Andra' in the
    report. A line begun by a bullet is taken for a list item, as are two or more begun by a dash (– or a
    hyphen, `- språkutveckling` under a text, the commonest), and numbers that count on (`1.`, `2)`): prose may
    begin a line with a dash, with a pair of them around a clause (`– trots oron –`), or with any number (`185.
    Det gör …`). A '|' text keeps its lines and is left alone, as does YAML a line after a blank one, and in a
    '>' text a line indented more than the text. Hyphen lines are looked for only where the composer saw a
    text with ' - ' in it (every YAML list has lines begun by '-'). `lines` and `values` as for
    `_cut_by_comments`."""
    found = []
    for event in values:
        if event.style not in ("", ">") or event.end_mark.line == event.start_mark.line:
            continue
        # a plain text's lines from its first (on it, from where the text begins); a '>' text's from the one
        # after its sign
        first = event.start_mark.line + (1 if event.style == ">" else 0)
        last = min(event.end_mark.line + 1, len(lines))
        indent = next((len(line) - len(line.lstrip(" ")) for line in lines[first:last] if line.strip()), 0)
        bullets, dashes, numbers = [], [], []
        for number in range(first, last):
            line = lines[number][event.start_mark.column:] if event.style == "" and number == first \
                else lines[number]
            if (match := _LIST_ITEM.match(line)) is None:
                continue
            item = (number, len(match[0]) - len(match[0].lstrip()) + len(lines[number]) - len(line))
            if match[1]:
                bullets.append(item)
            elif match[2]:
                if f" {match[2]}" not in line[match.end():]:  # not a clause between two dashes
                    dashes.append(item)
            else:
                numbers.append((item, int(match[3])))
        counting = any(after[1] == before[1] + 1 for before, after in zip(numbers, numbers[1:], strict=False))
        items = sorted([*bullets, *(dashes if len(dashes) > 1 else []),
                        *([item for item, _ in numbers] if counting else [])])
        # the first item that YAML joins to the line above it
        joined = next(((number, column) for number, column in items if number > first and lines[number - 1].strip()
                       and (event.style == "" or not _deeper(lines[number], indent)
                            and not _deeper(lines[number - 1], indent))), None)
        if joined is None:
            continue
        found.append(Diagnostic(
            path, joined[0] + 1, joined[1] + 1, "ALE014",
            "raden ser ut att vara en punkt i en lista, men YAML läser ihop textens rader till en enda rad",
            Severity.WARNING, "skriv '|' efter nyckelns kolon (till exempel 'lärdomar: |') och textens rader "
                              "indragna under den, så behålls varje rad som den står"))
    return found


def _deeper(line: str, indent: int) -> bool:
    """Whether a line of a '>' text is indented more than the text, which YAML keeps as it stands."""
    return len(line) - len(line.lstrip(" ")) > indent


def _values(text: str) -> Iterator[Any]:
    """The C parser's scalar events of the values in `text` (not of the keys)."""
    # per open collection: for a mapping, whether its next node is a key; None for a list
    open_: list[list[bool] | None] = []
    parser = clib.CParser(text)
    while (event := parser.get_event()) is not None and not isinstance(event, clib.StreamEndEvent):
        if isinstance(event, (clib.MappingStartEvent, clib.SequenceStartEvent)):
            open_.append([True] if isinstance(event, clib.MappingStartEvent) else None)
            continue
        if isinstance(event, (clib.MappingEndEvent, clib.SequenceEndEvent)):
            open_.pop()
        elif not isinstance(event, clib.ScalarEvent):
            continue
        mapping = open_[-1] if open_ else None
        is_key = mapping is not None and mapping[0]
        if mapping is not None:
            mapping[0] = not mapping[0]
        if not is_key and isinstance(event, clib.ScalarEvent) and event.tag is None:
            yield event


_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


def _yaml_version(path: str, text: str) -> Diagnostic | None:
    """`%YAML 1.1` asks for other rules (`yes` is true, `010` is eight): refused, as the file is read as 1.2."""
    parser = clib.CParser(text)
    parser.get_event()
    start = parser.get_event()
    version = getattr(start, "version", None)
    if version is None or tuple(version) == (1, 2):
        return None
    shown = ".".join(map(str, version))
    return Diagnostic(path, start.start_mark.line + 1, start.start_mark.column + 1, "ALE006",
                      f"direktivet '%YAML {shown}' stöds inte; filerna läses som YAML 1.2", hint=_VERSION_HINT)


_VERSION_HINT = "ta bort raden med %YAML; i YAML 1.2 är yes och no text, och 010 är talet 10"


# "\x", "\u" and "\U" in double quotes begin a character's code: a Windows path ("C:\Users") meets the first, and
# the second "\ud83d\ude00", the surrogate pair JSON writes an emoji as, which YAML does not join
_BAD_HEX = "did not find expected hexdecimal number"
_BAD_CODE = "found invalid Unicode character escape code"

# libyaml's messages (the C parser) and, where they differ, the pure-Python parser's
_SYNTAX_SV = {
    "found character that cannot start any token": "tecknet kan inte inleda ett värde",
    "mapping values are not allowed here": "ett kolon här är inte tillåtet (saknas citattecken kring texten?)",
    "mapping values are not allowed in this context":
        "ett kolon här är inte tillåtet (saknas citattecken kring texten?)",
    "block sequence entries are not allowed in this context": "en listpunkt ('-') är inte tillåten här",
    "mapping keys are not allowed in this context": "en nyckel ('?') är inte tillåten här",
    "did not find expected node content": "ett värde saknas",
    "did not find expected '-' indicator": "listpunkten har fel indrag",
    "did not find expected comment or line break": "oväntad text efter värdet (saknas citattecken?)",
    "did not find expected alphabetic or numeric character":
        "'&' och '*' inleder ankare och alias i YAML (sätt texten inom citattecken)",
    "found unknown escape character": "okänt tecken efter '\\' inom dubbla citattecken (använd enkla citattecken)",
    "found unexpected document indicator": "'---' eller '...' mitt i ett värde",
    "found a tab character that violates indentation": "tabbtecken i indraget",
    "control characters are not allowed": "filen innehåller otillåtna styrtecken",
    "found undefined tag handle": "okänd tagg",
    "did not find expected <document start>": "oväntat innehåll (saknas kolon efter en nyckel?)",
    "could not find expected ':'": "kolon saknas efter nyckeln",
    "found unexpected end of stream": "filen tar slut mitt i ett värde",
    "expected <block end>, but found '<block mapping start>'": "indraget stämmer inte med raderna ovanför",
    "expected <block end>, but found '-'": "listpunkten har fel indrag",
    "did not find expected key": "en nyckel saknas eller indraget stämmer inte",
    "found unexpected ':'": "oväntat kolon (sätt texten inom citattecken)",
    "did not find expected ',' or ']'": "',' eller ']' saknas i listan",
    "did not find expected ',' or '}'": "',' eller '}' saknas i mappningen",
    "found undefined alias": "'*' inleder ett alias i YAML (sätt texten inom citattecken)",
    "found duplicate anchor": "ankaret finns redan",
    "found unknown directive name": "okänt direktiv ('%' först på en rad inleder ett YAML-direktiv)",
    "could not find expected directive name": "direktivets namn saknas ('%' först på en rad inleder ett YAML-direktiv)",
    "found unexpected non-alphabetical character":
        "oväntat tecken i direktivets namn ('%' först på en rad inleder ett YAML-direktiv)",
    "found duplicate %YAML directive": "direktivet '%YAML' står två gånger",
    "found duplicate %TAG directive": "direktivet '%TAG' står två gånger för samma förkortning",
    "did not find expected version number": "versionen efter '%YAML' ska skrivas med siffror, som 1.2",
    "did not find expected digit or '.' character": "versionen efter '%YAML' ska skrivas med siffror, som 1.2",
    "found extremely long version number": "versionen efter '%YAML' ska skrivas med siffror, som 1.2",
    "did not find expected whitespace": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "did not find expected whitespace or line break": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "did not find expected '!'": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "did not find expected tag URI": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "did not find the expected '>'": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "did not find URI escaped octet": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "found an incorrect leading UTF-8 octet": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "found an incorrect trailing UTF-8 octet": "'!' inleder en tagg i YAML (sätt texten inom citattecken)",
    "found an indentation indicator equal to 0": "siffran efter '|' eller '>' anger indraget och ska vara 1–9",
    "found a tab character where an indentation space is expected": "tabbtecken i indraget",
    _BAD_HEX: "efter '\\x', '\\u' och '\\U' inom dubbla citattecken ska en teckenkod i hexadecimala siffror stå "
              "(använd enkla citattecken)",
    _BAD_CODE: "teckenkoden efter '\\' inom dubbla citattecken är inget tecken (skriv tecknet som det är)",
}


def _syntax_diagnostic(path: str, text: str, error: MarkedYAMLError) -> Diagnostic:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    # a key without its colon and an unclosed quote are found only lines later; the context mark is where
    # the user made the mistake
    unclosed = context == "while scanning a quoted scalar" and problem == "found unexpected end of stream"
    starts_there = unclosed or problem == "could not find expected ':'" or context in (
        "while scanning an alias", "while scanning an anchor")
    mark = (error.context_mark if starts_there else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if problem in (_BAD_HEX, _BAD_CODE):  # libyaml marks the code's first digit; the backslash began the mistake
        column = max(column - 2, 1)
    last = len(LINE_BREAK.findall(text)) + 1
    if line > last:  # libyaml puts the end of a stream without a final line break on a line after the file's
        line, column = _text_position(text)
    if "expected a single document" in context or "but found another document" in problem:
        return Diagnostic(path, line, column, "ALE007", "filen innehåller flera YAML-dokument (---)",
                          hint="en fil ska innehålla ett enda dokument; dela upp den i flera filer")
    if problem == "found incompatible YAML document":
        return Diagnostic(path, line, column, "ALE006", "YAML-versionen i direktivet '%YAML' stöds inte; "
                          "filerna läses som YAML 1.2", hint=_VERSION_HINT)
    if context.startswith("found duplicate anchor"):
        return Diagnostic(path, line, column, "ALE006", "ankare och alias (&, *) stöds inte",
                          hint="skriv ut värdet på varje ställe där det behövs")
    if unclosed:
        return Diagnostic(path, line, column, "ALE001", "YAML-syntaxfel: citattecknet avslutas aldrig",
                          hint="avsluta texten med samma citattecken som den börjar med")
    lines = text.splitlines()
    if (marker := _conflict_marker(lines)) is not None:
        return Diagnostic(path, marker, 1, "ALE001", "filen innehåller konfliktmarkeringar från Git (<<<<<<<, =======, "
                          ">>>>>>>)", hint="lös konflikten: behåll det som ska gälla mellan markeringarna och ta bort "
                                           "raderna med <<<<<<<, ======= och >>>>>>>")
    if 0 < line <= len(lines) and column <= len(lines[line - 1]) and "\t" in lines[line - 1][: column]:
        tab_column = lines[line - 1].index("\t") + 1
        return Diagnostic(path, line, tab_column, "ALE005", "tabbtecken i indraget",
                          hint="YAML tillåter bara mellanslag som indrag; ersätt tabben med mellanslag")
    if (stray := _key_after_a_space(lines, line)) is not None:
        number, name = stray
        return Diagnostic(path, number, 1, "ALE001", f"YAML-syntaxfel: raden börjar med ett mellanslag, så '{name}' "
                          "läses inte som ett fält på filens översta nivå",
                          hint=f"ta bort mellanslaget före '{name}' (när '# ' tas bort framför en rad ska både '#' "
                               "och mellanslaget bort)")
    if (odd := _odd_space_in_structure(lines, line)) is not None:
        return Diagnostic(path, *odd[:2], "ALE005", odd[2], hint=ODD_SPACE_HINT)
    message = _SYNTAX_SV.get(problem) or f"filen kan inte läsas som YAML ({problem})"
    hint = "kontrollera indrag, kolon och citattecken på raden och raden ovanför"
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if problem == "found character that cannot start any token" and column <= len(here) \
            and here[column - 1].isprintable() and not here[column - 1].isspace():
        # '@' of a mention from Teams, '`' around a word from a chat, '%' of a share
        sign, before, text = here[column - 1], here[: column - 1].rstrip(), here[column - 1:].rstrip()
        message = f"tecknet '{sign}' kan inte inleda ett värde"
        if before.endswith(("[", "{", ",")):  # an item of a list in brackets ends at its comma
            text = re.split(r"[,\]}]", text)[0].rstrip()
        if before.endswith((":", "-", "[", "{", ",")):
            hint = f"sätt texten inom citattecken: {yaml_quoted(shorten(text))}"
    elif problem == "could not find expected ':'" and (owner := _text_owner(lines, line)) is not None:
        hint = (f"är raden text till '{owner[1]}' på rad {owner[0]}? Dra in textens rader med mellanslag under "
                "nyckeln" + ("" if owner[2] else f", och skriv '{owner[1]}: |' om radbrytningarna ska behållas"))
    elif problem == "could not find expected ':'" and (bare := _KEY_WITHOUT_COLON.match(here)) is not None:
        hint = f"skriv ett kolon efter nyckeln: {bare[1]}{bare[2]}: {bare[3]}"
    elif problem in _COLON and (typographic := _TYPOGRAPHIC.match(here)) is not None:
        hint = (f"'{typographic[1]}' är ett typografiskt citattecken (från Word eller Outlook), som YAML läser som "
                "en del av texten; sätt texten inom raka citattecken (\") i stället")
    elif problem in _MAPPING_VALUES and (key := _KEY_LINE.match(here)) is not None:
        if key.end(3) == column - 1:  # the line's own key: the line above did not let it begin a new one
            if (misplaced := _misplaced_key(path, lines, line, key)) is not None:
                return misplaced
        elif key.end(3) < column - 1 and (as_text := _quoted_value(key, here)) is not None:
            hint = f"sätt texten inom citattecken: {as_text}"
    elif (key := _KEY_LINE.match(here)) is not None and key.end(3) < column - 1 \
            and (as_text := _quoted_value(key, here, _INDICATORS)) is not None:
        # a text begun by a sign YAML reads otherwise: '*viktigt*' an alias, '> 5 %' a block text, '"Prognos" i
        # nivå' a quoted text with more after it
        hint = f"sätt hela texten inom citattecken: {as_text}"
    if (opened := _left_open(lines[: line - 1])) is not None:
        where, sign = opened
        hint += f"; {sign} på rad {where} stängs inte på sin rad, så raderna efter läses som en del av värdet"
    return Diagnostic(path, line, column, "ALE001", f"YAML-syntaxfel: {message}", hint=hint)


# where YAML needs a plain space: in a line's indentation, after a list's '-', after a key's ':'
_STRUCTURE = re.compile(r"^([ \t]*)(?:(-[ \t]+)*(-|[^\s\"'#\[{][^:#]*?:))?(" + ODD_SPACE.pattern + ")")


_ONE_SPACE_KEY = re.compile(r" ([^\s#\-\[{\"'][^:#]*):(?:\s|$)")
_BLOCK_TEXT = re.compile(r":[ \t]+[|>][-+1-9]*[ \t]*(?:#.*)?$")  # a key whose text follows on the lines below
_TOP_KEY = re.compile(r"[^\s#\-\[{\"'][^:#]*:(?:\s|$)")


def _key_after_a_space(lines: list[str], line: int) -> tuple[int, str] | None:
    """A field of the file's top level written one space in, at or above a syntax error: what is left when only
    the '#' of a commented-out line is taken away (`# dialog:` as `ale new` writes it, made ` dialog:`). Only
    where the file's other fields begin at the line's start, and that field is the first line one space in."""
    for number in range(1, min(line, len(lines)) + 1):
        text = lines[number - 1]
        if text[:1] == " " and text[1:2] not in (" ", "\t"):
            found = _ONE_SPACE_KEY.match(text)
            above = _previous(lines, number)
            if found is None or _left_open(lines[: number - 1]) is not None \
                    or (above is not None and _BLOCK_TEXT.search(lines[above - 1])):  # a line of a list or a text
                return None
            if any(_TOP_KEY.match(other) for other in lines if other is not text):
                return number, found[1].strip()
            return None
    return None


def _odd_space_in_structure(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """A space from Word, Outlook or Teams (U+00A0 …) where YAML needs its own, on the line of a syntax error or
    the line above: YAML takes it for text, so that `kommentar:\u00a0Klart` is no key and an indentation that
    looks right is none."""
    for number in (line, line - 1):
        if not 0 < number <= len(lines):
            continue
        found = _STRUCTURE.match(lines[number - 1])
        if found is None:
            continue
        after = found.group(3)
        where = "i indraget" if after is None else "efter '-'" if after == "-" else "efter kolonet"
        return (number, found.start(4) + 1,
                f"{odd_space_name(found.group(4))} {where}, där YAML kräver ett vanligt mellanslag")
    return None


# a key with no value on its line, or a block text's '|' or '>' after it
_TEXT_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([^\s#\"'\-][^:#]*):[ \t]*([|>][-+1-9]*)?[ \t]*(?:#.*)?$")


def _text_owner(lines: list[str], line: int) -> tuple[int, str, bool] | None:
    """The key whose text a line without a colon was meant to be, pasted without the indentation YAML needs:
    `sammanfattning:` (or `sammanfattning: >-`) and below it the text at the key's own indentation or left of it.
    Its line number, its name, and whether a block text's sign follows it."""
    if not 0 < line <= len(lines) or ":" in lines[line - 1]:
        return None
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        if not above.strip() or len(above) - len(above.lstrip(" ")) > indent:
            if _KEY_LINE.match(above) or above.lstrip().startswith("- "):
                return None  # the key above holds keys or a list, no text
            continue  # a blank line, or a line of the text indented as it should be
        found = _TEXT_KEY.match(above)
        return (number, found[1].strip(), found[2] is not None) if found else None
    return None


_MAPPING_VALUES = ("mapping values are not allowed here", "mapping values are not allowed in this context")
# a line's first key: its indentation, a list's dashes, the key; the colon and a space (or the line's end) follow
_KEY_LINE = re.compile(r"^( *)((?:- +)*)([^\s\"'#\[{\-][^:#]*?|-[^\s:#][^:#]*?):(?= |$)")
# a field's name and one word or a block text's sign after it, the colon between them left out: `typ bolag`
_KEY_WITHOUT_COLON = re.compile(r"^( *(?:- +)?)([a-zåäö][a-zåäö0-9-]*) +([^\s:#]+)\s*$")
_FIELD_NAME = re.compile(r"[a-zåäö][a-zåäö0-9-]*")


def _previous(lines: list[str], line: int) -> int | None:
    """The number of the nearest line above `line` that holds something other than a comment."""
    for number in range(line - 1, 0, -1):
        if lines[number - 1].strip() and not lines[number - 1].lstrip().startswith("#"):
            return number
    return None


def _misplaced_key(path: str, lines: list[str], line: int, key: re.Match[str]) -> Diagnostic | None:
    """A key YAML reads as more of the value on the line above: the line is indented deeper than that line's key
    (one space too many), or the line above is a list item whose '-' has no space after it (`-åtgärd: …`)."""
    if (number := _previous(lines, line)) is None or (above := _KEY_LINE.match(lines[number - 1])) is None:
        return None
    name, over = key[3].strip(), above[3].strip()
    if over.startswith("-"):
        dash = len(above[1]) + len(above[2])
        return Diagnostic(path, number, dash + 1, "ALE001", "YAML-syntaxfel: ett mellanslag saknas efter '-'",
                          hint=f"skriv '- {shorten(over[1:])}:': utan mellanslag läses '-' som en del av nyckeln, "
                               f"och '{name}' på rad {line} som en fortsättning på dess värde")
    value = lines[number - 1][above.end():].strip()
    start, over_start = key.start(3), above.start(3)
    if start <= over_start or not value or value[0] in "|>[{\"'#":
        return None
    return Diagnostic(path, line, start + 1, "ALE001", "YAML-syntaxfel: raden är indragen mer än raden ovanför",
                      hint=f"skriv '{shorten(name)}' rakt under '{shorten(over)}' på rad {number} ({over_start} "
                           f"mellanslag före, inte {start}): med mer indrag läses raden som en fortsättning på "
                           f"värdet där")


_INDICATORS = "*&>|?!\"'"
"""Signs that begin something else than a plain text in YAML: an alias, an anchor, a block text, a key, a tag,
a quoted text."""


def _quoted_value(key: re.Match[str], here: str, begun_by: str = "") -> str | None:
    """A text as it is written quoted: the value after a field's name, or a list item whole. Without `begun_by`
    a text with ': ' in it; with it, a text begun by one of those signs."""
    name = key[3].strip()
    if _FIELD_NAME.fullmatch(name):
        text, before = here[key.end():].strip(), f"{name}: "
    elif key[2]:
        text, before = here[key.end(2):].rstrip(), "- "
    else:
        return None
    if not text or " #" in text or (text[0] not in begun_by if begun_by else text[0] in "\"'[{|>&*!"):
        return None
    return before + yaml_quoted(shorten(text, 60))


_COLON = (*_MAPPING_VALUES, "found unexpected ':'")
# a value after a key or a list's dash that begins with a quote a word processor writes: ” “ „ ’ ‘ » «
_TYPOGRAPHIC = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#"'][^:#]*:\s+)?([""" + TYPOGRAPHIC_QUOTES + "])")


_OURS, _THEIRS = re.compile(r"^<{7}( |$)"), re.compile(r"^>{7}( |$)")


def _conflict_marker(lines: list[str]) -> int | None:
    """The line where a merge conflict Git left in the file begins: a '<<<<<<<' line with a '>>>>>>>' line after
    it (a '=======' alone may be a heading in a text)."""
    for number, text in enumerate(lines, 1):
        if _OURS.match(text) and any(_THEIRS.match(later) for later in lines[number:]):
            return number
    return None


# a value after a key or a list's dash that opens a quote or a bracket (not a line of a block scalar's text)
_OPENING = re.compile(r"""^\s*(?:-\s+|[^\s#"'][^:#]*:\s+|"[^"]*":\s+|'[^']*':\s+)(["'\[{])""")


def _left_open(lines: list[str]) -> tuple[int, str] | None:
    """A line above a syntax error whose value opens a quote or a bracket that is still open where the error
    is (a text or a list that runs on into the lines below, where the parser stops): its number and what."""
    for number in range(len(lines), 0, -1):
        found = _OPENING.match(lines[number - 1])
        if found is None:
            continue
        sign, rest = found.group(1), lines[number - 1][found.end():]
        after = "\n".join([rest, *lines[number:]])
        if sign == '"' and re.search(r'(?<!\\)"', after.replace("\\\\", "")) is None:
            return number, "citattecknet (\")"
        if sign == "'" and after.replace("''", "").count("'") == 0:
            return number, "citattecknet (')"
        closing = {"[": "]", "{": "}"}.get(sign)
        # open at the end of its own line, and still open where the parser stopped
        if closing is not None and rest.count(closing) <= rest.count(sign) \
                and after.count(closing) <= after.count(sign):
            return number, f"hakparentesen ({sign})" if sign == "[" else f"klammerparentesen ({sign})"
    return None


__all__ = ["Document", "Loc", "Position", "Severity", "decode", "parse"]
