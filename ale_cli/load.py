"""Stage 1, load: one YAML file's bytes become plain data with the line and column of every key and value.

ruamel.yaml's C parser composes nodes that carry their marks, at nearly libyaml's speed; the nodes are turned
into dicts, lists and scalars here, so that nothing downstream depends on YAML. A file that cannot be read is
returned as diagnostics, never raised.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import _ruamel_yaml_clibz as clib
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from ale_cli.diagnostics import Diagnostic, Severity

Loc = tuple[str | int, ...]
Position = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Document:
    """A loaded file: its data and where each value and each key stands in it."""

    path: str
    data: Any
    values: dict[Loc, Position] = field(repr=False)
    keys: dict[Loc, Position] = field(repr=False)

    def at(self, loc: Loc) -> Position:
        """The position of the value at `loc`, or of its nearest ancestor that exists."""
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def key_at(self, loc: Loc) -> Position:
        """The position of the key that holds `loc`, falling back to the value's."""
        return self.keys.get(loc) or self.at(loc)


class _Parser(clib.CParser, VersionedResolver):  # type: ignore[misc]
    def __init__(self, text: str) -> None:
        clib.CParser.__init__(self, text)
        VersionedResolver.__init__(self, version=(1, 2))


class _Refused(Exception):
    def __init__(self, position: Position, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.code = code
        self.message = message
        self.hint = hint


def _pos(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is a diagnostic saying how to fix it."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [Diagnostic(path, 1, 1, "ALE002", "filen är inte giltig UTF-16",
                                     hint="spara om filen som UTF-8")]
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return None, [Diagnostic(path, line, 1, "ALE002", "filen innehåller NUL-tecken och är inte en textfil",
                                 hint="en YAML-fil ska vara text i UTF-8")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        guess = raw[error.start : error.start + 1].decode("cp1252", errors="replace")
        return None, [Diagnostic(
            path, line, column, "ALE002",
            f"filen är inte UTF-8: byte 0x{byte:02X} ('{guess}' i Windows-1252/Latin-1)",
            hint="spara om filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8; i VS Code: "
                 "'Reopen with Encoding' Windows 1252, sedan 'Save with Encoding' UTF-8)",
        )]


def parse(path: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    """YAML text to a `Document`; an empty file, a syntax error or a refused construct is a diagnostic."""
    try:
        deep = _too_deep(text)
        root = None if deep else _Parser(text).get_single_node()
    except MarkedYAMLError as error:
        return None, [_syntax_diagnostic(path, text, error)]
    except RecursionError:
        deep = (1, 1)
    if deep:
        return None, [Diagnostic(path, *deep, "ALE001", "filen är för djupt nästlad för att läsas",
                                 hint="dela upp värdet; formatet har bara några få nivåer")]
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL and root.value == ""):
        message = "filen innehåller inga värden, bara kommentarer" if "#" in text else "filen är tom"
        return None, [Diagnostic(path, 1, 1, "ALE004", message, hint="fyll i filen eller ta bort den")]
    values: dict[Loc, Position] = {}
    keys: dict[Loc, Position] = {}
    diagnostics: list[Diagnostic] = []
    try:
        data = _Converter(values, keys, diagnostics, path).convert(root, ())
    except _Refused as refused:
        line, column = refused.position
        return None, [Diagnostic(path, line, column, refused.code, refused.message, hint=refused.hint)]
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "ALE001", "filen är för djupt nästlad för att läsas",
                                 hint="dela upp värdet; formatet har bara några få nivåer")]
    if not isinstance(data, dict):
        line, column = _pos(root)
        diagnostics.append(Diagnostic(path, line, column, "ALE012",
                                      "filens översta nivå ska vara nycklar med värden (en mappning)",
                                      hint="skriv till exempel 'namn: …' på första raden"))
        return None, diagnostics
    return Document(path, data, values, keys), diagnostics


# The C composer recurses on the C stack and crashes the process (no exception) on nesting some thousands deep;
# Windows gives a thread 1 MB of stack. Block nesting needs a deeper column per level or two, flow nesting a
# bracket, so a file under _SAFE is composed at once and only a longer one has its events counted first.
_SAFE = 400
_MAX_DEPTH = 200


