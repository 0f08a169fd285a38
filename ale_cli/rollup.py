"""Stage 5, roll up: the checked repository and a period become the report's view-model.

Pure functions, plain data: numbers are raw (tkr as numbers, shares as fractions), dates ISO strings, every
assessment a word of the scale. Templates only format this; `ale report --format json` prints it as it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ale_cli import models as m
from ale_cli.belopp import whole_tkr
from ale_cli.completeness import by_name, missing_for
from ale_cli.link import Index, Plan
from ale_cli.periods import (
    REPORT_NAMES,
    Periodtyp,
    has_internkontroll,
    has_investeringar,
    has_prognos,
    is_bokslut,
    periodtyp,
)
from ale_cli.repository import Loaded, Period, Repository
from ale_cli.source import Source

DIALOGTYPER = {"ksau": "KSAU-dialog", "kunddialog": "Kunddialog", "ledningsdialog": "Ledningsdialog"}
SCALE = ("ej uppfyllt", "delvis uppfyllt", "uppfyllt")
EJ_BEDÖMT = "ej bedömt"
BEDÖMNINGAR = (*reversed(SCALE), EJ_BEDÖMT)


# -- assessments --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessed:
    """One level's assessment of one målsättning: explicit or derived from the level below, with its counts."""

    bedömning: str | None
    härledd: bool
    fördelning: dict[str, int]
    avviker: bool
    kommentar: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"bedömning": self.bedömning, "härledd": self.härledd, "fördelning": self.fördelning,
                "avviker": self.avviker, "kommentar": self.kommentar}


