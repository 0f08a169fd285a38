"""The calendar stage of `ale calendar`: the process's dialogues and deadlines as dated events with a status.

    kalender/<år>.yaml   planned meetings, each matched to its note in perioder/<P>/ (held, late or coming)
    perioder/<P>/…       dialogues held that nobody planned (a note with a date)
    the process          period ends, the law's deadlines, next year's internkontrollplan, and the dialogues
                         the seed demands (KSAU in the autumn, kunddialog yearly, ledningsdialog at each bokslut)

Everything here is a pure function of the checked repository and "today": nothing reads the clock or the disk,
so a test pins "today" and gets the same events every time. Renderers (calendar_renderers.py) only format the
`Kalendervy` built here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypedDict

from ale_cli import models as m
from ale_cli.helgdagar import ledig
from ale_cli.link import Index
from ale_cli.load import Document, Loc
from ale_cli.periods import BOKSLUTSMÅNADER, REPORT_NAMES, bokslut_före, month_end, periodtyp
from ale_cli.pipeline import Checked
from ale_cli.repository import Repository


class Status(enum.StrEnum):
    GENOMFÖRD = "genomförd"  # its note exists (or, for a deadline, the decision is in the repository)
    FÖRSENAD = "försenad"  # the date has passed and there is no note
    KOMMANDE = "kommande"  # today or later
    PASSERAD = "passerad"  # in the past, and nothing in the repository could show it held (KF, a period end)


class Källa(enum.StrEnum):
    KALENDER = "kalender"  # planned in kalender/<år>.yaml
    ANTECKNING = "anteckning"  # only its note in perioder/<P>/ shows it
    PROCESSEN = "processen"  # implied by the seed or the law


class Slag(enum.StrEnum):
    DIALOG = "dialog"
    SAMMANTRÄDE = "sammanträde"
    FRIST = "frist"
    PERIODSLUT = "periodslut"


DIALOGTYPER = ("enhetsdialog", "verksamhetsdialog", "sektorsdialog", "ksau", "kunddialog", "ledningsdialog",
               "team")
SAMMANTRÄDESTYPER = ("nämndsammanträde", "ks", "kf")
FRISTTYPER = ("delårsrapport", "årsredovisning", "internkontrollplan")
TYPER = (*DIALOGTYPER, *SAMMANTRÄDESTYPER, *FRISTTYPER, "periodslut")
GRUPPER: dict[str, tuple[str, ...]] = {
    "dialog": DIALOGTYPER, "sammanträde": SAMMANTRÄDESTYPER, "frist": FRISTTYPER, "periodslut": ("periodslut",),
}
# Events about the whole kommun: every nämnd delivers to them, so `--nämnd` keeps them.
KOMMUNÖVERGRIPANDE = ("ks", "kf", "periodslut", "delårsrapport", "årsredovisning")
_PER_ÅR = ("ksau", "kunddialog")  # once a year per nämnd: an event of the year, whichever period its note is in


def _per_år(typ: str, datum: dt.date, period: dt.date | None) -> int:
    """The year an event counts for: a KSAU dialogue or kunddialog that follows up a period, that period's year
    (one held in January on the årsbokslut is last year's, not this autumn's); anything else, its date's."""
    return (period or datum).year if typ in _PER_ÅR else datum.year

# The chain, bottom up (seed: "verksamhetschefer har dialog med enheter … Sektorchef har dialog med
# verksamhetschefer och sammanfattar till nämnd. Nämndernas presidier har dialog med KSAU.").
KEDJAN = ("enhetsdialog", "verksamhetsdialog", "sektorsdialog", "nämndsammanträde", "ksau")

_RUBRIK = {
    "enhetsdialog": "Enhetsdialog", "verksamhetsdialog": "Verksamhetsdialog", "sektorsdialog": "Sektorsdialog",
    "nämndsammanträde": "Nämndsammanträde", "ksau": "KSAU-dialog", "kunddialog": "Kunddialog",
    "ledningsdialog": "Ledningsdialog", "team": "Tvärsektoriellt team", "ks": "Kommunstyrelsen",
    "kf": "Kommunfullmäktige",
}

# The seed's "under hösten": the KSAU dialogue is due by the end of November (meteorological autumn).
HÖSTENS_SLUT = (11, 30)

# Where the process's dialogues and internkontrollplan come from, as a `grund` names it to the user: the kommun's
# decision "Uppföljning och dialogprocess" (the seed), as the law's deadlines name their paragraph.
DIALOGPROCESSEN = "Uppföljnings- och dialogprocessen"


