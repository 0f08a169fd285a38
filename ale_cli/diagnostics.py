"""The one value every stage reports problems with: a `Diagnostic`."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    ERROR = "fel"
    WARNING = "varning"


# Control characters as YAML writes them in a double-quoted text (tab and line feed stay what they are): a text
# that quotes a value, or a path, must not move a terminal's cursor, clear its screen or hide what follows.
_VISIBLE = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (0x09, 0x0A)}
_VISIBLE.update({0x00: "\\0", 0x07: "\\a", 0x08: "\\b", 0x0B: "\\v", 0x0C: "\\f", 0x0D: "\\r",
                 0x1B: "\\e"})


# A text holds no control character but tab and line feed. YAML lets the others in only as escapes in a
# double-quoted text ("\e", "\x07"); in a report or a terminal they are invisible, or move the cursor and hide
# what follows. compose.py reports them; the JSON Schemas say the same to editors.
CONTROL_PATTERN = r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f]"
CONTROL = re.compile(CONTROL_PATTERN)


def visible(text: str) -> str:
    """The text with each control character written out as its YAML escape (\\e for ESC, \\x85 …), and each
    byte of a file name that is not UTF-8 (which Python holds as a lone surrogate, and no output can encode) as
    \\xe4."""
    return _SURROGATE.sub(_byte, text.translate(_VISIBLE))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _byte(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


# Spaces that look like the plain one, or like nothing, and are not it to YAML: Word, Outlook and Teams put them in
# text copied from them (a non-breaking space after a number, before a colon, in an e-mail's indentation)
_ODD_SPACE_NAMES = {"\u00a0": "ett hårt mellanslag (U+00A0)", "\u202f": "ett smalt hårt mellanslag (U+202F)",
                    "\u2007": "ett hårt mellanslag (U+2007)", "\u200b": "ett osynligt mellanslag (U+200B)",
                    "\u2060": "ett osynligt tecken (U+2060)", "\u3000": "ett brett mellanslag (U+3000)"}
ODD_SPACE = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u2060\u3000]")


def odd_space_name(character: str) -> str:
    """What to call a space `ODD_SPACE` finds, in words a user can act on."""
    return _ODD_SPACE_NAMES.get(character, f"ett mellanslag som inte är det vanliga (U+{ord(character):04X})")


TYPOGRAPHIC_QUOTES = "“”„‘’«»"
"""The quotes a word processor writes (Word, Outlook): YAML reads them as part of a text, not as quotes."""


def yaml_quoted(text: str) -> str:
    """A text as it is written quoted in YAML: in double quotes, or in single ones (each ' doubled) where it holds
    a double quote."""
    return f"'{text.replace(chr(39), chr(39) * 2)}'" if '"' in text else f'"{text}"'


ODD_SPACE_HINT = ("radera tecknet, och skriv ett vanligt mellanslag om ett behövs där; det ser ut som ett "
                  "mellanslag eller syns inte alls, och följer med text som klistrats in från Word, Outlook "
                  "eller Teams")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a file: path relative to the repository root, 1-based line and column."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    hint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # a message quotes what the user wrote; shown, it is text, whatever the text holds
        if not (self.message.isprintable() and self.hint.isprintable()):
            object.__setattr__(self, "message", visible(self.message))
            object.__setattr__(self, "hint", visible(self.hint))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, str | int]:
        return {
            "fil": visible(self.path),
            "rad": self.line,
            "kolumn": self.column,
            "kod": self.code,
            "allvarlighet": self.severity.value,
            "meddelande": self.message,
            "tips": self.hint,
        }


def without_figures(message: str) -> str:
    """The message with each run of digits as '#': what stays when only a line or a sum in it moves."""
    return _FIGURES.sub("#", message)


_FIGURES = re.compile(r"\d+")


def shorten(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: a text of 100 kB is shown by its beginning."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nearest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word`, comparing without å, ä, ö so that `malvarde` finds `målvärde`."""
    pool = list(candidates)
    by_folded: dict[str, str] = {}
    for candidate in pool:
        by_folded.setdefault(fold(candidate), candidate)
    folded = fold(word)
    if folded in by_folded and by_folded[folded] != word:
        return by_folded[folded]
    matches = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    if matches:
        return by_folded[matches[0]]
    extended = sorted(candidate for candidate in by_folded if folded and candidate.startswith(folded))
    return by_folded[extended[0]] if len(extended) == 1 else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` — menade du 'x'?` or nothing."""
    match = nearest(word, candidates)
    return f" — menade du '{match}'?" if match else ""


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O", "é": "e", "_": "-"})


def fold(text: str) -> str:
    return text.translate(_FOLD).lower()
