"""The failures a command can end with, and their exit codes."""

from __future__ import annotations

FINDINGS = 1
USAGE = 2
INTERNAL = 3


class UsageProblem(Exception):
    """The command was called wrongly (no repository found, a bad option value): exit 2."""