@dataclass(frozen=True)
class Händelse:
    """One dated event: a planned or held meeting, a deadline, or a period end."""

    datum: dt.date
    typ: str
    titel: str
    status: Status
    källa: Källa
    nyckel: str  # the event's stable identity (type, period or year, subject): the basis of its UID
    tid: dt.time | None = None
    sluttid: dt.time | None = None
    period: dt.date | None = None
    nämnd: str | None = None
    sektor: str | None = None
    verksamhet: str | None = None
    enhet: str | None = None
    målsättning: str | None = None
    plats: str | None = None
    grund: str | None = None  # where the process demands it (seed or law), for deadlines and due dialogues
    planerad_i: tuple[Document, Loc] | None = field(default=None, compare=False, repr=False)  # the kalender's möte
    anteckning: str | None = None  # the file that shows it held (or decided)
    varningar: tuple[str, ...] = ()
    berör: tuple[str, ...] = ()  # the nämnder whose calendar it belongs on
    uid: str = ""

    @property
    def slag(self) -> Slag:
        if self.typ in DIALOGTYPER:
            return Slag.DIALOG
        if self.typ in SAMMANTRÄDESTYPER:
            return Slag.SAMMANTRÄDE
        return Slag.PERIODSLUT if self.typ == "periodslut" else Slag.FRIST

    @property
    def fil(self) -> str | None:
        """Where it is planned, "kalender/2020.yaml:3". The line is found in the text when it is shown (JSON,
        iCalendar): the table does without, and a large kommun's kalender takes a third of a second to search."""
        if self.planerad_i is None:
            return None
        document, loc = self.planerad_i
        return f"{document.path}:{document.at(loc)[0]}"

    @property
    def heldag(self) -> bool:
        return self.tid is None

    @property
    def kommunövergripande(self) -> bool:
        return self.typ in KOMMUNÖVERGRIPANDE

    @property
    def ämne(self) -> str | None:
        attribute = m.ÄMNE.get(self.typ)
        return getattr(self, attribute) if attribute else None


@dataclass(frozen=True)
class Kalendervy:
    """What a renderer shows: the events in the window, and the nearest ones outside it."""

    kommun: str
    kommunkod: str
    idag: dt.date
    från: dt.date
    till: dt.date
    nämnd: str | None
    typer: tuple[str, ...]
    händelser: tuple[Händelse, ...]
    närmast_före: tuple[Händelse, ...]
    närmast_efter: tuple[Händelse, ...]
    # late events before the window: the default window begins today, where nothing can be late yet
    försenade_före: tuple[Händelse, ...] = ()


# -- building the events -----------------------------------------------------------------------------------


def händelser(checked: Checked, idag: dt.date) -> list[Händelse]:
    """Every event the repository and the process give, sorted, each with its status and a unique UID."""
    ctx = _Ctx(checked.repo, checked.index, idag)
    anteckningar = list(_anteckningar(checked.repo))
    möten = _planerade(ctx, anteckningar)
    möten += [_hållen(ctx, a) for a in anteckningar if not a.tagen and a.datum is not None]
    möten = _kedjans_ordning(ctx, möten)
    alla = [*möten, *_processen(ctx, möten)]
    return _med_uid(sorted(alla, key=_ordning), ctx.kommunkod)


def kalendervy(checked: Checked, alla: Iterable[Händelse], idag: dt.date, från: dt.date, till: dt.date,
               nämnd: str | None = None, typer: Iterable[str] = ()) -> Kalendervy:
    """The events between `från` and `till` (inclusive) for one nämnd and some types, and the nearest outside."""
    wanted = expand_typer(typer)
    valda = [h for h in alla if (not wanted or h.typ in wanted) and (nämnd is None or _tillhör(h, nämnd))]
    före = [h for h in valda if h.datum < från]
    efter = [h for h in valda if h.datum > till]
    config = checked.repo.config
    return Kalendervy(
        kommun=config.model.kommun if config else "", kommunkod=config.model.kommunkod if config else "",
        idag=idag, från=från, till=till, nämnd=nämnd, typer=tuple(sorted(wanted)),
        händelser=tuple(h for h in valda if från <= h.datum <= till),
        närmast_före=tuple(h for h in före if h.datum == före[-1].datum) if före else (),
        närmast_efter=tuple(h for h in efter if h.datum == efter[0].datum) if efter else (),
        försenade_före=tuple(h for h in före if h.status is Status.FÖRSENAD),
    )


