"""Stages 1–2 over a repository: which files are read, and what a file that cannot be read leaves behind."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ale_cli.pipeline import run
from ale_cli.repository import load_repository
from tests.cli_helpers import ale


def found(repo: Path) -> list[tuple[str, str, int, int, str]]:
    return [(d.code, d.path, d.line, d.column, d.message) for d in run(repo.resolve()).diagnostics]


def symlink(link: Path, target: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):  # pragma: no cover - Windows without the privilege
        pytest.skip("symbolic links cannot be made here")


def test_a_link_out_of_the_repository_is_refused_and_not_followed(base_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "hemligt.yaml"
    outside.write_text("namn: x\n", encoding="utf-8")
    symlink(base_repo / "sektorer" / "extern.yaml", outside)
    assert found(base_repo) == [
        ("ALE011", "sektorer/extern.yaml", 1, 1, "länken pekar ut ur datarepositoriet och följs inte")]


def test_a_link_inside_the_repository_is_read(base_repo: Path) -> None:
    symlink(base_repo / "kalender" / "2021.yaml", base_repo / "kalender" / "2020.yaml")
    repo, diagnostics = load_repository(base_repo.resolve())
    assert diagnostics == [] and sorted(repo.kalendrar) == [2020, 2021]


def test_files_that_cannot_be_read_are_remembered_by_place(base_repo: Path) -> None:
    (base_repo / "sektorer" / "utbildning.yaml").write_bytes("nämnd: x\n".encode("cp1252"))
    (base_repo / "namnder" / "utbildning" / "2020" / "matt.yaml").write_text("mått: 1\n", encoding="utf-8")
    (base_repo / "kalender" / "2020.yaml").write_text("# inget ännu\n", encoding="utf-8")
    repo, _ = load_repository(base_repo.resolve())
    assert repo.unreadable == {"sektorer/utbildning", "namnder/utbildning/2020/matt", "kalender/2020"}


def test_a_broken_file_does_not_make_every_reference_to_it_unknown(base_repo: Path) -> None:
    """The sektor, the nämnd and the verksamhetsplan are each referred to from many files."""
    for path in ("sektorer/utbildning.yaml", "namnder/utbildning/namnd.yaml", "verksamhetsplan/2020.yaml"):
        file = base_repo / path
        file.write_text(file.read_text(encoding="utf-8") + "okänt: 1\n", encoding="utf-8")
    assert [(code, path) for code, path, *_ in found(base_repo)] == [
        ("ALE203", "namnder/utbildning/namnd.yaml"),
        ("ALE203", "sektorer/utbildning.yaml"),
        ("ALE203", "verksamhetsplan/2020.yaml"),
    ]


def test_reading_in_worker_processes_gives_the_same_repository() -> None:
    from ale_cli.repository import load_repository
    from tests.conftest import EXAMPLE_REPO

    root = EXAMPLE_REPO.resolve()
    one, one_diagnostics = load_repository(root, workers=1)
    two, two_diagnostics = load_repository(root, workers=2)
    assert sorted(one_diagnostics) == sorted(two_diagnostics)
    assert one.files == two.files
    for datum, period in one.perioder.items():
        for kind in ("enheter", "verksamheter", "sektorer", "nämnder", "dialoger", "team"):
            assert {k: (v.model, v.doc) for k, v in getattr(period, kind).items()} == {
                k: (v.model, v.doc) for k, v in getattr(two.perioder[datum], kind).items()}
    assert {k: v.model for k, v in one.sektorer.items()} == {k: v.model for k, v in two.sektorer.items()}


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_is_told_of_every_file(workers: int) -> None:
    from ale_cli.repository import load_repository
    from tests.conftest import EXAMPLE_REPO

    told: list[int] = []
    totals: list[int] = []

    def progress(total: int) -> Callable[[int], object]:
        totals.append(total)
        return told.append

    repo, _ = load_repository(EXAMPLE_REPO.resolve(), workers=workers, progress=progress)
    assert totals == [len(repo.files)] and sum(told) == len(repo.files)


def test_no_progress_bar_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from ale_cli.progress import files_bar, wanted

    assert not wanted()  # the tests' stderr is captured, not a terminal
    with files_bar() as progress:
        assert progress is None


def test_a_spinner_while_typst_works_on_a_terminal_only(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    from rich.console import Console

    from ale_cli.progress import working

    with working("Sätter PDF:en"):
        pass
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = io.StringIO()
    console = Console(file=terminal, force_terminal=True, force_interactive=True, width=60)
    with working("Sätter PDF:en", shown=True, console=console):
        time.sleep(0.3)
    assert "Sätter PDF:en" in terminal.getvalue()
    assert capsys.readouterr().err == ""


def test_a_worker_that_fails_hands_its_traceback_to_the_main_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    from pathlib import Path

    from ale_cli import repository

    def broken(rel: str, absolute: Path) -> None:
        raise OSError("disken försvann")

    monkeypatch.setattr(repository, "load_file", broken)
    claims = multiprocessing.Array("i", [0, 2])
    results = multiprocessing.SimpleQueue()
    repository._worker([[("a.yaml", Path("a.yaml"))], [("b.yaml", Path("b.yaml"))]], claims, results)  # type: ignore[arg-type]
    index, failure = results.get()
    assert index is None and "OSError: disken försvann" in failure
    assert list(claims) == [1, 2]  # it stopped at the first failure


def test_a_top_folder_named_in_capitals_is_reported_on_every_system(base_repo: Path) -> None:
    """Windows and macOS would open `Kalender/` as `kalender/`, Linux would not find it: it is read nowhere, and
    said everywhere."""
    (base_repo / "kalender").rename(base_repo / "Kalender")
    (base_repo / "ale.yml").write_text("kommun: X\n", encoding="utf-8")
    (base_repo / "ale.yml").rename(base_repo / "Ale.yml")
    shown = [(d.path, d.code, d.message, d.hint) for d in run(base_repo).diagnostics]
    assert shown == [
        ("Ale.yml", "ALE009", "namnet 'Ale.yml' följer inte regeln för fil- och mappnamn",
         "namn skrivs med små bokstäver: byt namn till 'ale.yml'; till dess läses filen inte"),
        ("Kalender", "ALE009", "namnet 'Kalender' följer inte regeln för fil- och mappnamn",
         "namn skrivs med små bokstäver: byt namn till 'kalender'; till dess läses mappen inte")]


def test_ale_yaml_in_capitals_is_named_on_every_system(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    """Windows and macOS open Ale.yaml as ale.yaml, Linux does not: the repository is refused everywhere, by name."""
    (base_repo / "ale.yaml").rename(base_repo / "Ale.yaml")
    message = (f"ale: '{base_repo / 'Ale.yaml'}' ska heta ale.yaml, med små bokstäver: Linux (och CI) hittar den "
               "annars inte; byt namn på filen\n")
    given = ale(capsys, "validate", "--repo", base_repo)
    assert (given.code, given.err) == (2, message)
    found = ale(capsys, "validate", cwd=base_repo / "kalender")
    assert (found.code, found.err) == (2, message)


ENHETER = "perioder/2020-08-31/enheter"
RULE = "namn skrivs med små bokstäver a–z utan å, ä, ö, siffror och '-', till exempel"


def _copy(repo: Path, name: str) -> None:
    (repo / ENHETER / name).write_bytes((repo / ENHETER / "ahaga-skola.yaml").read_bytes())


def test_a_name_with_the_extension_twice_is_told_the_name_it_should_have(base_repo: Path) -> None:
    (base_repo / ENHETER / "ahaga-skola.yaml").rename(base_repo / ENHETER / "ahaga-skola.yaml.yaml")
    shown = [(d.path, d.line, d.column, d.code, d.message, d.hint) for d in run(base_repo).diagnostics]
    assert shown == [(f"{ENHETER}/ahaga-skola.yaml.yaml", 1, 1, "ALE009",
                      "namnet 'ahaga-skola.yaml.yaml' följer inte regeln för fil- och mappnamn",
                      f"{RULE} 'ahaga-skola.yaml'")]


@pytest.mark.parametrize("name, original", [
    ("ahaga-skola - Kopia.yaml", "ahaga-skola.yaml"),
    ("ahaga-skola - kopia.yaml", "ahaga-skola.yaml"),
    ("ahaga-skola - Kopia (2).yaml", "ahaga-skola.yaml"),
    ("ahaga-skola (2).yaml", "ahaga-skola.yaml"),
    ("ahaga-skola - Copy.yml", "ahaga-skola.yml"),
    ("ahaga-skola kopia.yaml", "ahaga-skola.yaml"),
])
def test_a_copy_is_told_to_be_removed_or_merged_not_renamed(base_repo: Path, name: str, original: str) -> None:
    """Renamed as the rule would have it, `ahaga-skola-kopia.yaml` is a file about an enhet there is not."""
    _copy(base_repo, name)
    shown = [(d.path, d.line, d.column, d.code, d.message, d.hint) for d in run(base_repo).diagnostics]
    hint = f"namnet ser ut som en kopia av '{original}': ta bort kopian, eller för in det som skiljer i '{original}'"
    assert shown == [(f"{ENHETER}/{name}", 1, 1, "ALE009", f"namnet '{name}' följer inte regeln för fil- och mappnamn",
                      hint)]


def test_a_misnamed_file_that_is_no_copy_is_told_its_name(base_repo: Path) -> None:
    _copy(base_repo, "Ahaga skola.YAML")
    assert [d.hint for d in run(base_repo).diagnostics] == [f"{RULE} 'ahaga-skola.yaml'"]


@pytest.mark.parametrize("name, meant", [
    ("ahaga-skola.yaml.txt", "ahaga-skola"),
    ("ahaga-skola.yaml.bak", "ahaga-skola"),
    ("ahaga-skola.yaml.orig", "ahaga-skola"),
    ("ahaga-skola.YML.txt", "ahaga-skola"),
    ("nolskolan.json", "nolskolan"),
])
def test_a_data_file_saved_under_another_name_is_warned_of(base_repo: Path, name: str, meant: str) -> None:
    _copy(base_repo, name)
    (base_repo / ENHETER / f"{meant}.yaml").rename(base_repo / ENHETER / "annan.yaml")
    shown = [(d.path, d.line, d.column, d.code, d.severity.value, d.message, d.hint)
             for d in run(base_repo).diagnostics if d.code == "ALE008"]
    assert shown == [(f"{ENHETER}/{name}", 1, 1, "ALE008", "varning",
                      "filen läses inte: bara filer som slutar på .yaml eller .yml läses",
                      f"döp om filen till '{meant}.yaml' om den är data; annars ta bort den")]


def test_a_copy_beside_the_file_it_was_saved_from_is_to_be_removed(base_repo: Path) -> None:
    """`namnd.yaml.orig` is what a merge tool leaves, the conflict still in it: renamed as the hint said, it would
    undo the merge."""
    _copy(base_repo, "ahaga-skola.yaml.orig")
    [found] = run(base_repo).diagnostics
    assert (found.code, found.hint) == (
        "ALE008", "filen ser ut som en kopia av 'ahaga-skola.yaml', som finns och läses: ta bort kopian")


def test_files_that_are_no_data_are_left_alone(base_repo: Path) -> None:
    for name in ("README.md", ".gitkeep", "rapport.pdf", ".ahaga-skola.yaml.swp", "anteckningar.txt"):
        (base_repo / ENHETER / name).write_text("x\n", encoding="utf-8")
    (base_repo / ENHETER / "arkiv.json").mkdir()
    assert run(base_repo).diagnostics == []


@pytest.mark.parametrize(("path", "first"), [
    ("perioder/2020-08-31/team/god-utbildning.yaml", "bedömning"),  # the field a team report must have
    ("perioder/2020-08-31/enheter/nolskolan.yaml", "dialog"),  # a note that must have none: its first
])
def test_a_file_that_is_a_list_is_told_a_field_of_its_own_kind(base_repo: Path, path: str, first: str) -> None:
    (base_repo / path).write_text("- Läsning\n- Skrivning\n", encoding="utf-8")
    [found] = run(base_repo.resolve()).diagnostics
    assert (found.path, found.code, found.hint) == (
        path, "ALE012", f"skriv filen som fält med värden, ett per rad, till exempel '{first}: …' på första raden")
