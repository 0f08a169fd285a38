"""Events to data: the C parser's events composed straight into dicts, lists and scalars, with positions.

Composing from events (not nodes) keeps every step in one loop with an explicit stack: no node objects, no
resolver objects, no recursion on the C stack however deep a file nests. Scalars are resolved by YAML 1.2's
core schema, as ruamel.yaml's resolver does for version 1.2. Anchors, aliases, merge keys and tags beyond the
core schema are refused: the data is plain text, numbers, lists and mappings.

Most files are never reported on, so they are first composed by a leaner loop that keeps no positions and
gives up at the first thing out of the ordinary; only then does the full composer, which reports, run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import _ruamel_yaml_clibz as clib

from ale_cli.diagnostics import CONTROL, Diagnostic, shorten, visible

Loc = tuple[str | int, ...]
Position = tuple[int, int]

MAX_DEPTH = 200

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (_CORE + kind for kind in ("str", "null", "bool", "int", "float"))
_TIMESTAMP, _MAP, _SEQ = _CORE + "timestamp", _CORE + "map", _CORE + "seq"

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# YAML 1.2's core schema (§10.3.2), as editors read it: `1_000` and `0b1` are text there, though ruamel.yaml and
# YAML 1.1 read them as numbers, and an amount must mean the same in the editor and in CI
_INT_PATTERN = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_PATTERN = re.compile(r"""[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""", re.X)
_TIMESTAMP_PATTERN = re.compile(r"""[0-9]{4}-[0-9]{2}-[0-9]{2}
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?""", re.X)
_NUMBER_START = frozenset("-+0123456789.")

_ANCHOR_HINT = "skriv ut värdet på varje ställe där det behövs"


class Refused(Exception):
    """A construct the format does not allow; the file is reported with this one diagnostic."""

    def __init__(self, position: Position, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.code = code
        self.message = message
        self.hint = hint


class Empty(Exception):
    """The document holds no value."""


class _NeedPositions(Exception):
    """The fast composer met something it leaves to the full one (which keeps positions to report it)."""


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc | None  # None: inside a key that is refused, nothing of it is kept
    is_map: bool
    key: str | None = None
    awaiting_key: bool = True
    is_key: bool = False  # a list or mapping written as a key: refused, and the mapping then wants its value


@dataclass
class Composed:
    data: Any
    root: Position
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # a plain text with ' - ' in it, which may be a list of '-' lines that YAML joined into one (load.py looks);
    # always so where the full composer ran, which keeps no such count
    hyphens: bool = True


def _position(event: Any) -> Position:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def compose(path: str, text: str, positions: bool = True) -> Composed:
    """The single document of `text`. Raises Refused, Empty, or the parser's MarkedYAMLError/ReaderError.

    Without `positions`, the maps of where each value and key stands are left empty: most files are never
    reported on, and the maps are most of the cost of composing and of handing documents between processes.
    """
    if not positions:
        try:
            data, hyphens = _compose_plain(text)
            return Composed(data, (1, 1), hyphens=hyphens)
        except _NeedPositions:
            pass
    return _compose(path, text)


def _compose_plain(text: str) -> tuple[dict[str, Any], bool]:
    """The common file, fast: a mapping of plain keys down to plain values, nothing refused, nothing to report.

    Anything else (a tag, an anchor, a key that is not a word, a repeated key, a number too long, …) raises
    _NeedPositions, and the file is composed again by the composer that reports it. Where this succeeds, both
    give the same data (tests/test_load.py compares them).
    """
    parser = clib.CParser(text)
    get = parser.get_event
    get()  # stream start
    if type(get()) is not clib.DocumentStartEvent:
        raise _NeedPositions
    event = get()
    scalar_event, mapping_start, sequence_start = clib.ScalarEvent, clib.MappingStartEvent, clib.SequenceStartEvent
    mapping_end, sequence_end = clib.MappingEndEvent, clib.SequenceEndEvent
    if type(event) is not mapping_start or event.anchor is not None or event.ctag is not None:
        raise _NeedPositions
    root: dict[str, Any] = {}
    container: Any = root
    is_map = True
    stack: list[tuple[Any, bool]] = []
    normalize, is_normalized = unicodedata.normalize, unicodedata.is_normalized
    hyphens = False
    while True:
        event = get()
        kind = type(event)
        if is_map:
            if kind is mapping_end:
                if not stack:
                    break
                container, is_map = stack.pop()
                continue
            if kind is not scalar_event or event.anchor is not None or event.ctag is not None:
                raise _NeedPositions
            key = event.value
            if event.style == "" and (not key or key[0] in _NUMBER_START or key in _NULLS or key in _BOOLS
                                      or key == "<<"):
                raise _NeedPositions  # a plain key that may resolve to other than text
            if not key.isascii() and not is_normalized("NFC", key):
                key = normalize("NFC", key)
            if key in container:
                raise _NeedPositions
            event = get()
            kind = type(event)
        elif kind is sequence_end:
            container, is_map = stack.pop()
            continue
        if event.anchor is not None or event.ctag is not None:
            raise _NeedPositions
        if kind is scalar_event:
            value = event.value
            if " - " in value and event.style in ("", ">"):
                hyphens = True
            if event.style == "":
                try:
                    value = _plain(value, (0, 0))
                except Refused:
                    raise _NeedPositions from None
            elif event.style == '"' and CONTROL.search(value):  # only an escape can put one there
                raise _NeedPositions
        elif kind is mapping_start or kind is sequence_start:
            if len(stack) >= MAX_DEPTH - 1:
                raise _NeedPositions
            value = {} if kind is mapping_start else []
        else:
            raise _NeedPositions
        if is_map:
            container[key] = value
        else:
            container.append(value)
        if kind is not scalar_event:
            stack.append((container, is_map))
            container, is_map = value, kind is mapping_start
    get()  # document end
    if type(get()) is not clib.StreamEndEvent:
        raise _NeedPositions
    return root, hyphens


def _compose(path: str, text: str) -> Composed:
    parser = clib.CParser(text)
    get = parser.get_event
    get()  # stream start
    event = get()
    if isinstance(event, clib.StreamEndEvent):
        raise Empty
    event = get()  # the document's root
    if isinstance(event, clib.ScalarEvent) and event.tag is None and event.style == "" and event.value == "":
        raise Empty
    composed = _Composer(path).root(event, get)
    get()  # document end
    following = get()
    if isinstance(following, clib.DocumentStartEvent):
        raise Refused(_position(following), "ALE007", "filen innehåller flera YAML-dokument (---)",
                      "en fil ska innehålla ett enda dokument; dela upp den i flera filer")
    return composed


@dataclass
class _Composer:
    path: str

    def root(self, event: Any, get: Any) -> Composed:
        composed = Composed(None, _position(event))
        values, keys, diagnostics = composed.values, composed.keys, composed.diagnostics
        stack: list[_Frame] = []
        anchors: dict[str, Position] = {}
        scalar_event, mapping_start, alias_event = clib.ScalarEvent, clib.MappingStartEvent, clib.AliasEvent
        ends = (clib.MappingEndEvent, clib.SequenceEndEvent)
        parent: _Frame | None = None
        while True:
            kind = type(event)
            if kind in ends:
                ended = stack.pop()
                if not stack:
                    composed.data = ended.container
                    return composed
                parent = stack[-1]
                if parent.is_map and not ended.is_key:
                    parent.awaiting_key = True
                event = get()
                continue
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if kind is alias_event:  # reported where the anchor was set, where the value stands
                if event.anchor not in anchors:  # most likely text that begins with '*'
                    raise Refused(position, "ALE001", "YAML-syntaxfel: '*' inleder ett alias i YAML (sätt texten "
                                  "inom citattecken)", "kontrollera indrag, kolon och citattecken på raden och "
                                  "raden ovanför")
                raise Refused(anchors[event.anchor], "ALE006", "ankare och alias (&, *) stöds inte", _ANCHOR_HINT)
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise Refused(position, "ALE006", "ankare och alias (&, *) stöds inte", _ANCHOR_HINT)
                anchors[event.anchor] = position
            if parent is None:
                loc: Loc | None = ()
            elif parent.is_map:
                if parent.awaiting_key:
                    parent.awaiting_key = False
                    parent.key = self._key(event, parent, position, keys, diagnostics)
                    if kind is not scalar_event:
                        stack.append(_Frame({} if kind is mapping_start else [], None, kind is mapping_start,
                                            is_key=True))
                        parent = stack[-1]
                    event = get()
                    continue
                loc = None if parent.key is None or parent.loc is None else (*parent.loc, parent.key)
            else:
                loc = None if parent.loc is None else (*parent.loc, len(parent.container))
            if kind is scalar_event:
                value = _plain(event.value, position) if event.tag is None and event.style == "" else (
                    event.value if event.tag is None else _scalar(event, position))
                if event.style == '"' and loc is not None and (control := CONTROL.search(event.value)):
                    diagnostics.append(self._control(loc, position, control[0]))
                if parent is None:
                    composed.data = value
                    return composed
                if parent.is_map:
                    parent.awaiting_key = True
                    if parent.key is not None:
                        parent.container[parent.key] = value  # type: ignore[call-overload]
                else:
                    parent.container.append(value)  # type: ignore[union-attr]
            else:
                is_map = kind is mapping_start
                if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                    raise _refused_tag(event.tag, position)
                if len(stack) >= MAX_DEPTH:
                    raise Refused(position, "ALE001", "filen är för djupt nästlad för att läsas",
                                  "dela upp värdet; formatet har bara några få nivåer")
                container: dict[str, Any] | list[Any] = {} if is_map else []
                if parent is not None:
                    if parent.is_map:
                        if parent.key is not None:
                            parent.container[parent.key] = container  # type: ignore[call-overload]
                    else:
                        parent.container.append(container)  # type: ignore[union-attr]
                parent = _Frame(container, loc, is_map)
                stack.append(parent)
            if loc is not None:
                values[loc] = position
            event = get()

    def _control(self, loc: Loc, position: Position, character: str) -> Diagnostic:
        name = next((part for part in reversed(loc) if isinstance(part, str)), "värdet")
        return Diagnostic(self.path, *position, "ALE206", f"'{name}' innehåller styrtecknet {visible(character)}",
                          hint="ta bort tecknet: det syns inte i rapporten, och i en terminal kan det dölja text")

    def _key(self, event: Any, parent: _Frame, position: Position, keys: dict[Loc, Position],
             diagnostics: list[Diagnostic]) -> str | None:
        """The key's text, or None (with a diagnostic) when it cannot be a key."""
        if type(event) is not clib.ScalarEvent:
            diagnostics.append(self._not_text(position, "…"))
            return None
        plain = event.tag is None and event.style == ""
        text = event.value
        if plain and text and text.isascii() and text[0] not in _NUMBER_START and text not in _NULLS \
                and text not in _BOOLS and text != "<<":
            key = text  # the common case: a plain word, nothing to resolve or normalise
            return self._unique(key, parent, position, keys, diagnostics)
        if plain and text == "<<":
            raise Refused(position, "ALE006", "sammanslagningsnyckeln '<<' stöds inte",
                          "skriv ut nycklarna i mappningen")
        value = _scalar(event, position)
        if not isinstance(value, str) or (plain and _TIMESTAMP_PATTERN.fullmatch(value)):
            diagnostics.append(self._not_text(position, shorten(event.value)))
            return None
        return self._unique(unicodedata.normalize("NFC", value), parent, position, keys, diagnostics)

    def _unique(self, key: str, parent: _Frame, position: Position, keys: dict[Loc, Position],
                diagnostics: list[Diagnostic]) -> str | None:
        assert isinstance(parent.container, dict)
        if key in parent.container or (parent.loc is not None and (*parent.loc, key) in keys):
            first = keys.get((*parent.loc, key)) if parent.loc is not None else None
            where = f" på rad {first[0]}" if first else ""
            diagnostics.append(Diagnostic(self.path, *position, "ALE003",
                                          f"nyckeln '{shorten(key)}' finns redan{where}",
                                          hint="ta bort eller slå ihop den ena"))
            return None
        if parent.loc is not None:
            keys[(*parent.loc, key)] = position
        return key

    def _not_text(self, position: Position, shown: str) -> Diagnostic:
        return Diagnostic(self.path, *position, "ALE010", f"nyckeln '{shown}' är inte text",
                          hint="en nyckel är ett ord; ett id som ser ut som ett tal eller datum skrivs inom "
                               "citattecken")


def _scalar(event: Any, position: Position) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is None:
        return _plain(value, position) if event.style == "" else value
    if tag in (_STR, _TIMESTAMP, "!"):
        return value
    if tag in (_NULL, _BOOL, _INT, _FLOAT):
        resolved = _plain(value, position)
        expected = {_NULL: type(None), _BOOL: bool, _INT: int, _FLOAT: float}[tag]
        if tag == _FLOAT and type(resolved) is int:
            return float(resolved)
        if type(resolved) is not expected:
            shown = "!!" + tag.removeprefix(_CORE)
            raise Refused(position, "ALE006", f"'{shorten(value)}' passar inte YAML-taggen '{shown}'",
                          "ta bort taggen")
        return resolved
    raise _refused_tag(tag, position)


def _plain(value: str, position: Position) -> Any:
    """A plain scalar by YAML 1.2's core schema: null, true/false, integers, floats, else text."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT_PATTERN.fullmatch(value):
        try:
            return int(value, 8 if value[:2] == "0o" else 16 if value[:2] == "0x" else 10)
        except ValueError:  # Python reads at most 4 300 digits
            raise Refused(position, "ALE206", f"talet har för många siffror ({len(value)})",
                          "skriv ett vanligt tal, eller texten inom citattecken om det är text") from None
    if _FLOAT_PATTERN.fullmatch(value):
        return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
    return value


def _refused_tag(tag: str, position: Position) -> Refused:
    """`!include`, `!!binary`, `!!set`, `!!python/…`: the data is plain text, numbers, lists and mappings."""
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    if shown.startswith("!") and not shown.startswith("!!"):  # `kommentar: !viktigt`: most likely a text
        return Refused(position, "ALE006", f"YAML-taggen '{shown}' stöds inte",
                       "'!' först i ett värde inleder en tagg i YAML, som ale inte läser: ta bort taggen, eller "
                       f"sätt texten inom citattecken om den börjar med '!' (\"{shorten(shown, 40)} …\")")
    return Refused(position, "ALE006", f"YAML-taggen '{shown}' stöds inte", "ta bort taggen")