def expand_typer(typer: Iterable[str]) -> frozenset[str]:
    """Types and groups (`dialog`, `frist` …) as the set of types; unknown names are the caller's to refuse."""
    return frozenset(t for name in typer for t in GRUPPER.get(name, (name,)))


def _tillhör(händelse: Händelse, nämnd: str) -> bool:
    return händelse.kommunövergripande or nämnd in händelse.berör


def _ordning(h: Händelse) -> tuple[dt.date, dt.time, str, str]:
    # All-day events before timed ones on the same day, as calendar programs show them.
    return (h.datum, h.tid or dt.time.min, h.titel, h.nyckel)


def _med_uid(alla: list[Händelse], kommunkod: str) -> list[Händelse]:
    """A UID from the event's stable identity; a second event with the same identity gets a number."""
    seen: dict[str, int] = defaultdict(int)
    result = []
    for h in alla:
        seen[h.nyckel] += 1
        suffix = f"-{seen[h.nyckel]}" if seen[h.nyckel] > 1 else ""
        result.append(dataclasses.replace(h, uid=f"{kommunkod}-{_ascii(h.nyckel)}{suffix}@ale"))
    return result


_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


def _ascii(text: str) -> str:
    return text.translate(_ASCII)


# -- the repository, read for the calendar -----------------------------------------------------------------


@dataclass
class _Ctx:
    repo: Repository
    index: Index
    idag: dt.date

    @property
    def kommunkod(self) -> str:
        return self.repo.config.model.kommunkod if self.repo.config else "0000"

    @property
    def servicenämnd(self) -> str | None:
        return self.repo.servicenämnd

    @property
    def styrelser(self) -> tuple[str, ...]:
        return tuple(id_ for id_, n in sorted(self.repo.nämnder.items()) if n.model.typ == "styrelse")

    def år(self) -> list[int]:
        """The years the repository holds data for; the process's dates are given for these."""
        return sorted({*self.repo.kalendrar, *self.repo.verksamhetsplaner, *(p.year for p in self.repo.perioder)})

    def nämnder(self, *typer: str) -> list[str]:
        return [id_ for id_, n in sorted(self.repo.nämnder.items()) if n.model.typ in typer]

    def namn(self, slag: str, id_: str | None, år: int) -> str:
        """The display name of an id of a kind, or the id itself when it is unknown."""
        if id_ is None:
            return ""
        if slag == "nämnd" and id_ in self.repo.nämnder:
            return self.repo.nämnder[id_].model.namn
        if slag == "sektor" and id_ in self.repo.sektorer:
            return self.repo.sektorer[id_].model.namn
        if slag == "verksamhet" and id_ in self.index.verksamheter:
            return self.index.verksamheter[id_][1].namn
        if slag == "enhet" and id_ in self.index.enheter:
            return self.index.enheter[id_][2].namn
        plan = self.index.plans.get(år)
        if slag == "målsättning" and plan and id_ in plan.målsättningar:
            return plan.målsättningar[id_].namn
        return id_

    def nämnd_för(self, slag: str, id_: str | None) -> str | None:
        if id_ is None:
            return None
        if slag == "enhet":
            return self.index.nämnd_för_enhet(self.repo, id_)
        if slag == "verksamhet":
            return self.index.nämnd_för_verksamhet(self.repo, id_)
        if slag == "sektor":
            return self.index.nämnd_för_sektor(self.repo, id_)
        return id_ if slag == "nämnd" else None

    def berör(self, typ: str, ämne: str | None, år: int) -> tuple[str, ...]:
        """The nämnder an event belongs to: its own, KS for a KSAU dialogue, the servicenämnd for a kunddialog."""
        slag = m.ÄMNE.get(typ)
        found: set[str] = set()
        if typ == "team":
            found |= self._team_nämnder(ämne, år)
        elif slag is not None and (own := self.nämnd_för(slag, ämne)) is not None:
            found.add(own)
        if typ == "ksau":
            found |= set(self.styrelser)
        if typ == "kunddialog" and self.servicenämnd:
            found.add(self.servicenämnd)
        if typ == "ks":
            found |= set(self.styrelser)
        return tuple(sorted(found))

    def _team_nämnder(self, målsättning: str | None, år: int) -> set[str]:
        """A team belongs to the nämnder whose sektorer sit on it (the verksamhetsplan's team list)."""
        plan = self.index.plans.get(år)
        mål = plan.målsättningar.get(målsättning) if plan and målsättning else None
        sektorer = {medlem.sektor for medlem in mål.team if medlem.sektor} if mål else set()
        return {n for s in sektorer if (n := self.nämnd_för("sektor", s)) is not None}


