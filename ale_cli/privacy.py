"""Personal data in free text: Swedish personnummer and samordningsnummer.

Dialogue notes are public documents in a Git history that is hard to rewrite; they must not identify citizens.
A number is flagged only when its date part is a real date (a samordningsnummer adds 60 to the day) and its
check digit holds (Luhn over the ten digits), so that ordinary numbers pass.
"""

from __future__ import annotations

import datetime as dt
import re

from ale_cli.diagnostics import Diagnostic, Severity

# 12 digits (YYYYMMDDNNNC) or 10 digits (YYMMDDNNNC), with or without '-', '+', an en dash (as word processors
# write a hyphen) or a space before the last four, and not part of a longer run of digits.
_CANDIDATE = re.compile(r"(?<![\d\-\u2013])((?:19|20)?\d{6})([-+\u2013 ]?)(\d{4})(?!\d)", re.ASCII)
_SIX_DIGITS = re.compile(r"\d{6}", re.ASCII)
_DIGITS_AS_ZERO = bytes(ord("0") if ord("0") <= byte <= ord("9") else byte for byte in range(256))


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _real_date(date_part: str) -> bool:
    year = int(date_part[:-4]) if len(date_part) == 8 else 2000 + int(date_part[:2])
    month, day = int(date_part[-4:-2]), int(date_part[-2:])
    if day > 60:
        day -= 60  # samordningsnummer
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_personnummer(date_part: str, last_four: str) -> bool:
    return _real_date(date_part) and luhn_ok(date_part[-6:] + last_four)


def scan(path: str, text: str) -> list[Diagnostic]:
    """A warning for every personnummer or samordningsnummer in the file's text, at its line and column."""
    found: list[Diagnostic] = []
    if b"000000" not in text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO):
        return found  # no six digits in a row: most files, found several times faster than by the pattern
    for digits in _SIX_DIGITS.finditer(text):  # a fast pass over the text; the full pattern only where it may fit
        match = _CANDIDATE.match(text, digits.start())
        if match is None:
            continue
        date_part, _, last_four = match.groups()
        if is_personnummer(date_part, last_four):
            line, column = _line_column(text, match.start())
            kind = "samordningsnummer" if int(date_part[-2:]) > 60 else "personnummer"
            found.append(Diagnostic(
                path, line, column, "ALE412",
                f"texten ser ut att innehålla ett {kind}", Severity.WARNING,
                "dialoganteckningar får inte identifiera enskilda; ta bort numret (det finns kvar i "
                "Git-historiken, tala med registratorn om det redan är incheckat)"))
    return found


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """Lines as the YAML parser and editors count them (CR LF, CR, LF), not as str.splitlines does."""
    before = text[:offset]
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return len(_LINE_BREAK.findall(before)) + 1, offset - start + 1
