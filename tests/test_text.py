"""A text field must hold something besides white space, as Python's str.strip() counts it, and no control
character but tab and line feed; the JSON Schemas say the same to editors."""

from __future__ import annotations

import re
import sys

import pytest
from pydantic import TypeAdapter, ValidationError

from ale_cli import models as m
from ale_cli.load import parse
from ale_cli.parse import parse_model

TEXT = TypeAdapter(m.Text)
TEXTS = TypeAdapter(list[m.Text])
# what YAML lets into a text at all: no control characters but tab and line breaks, no NEL, and ale refuses
# U+2028 and U+2029 before this stage
ALLOWED = [chr(code) for code in range(sys.maxunicode + 1)
           if not (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) and not 0x7F <= code <= 0x9F
           and code not in (0x2028, 0x2029) and not 0xD800 <= code <= 0xDFFF]


def blank(text: str) -> bool:
    try:
        TEXT.validate_python(text)
    except ValidationError:
        return True
    return False


def test_white_space_is_what_python_strips_and_the_schema_says_so() -> None:
    spaces = {char for char in ALLOWED if char.isspace()}
    assert len(spaces) > 15 and "\u00a0" in spaces and "\u3000" in spaces
    try:  # every character YAML allows, three times over, in one call
        TEXTS.validate_python([char * 3 for char in ALLOWED])
        refused: set[str] = set()
    except ValidationError as error:
        refused = {ALLOWED[int(detail["loc"][0])] for detail in error.errors()}
    schema = TEXT.json_schema()
    assert schema == {"type": "string", "pattern": m.TEXT_PATTERN, "not": {"pattern": m.CONTROL_PATTERN}}
    pattern = re.compile(schema["pattern"])  # an editor searches for it, as re does, but JavaScript's \s has U+FEFF
    assert refused == spaces | {"\ufeff"} == {char for char in ALLOWED if not pattern.search(char * 3)} | {"\ufeff"}
    assert not blank(" \u00a0x\t") and blank("") and blank(" \t\r\n\u00a0\u2003")


def kommun_diagnostics(value: str) -> list[tuple[str, int, int, str, str]]:
    """What checking an ale.yaml whose kommun is `value` (as YAML) reports: reading it, then its model."""
    document, problems = parse("ale.yaml", f"kommun: {value}\nkommunkod: '1440'\n")
    assert document is not None
    model, diagnostics = parse_model(document, m.AleConfig)
    return [(d.code, d.line, d.column, d.message, d.hint) for d in problems + diagnostics]


@pytest.mark.parametrize("value", ['""', "' '", '"\\u00a0\\u2003"', '"\\ufeff"', '" \\ufeff\\u00a0"'])
def test_a_blank_text_is_reported_where_it_stands(value: str) -> None:
    assert kommun_diagnostics(value) == [
        ("ALE208", 1, 9, "'kommun' är tom", "skriv en text eller ta bort fältet om det är valfritt")]


def test_control_characters_are_refused_and_the_schema_says_so() -> None:
    controls = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))} - {"\t", "\n"}
    not_pattern = re.compile(TEXT.json_schema()["not"]["pattern"])
    every = (chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    assert {char for char in every if not_pattern.search(f"a{char}b")} == controls
    # ale: each control character, and some that are not, written as an escape in a double-quoted text
    others = ["\t", "\n", " ", "~", "\u00a0", "\u00ad", "\u200b", "\ufeff", "é", "\U0001f600"]
    text = "".join(f'k{ord(char)}: "a\\U{ord(char):08x}b"\n' for char in sorted(controls) + others)
    document, problems = parse("x.yaml", text)
    assert document is not None and all(d.code == "ALE206" for d in problems)
    assert {chr(int(d.message.split("'")[1][1:])) for d in problems} == controls


@pytest.mark.parametrize("value, shown", [('"Bra\\e[8m dolt"', "\\e"), ('"a\\x85b"', "\\x85"),
                                          ('"rad\\rbyte"', "\\r")])
def test_a_control_character_is_reported_as_its_escape(value: str, shown: str) -> None:
    assert kommun_diagnostics(value) == [
        ("ALE206", 1, 9, f"'kommun' innehåller styrtecknet {shown}",
         "ta bort tecknet: det syns inte i rapporten, och i en terminal kan det dölja text")]