@dataclass(eq=False)
class _Anteckning:
    """A note in perioder/<P>/ that shows a meeting held: a dialogue, a team report or a nämnd decision."""

    typ: str
    period: dt.date
    ämne: str
    datum: dt.date | None
    path: str
    tagen: bool = False  # matched to a planned meeting


def _anteckningar(repo: Repository) -> Iterator[_Anteckning]:
    """The notes that show a meeting held: those with its date. A note without one (a file of `ale new` not yet
    filled in, a unit's summary without its `dialog:`) shows nothing held, and leaves the planned meeting due."""
    for datum, period in sorted(repo.perioder.items()):
        for typ, files in (("enhetsdialog", period.enheter), ("verksamhetsdialog", period.verksamheter),
                           ("sektorsdialog", period.sektorer)):
            for name, loaded in sorted(files.items()):
                if (dialog := loaded.model.dialog) is not None:
                    yield _Anteckning(typ, datum, name, dialog.datum, loaded.path)
        for name, nämnd in sorted(period.nämnder.items()):
            # A nämnd's monthly file without a decision is ekonomi only, not a meeting.
            if nämnd.model.beslut is not None:
                yield _Anteckning("nämndsammanträde", datum, name, nämnd.model.beslut.datum, nämnd.path)
        for _, anteckning in sorted(period.dialoger.items()):
            model = anteckning.model
            ämne = model.sektor if model.typ == "ledningsdialog" else model.nämnd
            if ämne is not None and model.datum is not None:
                yield _Anteckning(model.typ, datum, ämne, model.datum, anteckning.path)
        for name, team in sorted(period.team.items()):
            if team.model.datum is not None:
                yield _Anteckning("team", datum, name, team.model.datum, team.path)


def _nyckel(typ: str, datum: dt.date, period: dt.date | None, ämne: str | None) -> str:
    """The slot an event fills: a chain dialogue per period, KSAU and kunddialog per year, KS/KF per date.

    Built from what stays when a meeting is moved, so that a re-imported calendar updates the event.
    """
    if typ in _PER_ÅR:
        return f"{typ}-{_per_år(typ, datum, period)}-{ämne}"
    if typ == "ledningsdialog":
        return f"{typ}-{period or bokslut_före(datum) or datum}-{ämne}"
    if typ in m.ÄMNE and period is not None:
        return f"{typ}-{period}-{ämne}"
    return f"{typ}-{datum}-{ämne}" if ämne else f"{typ}-{datum}"


def _titel(ctx: _Ctx, typ: str, ämne: str | None, år: int) -> str:
    rubrik = _RUBRIK.get(typ, typ)
    bolag = ctx.repo.nämnder.get(ämne) if typ == "nämndsammanträde" and ämne else None
    if bolag is not None and bolag.model.typ == "bolag":
        rubrik = "Styrelsemöte"  # a bolag's board meets; it has no nämnd
    if typ == "kunddialog" and ctx.servicenämnd:
        return f"{rubrik}: {ctx.namn('nämnd', ctx.servicenämnd, år)} – {ctx.namn('nämnd', ämne, år)}"
    slag = m.ÄMNE.get(typ)
    return f"{rubrik}: {ctx.namn(slag, ämne, år)}" if slag and ämne else rubrik


class _Ämne(TypedDict, total=False):
    enhet: str | None
    verksamhet: str | None
    sektor: str | None
    nämnd: str | None
    målsättning: str | None


def _subject_fields(typ: str, ämne: str | None) -> _Ämne:
    fields = _Ämne()
    slag = m.ÄMNE.get(typ)
    if slag is not None:
        fields[slag] = ämne  # type: ignore[literal-required]
    return fields


def _noterad(datum: dt.date, idag: dt.date) -> Status:
    """The status of a meeting whose note exists: held, unless the note is dated after today.

    A note from the future is a meeting prepared in advance, or a calendar looked at as it was on an earlier
    day (ALE_TODAY): either way it has not been held yet.
    """
    return Status.GENOMFÖRD if datum <= idag else Status.KOMMANDE


def _by_date(datum: dt.date, idag: dt.date, *, can_be_held: bool) -> Status:
    if datum >= idag:
        return Status.KOMMANDE
    return Status.FÖRSENAD if can_be_held else Status.PASSERAD


