"""The failures a command can end with, and their exit codes."""

from __future__ import annotations

import sys

FINDINGS = 1
USAGE = 2
INTERNAL = 3


class UsageProblem(Exception):
    """The command was called wrongly (no repository found, a bad option value): exit 2."""


class Interrupted(Exception):
    """The user stopped the command (Ctrl-C): exit 130. Raised in place of KeyboardInterrupt where Typer would
    otherwise end the command with 130 and say nothing."""


class TemplateProblem(Exception):
    """A report template from the user (`--templates`, or templates/ in the repository) that cannot be run.

    A broken or forbidden template is the user's to fix, like broken data: exit 1, with the template file and line.
    """

    def __init__(self, path: str, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint


def told(error: BaseException) -> int:
    """A command's failure said on stderr as every ale command says it, and its exit code: a usage problem, an
    interruption, or (anything else) an internal error."""
    if isinstance(error, UsageProblem):
        print(f"ale: {error}", file=sys.stderr)
        return USAGE
    if isinstance(error, KeyboardInterrupt | Interrupted):
        print("ale: avbrutet", file=sys.stderr)
        return 130
    print(f"ale: internt fel: {type(error).__name__}: {error}", file=sys.stderr)
    print("Detta är ett fel i ale, inte i era data. Rapportera gärna kommandot och felet.", file=sys.stderr)
    return INTERNAL