def _too_deep(text: str) -> Position | None:
    """Where the nesting first goes deeper than _MAX_DEPTH, or None."""
    longest = max(map(len, text.split("\n")))
    if 2 * (longest + 1) + text.count("[") + text.count("{") <= _SAFE:
        return None
    parser, depth = _Parser(text), 0
    while (event := parser.get_event()) is not None and not isinstance(event, StreamEndEvent):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


@dataclass
class _Converter:
    values: dict[Loc, Position]
    keys: dict[Loc, Position]
    diagnostics: list[Diagnostic]
    path: str
    seen: set[int] = field(default_factory=set)

    def convert(self, node: Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            raise _Refused(_pos(node), "ALE006", "ankare och alias (&, *) stöds inte",
                           hint="skriv ut värdet på varje ställe där det behövs")
        self.seen.add(id(node))
        self.values[loc] = _pos(node)
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*loc, index)) for index, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        raise _Refused(_pos(node), "ALE001", "okänd YAML-nod")  # pragma: no cover - the parser makes no other

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Refused(_pos(key_node), "ALE006", "sammanslagningsnyckeln '<<' stöds inte",
                               hint="skriv ut nycklarna i mappningen")
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                line, column = _pos(key_node)
                shown = key_node.value if isinstance(key_node, ScalarNode) else "…"
                self.diagnostics.append(Diagnostic(
                    self.path, line, column, "ALE010", f"nyckeln '{shown}' är inte text",
                    hint="en nyckel är ett ord; ett id som ser ut som ett tal eller datum skrivs inom citattecken"))
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            if key in result:
                line, column = _pos(key_node)
                first_line = self.keys[(*loc, key)][0]
                self.diagnostics.append(Diagnostic(
                    self.path, line, column, "ALE003", f"nyckeln '{key}' finns redan på rad {first_line}",
                    hint="ta bort eller slå ihop den ena"))
                continue
            self.keys[(*loc, key)] = _pos(key_node)
            result[key] = self.convert(value_node, (*loc, key))
        return result


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        text = value.replace("_", "")
        if text.startswith(("0o", "0x", "0b")):
            return int(text, 0)
        return int(text)
    if tag == _FLOAT:
        return float(value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan"))
    if tag is None or tag.startswith("tag:yaml.org,2002:") or tag == "!":
        return value
    raise _Refused(_pos(node), "ALE006", f"YAML-taggen '{tag}' stöds inte", hint="ta bort taggen")


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
    if "expected a single document" in context or "but found another document" in problem:
        return Diagnostic(path, line, column, "ALE007", "filen innehåller flera YAML-dokument (---)",
                          hint="en fil ska innehålla ett enda dokument; dela upp den i flera filer")
    if context.startswith("found duplicate anchor"):
        return Diagnostic(path, line, column, "ALE006", "ankare och alias (&, *) stöds inte",
                          hint="skriv ut värdet på varje ställe där det behövs")
    if unclosed:
        return Diagnostic(path, line, column, "ALE001", "YAML-syntaxfel: citattecknet avslutas aldrig",
                          hint="avsluta texten med samma citattecken som den börjar med")
    lines = text.splitlines()
    if 0 < line <= len(lines) and column <= len(lines[line - 1]) and "\t" in lines[line - 1][: column]:
        tab_column = lines[line - 1].index("\t") + 1
        return Diagnostic(path, line, tab_column, "ALE005", "tabbtecken i indraget",
                          hint="YAML tillåter bara mellanslag som indrag; ersätt tabben med mellanslag")
    message = _SYNTAX_SV.get(problem) or f"filen kan inte läsas som YAML ({problem})"
    return Diagnostic(path, line, column, "ALE001", f"YAML-syntaxfel: {message}",
                      hint="kontrollera indrag, kolon och citattecken på raden och raden ovanför")


def iter_locs(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every (location, value) in plain data, depth first."""
    yield loc, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_locs(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_locs(value, (*loc, index))


def is_finite_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


__all__ = ["Document", "Loc", "Position", "Severity", "decode", "parse"]