def _planerade(ctx: _Ctx, anteckningar: list[_Anteckning]) -> list[Händelse]:
    """The kalender's meetings, each matched to its note: first on the exact date (also a nämndsammanträde planned
    without period, with the beslut of that day), then any other note left of the same period; last, a KSAU
    dialogue or kunddialog (one a year, as their uids say) takes a note of its year filed under another period."""
    möten = [(loaded, i, möte) for _, loaded in sorted(ctx.repo.kalendrar.items())
             for i, möte in enumerate(loaded.model.möten)]
    kandidater: dict[tuple[str, str | None], list[_Anteckning]] = defaultdict(list)
    for a in anteckningar:
        kandidater[(a.typ, a.ämne)].append(a)

    def candidates(möte_typ: str, ämne: str | None, datum: dt.date, period: dt.date | None,
                   exact: bool, yearly: bool) -> list[_Anteckning]:
        found = kandidater.get((möte_typ, ämne), [])
        if exact and period is None and möte_typ in _PER_ÅR:  # a yearly dialogue: the note of that day, any year
            return [a for a in found if not a.tagen]
        if period is None and möte_typ == "ledningsdialog":  # it follows up the bokslut before it, as its uid says
            period = bokslut_före(datum)
        if period is not None and not yearly:
            return [a for a in found if not a.tagen and a.period == period]
        if yearly or möte_typ in _PER_ÅR:  # of the year of the period it follows up, both the meeting and the note
            år = _per_år(möte_typ, datum, period)
            return [a for a in found if not a.tagen and _per_år(a.typ, a.datum or a.period, a.period) == år]
        return [a for a in found if not a.tagen and (a.datum or a.period).year == datum.year]

    matched: dict[int, _Anteckning] = {}
    for exact, yearly in ((True, False), (False, False), (False, True)):
        for n, (_, _, möte) in enumerate(möten):
            ämne = getattr(möte, m.ÄMNE[möte.typ]) if möte.typ in m.ÄMNE else None
            # a nämndsammanträde planned without period is the one whose beslut has its date, if any has
            beslut_samma_dag = exact and möte.typ == "nämndsammanträde"
            if n in matched or not (_kan_hållas(möte.typ, möte.period) or beslut_samma_dag) \
                    or (yearly and möte.typ not in _PER_ÅR):
                continue
            pool = candidates(möte.typ, ämne, möte.datum, möte.period, exact, yearly)
            hit = next((a for a in pool if a.datum == möte.datum), None) if exact else next(iter(pool), None)
            if hit is not None:
                hit.tagen = True
                matched[n] = hit
    return [_planerad(ctx, loaded.doc, ("möten", i), möte, matched.get(n)) for n, (loaded, i, möte) in enumerate(möten)]


def _kan_hållas(typ: str, period: dt.date | None) -> bool:
    """Whether a note can show the meeting held: dialogues always, a nämnd meeting only about a period."""
    return typ in DIALOGTYPER or (typ == "nämndsammanträde" and period is not None)


def _planerad(ctx: _Ctx, document: Document, loc: Loc, möte: m.Möte, anteckning: _Anteckning | None) -> Händelse:
    ämne = getattr(möte, m.ÄMNE[möte.typ]) if möte.typ in m.ÄMNE else None
    datum, tid, sluttid = möte.datum, _tid(möte.tid), _tid(möte.sluttid)
    # a yearly dialogue planned without period follows up the period of its note, when it has one
    period = möte.period or (anteckning.period if anteckning is not None and möte.typ in _PER_ÅR else None)
    varningar: list[str] = []
    if anteckning is None:
        status = _by_date(datum, ctx.idag, can_be_held=_kan_hållas(möte.typ, möte.period))
    else:
        if anteckning.datum is not None and anteckning.datum != datum:
            varningar.append(f"enligt {anteckning.path} hölls mötet {anteckning.datum.isoformat()}, "
                             f"inte {datum.isoformat()} som kalendern anger")
            # The note tells when it happened; the planned hour belonged to the planned day.
            datum, tid, sluttid = anteckning.datum, None, None
        status = _noterad(datum, ctx.idag)
    return Händelse(
        datum=datum, tid=tid, sluttid=sluttid, typ=möte.typ, titel=_planerad_titel(ctx, möte, ämne),
        status=status, källa=Källa.KALENDER, nyckel=_nyckel(möte.typ, möte.datum, period, ämne),
        period=period, nämnd=möte.nämnd, sektor=möte.sektor, verksamhet=möte.verksamhet, enhet=möte.enhet,
        målsättning=möte.målsättning, plats=möte.plats, planerad_i=(document, loc),
        anteckning=anteckning.path if anteckning else None, varningar=tuple(varningar),
        berör=ctx.berör(möte.typ, ämne, (period or möte.datum).year),
    )


