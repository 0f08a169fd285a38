"""`ale new`: write a pre-filled period file (`dialog`), or list and create a period's missing files (`period`)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ale_cli import drafts
from ale_cli.commands.common import require_period, resolve_root, write_lines, write_output
from ale_cli.diagnostics import did_you_mean
from ale_cli.errors import FINDINGS, UsageProblem
from ale_cli.periods import REPORT_NAMES, is_bokslut, periodtyp
from ale_cli.pipeline import Checked
from ale_cli.pipeline import run as run_pipeline

_OPTION = {"enhet": "--enhet", "verksamhet": "--verksamhet", "sektor": "--sektor", "nämnd": "--nämnd",
           "ledningsdialog": "--ledningsdialog", "ksau": "--ksau", "kunddialog": "--kunddialog", "team": "--team"}
_ONE_OF = ", ".join(list(_OPTION.values())[:-1]) + f" och {_OPTION['team']}"


def dialog(period_text: str, units: dict[str, str | None], repo: Path | None) -> int:
    """Write the file of one enhet, verksamhet, sektor or nämnd for the period, or of one of its ledningsdialoger,
    KSAU-dialoger, kunddialoger or team reports; never over an existing one."""
    given = [(slag, id_) for slag, id_ in units.items() if id_ is not None]
    if len(given) != 1:
        raise UsageProblem(f"ange precis en av {_ONE_OF}")
    slag, id_ = given[0]
    root = resolve_root(repo)
    period = require_period(period_text)
    checked = run_pipeline(root, warnings=False)
    if slag == "team":  # its målsättningar are the year's verksamhetsplan's
        _require_plan(checked, period)
    try:
        target = drafts.target(checked.repo, checked.index, period, slag, id_)
    except drafts.UnknownUnit:
        raise UsageProblem(_unknown(checked, slag, id_, period)) from None
    except drafts.Refused as refused:
        raise UsageProblem(f"{_OPTION[slag]}: {refused}") from None
    if slag in ("enhet", "verksamhet") and (why := checked.index.frånvaro(slag, id_, period)) is not None:
        sektor = checked.repo.sektorer[checked.index.sektor_för(slag, id_)]
        raise UsageProblem(f"{slag}en '{id_}' finns inte per {period.isoformat()}: {why} (se 'från' och 'till' i "
                           f"{sektor.path})")
    _require_plan(checked, period)
    if (existing := drafts.exists(root, target, checked.repo)) is not None:
        if slag in drafts.YEARLY and not existing.is_relative_to((root / target.path).parent):
            dialogen = "KSAU-dialogen" if slag == "ksau" else "kunddialogen"
            print(f"ale: {dialogen} med '{id_}' hålls en gång per år, och den för {period.year} finns redan: "
                  f"{_shown(existing)}.", file=sys.stderr)
        else:
            print(f"ale: {_shown(existing)} finns redan och skrivs inte över.", file=sys.stderr)
        return FINDINGS
    path = _write(checked, root, target)
    write_lines(_shown(path))
    if slag in ("enhet", "verksamhet", "sektor") and not is_bokslut(period):
        print(f"Obs: dialogkedjan följs upp vid delårsboksluten och årsbokslutet; {period.isoformat()} är en "
              f"{REPORT_NAMES[periodtyp(period)].lower()}.", file=sys.stderr)
    if slag == "ledningsdialog" and not is_bokslut(period):
        print(f"Obs: ledningsdialogen hålls vid delårsboksluten och årsbokslutet; {period.isoformat()} är en "
              f"{REPORT_NAMES[periodtyp(period)].lower()}.", file=sys.stderr)
    print("Fyll i filen och kontrollera den med 'ale validate'.", file=sys.stderr)
    return 0


def period(period_text: str, write: bool, repo: Path | None) -> int:
    """List the period's missing files of the chain; with `write`, create them."""
    root = resolve_root(repo)
    period = require_period(period_text, "PERIOD")
    checked = run_pipeline(root, warnings=False)
    _require_plan(checked, period)  # also before the listing, which would tell to write them
    missing = [t for t in drafts.chain(checked.repo, period) if drafts.exists(root, t, checked.repo) is None]
    _list_or_write(checked, root, period, missing, write)
    if checked.has_errors:  # a sektor or nämnd file that cannot be read hides its part of the chain from the list
        print("Obs: datarepositoriet har fel som kan dölja filer som saknas; rätta dem och kör kommandot igen "
              "(se 'ale validate').", file=sys.stderr)
    return 0


def _list_or_write(checked: Checked, root: Path, period: dt.date, missing: list[drafts.Target], write: bool) -> None:
    title = f"{REPORT_NAMES[periodtyp(period)]} {period.isoformat()}"
    if not missing:
        write_lines(f"{title}: inga filer saknas.")
        return
    width = max(len(t.path) for t in missing)
    if not write:
        write_lines(f"{title}: {len(missing)} {'fil saknas' if len(missing) == 1 else 'filer saknas'}.",
                    *(f"  {t.path.ljust(width)}  {t.beskrivning}" for t in missing),
                    f"Skapa dem förifyllda med: ale new period {period.isoformat()} --write")
        return
    for t in missing:
        path = _write(checked, root, t)
        write_lines(f"skrev {_shown(path).ljust(width)}  {t.beskrivning}")
    write_lines(f"{title}: {len(missing)} {'fil skriven' if len(missing) == 1 else 'filer skrivna'}. "
                "Fyll i dem och kontrollera med 'ale validate'.")


def _require_plan(checked: Checked, period: dt.date) -> None:
    """A period's files are read against the year's verksamhetsplan (ALE305 without it): a file written for a year
    without one, often a year mistyped, would fail 'ale validate' at once."""
    if period.year not in checked.index.plans and f"verksamhetsplan/{period.year}" not in checked.repo.unreadable:
        raise UsageProblem(f"det finns ingen verksamhetsplan för {period.year}, så periodens filer skulle inte "
                           f"godkännas; lägg till verksamhetsplan/{period.year}.yaml först, eller rätta perioden")


def _write(checked: Checked, root: Path, target: drafts.Target) -> Path:
    path = root / target.path
    write_output(path, drafts.render(checked.repo, checked.index, target).encode("utf-8"), _shown(path), then="")
    return path


def _shown(path: Path) -> str:
    """The path as the user can open it: relative to the current folder when it is below it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _unknown(checked: Checked, slag: str, id_: str, period: dt.date) -> str:
    known = drafts.known_ids(checked.repo, checked.index, slag, period)
    where = f" i verksamhetsplan/{period.year}.yaml" if slag == "team" else ""
    message = f"{_OPTION[slag]}: okänd {drafts.ÄMNE[slag]} '{id_}'{where}{did_you_mean(id_, known)}"
    if checked.has_errors:
        message += "; datarepositoriet har fel som kan dölja den (se 'ale validate')"
    return message
