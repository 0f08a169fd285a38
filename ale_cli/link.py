"""Stage 3, link: every id used resolves, every id is unique in its kind, and the index the later stages use.

The index is built once from the parsed repository: where each målsättning, mått, kontroll, enhet … is defined,
so that rules and the roll-up look things up instead of searching.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ale_cli import models as m
from ale_cli.codes import CODES
from ale_cli.diagnostics import Diagnostic, Severity, did_you_mean, shorten
from ale_cli.load import Document, Loc
from ale_cli.periods import bokslut_före, parse_period
from ale_cli.repository import Loaded, Repository


@dataclass(frozen=True)
class Place:
    """Where an id is defined: the document and the path of its definition in it."""

    doc: Document
    loc: Loc

    def describe(self) -> str:
        return f"{self.doc.path}:{self.doc.at(self.loc)[0]}"


@dataclass
class Plan:
    """One year's verksamhetsplan, indexed."""

    år: int
    målsättningar: dict[str, m.Målsättning] = field(default_factory=dict)
    perspektiv_för: dict[str, m.Perspektiv] = field(default_factory=dict)
    framgångsfaktorer: dict[str, str] = field(default_factory=dict)  # id → målsättning
    uppdrag: dict[str, m.Uppdrag] = field(default_factory=dict)

    def faktortexter(self) -> dict[str, str]:
        """Each framgångsfaktor's text, by its id."""
        return {f.id: f.text for mål in self.målsättningar.values() for f in mål.framgångsfaktorer}


@dataclass
class Index:
    plans: dict[int, Plan] = field(default_factory=dict)
    verksamheter: dict[str, tuple[str, m.Verksamhet]] = field(default_factory=dict)  # id → (sektor, verksamhet)
    enheter: dict[str, tuple[str, str, m.Enhet]] = field(default_factory=dict)  # id → (sektor, verksamhet, enhet)
    mått: dict[tuple[int, str], tuple[str, m.Mått]] = field(default_factory=dict)  # (år, id) → (nämnd, mått)
    kontroller: dict[tuple[int, str], tuple[str, m.Kontroll]] = field(default_factory=dict)
    investeringar: dict[tuple[int, str], tuple[str, m.Investering]] = field(default_factory=dict)

    def nämnd_för_sektor(self, repo: Repository, sektor: str) -> str | None:
        loaded = repo.sektorer.get(sektor)
        return loaded.model.nämnd if loaded else None

    def nämnd_för_enhet(self, repo: Repository, enhet: str) -> str | None:
        found = self.enheter.get(enhet)
        return self.nämnd_för_sektor(repo, found[0]) if found else None

    def nämnd_för_verksamhet(self, repo: Repository, verksamhet: str) -> str | None:
        found = self.verksamheter.get(verksamhet)
        return self.nämnd_för_sektor(repo, found[0]) if found else None

    def sektor_för(self, slag: str, id_: str) -> str:
        """The sektor of the known enhet or verksamhet `id_`: whose file holds its `från` and `till`."""
        return self.enheter[id_][0] if slag == "enhet" else self.verksamheter[id_][0]

    def frånvaro(self, slag: str, id_: str, dag: dt.date) -> str | None:
        """Why the known enhet or verksamhet `id_` does not exist on `dag` by its `från` and `till` (an enhet
        neither when its verksamhet does not), as the end of a sentence; None when it does exist."""
        if slag == "verksamhet":
            found = self.verksamheter.get(id_)
            why = _frånvaro(found[1], dag) if found else None
            return f"den {why}" if why else None
        hit = self.enheter.get(id_)
        if hit is None:
            return None
        _, verksamhet, enhet = hit
        if why := _frånvaro(enhet, dag):
            return f"den {why}"
        owner = self.verksamheter.get(verksamhet)
        if owner is not None and (why := _frånvaro(owner[1], dag)):
            return f"verksamheten '{verksamhet}' som den hör till {why}"
        return None


def _frånvaro(unit: m.Enhet | m.Verksamhet, dag: dt.date) -> str | None:
    if unit.finns(dag):
        return None
    if unit.från is not None and dag < unit.från:
        return f"finns från och med {unit.från.isoformat()}"
    if unit.till is not None and unit.till < dag:
        return f"fanns till och med {unit.till.isoformat()}"
    return None


def _finns_under(unit: m.Verksamhet, år: int) -> bool:
    """Whether it exists on some day of the year `år`."""
    first = max(dt.date(år, 1, 1), unit.från) if unit.från is not None else dt.date(år, 1, 1)
    return first <= dt.date(år, 12, 31) and unit.finns(first)


def link(repo: Repository) -> tuple[Index, list[Diagnostic]]:
    linker = _Linker(repo)
    linker.run()
    return linker.index, linker.diagnostics