def _planerad_titel(ctx: _Ctx, möte: m.Möte, ämne: str | None) -> str:
    """The kalender's own titel, after whom the meeting concerns: two nämnder may plan the same titel. A team is
    named by the verksamhetsplan of the period the meeting follows up (February's team meeting on the årsbokslut
    by last year's)."""
    generated = _titel(ctx, möte.typ, ämne, (möte.period or möte.datum).year)
    if möte.titel is None:
        return generated
    return f"{generated} – {möte.titel}" if ämne else möte.titel


def _tid(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _hållen(ctx: _Ctx, a: _Anteckning) -> Händelse:
    """A dialogue held without being planned: its note is the event."""
    assert a.datum is not None
    return Händelse(
        datum=a.datum, typ=a.typ, titel=_titel(ctx, a.typ, a.ämne, (a.period or a.datum).year),
        status=_noterad(a.datum, ctx.idag),
        källa=Källa.ANTECKNING, nyckel=_nyckel(a.typ, a.datum, a.period, a.ämne), period=a.period,
        anteckning=a.path, berör=ctx.berör(a.typ, a.ämne, (a.period or a.datum).year),
        **_subject_fields(a.typ, a.ämne),
    )


# -- the chain's order -------------------------------------------------------------------------------------


def _kedjans_ordning(ctx: _Ctx, möten: list[Händelse]) -> list[Händelse]:
    """Warn on a higher level's dialogue dated before a lower level's in the same period.

    Seed: the chain runs upwards, each level summarising the one below (enhet → verksamhet → sektor → nämnd →
    KSAU); a dialogue before the ones it summarises has nothing to summarise.
    """
    by_key: dict[tuple[dt.date, str, str], list[int]] = defaultdict(list)
    for n, h in enumerate(möten):
        if h.typ in KEDJAN and h.period is not None and h.ämne is not None:
            by_key[(h.period, h.typ, h.ämne)].append(n)
    too_early: dict[int, list[Händelse]] = defaultdict(list)
    for lower in möten:
        if lower.typ not in KEDJAN or lower.period is None or lower.ämne is None:
            continue
        for typ, ämne in _överordnade(ctx, lower.typ, lower.ämne):
            for n in by_key.get((lower.period, typ, ämne), []):
                if möten[n].datum < lower.datum:
                    too_early[n].append(lower)
    return [dataclasses.replace(h, varningar=(*h.varningar, _före_text(too_early[n]))) if n in too_early else h
            for n, h in enumerate(möten)]


def _överordnade(ctx: _Ctx, typ: str, ämne: str) -> Iterator[tuple[str, str]]:
    """The levels above a chain dialogue, nearest first: verksamhet, sektor, nämnd, KSAU."""
    current: tuple[str, str] | None = (typ, ämne)
    while current is not None:
        current = _överordnad(ctx, *current)
        if current is not None:
            yield current


def _överordnad(ctx: _Ctx, typ: str, ämne: str) -> tuple[str, str] | None:
    if typ == "enhetsdialog" and ämne in ctx.index.enheter:
        return "verksamhetsdialog", ctx.index.enheter[ämne][1]
    if typ == "verksamhetsdialog" and ämne in ctx.index.verksamheter:
        return "sektorsdialog", ctx.index.verksamheter[ämne][0]
    if typ == "sektorsdialog" and ämne in ctx.repo.sektorer:
        return "nämndsammanträde", ctx.repo.sektorer[ämne].model.nämnd
    if typ == "nämndsammanträde":
        return "ksau", ämne
    return None


def _före_text(lägre: list[Händelse]) -> str:
    ordered = sorted(lägre, key=_ordning)
    shown = ", ".join(f"{h.titel} ({h.datum.isoformat()})" for h in ordered[:3])
    more = f" och {len(ordered) - 3} till" if len(ordered) > 3 else ""
    return (f"ligger före {shown}{more} i samma period: dialogkedjan går uppåt "
            "(enhet, verksamhet, sektor, nämnd, KSAU)")


# -- what the process demands ------------------------------------------------------------------------------


def _processen(ctx: _Ctx, möten: list[Händelse]) -> Iterator[Händelse]:
    planerade = _Planerade.av(möten)
    # the process reaches into the year before (the internkontrollplan) and after (the årsredovisning): a year at
    # either end of what a date can hold has no such dates
    år_med_process = [år for år in ctx.år() if dt.MINYEAR < år < dt.MAXYEAR]
    for år in år_med_process:
        yield from _periodslut(ctx, år)
        yield from _lagens_frister(ctx, år)
        yield from _ksau(ctx, år, planerade)
        yield from _kunddialoger(ctx, år, planerade)
        yield from _ledningsdialoger(ctx, år, planerade)
    planår = sorted({y for år in år_med_process for y in (år, år + 1)})
    for år in planår:
        yield from _internkontrollplaner(ctx, år)


def _periodslut(ctx: _Ctx, år: int) -> Iterator[Händelse]:
    """Every month-end is a period: bokslut, budgetuppföljning or månadsuppföljning (DESIGN §3), named as the
    report and `ale status` name it."""
    for månad in range(1, 13):
        period = month_end(år, månad)
        yield Händelse(
            datum=period, typ="periodslut", titel=f"Periodslut: {REPORT_NAMES[periodtyp(period)]}",
            status=_by_date(period, ctx.idag, can_be_held=False), källa=Källa.PROCESSEN,
            nyckel=f"periodslut-{period}", period=period,
        )


def _lagens_frister(ctx: _Ctx, år: int) -> Iterator[Händelse]:
    """The delårsrapporter within two months (KL 11 kap. 16 §), the årsredovisning by 15 April; a time the law
    sets that ends on a Saturday, Sunday, helgdag, midsommarafton, julafton or nyårsafton ends on the next weekday
    (lagen (1930:173) om beräkning av lagstadgad tid)."""
    for månad in (3, 8):
        period = month_end(år, månad)
        frist, flyttad = _nästa_vardag(month_end(år, månad + 2))
        extra = "; med nämndernas uppföljning av internkontrollen" if månad == 8 else ""
        yield Händelse(
            datum=frist, typ="delårsrapport", status=_by_date(frist, ctx.idag, can_be_held=False),
            titel=f"Delårsrapport per {period.isoformat()} till fullmäktige och revisorerna",
            källa=Källa.PROCESSEN, nyckel=f"delårsrapport-{period}", period=period,
            grund=f"KL 11 kap. 16 §: inom två månader från periodens slut{extra}{flyttad}",
        )
    frist, flyttad = _nästa_vardag(dt.date(år + 1, 4, 15))
    yield Händelse(
        datum=frist, typ="årsredovisning", status=_by_date(frist, ctx.idag, can_be_held=False),
        titel=f"Årsredovisning {år} till fullmäktige och revisorerna", källa=Källa.PROCESSEN,
        nyckel=f"årsredovisning-{år}", period=month_end(år, 12),
        grund="Kommunallagen 11 kap.: senast 15 april året efter; med nämndernas uppföljning av internkontrollen"
              + flyttad,
    )


def _nästa_vardag(dag: dt.date) -> tuple[dt.date, str]:
    """The day a time the law sets ends on, and what to say when it is not `dag` itself: no such time ends on a
    Saturday, a Sunday, a helgdag or one of the three aftons."""
    första, skäl = dag, ledig(dag)
    while ledig(dag):
        dag += dt.timedelta(days=1)
    if dag == första:
        return dag, ""
    return dag, (f"; {första.isoformat()} är {skäl}, så fristen går ut nästa vardag (lagen (1930:173) om "
                 "beräkning av lagstadgad tid)")


def _internkontrollplaner(ctx: _Ctx, år: int) -> Iterator[Händelse]:
    """Each nämnd decides its internkontrollplan for `år` at the latest in December the year before.

    Seed: "Plan för internkontroll för kommande verksamhetsår tas fram av respektive nämnd … men senast i
    december månad." Bolag are not nämnder and have their own control under the companies act.
    """
    frist = dt.date(år - 1, 12, 31)
    for nämnd in ctx.nämnder("nämnd", "styrelse"):
        plan = ctx.repo.nämndår_for(nämnd, år).internkontrollplan
        beslutad = plan.model.beslut.datum if plan else None
        # A decision dated after today has not been taken yet (ALE_TODAY looks at an earlier day).
        decided = beslutad is not None and beslutad <= ctx.idag
        status = Status.GENOMFÖRD if decided else _by_date(frist, ctx.idag, can_be_held=True)
        varningar = ((f"beslutad {beslutad.isoformat()}, efter fristen {frist.isoformat()}",)
                     if beslutad is not None and beslutad > frist else ())
        yield Händelse(
            datum=frist, typ="internkontrollplan", status=status, källa=Källa.PROCESSEN,
            titel=f"Internkontrollplan {år} beslutad: {ctx.namn('nämnd', nämnd, år)}",
            nyckel=f"internkontrollplan-{år}-{nämnd}", nämnd=nämnd, berör=(nämnd,),
            anteckning=plan.path if plan else None, varningar=varningar,
            grund=f"{DIALOGPROCESSEN}: nämnden beslutar planen för kommande år senast i december",
        )


def _saknas(ctx: _Ctx, typ: str, ämne: str, datum: dt.date, nyckel: str, varning: str, grund: str,
            period: dt.date | None = None) -> Händelse:
    """A dialogue the process demands and the kalender does not plan: shown as due, with a warning."""
    return Händelse(
        datum=datum, typ=typ, titel=f"{_titel(ctx, typ, ämne, datum.year)} (ej planerad)",
        status=_by_date(datum, ctx.idag, can_be_held=True), källa=Källa.PROCESSEN, nyckel=nyckel,
        period=period, grund=grund, varningar=(varning,), berör=ctx.berör(typ, ämne, datum.year),
        **_subject_fields(typ, ämne),
    )


@dataclass(frozen=True)
class _Planerade:
    """What the meetings cover, to look up: a large kommun's year has thousands of them."""

    ämnen: frozenset[tuple[str, str | None, int]]  # (typ, ämne, år)
    nycklar: frozenset[str]

    @classmethod
    def av(cls, möten: list[Händelse]) -> _Planerade:
        return cls(frozenset((h.typ, h.ämne, _per_år(h.typ, h.datum, h.period)) for h in möten),
                   frozenset(h.nyckel for h in möten))

    def finns(self, typ: str, ämne: str, år: int) -> bool:
        return (typ, ämne, år) in self.ämnen


def _ksau(ctx: _Ctx, år: int, möten: _Planerade) -> Iterator[Händelse]:
    """Each nämnd's AU meets KSAU in the autumn; not a bolag, not Kommunstyrelsen with itself.

    Seed: "dialogen mellan kommunstyrelsen och nämnderna sker … under hösten 2020 i form av att respektive
    nämnds arbetsutskott träffar KSAU."
    """
    for nämnd in ctx.nämnder("nämnd"):
        if not möten.finns("ksau", nämnd, år):
            namn = ctx.namn("nämnd", nämnd, år)
            yield _saknas(ctx, "ksau", nämnd, dt.date(år, *HÖSTENS_SLUT), f"ksau-{år}-{nämnd}",
                          f"kalendern planerar ingen KSAU-dialog med {namn} hösten {år}",
                          f"{DIALOGPROCESSEN}: nämndens AU träffar KSAU under hösten")


def _kunddialoger(ctx: _Ctx, år: int, möten: _Planerade) -> Iterator[Händelse]:
    """Servicenämndens AU meets each nämnd's AU once a year (seed: "kunddialog en gång per år")."""
    service = ctx.servicenämnd
    if service is None:
        return
    for nämnd in ctx.nämnder("nämnd", "styrelse"):
        if nämnd != service and not möten.finns("kunddialog", nämnd, år):
            namn = ctx.namn("nämnd", nämnd, år)
            yield _saknas(ctx, "kunddialog", nämnd, dt.date(år, 12, 31), f"kunddialog-{år}-{nämnd}",
                          f"kalendern planerar ingen kunddialog med {namn} {år}",
                          f"{DIALOGPROCESSEN}: Servicenämndens AU träffar varje nämnds AU en gång per år")


def _ledningsdialoger(ctx: _Ctx, år: int, möten: _Planerade) -> Iterator[Händelse]:
    """Sektorsledning meets förvaltningsledning at each bokslut, three times a year.

    Seed: "Dialogmötena mellan sektorsledningar och delar av förvaltningsledningen sker i anslutning till
    delårsboksluten och årsbokslutet". Due by the end of the month after the bokslut.
    """
    for månad in BOKSLUTSMÅNADER:
        period = month_end(år, månad)
        frist = month_end(år + (månad == 12), månad % 12 + 1)
        for sektor in sorted(ctx.repo.sektorer):
            nyckel = f"ledningsdialog-{period}-{sektor}"
            if nyckel not in möten.nycklar:
                namn = ctx.namn("sektor", sektor, år)
                yield _saknas(ctx, "ledningsdialog", sektor, frist, nyckel,
                              f"kalendern planerar ingen ledningsdialog med {namn} för period "
                              f"{period.isoformat()} ({REPORT_NAMES[periodtyp(period)]})",
                              f"{DIALOGPROCESSEN}: sektorsledning och förvaltningsledning möts vid varje bokslut",
                              period)