def median(values: Iterable[str | None]) -> str | None:
    """The median on the scale ej < delvis < uppfyllt, ties towards the worse; 'ej bedömt' does not count."""
    ranked = sorted(SCALE.index(v) for v in values if v in SCALE)
    return SCALE[ranked[(len(ranked) - 1) // 2]] if ranked else None


def derived(values: Sequence[str | None]) -> str | None:
    """What a level without its own bedömning is given: the median of the level below; 'ej bedömt' when every
    one below said so (nothing is missing then, and nothing was assessed); None when something below is missing
    and nothing is on the scale."""
    found = median(values)
    if found is None and values and all(value == EJ_BEDÖMT for value in values):
        return EJ_BEDÖMT
    return found


def distribution(values: Iterable[str | None]) -> dict[str, int]:
    counts = Counter(v for v in values if v is not None)
    return {word: counts.get(word, 0) for word in BEDÖMNINGAR}


def assess(own: m.Bedömning | None, children: Sequence[str | None]) -> Assessed:
    below = derived(children)
    counts = distribution(children)
    if own is None:
        return Assessed(below, below is not None, counts, False)
    far = (own.bedömning in SCALE and below in SCALE
           and abs(SCALE.index(own.bedömning) - SCALE.index(below)) >= 2)
    return Assessed(own.bedömning, False, counts, far, own.kommentar)


def _own(loaded: Loaded[m.Dialoganteckning] | Loaded[m.Nämnduppföljning] | None, mål: str) -> m.Bedömning | None:
    if loaded is None:
        return None
    return next((b for b in loaded.model.bedömningar if b.målsättning == mål), None)


# -- the report ---------------------------------------------------------------------------------------------


def build(repo: Repository, index: Index, period: dt.date, source: Source,
          nämnd: str | None = None) -> dict[str, Any]:
    """The view-model of the report for `period`, kommun-wide or for one nämnd."""
    plan = index.plans.get(period.year)
    data = repo.perioder.get(period) or Period(period, period.isoformat())
    typ = periodtyp(period)
    config = repo.config.model if repo.config else None
    scope = [nämnd] if nämnd else by_name(repo)
    missing = [item for item in missing_for(repo, index, period) if item.hör_till(nämnd)]
    goals = _goals(plan)
    nämnder = [_nämnd(repo, index, data, plan, n, deep=nämnd is not None) for n in scope]
    view: dict[str, Any] = {
        "kommun": config.kommun if config else None,
        "kommunkod": config.kommunkod if config else None,
        "period": period.isoformat(),
        "år": period.year,
        "periodtyp": typ.value,
        "rapport": REPORT_NAMES[typ],
        "titel": f"{REPORT_NAMES[typ]} {period.year}" + (f" – {repo.nämnder[nämnd].model.namn}" if nämnd else ""),
        "omfattning": nämnd or "kommun",
        "omfattning_namn": repo.nämnder[nämnd].model.namn if nämnd else (config.kommun if config else None),
        "källa": {"commit": source.commit, "ändrad": source.ändrad, "datum": source.datum},
        "innehåll": {
            "måluppfyllelse": is_bokslut(period),
            "helår": typ is Periodtyp.ÅRSBOKSLUT,  # the period is the year: its budget is the periodbudget
            "prognos": has_prognos(period),
            "internkontroll": has_internkontroll(period),
            "investeringar": has_investeringar(period),
            "investeringsavvikelse": investment_basis(period),
        },
        "tolerans": repo.tolerans,
        # a nämnd's own report covers the målsättningar of its nämndplan
        "målsättningar": [row for goal, persp in goals if (row := _goal_row(goal, persp, nämnder, data))["nämnder"]
                          or nämnd is None] if is_bokslut(period) else [],
        "nämnder": nämnder,
        "team": [report for goal, _ in goals if is_bokslut(period) and (report := _team_row(goal, data)) is not None
                 and (nämnd is None or _takes_part(repo, nämnd, goal, nämnder[0]))],
        "ekonomi": _ekonomi_summary(nämnder, period),
        "dialoger": _dialoger(data, scope, repo),
        "saknas": [{**item.as_dict(), "nämnd_namn": repo.nämnder[item.nämnd].model.namn if item.nämnd else item.namn}
                   for item in missing],
    }
    view["nyckeltal"] = _nyckeltal(view, plan is not None)
    return view


def _goals(plan: Plan | None) -> list[tuple[m.Målsättning, m.Perspektiv]]:
    if plan is None:
        return []
    return [(goal, plan.perspektiv_för[goal.id]) for goal in plan.målsättningar.values()]


def _goal_row(goal: m.Målsättning, perspektiv: m.Perspektiv, nämnder: list[dict[str, Any]],
              data: Period) -> dict[str, Any]:
    per_nämnd = {n["id"]: b for n in nämnder for b in n["bedömningar"] if b["målsättning"] == goal.id}
    values = [b["bedömning"] for b in per_nämnd.values()]
    team = _team_row(goal, data)
    return {
        "id": goal.id,
        "namn": goal.namn,
        "perspektiv": perspektiv.namn,
        "ansvarig": goal.ansvarig,
        "bedömning": derived(values),
        "fördelning": distribution(values),
        "utan_bedömning": sum(1 for value in values if value is None),  # nämnder whose plan has it, unassessed
        "nämnder": {nid: {"bedömning": b["bedömning"], "härledd": b["härledd"]} for nid, b in per_nämnd.items()},
        "team": {key: team[key] for key in ("datum", "bedömning", "sammanfattning", "aktiviteter")} if team else None,
    }


def _team_row(goal: m.Målsättning, data: Period) -> dict[str, Any] | None:
    """The tvärsektoriella team's report on a målsättning, once it has its date (without, it is not given yet)."""
    team = data.team.get(goal.id)
    if team is None or team.model.datum is None:
        return None
    return {"målsättning": goal.id, "namn": goal.namn, "ansvarig": goal.ansvarig,
            "datum": team.model.datum.isoformat(), "bedömning": team.model.bedömning,
            "sammanfattning": team.model.sammanfattning, "aktiviteter": list(team.model.aktiviteter)}


def _takes_part(repo: Repository, nid: str, goal: m.Målsättning, row: dict[str, Any]) -> bool:
    """Whether a nämnd's own report has the team's report: the målsättning is in its nämndplan, or its sektor sits
    on the team (as `ale calendar --nämnd` has the team's meetings)."""
    sektor = repo.nämnder[nid].model.sektor
    return (any(b["målsättning"] == goal.id for b in row["bedömningar"])
            or (sektor is not None and any(medlem.sektor == sektor for medlem in goal.team)))


def _nämnd(repo: Repository, index: Index, data: Period, plan: Plan | None, nid: str,
           deep: bool) -> dict[str, Any]:
    nämnd = repo.nämnder[nid].model
    year = repo.nämndår_for(nid, data.datum.year)
    own = data.nämnder.get(nid)
    sektor = repo.sektorer.get(nämnd.sektor) if nämnd.sektor else None
    taken = [row.målsättning for row in year.nämndplan.model.målsättningar] if year.nämndplan else []
    verksamheter = sektor.model.verksamheter_per(data.datum) if sektor else []
    enheter = {v.id: v.enheter_per(data.datum) for v in verksamheter}  # those that exist at the period
    chain_sektor = data.sektorer.get(nämnd.sektor) if nämnd.sektor else None

    bedömningar = []
    verksamhet_rows: dict[str, dict[str, Any]] = {
        v.id: {"id": v.id, "namn": v.namn, "verksamhetschef": v.verksamhetschef,
               **_summary(data.verksamheter.get(v.id)),
               "dialog": _dialog_date(data.verksamheter.get(v.id)), "bedömningar": [],
               "enheter": [{"id": e.id, "namn": e.namn, "chef": e.chef,
                            "dialog": _dialog_date(data.enheter.get(e.id)),
                            "bedömningar": [{"målsättning": b.målsättning, "namn": _goal_name(plan, b.målsättning),
                                             "bedömning": b.bedömning}
                                            for b in _bedömningar(data.enheter.get(e.id))]}
                           for e in enheter[v.id]] if deep else []}
        for v in verksamheter
    }
    utan_dialog = sum(1 for v in verksamheter for e in enheter[v.id] if _dialog_date(data.enheter.get(e.id)) is None)
    for mål in taken:
        v_values = []
        for v in verksamheter:
            enhet_values = [b.bedömning for e in enheter[v.id] for b in _bedömningar(data.enheter.get(e.id))
                            if b.målsättning == mål]
            assessed = assess(_own(data.verksamheter.get(v.id), mål), enhet_values)
            v_values.append(assessed.bedömning)
            verksamhet_rows[v.id]["bedömningar"].append({"målsättning": mål, "namn": _goal_name(plan, mål),
                                                         **assessed.as_dict()})
        sektor_assessed = assess(_own(chain_sektor, mål), v_values)
        nämnd_assessed = assess(_own(own, mål), [sektor_assessed.bedömning] if nämnd.sektor else [])
        goal = plan.målsättningar.get(mål) if plan else None
        bedömningar.append({
            "målsättning": mål,
            "namn": goal.namn if goal else mål,
            **nämnd_assessed.as_dict(),
            "sektor": sektor_assessed.as_dict() if nämnd.sektor else None,
            "enheter": distribution(b.bedömning for v in verksamheter for e in enheter[v.id]
                                    for b in _bedömningar(data.enheter.get(e.id)) if b.målsättning == mål),
            # enheter whose bedömningar are not known; one that does not assess a målsättning need not work with it
            "enheter_utan_dialog": utan_dialog,
        })
    model = own.model if own else None
    return {
        "id": nid,
        "namn": nämnd.namn,
        "typ": nämnd.typ,
        "beslut": _beslut(model.beslut if model else None),
        "sammanfattning": model.sammanfattning if model else None,
        "bedömningar": bedömningar,
        "sektor": {"id": nämnd.sektor, "namn": sektor.model.namn, "sektorchef": sektor.model.sektorchef,
                   **_summary(chain_sektor), "dialog": _dialog_date(chain_sektor)}
        if sektor and nämnd.sektor else None,
        "verksamheter": list(verksamhet_rows.values()),
        "mått": _mått(repo, index, data.datum, nid),
        "uppdrag": _uppdrag(index, data, nid),
        "ekonomi": _ekonomi(repo, index, data, nid),
        "investeringar": _investeringar(repo, data, nid),
        "internkontroll": _internkontroll(repo, data, nid),
        "framgångsfaktorer": _framgångsfaktorer(repo, data, plan, nid),
        "åtgärder": _åtgärder(model.åtgärder if model else []),
        "händelser": list(model.händelser) if model else [],
    }


def _goal_name(plan: Plan | None, mål: str) -> str:
    goal = plan.målsättningar.get(mål) if plan else None
    return goal.namn if goal else mål


def _bedömningar(loaded: Loaded[m.Dialoganteckning] | None) -> list[m.Bedömning]:
    return list(loaded.model.bedömningar) if loaded else []


_SUMMARY_TEXTS = ("sammanfattning", "lärdomar", "prioriteringar", "behov", "risker")


def _summary(loaded: Loaded[m.Dialoganteckning] | None) -> dict[str, Any]:
    """What a level's note carries upwards in the chain: its texts and its åtgärder."""
    note = loaded.model if loaded else None
    return {
        **{key: getattr(note, key) if note else None for key in _SUMMARY_TEXTS},
        "åtgärder": _åtgärder(note.åtgärder if note else []),
    }


def _åtgärder(items: Iterable[m.Åtgärd]) -> list[dict[str, Any]]:
    return [{"åtgärd": a.åtgärd, "ansvarig": a.ansvarig, "slutdatum": a.slutdatum.isoformat() if a.slutdatum else None}
            for a in items]


def _dialog_date(loaded: Loaded[m.Dialoganteckning] | None) -> str | None:
    return loaded.model.dialog.datum.isoformat() if loaded and loaded.model.dialog else None


def _beslut(beslut: m.Beslut | None) -> dict[str, Any] | None:
    if beslut is None:
        return None
    return {"organ": beslut.organ, "datum": beslut.datum.isoformat(), "paragraf": beslut.paragraf}


# -- mått ---------------------------------------------------------------------------------------------------


def mått_status(mått: m.Mått, utfall: float | None, tolerans: float) -> str | None:
    """Uppfyllt at or past the målvärde, delvis within `tolerans` of it, else ej (DESIGN §3).

    Reckoned with the numbers as written, in decimal: 5 % off 7,6 is 7,98 exactly, which binary floating point
    makes 7,9799999999999995, and an utfall of 7,98 would fall outside a band it stands on."""
    if utfall is None:
        return None
    target, value = _written(mått.målvärde), _written(utfall)
    band = abs(target) * _written(tolerans)
    if mått.riktning == "högre":
        if value >= target:
            return "uppfyllt"
        return "delvis uppfyllt" if value >= target - band else "ej uppfyllt"
    if value <= target:
        return "uppfyllt"
    return "delvis uppfyllt" if value <= target + band else "ej uppfyllt"


def _written(number: float) -> Decimal:
    """The number as the user wrote it: the shortest decimal that reads back as the same float."""
    return Decimal(repr(number))


def trend(mått: m.Mått, utfall: float | None, previous: float | None) -> str | None:
    if utfall is None or previous is None:
        return None
    if utfall == previous:
        return "oförändrad"
    better = utfall > previous if mått.riktning == "högre" else utfall < previous
    return "förbättrad" if better else "försämrad"


def _mått(repo: Repository, index: Index, period: dt.date, nid: str) -> list[dict[str, Any]]:
    year = repo.nämndår_for(nid, period.year)
    if year.mått is None:
        return []
    plan = index.plans.get(period.year)
    goals = plan.målsättningar if plan else {}
    rows = []
    earlier = sorted((d for d in repo.perioder if d < period), reverse=True)
    for mått in year.mått.model.mått:
        current = _mått_utfall(repo, period, nid, mått.id)
        previous_period, previous = next(((d, v.utfall) for d in earlier
                                          if _same_mått(repo, nid, mått, d.year)
                                          and (v := _mått_utfall(repo, d, nid, mått.id)) and v.utfall is not None),
                                         (None, None))
        utfall = current.utfall if current else None
        rows.append({
            "id": mått.id, "namn": mått.namn, "målsättning": mått.målsättning,
            "målsättning_namn": goals[mått.målsättning].namn if mått.målsättning in goals else mått.målsättning,
            "enhet": mått.enhet,
            "riktning": mått.riktning, "målvärde": mått.målvärde, "utgångsvärde": mått.utgångsvärde,
            "kolada": mått.kolada, "utfall": utfall, "kommentar": current.kommentar if current else None,
            "rapporterat": current is not None,
            "status": mått_status(mått, utfall, repo.tolerans),
            "föregående": previous, "föregående_period": previous_period.isoformat() if previous_period else None,
            "trend": trend(mått, utfall, previous),
        })
    return rows


def _same_mått(repo: Repository, nid: str, mått: m.Mått, år: int) -> bool:
    """Whether the nämnd's mått of that id measured in `år` what `mått` measures: the same enhet, riktning and
    Kolada KPI. A mått redefined in a new year's matt.yaml (a percentage become an index) has no earlier value to
    show a trend against; a new målvärde changes what is aimed at, not what is measured."""
    earlier = repo.nämndår_for(nid, år).mått
    then = next((x for x in earlier.model.mått if x.id == mått.id), None) if earlier else None
    return then is not None and (then.enhet, then.riktning, then.kolada) == (mått.enhet, mått.riktning, mått.kolada)


def _mått_utfall(repo: Repository, period: dt.date, nid: str, mått: str) -> m.MåttUtfall | None:
    data = repo.perioder.get(period)
    own = data.nämnder.get(nid) if data else None
    return own.model.mått.get(mått) if own else None


# -- uppdrag, internkontroll, framgångsfaktorer -------------------------------------------------------------


def _uppdrag(index: Index, data: Period, nid: str) -> list[dict[str, Any]]:
    plan = index.plans.get(data.datum.year)
    if plan is None:
        return []
    own = data.nämnder.get(nid)
    reported = {u.uppdrag: u for u in own.model.uppdrag} if own else {}
    rows = []
    for uppdrag in plan.uppdrag.values():
        if nid not in uppdrag.nämnder and uppdrag.id not in reported:
            continue
        status = reported.get(uppdrag.id)
        rows.append({"id": uppdrag.id, "text": uppdrag.text,
                     "slutdatum": uppdrag.slutdatum.isoformat() if uppdrag.slutdatum else None,
                     "status": status.status if status else None,
                     "kommentar": status.kommentar if status else None})
    return rows


def riskvärde(kontroll: m.Kontroll) -> int:
    return kontroll.sannolikhet * kontroll.konsekvens


def _internkontroll(repo: Repository, data: Period, nid: str) -> dict[str, Any] | None:
    plan = repo.nämndår_for(nid, data.datum.year).internkontrollplan
    if plan is None:
        return None
    own = data.nämnder.get(nid)
    results = own.model.internkontroll if own else {}
    matrix = [[0] * 4 for _ in range(4)]  # [sannolikhet-1][konsekvens-1]
    rows: list[dict[str, Any]] = []
    for kontroll in plan.model.kontroller:
        if 1 <= kontroll.sannolikhet <= 4 and 1 <= kontroll.konsekvens <= 4:
            matrix[kontroll.sannolikhet - 1][kontroll.konsekvens - 1] += 1
        result = results.get(kontroll.id)
        rows.append({"id": kontroll.id, "process": kontroll.process, "risk": kontroll.risk,
                     "sannolikhet": kontroll.sannolikhet, "konsekvens": kontroll.konsekvens,
                     "riskvärde": riskvärde(kontroll), "kontrollmoment": kontroll.kontrollmoment,
                     "frekvens": kontroll.frekvens, "ansvarig": kontroll.ansvarig,
                     "resultat": result.resultat if result else None,
                     "kommentar": result.kommentar if result else None,
                     "åtgärd": result.åtgärd if result else None})
    rows.sort(key=lambda row: (-row["riskvärde"], row["id"]))
    return {"beslut": _beslut(plan.model.beslut), "kontroller": rows, "riskmatris": matrix}


def _framgångsfaktorer(repo: Repository, data: Period, plan: Plan | None, nid: str) -> list[dict[str, Any]]:
    nämndplan = repo.nämndår_for(nid, data.datum.year).nämndplan
    if nämndplan is None:
        return []
    own = data.nämnder.get(nid)
    followed = own.model.framgångsfaktorer if own else {}
    texts = plan.faktortexter() if plan else {}
    return [{"id": f.framgångsfaktor, "målsättning": row.målsättning, "text": texts.get(f.framgångsfaktor),
             "arbetssätt": f.arbetssätt, "uppföljning": followed.get(f.framgångsfaktor)}
            for row in nämndplan.model.målsättningar for f in row.framgångsfaktorer]


# -- ekonomi ------------------------------------------------------------------------------------------------


def periodbudget(budget: m.Budget, period: dt.date) -> float:
    """Nettokostnad × the share of the months January..period (even shares when no periodisering is given)."""
    return part_of_year(budget.nettokostnad, budget, period)


def part_of_year(amount: float, budget: m.Budget, period: dt.date) -> float:
    """The part of a year's `amount` that the months January..period carry by the budget's periodisering.

    The periodisering's shares are taken as parts of their own sum, which ALE403 allows to miss 100 by a rounding
    (12 × 8,33 is 99,96): December's periodbudget is then the whole budget, and the year ends without an
    avvikelse that no one spent. Reckoned in decimal from the numbers as written: 68 % of 752 300 tkr is
    511 564 tkr exactly, not 511 564,00000000006 in the JSON a dashboard reads."""
    shares = [_written(share) for share in budget.periodisering or ()]
    if len(shares) != 12 or sum(shares) <= 0:
        return float(_written(amount) * period.month / 12)
    return float(_written(amount) * sum(shares[: period.month]) / sum(shares))


def _minus(a: float | None, b: float | None) -> float | None:
    """a − b reckoned from the numbers as written, where both are known: a periodbudget of 10 011,6 tkr less an
    utfall of 9 911 tkr is 100,6 in the JSON a dashboard reads, not 100,60000000000036."""
    return float(_written(a) - _written(b)) if a is not None and b is not None else None


def _previous_prognos(repo: Repository, nid: str, period: dt.date) -> tuple[str, float] | None:
    """The nämnd's latest earlier prognos for the same year, from a period that asks for one: a prognos left in a
    month's file (copied from March into April) was never reported, and May compares with March's."""
    for datum in sorted((d for d in repo.perioder if d < period and d.year == period.year and has_prognos(d)),
                        reverse=True):
        own = repo.perioder[datum].nämnder.get(nid)
        if own and own.model.ekonomi and own.model.ekonomi.prognos is not None:
            return datum.isoformat(), own.model.ekonomi.prognos
    return None


def _ekonomi(repo: Repository, index: Index, data: Period, nid: str) -> dict[str, Any] | None:
    budget = repo.nämndår_for(nid, data.datum.year).budget
    own = data.nämnder.get(nid)
    ekonomi = own.model.ekonomi if own else None
    if budget is None and ekonomi is None:
        return None
    helår = budget.model.nettokostnad if budget else None
    per_budget = periodbudget(budget.model, data.datum) if budget else None
    utfall = ekonomi.utfall if ekonomi else None
    # a prognos only where the period asks for one: at year end the utfall is final, and a prognos left in the
    # file (copied from August) would read as the year's in the view, and as the bolag's in the report
    prognos = ekonomi.prognos if ekonomi and has_prognos(data.datum) else None
    previous = _previous_prognos(repo, nid, data.datum)
    return {
        "budget_tkr": helår,
        "periodbudget_tkr": per_budget,
        "utfall_tkr": utfall,
        "periodavvikelse_tkr": _minus(per_budget, utfall),
        "prognos_tkr": prognos,
        "avvikelse_tkr": _minus(helår, prognos),
        "föregående_prognos_tkr": previous[1] if previous else None,
        "föregående_prognos_period": previous[0] if previous else None,
        "prognosförändring_tkr": _minus(prognos, previous[1] if previous else None),
        "förbrukat_procent": _share(utfall, helår),
        "kommentar": ekonomi.kommentar if ekonomi else None,
        "verksamheter": [
            {"id": vid, "namn": index.verksamheter[vid][1].namn if vid in index.verksamheter else vid,
             "budget_tkr": amount, "periodbudget_tkr": part_of_year(amount, budget.model, data.datum)}
            for vid, amount in (budget.model.verksamheter or {}).items()
        ] if budget else [],
    }


def _share(part: float | None, whole: float | None) -> float | None:
    """`part` as a share of `whole`, where there is one: not of a zero budget, nor one too near zero to divide by."""
    if part is None or not whole:
        return None
    share = part / whole
    return share if math.isfinite(share) else None


def investment_basis(period: dt.date) -> str | None:
    """What an investment's avvikelse is reckoned against: the year's utfall in the årsbokslut, where it is
    final; the prognos where the period has one; in other months nothing, for no prognos is asked for."""
    if periodtyp(period) is Periodtyp.ÅRSBOKSLUT:
        return "utfall"
    return "prognos" if has_prognos(period) else None


def _investeringar(repo: Repository, data: Period, nid: str) -> list[dict[str, Any]]:
    budget = repo.nämndår_for(nid, data.datum.year).budget
    own = data.nämnder.get(nid)
    reported = own.model.investeringar if own else {}
    basis = investment_basis(data.datum)
    rows = []
    for investering in budget.model.investeringar if budget else []:
        result = reported.get(investering.id)
        utfall = result.utfall if result else None
        prognos = result.prognos if result and has_prognos(data.datum) else None
        against = {"utfall": utfall, "prognos": prognos}.get(basis) if basis else None
        rows.append({"id": investering.id, "namn": investering.namn, "budget_tkr": investering.budget,
                     "utfall_tkr": utfall, "prognos_tkr": prognos,
                     "avvikelse_tkr": _minus(investering.budget, against),
                     "kommentar": result.kommentar if result else None})
    return rows


_SUMMED = ("budget_tkr", "periodbudget_tkr", "utfall_tkr", "periodavvikelse_tkr", "prognos_tkr", "avvikelse_tkr")


def _ekonomi_summary(nämnder: list[dict[str, Any]], period: dt.date) -> dict[str, Any]:
    """Driftredovisning per nämnd and the kommun's total; bolag apart and outside the total. A nämnd with neither
    budget nor utfall has its row too, every figure missing: left out, the total would look whole without it."""
    rows = [{"id": n["id"], "namn": n["namn"], "typ": n["typ"],
             **({k: n["ekonomi"][k] for k in _SUMMED} if n["ekonomi"] else dict.fromkeys(_SUMMED))}
            for n in nämnder if n["ekonomi"] or n["typ"] != "bolag"]
    drift = [row for row in rows if row["typ"] != "bolag"]
    investeringar = [{"nämnd": n["id"], "nämnd_namn": n["namn"], **row}
                     for n in nämnder if n["typ"] != "bolag" for row in n["investeringar"]]
    summa = _totals(drift, _SUMMED)
    investeringar_summa = _totals(investeringar, _INVESTMENT_SUMMED)
    # the columns the report shows: the prognos where the period has one, an investment's avvikelse where it is
    # reckoned against something
    prognos = ("prognos_tkr", "avvikelse_tkr") if has_prognos(period) else ()
    shown_drift = ("budget_tkr", "periodbudget_tkr", "utfall_tkr", "periodavvikelse_tkr", *prognos)
    shown_investeringar = ("budget_tkr", "utfall_tkr", *prognos[:1],
                           *(("avvikelse_tkr",) if investment_basis(period) else ()))
    if not has_investeringar(period):  # a month shows no investments
        shown_investeringar = ()
    return {"nämnder": drift, "summa": {"namn": "Summa nämnder", **summa},
            "avrundning": _rounding_shows(drift, summa, shown_drift),
            "bolag": [row for row in rows if row["typ"] == "bolag"], "investeringar": investeringar,
            "investeringar_summa": investeringar_summa,
            "investeringar_avrundning": _rounding_shows(investeringar, investeringar_summa, shown_investeringar)}


_INVESTMENT_SUMMED = ("budget_tkr", "utfall_tkr", "prognos_tkr", "avvikelse_tkr")


def _rounding_shows(rows: list[dict[str, Any]], totals: dict[str, Any], keys: tuple[str, ...]) -> bool:
    """Whether in some column shown the sum, rounded to whole tkr, is not the sum of the rounded rows: each figure
    is rounded by itself, and the reader is told so where it shows."""
    return any(totals[key] is not None and whole_tkr(totals[key]) != sum(whole_tkr(row[key]) for row in rows)
               for key in keys)


def _totals(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """Each column's sum of the amounts as written (1 033,6 + 605,8 + 202,1 is 1 841,5, not a binary float just
    below it); None where a row lacks its value: a sum of what happens to be reported is no total."""
    totals: dict[str, Any] = {}
    for key in keys:
        values = [row[key] for row in rows]
        totals[key] = float(sum(map(_written, values))) if values and all(v is not None for v in values) else None
    return totals


# -- dialogues and key figures ------------------------------------------------------------------------------


def _dialoger(data: Period, scope: list[str], repo: Repository) -> list[dict[str, Any]]:
    """The dialogues of the nämnder in scope: with them, with their sektorer, and those they hold themselves
    (kommunstyrelsen's AU the KSAU dialogues, the servicenämnd's AU the kunddialoger)."""
    sektorer = {sektor for n in scope if (sektor := repo.nämnder[n].model.sektor) is not None}
    held = {"ksau"} if any(repo.nämnder[n].model.typ == "styrelse" for n in scope) else set()
    held |= {"kunddialog"} if repo.servicenämnd in scope else set()
    rows = []
    notes = list(data.dialoger.items())
    if data.datum.month == 12:
        # the årsbokslut tells the year: its KSAU-dialoger and kunddialoger too, held once a year and filed under
        # whichever period of it they followed (the calendar counts them so)
        notes += [(f"{datum.isoformat()}/{name}", loaded)
                  for datum, other in sorted(repo.perioder.items())
                  if datum.year == data.datum.year and datum != data.datum
                  for name, loaded in other.dialoger.items() if loaded.model.typ in ("ksau", "kunddialog")]
    held_notes = [(name, loaded, loaded.model.datum) for name, loaded in notes
                  if loaded.model.datum is not None]  # a note without its date is prepared, not yet held
    for name, loaded, datum in sorted(held_notes, key=lambda item: (item[2], item[0])):
        dialog = loaded.model
        if dialog.nämnd not in scope and dialog.sektor not in sektorer and dialog.typ not in held:
            continue
        subject = (repo.nämnder[dialog.nämnd].model.namn if dialog.nämnd in repo.nämnder
                   else repo.sektorer[dialog.sektor].model.namn if dialog.sektor in repo.sektorer else None)
        rows.append({"id": name, "typ": dialog.typ, "rubrik": f"{DIALOGTYPER[dialog.typ]}"
                     + (f", {subject}" if subject else ""),
                     "datum": datum.isoformat(), "nämnd": dialog.nämnd,
                     "sektor": dialog.sektor, "deltagare": list(dialog.deltagare),
                     "anteckningar": dialog.anteckningar, "överenskommelser": list(dialog.överenskommelser)})
    return rows


def _nyckeltal(view: dict[str, Any], has_plan: bool) -> dict[str, Any]:
    """The summary's figures; without the year's verksamhetsplan the number of målsättningar is not known (null),
    not 0."""
    goals = view["målsättningar"]
    summa = view["ekonomi"]["summa"]
    return {
        "målsättningar": len(goals) if has_plan else None,
        "måluppfyllelse": distribution(goal["bedömning"] for goal in goals),
        "utan_bedömning": sum(1 for goal in goals if goal["bedömning"] is None),
        "budget_tkr": summa["budget_tkr"],
        "utfall_tkr": summa["utfall_tkr"],
        "periodavvikelse_tkr": summa["periodavvikelse_tkr"],
        "prognos_tkr": summa["prognos_tkr"],
        "avvikelse_tkr": summa["avvikelse_tkr"],
        "saknas": len(view["saknas"]),
    }


