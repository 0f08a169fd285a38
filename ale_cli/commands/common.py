"""What the commands share: finding the repository, writing output.

The pipeline (and with it the models) is imported only where a repository is loaded: a command that leaves the
loading to a child process (report.py) does not carry it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ale_cli.diagnostics import did_you_mean, fold
from ale_cli.errors import UsageProblem
from ale_cli.files import atomic_write, why
from ale_cli.periods import parse_period
from ale_cli.walk import CONFIG_FILE, KNOWN_FOLDERS, RepositoryNotFound, config_in_capitals, find_root, holds_config

if TYPE_CHECKING:
    from ale_cli.pipeline import Checked
    from ale_cli.repository import Repository


def resolve_root(repo: Path | None) -> Path:
    if repo is not None:
        if not holds_config(repo):
            if (misnamed := config_in_capitals(repo)) is not None:
                raise UsageProblem(_misnamed(misnamed))
            raise UsageProblem(f"'{repo}' är inget datarepositorium: {CONFIG_FILE} saknas där")
        return repo.resolve()
    try:
        return find_root(Path.cwd())
    except RepositoryNotFound as missing:
        if missing.misnamed is not None:
            raise UsageProblem(_misnamed(missing.misnamed)) from None
        raise UsageProblem(
            f"hittar inget datarepositorium: ingen {CONFIG_FILE} i {Path.cwd()} eller mappar ovanför; "
            "ange --repo MAPP") from None


def _misnamed(path: Path) -> str:
    return (f"'{path}' ska heta {CONFIG_FILE}, med små bokstäver: Linux (och CI) hittar den annars inte; "
            f"byt namn på filen")


def write_lines(*lines: str) -> None:
    """Lines to stdout, as write_stdout writes them."""
    write_stdout("".join(f"{line}\n" for line in lines))


def write_stdout(text: str) -> None:
    """Text to stdout as UTF-8 whatever the console's code page (Windows consoles default to cp1252). A reader
    that has gone (`| more` quit early) ends the command quietly with exit 1, as the command line's parser does
    for a closed pipe; Windows says so with EINVAL, not EPIPE. Output that cannot be written otherwise (a full
    disk under `> rapport.md`) is a usage error, as for a file given with -o."""
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(text.encode("utf-8"))
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        _discard_stdout()  # Python flushes what is left once more when it ends, which would fail again
        if error.errno in (errno.EPIPE, errno.EINVAL):
            raise BrokenPipeError(errno.EPIPE, "läsaren av utdata har stängt") from error
        raise UsageProblem(f"utdata kan inte skrivas ({why(error, writing=True)})") from None


def _discard_stdout() -> None:
    """What is left of stdout goes nowhere: Python flushes it once more when it ends, which would fail again."""
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
    except (OSError, ValueError):  # not a stream with a file descriptor (a test's): nothing is flushed to a pipe
        pass


def refuse_data_folder(root: Path, output: Path) -> None:
    """Output is not data: never written among the files ale reads."""
    target = Path(os.path.realpath(output))  # Path.resolve raises on a link that loops
    for folder in KNOWN_FOLDERS:
        if target.is_relative_to(root / folder):
            raise UsageProblem(f"'{output}' ligger i datamappen {folder}/; välj en plats utanför data")
    if target == root / CONFIG_FILE:
        raise UsageProblem(f"'{output}' är repositoriets {CONFIG_FILE}")


def overwrite_refusal(output: Path, recognises: Callable[[bytes], bool], what: str) -> str | None:
    """Why `output` must not be overwritten: it exists and is not what the command writes (`recognises`, and
    `what` it would be said to be instead: "ingen kalender i formatet ics")."""
    if output.is_dir():
        return f"'{output}' är en mapp; ange en fil"
    if not output.exists():
        return None
    if not output.is_file():  # /dev/zero would be read for ever
        return f"'{output}' är ingen vanlig fil och skrivs inte över"
    try:
        content = output.read_bytes()
    except OSError as error:
        return f"'{output}' kan inte läsas ({why(error, writing=False)}) och skrivs inte över"
    if recognises(content):
        return None
    return (f"'{output}' finns redan och är {what}; den skrivs inte över. "
            "Välj ett annat filnamn eller ta bort filen först.")


def write_output(output: Path, content: bytes, shown: str | None = None,
                 then: str = "ingen fil har ändrats") -> None:
    """The file written atomically. A full disk or a folder without write permission is a usage error, said in
    Swedish: the file (as `shown`, when given), why, and `then` (what became of the other files)."""
    try:
        atomic_write(output, content)
    except OSError as error:
        raise UsageProblem(f"'{shown or output}' kan inte skrivas ({why(error, writing=True)})"
                           + (f"; {then}" if then else "")) from None


def require_period(text: str, given_as: str = "--period") -> dt.date:
    period, problem = parse_period(text)
    if period is None:
        raise UsageProblem(f"{given_as} {problem}")
    return period


def valid_repository(root: Path, nämnd: str | None = None) -> Checked | None:
    """The checked repository; None, with its errors printed, when the data has errors. An unknown `nämnd` is a
    usage error."""
    from ale_cli.pipeline import run as run_pipeline

    checked = run_pipeline(root, warnings=False)
    if refuse_invalid(checked):
        return None
    require_nämnd(checked.repo, nämnd)
    return checked


def refuse_invalid(checked: Checked) -> bool:
    """Print the diagnostics and say so when the data has errors: no report is built on invalid data."""
    refusal = invalid_data(checked)
    if refusal is not None:
        sys.stderr.write(refusal)
    return refusal is not None


def invalid_data(checked: Checked) -> str | None:
    """What to tell when the data has errors (the errors, and that nothing is built on them), else None."""
    from ale_cli.reporters import text

    if not checked.has_errors:
        return None
    errors = [d for d in checked.diagnostics if d.is_error]
    return (text(errors, len(checked.repo.files), checked.repo.root)
            + "ale: datat har fel; rätta dem först (se 'ale validate').\n")


def require_nämnd(repo: Repository, nämnd: str | None) -> None:
    """`--nämnd` takes a nämnd's id. Given the id or name of something else the nämnd is known by (its name, its
    sektor, one of the sektor's verksamheter or enheter), the user is told what it is and the nämnd's id."""
    if nämnd is None or nämnd in repo.nämnder:
        return
    if (known := _known_as(repo, nämnd)) is not None:
        what, nid = known
        raise UsageProblem(f"okänd nämnd '{nämnd}': {what}\n    tips: ange nämndens id: --nämnd {nid}")
    raise UsageProblem(f"okänd nämnd '{nämnd}'{did_you_mean(nämnd, repo.nämnder)}\n"
                       f"    tips: nämndernas id är {', '.join(sorted(repo.nämnder))}")


def _known_as(repo: Repository, given: str) -> tuple[str, str] | None:
    """What `given` names, by id or name whatever the case, and the id of the nämnd it belongs to."""
    wanted = fold(given.strip())

    def named(*words: str) -> bool:
        return wanted in {fold(word) for word in words}

    for nid, loaded in sorted(repo.nämnder.items()):
        organ = "bolagets" if loaded.model.typ == "bolag" else "styrelsens" if loaded.model.typ == "styrelse" \
            else "nämndens"
        if named(nid):
            return f"det är {loaded.model.namn}, men id:t skrivs '{nid}'", nid
        if named(loaded.model.namn):
            return f"det är {organ} namn, inte dess id", nid
    for sid, sektor in sorted(repo.sektorer.items()):
        nid = sektor.model.nämnd
        if nid not in repo.nämnder:
            continue
        nämnd = repo.nämnder[nid].model.namn
        if named(sid, sektor.model.namn):
            return f"det är {sektor.model.namn}, en sektor under {nämnd}", nid
        for verksamhet in sektor.model.verksamheter:
            if named(verksamhet.id, verksamhet.namn):
                return f"det är verksamheten {verksamhet.namn} i {sektor.model.namn}, under {nämnd}", nid
            for enhet in verksamhet.enheter:
                if named(enhet.id, enhet.namn):
                    return (f"det är enheten {enhet.namn} i verksamheten {verksamhet.namn}, {sektor.model.namn}, "
                            f"under {nämnd}"), nid
    return None
