from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ale_cli.files import atomic_write


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_new_file_gets_the_ordinary_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "rapport.md", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "rapport.md").stat().st_mode) == 0o644


def test_replacing_keeps_the_content_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"]


def test_shipped_templates_are_found_installed_and_in_a_checkout(tmp_path: Path) -> None:
    from ale_cli.files import shipped_templates

    checkout = tmp_path / "checkout"
    (checkout / "ale_cli").mkdir(parents=True)
    (checkout / "templates").mkdir()
    assert shipped_templates(checkout / "ale_cli") == checkout / "templates"
    installed = tmp_path / "site-packages" / "ale_cli"
    (installed / "templates").mkdir(parents=True)  # where pyproject's package-dir puts them in the wheel
    assert shipped_templates(installed) == installed / "templates"
    assert (shipped_templates() / "report.typ").is_file() and (shipped_templates() / "report.md.j2").is_file()
