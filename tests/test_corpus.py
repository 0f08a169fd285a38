"""Every broken repository in the corpus gives exactly its expected diagnostics; the base is clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ale_cli.diagnostics import Severity
from ale_cli.pipeline import run
from ale_cli.reporters import text_line
from ale_cli.rules import RULES
from tests.conftest import BASE
from tests.corpus_cases import build, cases, expected


def test_base_repository_is_clean() -> None:
    assert run(BASE).diagnostics == []


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path / "repo")
    diagnostics = run(root.resolve()).diagnostics
    shown = [text_line(d).splitlines()[0] for d in diagnostics]
    assert shown == expected(case)
    assert all(d.hint for d in diagnostics), "DESIGN §5: every diagnostic comes with a hint"
    # A rule's diagnostics all have its severity: the commands that build on the data run only the rules that
    # find errors, and refuse exactly the data that validate finds errors in.
    severity = {rule.code: rule.severity for rule in RULES}
    assert [d for d in diagnostics if d.code in severity and d.severity is not severity[d.code]] == []
    without_warnings = run(root.resolve(), warnings=False).diagnostics
    assert without_warnings == [d for d in diagnostics if severity.get(d.code) is not Severity.WARNING]


def test_the_corpus_shows_every_code_of_validate() -> None:
    """A code that no case produces is a diagnostic nobody has seen (links, sizes, rights: test_hostile.py too)."""
    source = Path(__file__).parent.parent / "ale_cli"
    stages = ("load.py", "parse.py", "repository.py", "link.py", "rules.py")
    codes = {code for stage in stages for code in re.findall(r'"(ALE\d{3})"', (source / stage).read_text("utf-8"))}
    shown = {line.split(" ")[1] for case in cases() for line in expected(case)}
    assert codes - shown == set()