# ALE302's hint for an enhet or verksamhet: the usual reason for its id to stand twice is a move under the old id
_FLYTTAD = ("ett id får bara användas en gång per slag; en {slag} som flyttas till en annan {vart} får ett nytt id: "
            "'till' med sista dagen där den fanns, och ett nytt id med 'från' där den finns nu")

_PLURAL = {"måttet": "måtten", "investeringen": "investeringarna", "kontrollen": "kontrollerna"}
_DEFINED_IN = {
    "målsättning": "målsättningarna står i verksamhetsplan/<år>.yaml",
    "framgångsfaktor": "framgångsfaktorerna står under sin målsättning i verksamhetsplan/<år>.yaml",
    "uppdrag": "uppdragen står i verksamhetsplan/<år>.yaml",
    "nämnd": "en nämnd är en mapp namnder/<nämnd>/ med en namnd.yaml",
    "sektor": "en sektor är en fil sektorer/<sektor>.yaml",
    "verksamhet": "verksamheterna står i sektorer/<sektor>.yaml",
    "enhet": "enheterna står under sin verksamhet i sektorer/<sektor>.yaml",
}


_LISTED = 15
"""Up to this many ids of a kind are listed in ALE301's hint (a kommun's nämnder, a plan's målsättningar), not its
enheter."""

# what a year's verksamhetsplan defines: its table in Plan, the word in its definite form, its pronoun, and one of
# them
_I_PLANEN = {
    "målsättning": ("målsättningar", "målsättningen", "den", "en av dess målsättningar"),
    "framgångsfaktor": ("framgångsfaktorer", "framgångsfaktorn", "den", "en av dess framgångsfaktorer"),
    "uppdrag": ("uppdrag", "uppdraget", "det", "ett av dess uppdrag"),
}


# a meeting's typ in a sentence
_MÖTE = {
    "enhetsdialog": "en enhetsdialog", "verksamhetsdialog": "en verksamhetsdialog",
    "sektorsdialog": "en sektorsdialog", "nämndsammanträde": "ett nämndsammanträde", "ksau": "en KSAU-dialog",
    "kunddialog": "en kunddialog", "ledningsdialog": "en ledningsdialog", "team": "ett teammöte",
    "ks": "ett KS-sammanträde", "kf": "ett KF-sammanträde",
}


