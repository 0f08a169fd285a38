"""What a period must contain (DESIGN §3), as requirements that are met or not.

`ale status` shows every requirement; the report lists the unmet ones as "uppgift saknas". Incompleteness is
never a validation error: a period is filled in over weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ale_cli.collation import sort_key
from ale_cli.diagnostics import shorten
from ale_cli.link import Index
from ale_cli.periods import has_internkontroll, has_investeringar, has_prognos, is_bokslut
from ale_cli.repository import Period, Repository


@dataclass(frozen=True)
class Requirement:
    nämnd: str
    nivå: str  # kommun | nämnd | sektor | verksamhet | enhet | bolag (kommun: nämnd is "")
    id: str
    namn: str
    vad: str
    fil: str
    uppfyllt: bool
    detalj: str | None = None
    beskrivning: str | None = None  # what `vad` names by its id, by its name: "prognos för investeringen …"
    berör: frozenset[str] | None = None  # for the kommun's: the nämnder whose view shows it (None: every one)
    # who writes the file of the chain, as the drafts of `ale new` say: the sektorchef a sektor's and its
    # ledningsdialog, the verksamhetschef a verksamhet's and its enheters' (who holds their dialogues)
    ansvarig: str | None = None

    def hör_till(self, nämnd: str | None) -> bool:
        """Whether it belongs in the view of `nämnd` (None: the kommun's): a nämnd's own, and the kommun's (the
        year's verksamhetsplan), without which no nämnd's målsättningar or budget are asked for."""
        if nämnd is None or self.nämnd == nämnd:
            return True
        return self.nämnd == "" and (self.berör is None or nämnd in self.berör)

    def as_dict(self) -> dict[str, Any]:
        return {"nämnd": self.nämnd, "nivå": self.nivå, "id": self.id, "namn": self.namn, "vad": self.vad,
                "fil": self.fil, "uppfyllt": self.uppfyllt, "detalj": self.detalj, "beskrivning": self.beskrivning,
                "ansvarig": self.ansvarig}




def requirements(repo: Repository, index: Index, period: dt.date) -> Iterator[Requirement]:
    data = repo.perioder.get(period) or Period(period, period.isoformat())
    folder = f"perioder/{period.isoformat()}"
    # KF's verksamhetsplan for the year, every month: the year's budgets and period files are errors without it
    # (ALE305), so in January it is what is missing first; at a bokslut no målsättning is asked for without it,
    # and a new year's first bokslut would look complete. In a month it is the nämnders' budgets that need it: a
    # bolag, with nothing to deliver then, is not shown it
    berör = None if is_bokslut(period) else frozenset(
        nid for nid, nämnd in repo.nämnder.items() if nämnd.model.typ != "bolag")
    yield Requirement("", "kommun", "", repo.config.model.kommun if repo.config else "kommunen",
                      "verksamhetsplan", f"verksamhetsplan/{period.year}.yaml", period.year in index.plans,
                      berör=berör)
    for nid in by_name(repo):
        nämnd = repo.nämnder[nid].model
        own = data.nämnder.get(nid)
        fil = f"{folder}/namnder/{nid}.yaml"
        ekonomi = own.model.ekonomi if own else None
        is_bolag = nämnd.typ == "bolag"
        nivå = "bolag" if is_bolag else "nämnd"
        year = repo.nämndår_for(nid, period.year)
        year_folder = f"namnder/{nid}/{period.year}"
        if not is_bolag:
            # the year's budget: without it the period has no periodbudget and no avvikelse
            yield Requirement(nid, nivå, nid, nämnd.namn, "budget", f"{year_folder}/budget.yaml",
                              year.budget is not None)
            yield Requirement(nid, nivå, nid, nämnd.namn, "ekonomi: utfall", fil, ekonomi is not None,
                              beskrivning="ekonomins utfall")
            if has_prognos(period):
                yield Requirement(nid, nivå, nid, nämnd.namn, "ekonomi: prognos", fil,
                                  ekonomi is not None and ekonomi.prognos is not None,
                                  beskrivning="ekonomins helårsprognos")
            if has_investeringar(period):
                # each investment of the year's budget: its utfall, and the prognos where the period has one
                invested = own.model.investeringar if own else {}
                for investering in year.budget.model.investeringar if year.budget else []:
                    result = invested.get(investering.id)
                    if result is None:
                        lacking = "utfall och prognos" if has_prognos(period) else "utfall"
                    elif result.prognos is None and has_prognos(period):
                        lacking = "prognos"
                    else:
                        lacking = ""
                    yield Requirement(nid, nivå, nid, nämnd.namn, f"investering: {investering.id}", fil,
                                      not lacking, beskrivning=f"{lacking or 'utfall'} för investeringen "
                                                               f"{investering.namn}")
        if not is_bokslut(period):
            continue
        # the nämndplan and the internkontrollplan: without them their målsättningar and kontroller would not
        # be missed at all
        yield Requirement(nid, nivå, nid, nämnd.namn, "nämndplan", f"{year_folder}/namndplan.yaml",
                          year.nämndplan is not None)
        if has_internkontroll(period) and not is_bolag:
            yield Requirement(nid, nivå, nid, nämnd.namn, "internkontrollplan",
                              f"{year_folder}/internkontrollplan.yaml", year.internkontrollplan is not None)
        # the texts the report shows at a bokslut, marked "Uppgift saknas" where not written: the nämnd's
        # sammanfattande bedömning, and how each framgångsfaktor of its nämndplan was followed up
        yield Requirement(nid, nivå, nid, nämnd.namn, "sammanfattning", fil,
                          own is not None and own.model.sammanfattning is not None,
                          beskrivning="sammanfattande bedömning")
        given = {b.målsättning for b in own.model.bedömningar} if own else set()
        plan = index.plans.get(period.year)
        followed = own.model.framgångsfaktorer if own else {}
        texts = plan.faktortexter() if plan else {}
        for faktor in dict.fromkeys(f.framgångsfaktor for row in (year.nämndplan.model.målsättningar
                                                                  if year.nämndplan else [])
                                    for f in row.framgångsfaktorer):
            yield Requirement(nid, nivå, nid, nämnd.namn, f"framgångsfaktor: {faktor}", fil, faktor in followed,
                              beskrivning=f"uppföljning av framgångsfaktorn {shorten(texts.get(faktor, faktor), 60)}")
        for row in year.nämndplan.model.målsättningar if year.nämndplan else []:
            goal = plan.målsättningar.get(row.målsättning) if plan else None
            yield Requirement(nid, nivå, nid, nämnd.namn, f"bedömning: {row.målsättning}", fil,
                              row.målsättning in given,
                              beskrivning=f"bedömning av målsättningen {goal.namn if goal else row.målsättning}")
        reported = own.model.mått if own else {}
        for mått in year.mått.model.mått if year.mått else []:
            value = reported.get(mått.id)
            yield Requirement(nid, nivå, nid, nämnd.namn, f"mått: {mått.id}", fil,
                              value is not None and (value.utfall is not None or value.kommentar is not None),
                              beskrivning=f"utfall för måttet {mått.namn}")
        # a KF uppdrag is followed up by whoever it is given to, a bolag too (the seed: the reports cover
        # "nämnders och bolags mål och resultat, framgångsfaktorer, uppdrag")
        statuses = {u.uppdrag for u in own.model.uppdrag} if own else set()
        for uppdrag in plan.uppdrag.values() if plan else []:
            if nid in uppdrag.nämnder:
                yield Requirement(nid, nivå, nid, nämnd.namn, f"uppdrag: {uppdrag.id}", fil,
                                  uppdrag.id in statuses,
                                  beskrivning=f"status för uppdraget {shorten(uppdrag.text, 60)}")
        if is_bolag:
            continue
        if has_internkontroll(period) and year.internkontrollplan is not None:
            results = own.model.internkontroll if own else {}
            for kontroll in year.internkontrollplan.model.kontroller:
                yield Requirement(nid, nivå, nid, nämnd.namn, f"internkontroll: {kontroll.id}", fil,
                                  kontroll.id in results,
                                  beskrivning=f"resultat av kontrollen {kontroll.process}: "
                                              f"{shorten(kontroll.kontrollmoment, 60)}")
        yield from _chain(repo, data, folder, nid)


def _chain(repo: Repository, data: Period, folder: str, nid: str) -> Iterator[Requirement]:
    sektor_id = repo.nämnder[nid].model.sektor
    sektor = repo.sektorer.get(sektor_id) if sektor_id else None
    if sektor is None or sektor_id is None:
        return
    # held when its note has a date: a note prepared with `ale new dialog` is not, and is the file to fill in
    notes = sorted((d for d in data.dialoger.values()
                    if d.model.typ == "ledningsdialog" and d.model.sektor == sektor_id),
                   key=lambda d: (d.model.datum is None, d.path))
    hölls = notes[0].model.datum if notes else None
    sektorchef = sektor.model.sektorchef
    yield Requirement(nid, "sektor", sektor_id, sektor.model.namn, "ledningsdialog",
                      notes[0].path if notes else f"{folder}/dialoger/ledningsdialog-{sektor_id}.yaml",
                      hölls is not None, hölls.isoformat() if hölls else None, ansvarig=sektorchef)
    verksamheter = sektor.model.verksamheter_per(data.datum)  # not those closed, or not yet started, by then
    for level, table, unit_id, namn, ansvarig in (
        ("sektor", data.sektorer, sektor_id, sektor.model.namn, sektorchef),
        *(("verksamhet", data.verksamheter, v.id, v.namn, v.verksamhetschef) for v in verksamheter),
        *(("enhet", data.enheter, e.id, e.namn, v.verksamhetschef)
          for v in verksamheter for e in v.enheter_per(data.datum)),
    ):
        loaded = table.get(unit_id)
        held = loaded is not None and loaded.model.dialog is not None
        plural = {"sektor": "sektorer", "verksamhet": "verksamheter", "enhet": "enheter"}[level]
        fil = f"{folder}/{plural}/{unit_id}.yaml"
        yield Requirement(nid, level, unit_id, namn, "dialog", fil, held,
                          loaded.model.dialog.datum.isoformat() if held and loaded and loaded.model.dialog else None,
                          ansvarig=ansvarig)
        if level != "enhet":  # the report carries a sektor's and a verksamhet's sammanfattning up the chain
            yield Requirement(nid, level, unit_id, namn, "sammanfattning", fil,
                              loaded is not None and loaded.model.sammanfattning is not None,
                              beskrivning="sammanfattning", ansvarig=ansvarig)


def by_name(repo: Repository) -> list[str]:
    """The nämnder's ids in the Swedish alphabetical order of their names, as a report lists them."""
    return sorted(repo.nämnder, key=lambda nid: (sort_key(repo.nämnder[nid].model.namn), nid))


def missing_for(repo: Repository, index: Index, period: dt.date) -> list[Requirement]:
    return [r for r in requirements(repo, index, period) if not r.uppfyllt]
