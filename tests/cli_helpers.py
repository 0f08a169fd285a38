"""Running `ale` in-process, as a user would from a shell, with stdout and stderr captured."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from ale_cli.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def ale(capsys: pytest.CaptureFixture[str], *args: str | Path, cwd: Path | None = None) -> Result:
    before = Path.cwd()
    capsys.readouterr()
    try:
        if cwd is not None:
            os.chdir(cwd)
        code = main([str(arg) for arg in args])
    finally:
        os.chdir(before)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