@dataclass
class _Linker:
    repo: Repository
    index: Index = field(default_factory=Index)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # the ids of nämnder and sektorer, also those whose file could not be read (that file has its own
    # diagnostics; calling every reference to it unknown would bury them)
    nämnder: set[str] = field(default_factory=set)
    sektorer: set[str] = field(default_factory=set)
    # False when a sektor file could not be read: which enheter and verksamheter exist is then unknown
    organisation_known: bool = True
    # (slag, id) of the enheter and verksamheter whose id stands twice (ALE302): which of the two a period's
    # file or a meeting means is unknown, so their days are not held against it
    dubbletter: set[tuple[str, str]] = field(default_factory=set)

    # -- reporting -------------------------------------------------------------------------------------------

    def error(self, doc: Document, loc: Loc, code: str, message: str, hint: str = "", *,
              key: bool = False, severity: Severity = Severity.ERROR) -> None:
        line, column = doc.key_at(loc) if key else doc.at(loc)
        self.diagnostics.append(Diagnostic(doc.path, line, column, code, message, severity, hint))

    def ref(self, doc: Document, loc: Loc, word: str, value: str | None, known: Iterable[str], *,
            key: bool = False, hint: str = "", where: str = "", år: int | None = None) -> bool:
        """Report `value` as an unknown `word` (`where`: ' under …') unless it is among `known`; `år`: the year
        whose verksamhetsplan `known` comes from, so that an id of another year's plan is said to be that."""
        if value is None:
            return True
        pool = known if isinstance(known, Mapping | set | frozenset) else set(known)
        if value in pool:
            return True
        if år is not None and word in _I_PLANEN:
            table, bestämd, pronomen, en_av = _I_PLANEN[word]
            andra = [str(y) for y, plan in sorted(self.index.plans.items())
                     if y != år and value in getattr(plan, table)]
            if andra:
                years = " och ".join(filter(None, (", ".join(andra[:-1]), andra[-1])))
                self.error(doc, loc, "ALE301",
                           f"{bestämd} '{value}'{where} står i verksamhetsplanen för {years}, inte för {år}",
                           f"{år} följer verksamhetsplan/{år}.yaml: välj {en_av}, eller för in {bestämd} där "
                           f"om {pronomen} gäller också {år}", key=key)
                return False
        unknown = "okänt" if word == "uppdrag" else "okänd"  # ett uppdrag, en nämnd
        if not hint:
            hint = _DEFINED_IN.get(word, "").replace("<år>", str(år) if år is not None else "<år>")
            if 0 < len(pool) <= _LISTED:
                hint += f"; de som finns: {', '.join(sorted(pool))}"
        self.error(doc, loc, "ALE301", f"{unknown} {word} '{value}'{where}{did_you_mean(value, pool)}", hint,
                   key=key)
        return False

    def unique(self, seen: dict[Any, Place], key: Any, doc: Document, loc: Loc, word: str, shown: str,
               hint: str = "ett id får bara användas en gång per slag; byt id på det ena") -> bool:
        if key in seen:
            self.error(doc, loc, "ALE302", f"{word} '{shown}' finns redan ({seen[key].describe()})", hint)
            return False
        seen[key] = Place(doc, loc)
        return True

    # -- the repository --------------------------------------------------------------------------------------

    def run(self) -> None:
        unreadable = [place.split("/") for place in self.repo.unreadable]
        self.nämnder = {*self.repo.nämnder, *(p[1] for p in unreadable if p[0] == "namnder" and len(p) == 3)}
        self.sektorer = {*self.repo.sektorer, *(p[1] for p in unreadable if p[0] == "sektorer" and len(p) == 2)}
        self.organisation_known = self.sektorer == set(self.repo.sektorer)
        self.plans()
        self.organisation()
        for (nämnd, år), entry in sorted(self.repo.nämndår.items()):
            self.nämndår(nämnd, år, entry)
        for period in sorted(self.repo.perioder):
            self.period(period)
        for år, kalender in sorted(self.repo.kalendrar.items()):
            self.kalender(år, kalender)
        config = self.repo.config
        if config is not None:
            self.ref(config.doc, ("servicenämnd",), "nämnd", config.model.servicenämnd, self.nämnder)
            for code, setting in config.model.diagnostik.items():
                if code not in CODES:  # it would change nothing: said, and the rest of ale.yaml still holds
                    self.error(config.doc, ("diagnostik", code), "ALE301",
                               f"okänd diagnostikkod '{shorten(code)}'{_codes_meant(code)}", _code_hint(code), key=True)
                elif CODES[code].allvar == "fel" and setting != "fel":  # nor would this: an error stays one
                    self.error(config.doc, ("diagnostik", code), "ALE204",
                               f"{code} är ett fel och kan inte ställas om till '{setting}'",
                               f"ett fel rättas i filen där det står; {_SETTABLE}")

    def plans(self) -> None:
        for år, loaded in sorted(self.repo.verksamhetsplaner.items()):
            plan = Plan(år)
            seen: dict[Any, Place] = {}
            doc = loaded.doc
            for p, perspektiv in enumerate(loaded.model.perspektiv):
                self.unique(seen, ("perspektiv", perspektiv.id), doc, ("perspektiv", p, "id"), "perspektivet",
                            perspektiv.id)
                for i, mål in enumerate(perspektiv.målsättningar):
                    loc: Loc = ("perspektiv", p, "målsättningar", i)
                    if self.unique(seen, ("mål", mål.id), doc, (*loc, "id"), "målsättningen", mål.id):
                        plan.målsättningar[mål.id] = mål
                        plan.perspektiv_för[mål.id] = perspektiv
                    for f, faktor in enumerate(mål.framgångsfaktorer):
                        if self.unique(seen, ("ff", faktor.id), doc, (*loc, "framgångsfaktorer", f, "id"),
                                       "framgångsfaktorn", faktor.id):
                            plan.framgångsfaktorer[faktor.id] = mål.id
                    for t, medlem in enumerate(mål.team):
                        self.ref(doc, (*loc, "team", t, "sektor"), "sektor", medlem.sektor, self.sektorer)
            for u, uppdrag in enumerate(loaded.model.uppdrag):
                if self.unique(seen, ("uppdrag", uppdrag.id), doc, ("uppdrag", u, "id"), "uppdraget", uppdrag.id):
                    plan.uppdrag[uppdrag.id] = uppdrag
                for n, nämnd in enumerate(uppdrag.nämnder):
                    self.ref(doc, ("uppdrag", u, "nämnder", n), "nämnd", nämnd, self.nämnder)
            self.index.plans[år] = plan

    def organisation(self) -> None:
        repo = self.repo
        for id_, nämnd in sorted(repo.nämnder.items()):
            model, doc = nämnd.model, nämnd.doc
            if model.typ == "bolag":
                if model.sektor is not None:
                    self.error(doc, ("sektor",), "ALE308", "ett bolag har ingen sektor",
                               "ta bort 'sektor' ur bolagets namnd.yaml")
                continue
            if model.sektor is None:
                continue
            if self.ref(doc, ("sektor",), "sektor", model.sektor, self.sektorer) and model.sektor in repo.sektorer:
                sektor = repo.sektorer[model.sektor]
                if sektor.model.nämnd != id_ and sektor.model.nämnd in self.nämnder:
                    self.error(doc, ("sektor",), "ALE308",
                               f"sektorn '{model.sektor}' hör enligt {sektor.path} till nämnden "
                               f"'{sektor.model.nämnd}', inte '{id_}'",
                               "rätta 'sektor' här eller 'nämnd' i sektorsfilen")
        seen: dict[Any, Place] = {}
        for id_, sektor in sorted(repo.sektorer.items()):
            doc = sektor.doc
            if self.ref(doc, ("nämnd",), "nämnd", sektor.model.nämnd, self.nämnder) \
                    and sektor.model.nämnd in repo.nämnder:
                self.sektor_of(id_, sektor)
            for v, verksamhet in enumerate(sektor.model.verksamheter):
                if self.unique(seen, ("v", verksamhet.id), doc, ("verksamheter", v, "id"), "verksamheten",
                               verksamhet.id, _FLYTTAD.format(slag="verksamhet", vart="sektor")):
                    self.index.verksamheter[verksamhet.id] = (id_, verksamhet)
                else:
                    self.dubbletter.add(("verksamhet", verksamhet.id))
                self.span(doc, ("verksamheter", v), "verksamheten", verksamhet)
                for e, enhet in enumerate(verksamhet.enheter):
                    if self.unique(seen, ("e", enhet.id), doc, ("verksamheter", v, "enheter", e, "id"),
                                   "enheten", enhet.id, _FLYTTAD.format(slag="enhet", vart="verksamhet eller sektor")):
                        self.index.enheter[enhet.id] = (id_, verksamhet.id, enhet)
                    else:
                        self.dubbletter.add(("enhet", enhet.id))
                    self.span(doc, ("verksamheter", v, "enheter", e), "enheten", enhet, verksamhet)

    def span(self, doc: Document, loc: Loc, word: str, unit: m.Enhet | m.Verksamhet,
             owner: m.Verksamhet | None = None) -> None:
        """Its `till` not before its `från`; an enhet's days not all outside its verksamhet's (it would never be
        asked for, nor shown)."""
        if unit.från is not None and unit.till is not None and unit.till < unit.från:
            self.error(doc, (*loc, "till"), "ALE310",
                       f"'till' {unit.till.isoformat()} ligger före 'från' {unit.från.isoformat()} för {word} "
                       f"'{unit.id}'", "'från' är den första dagen den finns och 'till' den sista")
        elif owner is not None and owner.till is not None and unit.från is not None and owner.till < unit.från:
            self.error(doc, (*loc, "från"), "ALE310",
                       f"enheten '{unit.id}' finns från och med {unit.från.isoformat()}, men verksamheten "
                       f"'{owner.id}' den hör till fanns till och med {owner.till.isoformat()}",
                       "en enhet finns bara medan dess verksamhet finns: lägg den under en verksamhet som finns då")
        elif owner is not None and owner.från is not None and unit.till is not None and unit.till < owner.från:
            self.error(doc, (*loc, "till"), "ALE310",
                       f"enheten '{unit.id}' fanns till och med {unit.till.isoformat()}, men verksamheten "
                       f"'{owner.id}' den hör till finns från och med {owner.från.isoformat()}",
                       "en enhet finns bara medan dess verksamhet finns: lägg den under en verksamhet som fanns då")

    def exists(self, doc: Document, loc: Loc, slag: str, id_: str, dag: dt.date, when: str, remedy: str,
               also: dt.date | None = None) -> None:
        """ALE310 unless the enhet or verksamhet `id_` exists on `dag` (Index.frånvaro), or on `also`; not for
        an id that stands twice, whose ALE302 is the mistake to fix (often a unit moved under its old id)."""
        if (slag, id_) in self.dubbletter or (
                slag == "enhet" and ("verksamhet", self.index.enheter[id_][1]) in self.dubbletter):
            return
        why = self.index.frånvaro(slag, id_, dag)
        if why is not None and (also is None or self.index.frånvaro(slag, id_, also) is not None):
            word = "enheten" if slag == "enhet" else "verksamheten"
            self.error(doc, loc, "ALE310", f"{word} '{id_}' finns inte {when}: {why}",
                       f"rätta 'från' och 'till' i {self.repo.sektorer[self.index.sektor_för(slag, id_)].path}, "
                       f"eller {remedy}")

    def budget_verksamheter(self, budget: Loaded[m.Budget], år: int, sektorfil: Loaded[m.Sektor],
                            egna: set[str]) -> None:
        """The budget is shared among verksamheter of the nämnd's sektor that exist some day of the year."""
        doc = budget.doc
        for key in budget.model.verksamheter or {}:
            if self.ref(doc, ("verksamheter", key), "verksamhet", key, egna, key=True,
                        hint=f"budgeten fördelas på verksamheterna i sektorn '{sektorfil.name}'") \
                    and not _finns_under(verksamhet := self.index.verksamheter[key][1], år):
                why = _frånvaro(verksamhet, dt.date(år, 1, 1) if verksamhet.till else dt.date(år, 12, 31))
                self.error(doc, ("verksamheter", key), "ALE310",
                           f"verksamheten '{key}' finns inte under {år}: den {why}",
                           f"rätta 'från' och 'till' i {sektorfil.path}, eller ta bort verksamheten ur budgetens "
                           "fördelning", key=True)

    def sektor_of(self, id_: str, sektor: Loaded[Any]) -> None:
        """The nämnd a sektor names has it as its sektor: the chain below a nämnd is found through its namnd.yaml
        (completeness, drafts), so a sektor it does not name would never be asked for."""
        doc, nid = sektor.doc, sektor.model.nämnd
        nämnd = self.repo.nämnder[nid]
        if nämnd.model.typ == "bolag":
            self.error(doc, ("nämnd",), "ALE308", f"'{nid}' är ett bolag och har ingen sektor",
                       "en sektor hör till en nämnd eller till kommunstyrelsen")
            return
        own = nämnd.model.sektor
        if own == id_ or (own is not None and (own not in self.repo.sektorer
                                               or self.repo.sektorer[own].model.nämnd != nid)):
            return  # the same; or told at the nämnd's 'sektor', which names an unknown sektor or another nämnd's
        if own is None:
            self.error(doc, ("nämnd",), "ALE308",
                       f"sektorn hör till nämnden '{nid}', men {nämnd.path} anger ingen sektor",
                       f"lägg till 'sektor: {id_}' i {nämnd.path}, eller rätta 'nämnd' här")
        else:
            self.error(doc, ("nämnd",), "ALE308",
                       f"nämnden '{nid}' har sektorn '{own}' enligt {nämnd.path}; en nämnd har en sektor",
                       f"rätta 'nämnd' här, eller för in sektorns verksamheter i sektorer/{own}.yaml")

    def plan_for(self, år: int, doc: Document, loc: Loc) -> Plan | None:
        plan = self.index.plans.get(år)
        if plan is None and f"verksamhetsplan/{år}" not in self.repo.unreadable:
            self.error(doc, loc, "ALE305", f"det finns ingen verksamhetsplan för {år}",
                       f"lägg till verksamhetsplan/{år}.yaml eller rätta årtalet")
        return plan

    def nämndår(self, nämnd: str, år: int, entry: Any) -> None:
        files: list[Loaded[Any]] = [f for f in (entry.nämndplan, entry.mått, entry.budget,
                                                 entry.internkontrollplan) if f is not None]
        if not files:
            return
        first = files[0].doc
        if nämnd not in self.nämnder:
            self.error(first, (), "ALE301", f"okänd nämnd '{nämnd}'{did_you_mean(nämnd, self.repo.nämnder)}",
                       f"mappen namnder/{nämnd}/ saknar namnd.yaml")
        plan = self.plan_for(år, first, ())
        mål = plan.målsättningar if plan else {}
        if entry.mått is not None:
            doc = entry.mått.doc
            for i, mått in enumerate(entry.mått.model.mått):
                self.unique_in_year(self.index.mått, år, mått.id, nämnd, mått, doc, ("mått", i, "id"), "måttet")
                if plan:
                    self.ref(doc, ("mått", i, "målsättning"), "målsättning", mått.målsättning, mål, år=år)
        egna_mått = self.egna(nämnd, år, "matt")
        följer_upp = {mått.id: mått.målsättning for mått in entry.mått.model.mått} if entry.mått else {}
        if entry.nämndplan is not None:
            doc = entry.nämndplan.doc
            for i, rad in enumerate(entry.nämndplan.model.målsättningar):
                loc: Loc = ("målsättningar", i)
                known_goal = plan is not None and self.ref(doc, (*loc, "målsättning"), "målsättning",
                                                           rad.målsättning, mål, år=år)
                if plan and known_goal:
                    under = {f for f, owner in plan.framgångsfaktorer.items() if owner == rad.målsättning}
                    for f, faktor in enumerate(rad.framgångsfaktorer):
                        self.ref(doc, (*loc, "framgångsfaktorer", f, "framgångsfaktor"), "framgångsfaktor",
                                 faktor.framgångsfaktor, under, where=f" under målsättningen '{rad.målsättning}'")
                for k, mått in enumerate(rad.mått):
                    if not self.own(doc, (*loc, "mått", k), "måttet", mått, nämnd, self.index.mått, år, egna_mått,
                                    "matt"):
                        continue
                    egen = följer_upp.get(mått)
                    if known_goal and egen in mål and egen != rad.målsättning:
                        # the report shows a mått under the one målsättning matt.yaml gives it
                        self.error(doc, (*loc, "mått", k), "ALE311",
                                   f"måttet '{mått}' följer upp målsättningen '{egen}' enligt matt.yaml; rapporten "
                                   f"visar det där, inte under '{rad.målsättning}'",
                                   f"ta upp det under '{egen}' i nämndplanen, eller rätta dess `målsättning` i "
                                   "matt.yaml", severity=Severity.WARNING)
        if entry.budget is not None:
            doc = entry.budget.doc
            sektor = self.repo.nämnder[nämnd].model.sektor if nämnd in self.repo.nämnder else None
            egna = {v for v, (s, _) in self.index.verksamheter.items() if s == sektor}
            sektorfil = self.repo.sektorer.get(sektor) if sektor is not None else None
            if sektorfil is not None:
                self.budget_verksamheter(entry.budget, år, sektorfil, egna)
            for i, investering in enumerate(entry.budget.model.investeringar):
                self.unique_in_year(self.index.investeringar, år, investering.id, nämnd, investering, doc,
                                    ("investeringar", i, "id"), "investeringen")
        if entry.internkontrollplan is not None:
            doc = entry.internkontrollplan.doc
            for i, kontroll in enumerate(entry.internkontrollplan.model.kontroller):
                self.unique_in_year(self.index.kontroller, år, kontroll.id, nämnd, kontroll, doc,
                                    ("kontroller", i, "id"), "kontrollen")

    def unique_in_year(self, table: dict[tuple[int, str], tuple[str, Any]], år: int, id_: str, nämnd: str,
                       item: Any, doc: Document, loc: Loc, word: str) -> None:
        if (år, id_) in table:
            owner = table[(år, id_)][0]
            self.error(doc, loc, "ALE302", f"{word} '{id_}' finns redan hos nämnden '{owner}' {år}",
                       "ett id får bara användas en gång per slag; byt id på det ena")
            return
        table[(år, id_)] = (nämnd, item)

    def egna(self, nämnd: str, år: int, stem: str) -> set[str] | None:
        """The ids the nämnd's own matt, budget or internkontrollplan file defines for the year, from the file
        itself (so that an id also used by another nämnd still counts as its own); None if the file is unreadable."""
        if f"namnder/{nämnd}/{år}/{stem}" in self.repo.unreadable:
            return None
        entry = self.repo.nämndår_for(nämnd, år)
        if stem == "matt":
            return {mått.id for mått in entry.mått.model.mått} if entry.mått else set()
        if stem == "budget":
            return {i.id for i in entry.budget.model.investeringar} if entry.budget else set()
        plan = entry.internkontrollplan
        return {kontroll.id for kontroll in plan.model.kontroller} if plan else set()

    def own(self, doc: Document, loc: Loc, word: str, id_: str, nämnd: str,
            table: Mapping[tuple[int, str], tuple[str, Any]], år: int, egna: set[str] | None, stem: str, *,
            key: bool = False) -> bool:
        """`id_` names one of the nämnd's own mått, kontroller or investeringar for the year (`egna`, from the
        file `stem`; None when that file could not be read)."""
        if egna is None or id_ in egna:
            return True
        if (år, id_) in table:
            owner = table[(år, id_)][0]
            self.error(doc, loc, "ALE306", f"{word} '{id_}' hör till nämnden '{owner}', inte '{nämnd}'",
                       f"{word} står i namnder/{owner}/{år}/{stem}.yaml; en nämnd följer bara upp sina egna mått, "
                       "kontroller och investeringar", key=key)
            return False
        file = f"namnder/{nämnd}/{år}/{stem}.yaml"
        plural = _PLURAL[word]
        if egna:
            listed = sorted(egna)
            hint = f"{plural} i {file}: " + ", ".join(listed[:8]) + (" …" if len(listed) > 8 else "")
        else:
            hint = f"{file} tar inte upp några {plural}"
        self.error(doc, loc, "ALE301", f"{word} '{id_}' finns inte i {file}{did_you_mean(id_, egna)}", hint, key=key)
        return False

    # -- periods ---------------------------------------------------------------------------------------------

    def period(self, datum: dt.date) -> None:
        period = self.repo.perioder[datum]
        år = datum.year
        period_files: list[Loaded[Any]] = [
            *period.enheter.values(), *period.verksamheter.values(), *period.sektorer.values(),
            *period.nämnder.values(), *period.dialoger.values(), *period.team.values()]
        first = period_files[0] if period_files else None
        plan = self.plan_for(år, first.doc, ()) if first else None
        mål = plan.målsättningar if plan else {}
        organisation = self.organisation_known
        levels: list[tuple[str, dict[str, Any], Mapping[str, Any] | set[str] | None]] = [
            ("enheter", period.enheter, self.index.enheter if organisation else None),
            ("verksamheter", period.verksamheter, self.index.verksamheter if organisation else None),
            ("sektorer", period.sektorer, self.sektorer),
            ("namnder", period.nämnder, self.nämnder),
            ("team", period.team, mål),
        ]
        words = {"enheter": "enhet", "verksamheter": "verksamhet", "sektorer": "sektor", "namnder": "nämnd",
                 "team": "målsättning"}
        for folder, files, known in levels:
            for name, loaded in sorted(files.items()):
                if folder == "team" and not plan:
                    continue
                if known is not None and name not in known:
                    self.error(loaded.doc, (), "ALE303",
                               f"filnamnet '{name}' anger ingen känd {words[folder]}{did_you_mean(name, known)}",
                               f"filerna i {folder}/ heter som id:t på en {words[folder]}")
                elif known is not None and folder in ("enheter", "verksamheter"):
                    self.exists(loaded.doc, (), words[folder], name, datum, f"per {datum.isoformat()}",
                                "ta bort filen om den inte hör till perioden")
                if folder in ("enheter", "verksamheter", "sektorer", "namnder") and plan:
                    for b, bedömning in enumerate(getattr(loaded.model, "bedömningar", [])):
                        self.ref(loaded.doc, ("bedömningar", b, "målsättning"), "målsättning",
                                 bedömning.målsättning, mål, år=år)
        for name, loaded in sorted(period.nämnder.items()):
            self.nämnd_period(år, name, loaded, plan)
        for _, dialog in sorted(period.dialoger.items()):
            self.dialog(dialog)

    def nämnd_period(self, år: int, nämnd: str, loaded: Loaded[m.Nämnduppföljning], plan: Plan | None) -> None:
        doc, model = loaded.doc, loaded.model
        for kind, table, word, stem in (("mått", self.index.mått, "måttet", "matt"),
                                        ("investeringar", self.index.investeringar, "investeringen", "budget"),
                                        ("internkontroll", self.index.kontroller, "kontrollen",
                                         "internkontrollplan")):
            egna = self.egna(nämnd, år, stem)
            for key in getattr(model, kind):
                self.own(doc, (kind, key), word, key, nämnd, table, år, egna, stem, key=True)
        if plan is None:
            return
        for u, status in enumerate(model.uppdrag):
            if self.ref(doc, ("uppdrag", u, "uppdrag"), "uppdrag", status.uppdrag, plan.uppdrag, år=år):
                givet = plan.uppdrag[status.uppdrag].nämnder
                if givet and nämnd not in givet:
                    self.error(doc, ("uppdrag", u, "uppdrag"), "ALE306",
                               f"uppdraget '{status.uppdrag}' är inte givet till nämnden '{nämnd}'",
                               "uppdraget ges till: " + ", ".join(givet))
        for key in model.framgångsfaktorer:
            self.ref(doc, ("framgångsfaktorer", key), "framgångsfaktor", key, plan.framgångsfaktorer, key=True,
                     år=år)

    def dialog(self, loaded: Loaded[m.Dialog]) -> None:
        doc, model = loaded.doc, loaded.model
        if model.typ == "ledningsdialog":
            if model.sektor is None:
                self.error(doc, ("typ",), "ALE309", "en ledningsdialog anger vilken sektor den gäller",
                           _add_whom(doc.path, model.typ, "sektor", self.sektorer))
            self.ref(doc, ("sektor",), "sektor", model.sektor, self.sektorer)
        elif model.nämnd is None:
            what = "KSAU-dialog" if model.typ == "ksau" else model.typ
            self.error(doc, ("typ",), "ALE309", f"en {what} anger vilken nämnd den gäller",
                       _add_whom(doc.path, model.typ, "nämnd", self.nämnder))
        self.ref(doc, ("nämnd",), "nämnd", model.nämnd, self.nämnder)

    def ämne(self, doc: Document, loc: Loc, möte: m.Möte) -> None:
        """ALE309 when the meeting lacks the key its typ names whom it is with by (models.ÄMNE): the calendar
        matches the meeting to its note by that key, and would show one without it as late for ever. Another key
        beside it, as a dialogue note may have (a ledningsdialog's nämnd), is read as a reference only."""
        ämne = m.ÄMNE.get(möte.typ)
        if ämne is None or getattr(möte, ämne) is not None:
            return
        others = [key for key in m.ÄMNESNYCKLAR if key != ämne and getattr(möte, key) is not None]
        what = _MÖTE[möte.typ]
        it = "det" if what.startswith("ett ") else "den"
        instead = " i stället för " + " och ".join(f"'{key}'" for key in others) if others else " i mötet"
        self.error(doc, loc, "ALE309", f"{what} anger vilken {ämne} {it} gäller",
                   f"{'skriv' if others else 'lägg till'} '{ämne}: <{ämne}>'{instead}")

    def kalender(self, år: int, loaded: Loaded[m.Kalender]) -> None:
        doc = loaded.doc
        organisation = self.organisation_known
        units: dict[str, Mapping[str, Any] | set[str] | None] = {
            "enhet": self.index.enheter if organisation else None,
            "verksamhet": self.index.verksamheter if organisation else None,
            "sektor": self.sektorer, "nämnd": self.nämnder,
        }
        for i, möte in enumerate(loaded.model.möten):
            self.ämne(doc, ("möten", i), möte)
            # a team meeting follows up its period's målsättning: February's on the årsbokslut, last year's; the
            # kalender's own year when that period's year has no plan
            plan = self.index.plans.get((möte.period or möte.datum).year) or self.index.plans.get(år)
            for attribute, known in [*units.items(), ("målsättning", plan.målsättningar if plan else None)]:
                if known is not None and self.ref(doc, ("möten", i, attribute), attribute, getattr(möte, attribute),
                                                  known, år=plan.år if plan else None) \
                        and attribute in ("enhet", "verksamhet") \
                        and (id_ := getattr(möte, attribute)) is not None:
                    # a dialogue planned without its period follows up the bokslut before it, which the unit
                    # may have outlived by the day of the meeting
                    dag = möte.period or möte.datum
                    self.exists(doc, ("möten", i, attribute), attribute, id_, dag,
                                f"per {dag.isoformat()}" if möte.period else f"den {dag.isoformat()}",
                                "ta bort mötet", also=None if möte.period else bokslut_före(möte.datum))
            if möte.sluttid is not None and (möte.tid is None or möte.sluttid <= möte.tid):
                self.error(doc, ("möten", i, "sluttid"), "ALE206",
                           f"'sluttid' {möte.sluttid} ligger inte efter 'tid' {möte.tid}" if möte.tid else
                           "'sluttid' utan 'tid'", "ett möte slutar samma dag som det börjar, efter sin 'tid'")
            if möte.period is not None:
                _, problem = parse_period(möte.period.isoformat())
                if problem:
                    self.error(doc, ("möten", i, "period"), "ALE304", f"perioden {problem}",
                               "en period är en månads sista dag, till exempel 2020-08-31")


