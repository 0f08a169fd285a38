"""Stage 2, parse: a loaded document becomes a frozen model, or diagnostics at the right line and column.

Pydantic's errors carry a `loc` path; the document knows where every path stands, so each error is reported
where the user wrote the value (or the key), in Swedish, with the nearest allowed key or value suggested.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import types
import typing
import unicodedata
from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ale_cli.diagnostics import (
    ODD_SPACE,
    ODD_SPACE_HINT,
    TYPOGRAPHIC_QUOTES,
    Diagnostic,
    did_you_mean,
    nearest,
    odd_space_name,
    shorten,
    yaml_quoted,
)
from ale_cli.load import Document, Loc
from ale_cli.models import ID_PATTERN, KLOCKSLAG_PATTERN, KOLADA_PATTERN, KOMMUNKOD_PATTERN, MåttUtfall

M = TypeVar("M", bound=BaseModel)


def parse_model(document: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        details = error.errors(include_url=False)
        return None, [_diagnostic(document, model, detail) for detail in details
                      if not _misspelt(document, model, detail, details)]


def _misspelt(document: Document, model: type[BaseModel], detail: ErrorDetails,
              details: list[ErrorDetails]) -> bool:
    """A missing field whose near miss stands beside it: the unknown-key diagnostic says it all."""
    if detail["type"] != "missing":
        return False
    parent, name = detail["loc"][:-1], str(detail["loc"][-1])
    return any(other["type"] == "extra_forbidden" and other["loc"][:-1] == parent
               and nearest(str(other["loc"][-1]), _allowed_keys(model, tuple(parent))) == name
               for other in details)


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_from_float": "ett heltal",
    "float_type": "ett tal",
    "bool_type": "sant eller falskt",
    "list_type": "en lista",
    "dict_type": "en mappning (nycklar med värden)",
    "model_type": "en mappning (nycklar med värden)",
    "model_attributes_type": "en mappning (nycklar med värden)",
}

_PATTERN_WORDS = {
    KOMMUNKOD_PATTERN: "fyra siffror inom citattecken, till exempel \"1440\"",
    KLOCKSLAG_PATTERN: "en tid i formen TT:MM inom citattecken, till exempel \"09:00\"",
    KOLADA_PATTERN: "ett Kolada-id, en versal och fem siffror, till exempel N15504",
}


def _diagnostic(document: Document, model: type[BaseModel], detail: ErrorDetails) -> Diagnostic:
    found = _value_diagnostic(document, model, detail)
    value = detail.get("input")
    # a value that looks right and is not (`delvis uppfyllt\u00a0`): say what the eye cannot see
    if not isinstance(value, str) or (odd := ODD_SPACE.search(value)) is None:
        return found
    if found.code in _SAYS_VALUE or (found.code == "ALE201" and detail["type"] == "list_type"
                                     and odd.start() == 1 and value[0] == "-"):
        hint = f"värdet innehåller {odd_space_name(odd[0])}: {ODD_SPACE_HINT}"
        if found.code == "ALE201":  # `-\u00a0Punkt` on each line: one text, not a list
            hint = (f"'-' följs av {odd_space_name(odd[0])}, så raderna läses som en enda text och inte som en "
                    f"lista: {ODD_SPACE_HINT}")
        lines = document.text.splitlines()
        column = found.column
        if 0 < found.line <= len(lines) and lines[found.line - 1][column - 1:].startswith(value):
            column += odd.start()  # the value stands as written on its line: point at the character
        return Diagnostic(found.path, found.line, column, found.code, found.message, found.severity,
                          f"{hint}; {found.hint}" if found.hint else hint)
    return found


# the codes whose message quotes a text value as wrong for what it holds (a number's hint already names spaces)
_SAYS_VALUE = {"ALE204", "ALE205", "ALE206", "ALE207"}


def _value_diagnostic(document: Document, model: type[BaseModel], detail: ErrorDetails) -> Diagnostic:
    loc: Loc = tuple(part for part in detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    path = document.path
    # pydantic marks an invalid key of a mapping with "[key]" after it, the key being the input; a key the user
    # wrote as "[key]" is not such a mark (its value, or the key itself where no such field exists, is the error)
    if len(loc) > 1 and loc[-1] == "[key]" and kind != "extra_forbidden" and value == loc[-2]:
        line, column = document.key_at(loc[:-1])
        return Diagnostic(path, line, column, "ALE207", f"'{shorten(loc[-2])}' är inget giltigt id",
                          hint=_id_hint(loc[-2]))
    name = str(loc[-1]) if loc else ""
    if len(loc) > 1 and isinstance(loc[-1], int):
        name = f"{loc[-2]} nr {loc[-1] + 1}"  # an item of a list of values: 'periodisering nr 12'
    if kind == "extra_forbidden":
        line, column = document.key_at(loc)
        if odd := ODD_SPACE.search(name):  # a key that only looks right: `sammanfattning\u00a0:`, or indented by one
            where = "i indraget, där YAML kräver ett vanligt mellanslag" if not name[: odd.start()].strip() \
                else f"i fältet '{shorten(name)}'"
            return Diagnostic(path, line, column + odd.start(), "ALE005", f"{odd_space_name(odd[0])} {where}",
                              hint=ODD_SPACE_HINT)
        allowed = _allowed_keys(model, loc[:-1])
        return Diagnostic(path, line, column, "ALE203", f"okänt fält '{shorten(name)}'{did_you_mean(name, allowed)}",
                          hint="tillåtna fält här: " + ", ".join(allowed) if allowed else "")
    if kind == "missing":
        line, column = document.at(loc[:-1])
        return Diagnostic(path, line, column, "ALE202", f"fältet '{name}' saknas",
                          hint=f"lägg till '{name}: …'")
    line, column = document.at(loc)
    if len(loc) > 1 and loc not in document.values and loc[:-1] in document.values:
        name = str(loc[-2])  # a key the model added (`id: 219` read as `id: {utfall: 219}`): name what the user wrote
    if kind == "literal_error" and value is None:  # a line of `ale new`'s template uncommented, not filled in
        allowed = _literal_values(model, loc)
        return Diagnostic(path, line, column, "ALE204", f"'{name}' ska fyllas i",
                          hint="tillåtna värden: " + ", ".join(f"'{choice}'" for choice in allowed))
    if kind == "literal_error":
        allowed = _literal_values(model, loc)
        shown = ", ".join(f"'{choice}'" for choice in allowed)
        return Diagnostic(path, line, column, "ALE204",
                          f"'{shorten(value)}' är inte ett tillåtet värde för '{name}'"
                          f"{did_you_mean(str(value), allowed)}",
                          hint=f"tillåtna värden: {shown}")
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return Diagnostic(path, line, column, "ALE206", f"'{name}' är ett för stort tal",
                          hint="skriv ett vanligt tal; .nan, .inf och tal över 1e308 räknas inte")
    if kind in _TYPE_WORDS:
        # a mått is written as its utfall (`id: 219`) or as a mapping: say both, not the mapping it is read as
        mått = _annotation_at(model, loc) is MåttUtfall
        expected = "ett tal (utfallet) eller {utfall: …, kommentar: …}" if mått else _TYPE_WORDS[kind]
        if value is None and kind == "string_type" and _comment_after_key(document, loc):
            hint = _COMMENT_HINT
        elif mått:
            hint = f"skriv utfallet efter kolonet, '{name}: 219', eller '{name}: {{kommentar: …}}' om varför det saknas"
        elif kind == "string_type" and isinstance(value, dict | list) \
                and (bracketed := _bracketed(document, line, column)) is not None:
            # `sammanfattning: {viktigt}` or `[se bilaga]`: brackets around a text make a mapping or a list
            what = "en mappning" if bracketed[0] == "{" else "en lista"
            hint = (f"'{bracketed[0]}' och '{bracketed[-1]}' omger {what} i YAML; sätt texten inom citattecken: "
                    f"{yaml_quoted(bracketed)}")
        else:
            hint = _type_hint(kind, value)
        return Diagnostic(path, line, column, "ALE201", f"'{name}' ska vara {expected}, inte {_describe(value)}",
                          hint=hint)
    if kind == "ale_datum":
        separator = " " if detail["msg"].startswith("ska ") else ": "
        return Diagnostic(path, line, column, "ALE205", f"'{name}'{separator}{detail['msg']}",
                          hint=_date_hint(value))
    if kind == "ale_tal":
        shown = ".nan" if math.isnan(value) else "oändligt"
        return Diagnostic(path, line, column, "ALE206", f"'{name}' ska vara ett ändligt tal, inte {shown}",
                          hint="skriv ett vanligt tal; .nan, .inf och tal över 1e308 räknas inte")
    if kind == "ale_tal_stort":
        return Diagnostic(path, line, column, "ALE206", f"'{name}' är orimligt stort: {shorten(str(value))}",
                          hint="ale tar tal under 10^15 (en miljon miljarder); kontrollera siffrorna och "
                               "decimaltecknet (belopp anges i tkr)")
    if kind == "ale_tom_text":
        return Diagnostic(path, line, column, "ALE208", f"'{name}' är tom",
                          hint="skriv en text eller ta bort fältet om det är valfritt")
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == ID_PATTERN:
            return Diagnostic(path, line, column, "ALE207", f"'{shorten(value)}' är inget giltigt id",
                              hint=_id_hint(value))
        wanted = _PATTERN_WORDS.get(pattern, f"matcha mönstret {pattern}")
        return Diagnostic(path, line, column, "ALE206", f"'{name}' har fel form: '{shorten(value)}'",
                          hint=f"ska vara {wanted}")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)  # a bound on a float is a float to pydantic: 'minst 0', not 'minst 0.0'
        word = "minst" if kind == "greater_than_equal" else "högst"
        return Diagnostic(path, line, column, "ALE206", f"'{name}' ska vara {word} {bound}, inte {value}",
                          hint=f"ange ett värde som är {word} {bound}")
    return Diagnostic(path, line, column, "ALE206", f"'{name}': {detail['msg']}",
                      hint="kontrollera värdet mot formatet i dokumentationen")


def _id_hint(value: Any) -> str:
    """What an id is, and the id the text would be written as (`Digitala lärverktyg` → 'digitala-larverktyg')."""
    said = "ett id består av små bokstäver a–z, siffror och '-'"
    written = _as_id(str(value))
    if written and written != value and re.fullmatch(ID_PATTERN, written):
        return f"{said}: '{shorten(written)}'"
    return f"{said}, till exempel 'ahaga-skola'"


def _as_id(text: str) -> str:
    """A name as an id: å, ä and ö (and other accents) without their marks, lower case, words joined by '-'."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return "-".join(re.findall(r"[a-z0-9]+", plain))


