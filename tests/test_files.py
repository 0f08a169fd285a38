from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from ale_cli.files import atomic_write
from tests.cli_helpers import ale


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


@pytest.mark.parametrize("stop_after", ["open", "chmod", "fsync"])
def test_ctrl_c_at_any_step_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 stop_after: str) -> None:
    """Ctrl-C just after the temporary file is made, as in the middle of writing it: a hidden file left in the
    data repository would be committed with the next 'git add -A'."""
    target = tmp_path / "rapport.md"
    atomic_write(target, b"old")
    real = getattr(os, stop_after)
    calls: list[object] = []

    def interrupted(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)
        calls.append(args)
        if len(calls) == 1:  # once: the clean-up's own calls go through
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(os, stop_after, interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
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


# -- output that cannot be written is said in Swedish, and nothing is written -----------------------------------


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    """A file where a folder is asked for."""
    path = tmp_path / "fil"
    path.write_text("en fil\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ("report", "--period", "2020-08-31", "-o", "{fil}/rapport.md"),
    ("calendar", "--format", "ics", "-o", "{fil}/kalender.ics"),
])
def test_output_under_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], base_repo: Path, a_file: Path,
                                              command: tuple[str, ...]) -> None:
    args = [arg.format(fil=a_file) for arg in command]
    result = ale(capsys, *args, "--repo", base_repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"ale: '{args[-1]}' kan inte skrivas (en del av sökvägen är en fil, inte en mapp); "
                          "ingen fil har ändrats\n")
    assert a_file.read_text(encoding="utf-8") == "en fil\n"


def test_schema_and_init_into_a_file_say_so(capsys: pytest.CaptureFixture[str], a_file: Path) -> None:
    schema = ale(capsys, "schema", "--dir", a_file / "scheman")
    assert (schema.code, schema.err) == (2, (f"ale: '{a_file / 'scheman' / 'ale.schema.json'}' kan inte skrivas "
                                            "(en del av sökvägen är en fil, inte en mapp)\n"))
    init = ale(capsys, "init", str(a_file / "repo"), "--kommun", "Ale kommun", "--kommunkod", "1440", "--år", "2020")
    assert (init.code, init.err) == (2, (f"ale: '{a_file / 'repo' / 'ale.yaml'}' kan inte skrivas "
                                        "(en del av sökvägen är en fil, inte en mapp); 0 av 29 filer skrevs\n"))
    assert a_file.read_text(encoding="utf-8") == "en fil\n"


def test_a_new_draft_that_cannot_be_written_says_so(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").unlink()

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    for args in (("period", "2020-08-31", "--write"), ("dialog", "--period", "2020-08-31", "--enhet", "nolskolan")):
        result = ale(capsys, "new", *args, "--repo", base_repo)
        assert result.code == 2
        assert result.err.startswith("ale: '") and result.err.endswith(
            "perioder/2020-08-31/enheter/nolskolan.yaml' kan inte skrivas (disken är full)\n")
        assert not (base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml").exists()


@pytest.mark.parametrize("args, message", [
    (("validate", "--cache", "{fil}"), "ogiltigt värde för --cache: '{fil}' är en fil, inte en mapp"),
    (("report", "--period", "2020-08-31", "-o", "{mapp}"),
     "ogiltigt värde för -o/--output: '{mapp}' är en mapp, inte en fil"),
])
def test_the_parsers_path_checks_are_in_swedish(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                a_file: Path, args: tuple[str, ...], message: str) -> None:
    values = {"fil": str(a_file), "mapp": str(a_file.parent)}
    result = ale(capsys, *(arg.format(**values) for arg in args), "--repo", base_repo)
    assert (result.code, result.err) == (2, f"ale: {message.format(**values)}\nSe 'ale {args[0]} --help'.\n")


def test_a_templates_folder_that_does_not_exist_is_not_silently_passed_over(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path) -> None:
    missing = tmp_path / "mallar"
    result = ale(capsys, "report", "--period", "2020-08-31", "--templates", missing, "--repo", base_repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"ale: ogiltigt värde för --templates: '{missing}' finns inte\nSe 'ale report --help'.\n"


def test_new_names_the_period_as_it_was_given(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    positional = ale(capsys, "new", "period", "2020-13-31", "--repo", base_repo)
    option = ale(capsys, "new", "dialog", "--period", "2020-13-31", "--enhet", "nolskolan", "--repo", base_repo)
    assert (positional.code, positional.err) == (2, "ale: PERIOD '2020-13-31' är inget datum i formen ÅÅÅÅ-MM-DD\n")
    assert (option.code, option.err) == (2, "ale: --period '2020-13-31' är inget datum i formen ÅÅÅÅ-MM-DD\n")


@pytest.mark.parametrize("format, why", [("pdf", "PDF:en sätts alltid med den medföljande mallen"),
                                         ("json", "json är vymodellen själv, utan mall")])
def test_templates_are_for_markdown_only(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                         format: str, why: str) -> None:
    output = tmp_path / f"rapport.{format}"
    result = ale(capsys, "report", "--period", "2020-08-31", "--format", format, "--templates", tmp_path,
                 "-o", output, "--repo", base_repo)
    assert (result.code, result.err) == (2, f"ale: --templates gäller bara --format md: {why}\n")
    assert not output.exists()


@pytest.mark.parametrize("winerror, why", [
    (32, "filen är öppen i ett annat program; stäng den där och försök igen"),  # a sharing violation
    (5, "behörighet saknas, eller så är filen öppen i ett annat program"),  # access denied: rights, or held open
])
def test_a_report_open_in_another_program_on_windows_says_so(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             winerror: int, why: str) -> None:
    def open_elsewhere(*_: object) -> None:
        error = PermissionError(errno.EACCES, "The process cannot access the file")
        error.winerror = winerror  # type: ignore[attr-defined]  # what Windows sets
        raise error

    monkeypatch.setattr(os, "replace", open_elsewhere)
    output = tmp_path / "rapport.md"
    result = ale(capsys, "report", "--period", "2020-08-31", "-o", output, "--repo", base_repo)
    assert (result.code, result.err) == (2, f"ale: '{output}' kan inte skrivas ({why}); ingen fil har ändrats\n")