def _codes_meant(code: str) -> str:
    """` — menade du 'ALE401' eller 'ALE411'?`: the codes one keystroke from `code` (a digit changed, added, left
    out, or two swapped), as a code is mistyped, or the code it is in capitals; nothing when none is that near
    (`ALE999`). did_you_mean would pick one of the many codes as near as any other."""
    wanted = code.upper()
    meant = [f"'{known}'" for known in CODES if known == wanted] \
        or [f"'{known}'" for known in CODES if _one_keystroke(wanted, known)]
    if not meant:
        return ""
    return f" — menade du {' eller '.join(filter(None, (', '.join(meant[:-1]), meant[-1])))}?"


def _one_keystroke(a: str, b: str) -> bool:
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and (a[differ[0]], a[differ[1]]) == (b[differ[1]], b[differ[0]]))
    shorter, longer = sorted((a, b), key=len)
    return len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


_SETTABLE = "varningarna som kan ställas om här: " + ", ".join(
    known for known, described in CODES.items() if described.allvar == "varning")


def _code_hint(code: str) -> str:
    if code.upper() in CODES:
        return f"koderna skrivs med versaler: {code.upper()}"
    if re.fullmatch(r"ALE\d{1,2}", code):
        return f"här ställs en hel kod om, som ALE411; '{code}' för alla {code}… går bara med --select och --ignore"
    return _SETTABLE


def _add_whom(path: str, typ: str, key: str, known: Iterable[str]) -> str:
    """How to name whom a dialogue note is with: the id its file is named by (`ksau-utbildning.yaml`, as
    `ale new dialog` names it) where that is one, else the ids there are."""
    named = PurePosixPath(path).stem.removeprefix(f"{typ}-")
    known = sorted(known)
    if named in known:
        return f"lägg till '{key}: {named}'"
    return f"lägg till '{key}: <{key}>' med ett av: {', '.join(known)}"