_DATE_HINT = "skriv datum som ÅÅÅÅ-MM-DD, till exempel 2020-08-31"
# how a date is written in Swedish by hand or by Excel: day first (30/11-2020, 30.11.2020, 30/11 2020), the ISO
# order without leading zeros or with other separators (2020-9-3, 2020/09/03), or its digits run together
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./\s-]\s*(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})")
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
_RUN_TOGETHER = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _date_hint(value: Any) -> str:
    """The date the user meant, written as ÅÅÅÅ-MM-DD, where what stands there says it; the last day of the month
    for a day the month does not have."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if found := _DAY_FIRST.fullmatch(text):
        year, month, day = int(found[3]), int(found[2]), int(found[1])
    elif found := _YEAR_FIRST.fullmatch(text) or _RUN_TOGETHER.fullmatch(text):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    else:
        return _DATE_HINT
    if not (1 <= year and 1 <= month <= 12 and day >= 1):
        return _DATE_HINT
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return f"{_MONTHS[month - 1]} {year} har {last} dagar; den sista är {dt.date(year, month, last).isoformat()}"
    return f"skriv datumet som ÅÅÅÅ-MM-DD: {dt.date(year, month, day).isoformat()}"


def _describe(value: Any) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "sant/falskt"
    if isinstance(value, int | float):
        return f"talet {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"texten '{shown}'"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning"
    return type(value).__name__


_COMMENT_HINT = "'#' inleder en kommentar i YAML, så resten av raden läses inte; sätt texten inom citattecken"


def _comment_after_key(document: Document, loc: Loc) -> bool:
    """Whether the line of the key holding an empty value goes on with a comment: `namn: #1 Grundskola`."""
    line, column = document.key_at(loc)
    lines = document.text.splitlines()
    rest = lines[line - 1][column - 1:] if 0 < line <= len(lines) else ""
    _, colon, value = rest.partition(":")
    return bool(colon) and value.lstrip().startswith("#")


# an empty value is most often a line of `ale new`'s template uncommented but not filled in
_FILL_IN = {"string_type": "skriv texten efter kolonet", "int_type": "skriv heltalet efter kolonet",
            "float_type": "skriv talet efter kolonet"}


def _bracketed(document: Document, line: int, column: int) -> str | None:
    """The text in braces or square brackets that stands on one line where a value is (`{viktigt}`), if it does."""
    lines = document.text.splitlines()
    here = lines[line - 1][column - 1:].rstrip() if 0 < line <= len(lines) else ""
    if 1 < len(here) <= 80 and (here[0], here[-1]) in (("{", "}"), ("[", "]")) and " #" not in here:
        return here
    return None


def _type_hint(kind: str, value: Any) -> str:
    if value is None and kind in _FILL_IN:
        return _FILL_IN[kind]
    if kind == "string_type" and isinstance(value, int | float):
        return "sätt värdet inom citattecken om det ska vara text"
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # `- Uppföljning: i november`: the colon and space make a key of the text before them
        key = str(next(iter(value)))
        hint = "texten har ': ' och läses därför som en nyckel med ett värde; sätt hela texten inom raka citattecken"
        if key and key[0] in TYPOGRAPHIC_QUOTES:
            return (f"{hint} (\"), inte '{key[0]}', som är ett typografiskt citattecken (från Word eller Outlook) och "
                    "läses som text")
        return f"{hint} (\")"
    if kind in ("int_type", "float_type") and isinstance(value, str):
        return _number_hint(value)
    if kind == "list_type":
        return "skriv en lista med '- ' på varje rad eller som [a, b]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "skriv nycklar med värden, en per rad med indrag eller som {nyckel: värde}"
    if kind == "bool_type":
        return "skriv true eller false"
    return "kontrollera värdet mot exemplen i dokumentationen"


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def _number_hint(value: str) -> str:
    """How to write the number the user meant, from what stands there: Excel's and Word's habits first."""
    bare = value.strip()
    if bare[:1] in ("\u2212", "\u2013") and _number(bare[1:]):
        return f"skriv minustecknet som ett vanligt bindestreck: -{_SPACES.sub('', bare[1:])}"
    if "_" in bare and _number(bare.replace("_", "")):  # YAML 1.1 and ruamel.yaml read 1_000 as a number
        return f"skriv talet utan '_': {bare.replace('_', '')} (i YAML 1.2 är {bare} text)"
    if _SPACES.search(bare) and _number(_SPACES.sub("", bare)):
        return f"skriv talet utan mellanslag: {_SPACES.sub('', bare)}"
    if re.fullmatch(r"-?\d+,\d+", _SPACES.sub("", bare)):
        written = _SPACES.sub("", bare).replace(",", ".")
        if _SPACES.search(bare):
            return f"skriv talet utan mellanslag och med punkt som decimaltecken: {written}"
        return f"skriv decimaltecknet som punkt: {written}"
    if (grouped := _THOUSANDS_DOTS.fullmatch(bare)) is not None:  # 1.234.567, as some programs group digits
        return f"skriv talet utan tusentalspunkter: {grouped[0].replace('.', '')}"
    if (unit := _UNIT.fullmatch(bare)) is not None and (number := _plain_number(unit[1])) is not None:
        said = unit[2]
        if said.lower() == "mkr":
            return (f"skriv talet utan enheten '{said}': {number}; belopp i ekonomi, budget och investeringar skrivs "
                    f"i tkr: {_times_thousand(number)}")
        return f"skriv talet utan enheten '{said}': {number}"
    return "skriv talet utan citattecken och utan enhet, med punkt som decimaltecken"


_THOUSANDS_DOTS = re.compile(r"-?\d{1,3}(?:\.\d{3}){2,}")
# a number with the unit it is counted in after it: 553606 tkr, 72,4 %, 896,2 mkr, 12 st
_UNIT = re.compile(r"(.*?\d)\s*(tkr|mkr|kr|%|procent|st|dagar|timmar)\.?", re.IGNORECASE)


def _plain_number(text: str) -> str | None:
    """A number as YAML takes it, from one written with Swedish habits (a space between thousands, a decimal
    comma, Word's minus sign); None when it is no number."""
    written = _SPACES.sub("", text.strip())
    if written[:1] in ("\u2212", "\u2013"):
        written = "-" + written[1:]
    if re.fullmatch(r"-?\d+,\d+", written):
        written = written.replace(",", ".")
    return written if _number(written) else None


def _times_thousand(number: str) -> str:
    """mkr as tkr, written exactly: 896.2 → 896200."""
    return format((Decimal(number) * 1000).normalize(), "f")


def _number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", _SPACES.sub("", text)) is not None


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type expected at `loc` inside `model` (None where the path leaves the model)."""
    current: Any = model
    for part in loc:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is list and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _strip(current)


def _strip(annotation: Any) -> Any:
    """Annotated[X, …] and X | None to X."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    annotation = _annotation_at(model, loc)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _literal_values(model: type[BaseModel], loc: Loc) -> list[str]:
    annotation = _annotation_at(model, loc)
    if typing.get_origin(annotation) is Literal:
        return [str(arg) for arg in typing.get_args(annotation)]
    return []
