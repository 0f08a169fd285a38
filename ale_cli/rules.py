"""Stage 4, check: the process rules of the seed, each a small function with a stable code.

Every rule receives the parsed repository and its index and yields diagnostics. A rule's docstring says what it
enforces and where the rule comes from ("Uppföljning och dialogprocess Ale kommun 2020", KS.2019.230, or the law).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ale_cli import models as m
from ale_cli.diagnostics import Diagnostic, Severity
from ale_cli.helgdagar import Helgdagar, ledig, swedish_holidays
from ale_cli.link import Index
from ale_cli.load import Document, Loc
from ale_cli.periods import has_internkontroll
from ale_cli.repository import Loaded, Period, Repository


@dataclass(frozen=True)
class Context:
    repo: Repository
    index: Index
    helgdagar: Helgdagar = swedish_holidays


RuleFunction = Callable[[Context], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    check: RuleFunction

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


RULES: list[Rule] = []


def rule(code: str, severity: Severity = Severity.ERROR) -> Callable[[RuleFunction], RuleFunction]:
    def register(check: RuleFunction) -> RuleFunction:
        RULES.append(Rule(code, severity, check))
        return check

    return register


def check(repo: Repository, index: Index, helgdagar: Helgdagar = swedish_holidays, *,
          warnings: bool = True) -> list[Diagnostic]:
    """Every rule's diagnostics; without `warnings`, only those of the rules that find errors (a rule's
    diagnostics all have its severity)."""
    context = Context(repo, index, helgdagar)
    return [diagnostic for registered in RULES if warnings or registered.severity is Severity.ERROR
            for diagnostic in registered.check(context)]


def _at(doc: Document, loc: Loc, code: str, message: str, hint: str = "",
        severity: Severity = Severity.ERROR, *, key: bool = False) -> Diagnostic:
    line, column = doc.key_at(loc) if key else doc.at(loc)
    return Diagnostic(doc.path, line, column, code, message, severity, hint)


def _tkr(value: float | Decimal) -> str:
    """An amount as a Swedish number, with every decimal it was written with: 897 410,75, −10,8 (the report's
    minus sign; its spaces are plain ones here, as a terminal or a CI log shows them)."""
    amount = _exact(value).normalize()
    text = format(amount if amount else Decimal(0), ",f").translate(_SWEDISH)
    return "\u2212" + text[1:] if text.startswith("-") else text


def _exact(value: float | Decimal) -> Decimal:
    """The amount as written: 0.1 as 0.1, not as the float nearest it, so that sums and differences of amounts
    come out as the user would reckon them."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))


_SWEDISH = str.maketrans({",": " ", ".": ","})


def _year_files(ctx: Context, kind: str) -> Iterator[tuple[int, Any]]:
    """(year, loaded file) for each nämnd's file of one kind (budget, internkontrollplan …), in order."""
    for (_, år), entry in sorted(ctx.repo.nämndår.items()):
        loaded = getattr(entry, kind)
        if loaded is not None:
            yield år, loaded


@rule("ALE401", Severity.WARNING)
def internkontrollplan_i_tid(ctx: Context) -> Iterator[Diagnostic]:
    """The internkontrollplan for a year is decided in the year before, at the latest in December.

    Seed: "Plan för internkontroll för kommande verksamhetsår tas fram av respektive nämnd i samband med
    verksamhetsplanen men senast i december månad." A decision before that year is the one of an earlier plan,
    left in a file copied into the new year.
    """
    for år, plan in _year_files(ctx, "internkontrollplan"):
        datum = plan.model.beslut.datum
        if datum > dt.date(år - 1, 12, 31):
            yield _at(plan.doc, ("beslut", "datum"), "ALE401",
                      f"internkontrollplanen för {år} beslutades {datum.isoformat()}, efter december {år - 1}",
                      f"planen ska beslutas senast {år - 1}-12-31", Severity.WARNING)
        elif datum < dt.date(år - 1, 1, 1):
            yield _at(plan.doc, ("beslut", "datum"), "ALE401",
                      f"internkontrollplanen för {år} beslutades {datum.isoformat()}, före {år - 1}",
                      f"planen för {år} beslutas under {år - 1}, senast {år - 1}-12-31; är beslutet kvar från "
                      "förra årets plan?", Severity.WARNING)


@rule("ALE402")
def budget_per_verksamhet(ctx: Context) -> Iterator[Diagnostic]:
    """The budget per verksamhet sums to the nämnd's nettokostnad.

    The verksamhetsplan med budget is broken down by the nämnd to its verksamheter; a difference means tkr lost
    or counted twice in the driftredovisning.
    """
    for _, budget in _year_files(ctx, "budget"):
        if not budget.model.verksamheter:
            continue
        total = sum(map(_exact, budget.model.verksamheter.values()), Decimal(0))
        nettokostnad = _exact(budget.model.nettokostnad)
        if abs(total - nettokostnad) > Decimal("0.5"):
            yield _at(budget.doc, ("verksamheter",), "ALE402",
                      f"verksamheternas budget summerar till {_tkr(total)} tkr men nettokostnaden är "
                      f"{_tkr(nettokostnad)} tkr",
                      f"skillnad {_tkr(nettokostnad - total)} tkr", key=True)


@rule("ALE403")
def periodisering(ctx: Context) -> Iterator[Diagnostic]:
    """The periodisering has twelve monthly shares in percent that sum to 100.

    Periodbudget = nettokostnad × the months' share (DESIGN §3); without twelve shares summing to 100 every
    periodavvikelse is wrong. Shares rounded to hundredths may miss 100 by twelve half hundredths (12 × 8,33 is
    99,96): that is a rounding, not a wrong share, and the periodbudget takes the shares as parts of their own sum
    (rollup.part_of_year).
    """
    for _, budget in _year_files(ctx, "budget"):
        if budget.model.periodisering is None:
            continue
        shares = budget.model.periodisering
        if len(shares) != 12:
            yield _at(budget.doc, ("periodisering",), "ALE403",
                      f"periodiseringen har {len(shares)} andelar, inte 12", "en andel i procent per månad")
        elif abs(sum(shares) - 100) > ROUNDED_SHARES + 1e-9:
            yield _at(budget.doc, ("periodisering",), "ALE403",
                      f"periodiseringens andelar summerar till {f'{sum(shares):g}'.replace('.', ',')} %, inte 100 %",
                      "justera andelarna så att de blir 100 tillsammans")


ROUNDED_SHARES = 12 * 0.005
"""How far twelve shares, each rounded to hundredths of a percent, may miss 100 together."""


@rule("ALE404", Severity.WARNING)
def utfall_minskar_inte(ctx: Context) -> Iterator[Diagnostic]:
    """The accumulated ekonomi.utfall of a nämnd does not decrease from one month to the next within a year.

    Utfall is the year's accumulated nettokostnad; a decrease is usually a month's figure written instead of
    the accumulated one. Not for a bolag: its result is reported as it is, and one that makes a profit has an
    utfall that falls month by month.
    """
    previous: dict[tuple[str, int], tuple[dt.date, float]] = {}
    bolag = {nid for nid, loaded in ctx.repo.nämnder.items() if loaded.model.typ == "bolag"}
    for datum in sorted(ctx.repo.perioder):
        for nämnd, loaded in sorted(ctx.repo.perioder[datum].nämnder.items()):
            ekonomi = loaded.model.ekonomi
            if ekonomi is None or nämnd in bolag:
                continue
            before = previous.get((nämnd, datum.year))
            if before is not None and ekonomi.utfall < before[1]:
                yield _at(loaded.doc, ("ekonomi", "utfall"), "ALE404",
                          f"ackumulerat utfall {_tkr(ekonomi.utfall)} tkr är lägre än {_tkr(before[1])} tkr "
                          f"per {before[0].isoformat()}",
                          "utfall är årets ackumulerade nettokostnad, inte månadens", Severity.WARNING)
            previous[(nämnd, datum.year)] = (datum, ekonomi.utfall)


def _dated(period: Period) -> Iterator[tuple[Loaded[m.Model], Loc, dt.date]]:
    for files in (period.enheter, period.verksamheter, period.sektorer):
        for loaded in files.values():
            if loaded.model.dialog is not None:
                yield loaded, ("dialog", "datum"), loaded.model.dialog.datum
    for nämnd in period.nämnder.values():
        if nämnd.model.beslut is not None:
            yield nämnd, ("beslut", "datum"), nämnd.model.beslut.datum
    for dialog in period.dialoger.values():
        # the kunddialog is once a year, about no period (the seed: "en gång per år")
        if dialog.model.typ != "kunddialog" and dialog.model.datum is not None:
            yield dialog, ("datum",), dialog.model.datum
    for team in period.team.values():
        if team.model.datum is not None:
            yield team, ("datum",), team.model.datum


@rule("ALE405")
def dialog_efter_periodens_slut(ctx: Context) -> Iterator[Diagnostic]:
    """A dialogue, team report or nämnd decision about a period is dated after the period's end.

    Seed: the dialogues are held "i anslutning till delårsboksluten och årsbokslutet" — they follow up a
    period that has ended, so not on its last day either. The kunddialog is about no period: the servicenämnd
    meets each nämnd "en gång per år", and its note may lie in any period of the year.
    """
    for datum, period in sorted(ctx.repo.perioder.items()):
        for loaded, loc, when in sorted(_dated(period), key=lambda item: item[0].path):
            if when <= datum:
                yield _at(loaded.doc, loc, "ALE405",
                          f"datumet {when.isoformat()} ligger inte efter periodens slut {datum.isoformat()}",
                          "en dialog om perioden hålls efter att perioden är slut; kontrollera mappen och datumet")


@rule("ALE406", Severity.WARNING)
def internkontroll_i_augusti_och_december(ctx: Context) -> Iterator[Diagnostic]:
    """Internkontroll results are reported in the August and December periods only.

    Seed: "Nämndernas uppföljning av sina interna kontrollplaner redovisas till kommunstyrelsen och
    kommunfullmäktige i samband med augustirapporten och årsredovisningen."
    """
    for datum, period in sorted(ctx.repo.perioder.items()):
        if has_internkontroll(datum):
            continue
        for loaded in sorted(period.nämnder.values(), key=lambda item: item.path):
            if loaded.model.internkontroll:
                yield _at(loaded.doc, ("internkontroll",), "ALE406",
                          f"internkontrollen redovisas i augusti och december, inte per {datum.isoformat()}",
                          "flytta resultaten till perioden 08-31 eller 12-31", Severity.WARNING, key=True)


@rule("ALE417", Severity.WARNING)
def en_gång_per_år(ctx: Context) -> Iterator[Diagnostic]:
    """A nämnd has one KSAU-dialog and one kunddialog a year, whichever period of the year its note is filed under.

    Seed: the nämnders AU meet KSAU in the autumn, and the servicenämnd's AU meets each nämnd's AU "en gång per år".
    A second note for the same year (a copy under the next period's folder) is a second dialogue in the calendar and
    in the årsbokslut; `ale new dialog` refuses to write one.
    """
    first: dict[tuple[int, str, str], Loaded[m.Dialog]] = {}
    for datum, period in sorted(ctx.repo.perioder.items()):
        for loaded in sorted(period.dialoger.values(), key=lambda item: item.path):
            dialog = loaded.model
            if dialog.typ not in ("ksau", "kunddialog") or dialog.nämnd is None:
                continue
            seen = first.setdefault((datum.year, dialog.typ, dialog.nämnd), loaded)
            if seen is not loaded:
                what = "KSAU-dialogen" if dialog.typ == "ksau" else "kunddialogen"
                yield _at(loaded.doc, ("typ",), "ALE417",
                          f"{what} med '{dialog.nämnd}' för {datum.year} finns redan i {seen.path}",
                          "den hålls en gång per år: behåll en av anteckningarna, under perioden den följde upp",
                          Severity.WARNING)


@rule("ALE416", Severity.WARNING)
def ingen_prognos_i_årsbokslutet(ctx: Context) -> Iterator[Diagnostic]:
    """The årsbokslut's follow-up gives the year's utfall and no prognos, for the nämnd's ekonomi or an investment.

    At year end the utfall is final: the report shows the year's budget, utfall and avvikelse, and no prognos. A
    prognos left in the December file (copied from November, say) is shown nowhere and says something else than
    the utfall beside it.
    """
    for datum, period in sorted(ctx.repo.perioder.items()):
        if datum.month != 12:
            continue
        for loaded in sorted(period.nämnder.values(), key=lambda item: item.path):
            uppföljning = loaded.model
            if uppföljning.ekonomi is not None and uppföljning.ekonomi.prognos is not None:
                yield _at(loaded.doc, ("ekonomi", "prognos"), "ALE416",
                          f"årsbokslutet ska inte ha någon prognos: utfallet per {datum.isoformat()} är årets",
                          _PROGNOS_HINT, Severity.WARNING, key=True)
            for iid, investering in uppföljning.investeringar.items():
                if investering.prognos is not None:
                    yield _at(loaded.doc, ("investeringar", iid, "prognos"), "ALE416",
                              f"årsbokslutet ska inte ha någon prognos för investeringen '{iid}': utfallet per "
                              f"{datum.isoformat()} är årets", _PROGNOS_HINT, Severity.WARNING, key=True)


_PROGNOS_HINT = "ta bort prognosen; rapporten visar den inte"


@rule("ALE407")
def sannolikhet_och_konsekvens(ctx: Context) -> Iterator[Diagnostic]:
    """Sannolikhet and konsekvens of a kontroll are on the scale 1–4 (riskvärde 1–16, the 4 × 4 matrix)."""
    for _, plan in _year_files(ctx, "internkontrollplan"):
        for i, kontroll in enumerate(plan.model.kontroller):
            for attribute in ("sannolikhet", "konsekvens"):
                value = getattr(kontroll, attribute)
                if not 1 <= value <= 4:
                    yield _at(plan.doc, ("kontroller", i, attribute), "ALE407",
                              f"{attribute} {value} ligger utanför skalan 1–4",
                              "1 = låg, 2 = möjlig/lindrig, 3 = sannolik/kännbar, 4 = mycket sannolik/allvarlig")


@rule("ALE408", Severity.WARNING)
def dialogkedjans_ordning(ctx: Context) -> Iterator[Diagnostic]:
    """Within a period the chain runs upwards: enhet before its verksamhet, before its sektor, before the nämnd.

    Seed: "verksamhetschefer [har] dialog med enheter och sammanfattar till sektorchef … Sektorchef har dialog
    med verksamhetschefer och sammanfattar till nämnd." A summary dated before the dialogue it summarises has
    nothing to summarise.
    """
    repo, index = ctx.repo, ctx.index
    for _, period in sorted(repo.perioder.items()):
        def when(loaded: Loaded[m.Dialoganteckning] | None) -> dt.date | None:
            return loaded.model.dialog.datum if loaded and loaded.model.dialog else None

        later: dict[str, _Above] = {}  # by the upper level's file: the dialogues below it dated after it
        for enhet, loaded in sorted(period.enheter.items()):
            found = index.enheter.get(enhet)
            upper = period.verksamheter.get(found[1]) if found else None
            _order(later, loaded, when(loaded), upper, when(upper), ("dialog", "datum"), "verksamhetens datum")
        for verksamhet, loaded in sorted(period.verksamheter.items()):
            owner = index.verksamheter.get(verksamhet)
            upper = period.sektorer.get(owner[0]) if owner else None
            _order(later, loaded, when(loaded), upper, when(upper), ("dialog", "datum"), "sektorns datum")
        for sektor, loaded in sorted(period.sektorer.items()):
            nämnd = index.nämnd_för_sektor(repo, sektor)
            top = period.nämnder.get(nämnd) if nämnd else None
            decided = top.model.beslut.datum if top and top.model.beslut else None
            _order(later, loaded, when(loaded), top, decided, ("beslut", "datum"), "nämndens beslutsdatum")
        for _, above in sorted(later.items()):
            latest, where = max(above.below)
            dialogen = (f"dialogen {latest.isoformat()} i {where}" if len(above.below) == 1 else
                        f"dialogerna i {len(above.below)} filer, den senaste {latest.isoformat()} i {where}")
            yield _at(above.upper.doc, above.loc, "ALE408",
                      f"{above.word} {above.datum.isoformat()} ligger före {dialogen}",
                      "dialogkedjan går uppåt: enhet, verksamhet, sektor, nämnd; datumet ska vara "
                      f"{latest.isoformat()} eller senare", Severity.WARNING)


@dataclass
class _Above:
    """A level of the chain dated before dialogues below it: where its date stands, and those dialogues."""

    upper: Loaded[m.Model]
    datum: dt.date
    loc: Loc
    word: str
    below: list[tuple[dt.date, str]]


def _order(later: dict[str, _Above], lower: Loaded[m.Model], lower_date: dt.date | None,
           upper: Loaded[m.Model] | None, upper_date: dt.date | None, upper_loc: Loc, word: str) -> None:
    if lower_date is None or upper is None or upper_date is None or upper_date >= lower_date:
        return
    above = later.setdefault(upper.path, _Above(upper, upper_date, upper_loc, word, []))
    above.below.append((lower_date, lower.path))


@rule("ALE409", Severity.WARNING)
def bedömning_av_målsättning_i_nämndplanen(ctx: Context) -> Iterator[Diagnostic]:
    """A bedömning concerns a målsättning that the unit's nämnd takes up in its nämndplan.

    Seed: "Varje nämnd ska i nämndplanen beskriva hur man arbetar med de strategiska målsättningarna"; a
    bedömning of a goal the nämnd does not work with cannot roll up to it.
    """
    repo, index = ctx.repo, ctx.index
    for datum, period in sorted(repo.perioder.items()):
        owners: list[tuple[Loaded[m.Dialoganteckning] | Loaded[m.Nämnduppföljning], str | None]] = [
            *((f, index.nämnd_för_enhet(repo, n)) for n, f in sorted(period.enheter.items())),
            *((f, index.nämnd_för_verksamhet(repo, n)) for n, f in sorted(period.verksamheter.items())),
            *((f, index.nämnd_för_sektor(repo, n)) for n, f in sorted(period.sektorer.items())),
            *((f, n) for n, f in sorted(period.nämnder.items())),
        ]
        for loaded, nämnd in owners:
            plan = repo.nämndår_for(nämnd, datum.year).nämndplan if nämnd else None
            if plan is None:
                continue
            taken = {rad.målsättning for rad in plan.model.målsättningar}
            goals = _plan_goals(ctx, datum.year)
            if not taken <= goals.keys():
                continue  # the nämndplan names an unknown målsättning (ALE301); every bedömning would be flagged
            for b, bedömning in enumerate(loaded.model.bedömningar):
                if bedömning.målsättning not in taken and bedömning.målsättning in goals:
                    yield _at(loaded.doc, ("bedömningar", b, "målsättning"), "ALE409",
                              f"nämnden '{nämnd}' tar inte upp målsättningen '{bedömning.målsättning}' i sin "
                              f"nämndplan {datum.year}",
                              f"bedöm målsättningarna i {plan.path}, eller lägg till målsättningen där",
                              Severity.WARNING)


def _plan_goals(ctx: Context, år: int) -> dict[str, m.Målsättning]:
    plan = ctx.index.plans.get(år)
    return plan.målsättningar if plan else {}


@rule("ALE410")
def en_bedömning_per_målsättning(ctx: Context) -> Iterator[Diagnostic]:
    """A file assesses each målsättning at most once, and a nämnd follows up each uppdrag at most once: of two,
    only one could roll up, and the report would show whichever came last. A nämndplan takes up each målsättning
    once, and names each framgångsfaktor and mått once under it: the report shows a målsättning, and a
    framgångsfaktor, once for each time the nämndplan names it."""
    for _, period in sorted(ctx.repo.perioder.items()):
        for files in (period.enheter, period.verksamheter, period.sektorer, period.nämnder):
            for loaded in files.values():
                yield from _twice(loaded.doc, ("bedömningar",), "målsättning",
                                  [b.målsättning for b in loaded.model.bedömningar],
                                  "målsättningen '{}' bedöms redan på rad {}", "slå ihop bedömningarna till en")
        for loaded in period.nämnder.values():
            yield from _twice(loaded.doc, ("uppdrag",), "uppdrag", [u.uppdrag for u in loaded.model.uppdrag],
                              "uppdraget '{}' följs redan upp på rad {}", "slå ihop uppföljningarna till en")
    for _, plan in _year_files(ctx, "nämndplan"):
        rader = plan.model.målsättningar
        yield from _twice(plan.doc, ("målsättningar",), "målsättning", [rad.målsättning for rad in rader],
                          "målsättningen '{}' tas redan upp på rad {}",
                          "slå ihop dem till en, med arbetssätt, framgångsfaktorer och mått från båda")
        for i, rad in enumerate(rader):
            yield from _twice(plan.doc, ("målsättningar", i, "framgångsfaktorer"), "framgångsfaktor",
                              [f.framgångsfaktor for f in rad.framgångsfaktorer],
                              "framgångsfaktorn '{}' står redan på rad {}", "slå ihop de två till en")
            yield from _twice(plan.doc, ("målsättningar", i, "mått"), None, list(rad.mått),
                              "måttet '{}' står redan på rad {}", "ta bort det ena")


def _twice(doc: Document, loc: Loc, field: str | None, ids: list[str], message: str,
           hint: str) -> Iterator[Diagnostic]:
    """An id that the list at `loc` in `doc` names a second time (as the `field` of its items, or as the items
    themselves), at the second, with the line of the first."""
    first: dict[str, int] = {}
    for index, id_ in enumerate(ids):
        if id_ in first:
            where: Loc = (*loc, index, field) if field is not None else (*loc, index)
            yield _at(doc, where, "ALE410", message.format(id_, doc.at((*loc, first[id_]))[0]), hint)
        else:
            first[id_] = index


@rule("ALE413")
def dialog_med_någon_annan(ctx: Context) -> Iterator[Diagnostic]:
    """A KSAU dialogue is with a nämnd, not with kommunstyrelsen itself; a kunddialog is the servicenämnd's with
    another nämnd, not with itself. Neither is with a bolag, which has no arbetsutskott in the dialogue chain (the
    calendar asks neither of it). In a dialogue note and in the kalender alike.

    Seed: "respektive nämnds arbetsutskott träffar KSAU" and "Servicenämndens AU ska också träffa respektive
    nämnds AU för så kallad 'kunddialog'". DESIGN §2: kommunstyrelsen has "no KSAU dialogue with itself"; a bolag
    has "no sektor and no dialogue chain".
    """
    typer = {nid: loaded.model.typ for nid, loaded in ctx.repo.nämnder.items()}
    service = ctx.repo.servicenämnd
    itself = ctx.repo.not_a_dialogue_with
    config = ctx.repo.config
    if config is not None and service is not None and typer.get(service) == "bolag":
        yield _at(config.doc, ("servicenämnd",), "ALE413", f"servicenämndens AU håller kunddialog med de andra "
                  f"nämndernas AU; '{service}' är ett bolag", "ange en nämnd under 'servicenämnd'")
    hint = "ange nämnden som dialogen hålls med under 'nämnd'"
    for _, period in sorted(ctx.repo.perioder.items()):
        for loaded in sorted(period.dialoger.values(), key=lambda item: item.path):
            if message := itself(loaded.model.typ, loaded.model.nämnd):
                yield _at(loaded.doc, ("nämnd",), "ALE413", message, hint)
    for _, kalender in sorted(ctx.repo.kalendrar.items()):
        for i, möte in enumerate(kalender.model.möten):
            if message := itself(möte.typ, möte.nämnd):
                yield _at(kalender.doc, ("möten", i, "nämnd"), "ALE413", message, hint)


@rule("ALE414", Severity.WARNING)
def möte_i_kalenderns_år(ctx: Context) -> Iterator[Diagnostic]:
    """A planned meeting is dated in its kalender's year, or the year before or after it.

    kalender/2020.yaml may rightly hold the dialogues of the årsbokslut in January 2021 and a meeting of December
    2019; a meeting years away (2002-10-26) is a typing error in the year, which 'ale calendar' would otherwise
    show as planned then.
    """
    for år, kalender in sorted(ctx.repo.kalendrar.items()):
        for i, möte in enumerate(kalender.model.möten):
            if abs(möte.datum.year - år) > 1:
                yield _at(kalender.doc, ("möten", i, "datum"), "ALE414",
                          f"mötet {möte.datum.isoformat()} står i kalendern för {år} men ligger {möte.datum.year}",
                          f"kontrollera årtalet; kalender/{år}.yaml håller årets möten och dem i året före och efter",
                          Severity.WARNING)


@rule("ALE415", Severity.WARNING)
def innehåll_utan_datum(ctx: Context) -> Iterator[Diagnostic]:
    """A dialogue note or team report that says what was said, agreed or found has the date it was held or given.

    Without `datum` a note is prepared, not held (`ale new dialog` writes it so before the meeting): ale status,
    ale calendar and the report leave it out. Anteckningar, överenskommelser, a team's sammanfattning,
    aktiviteter or bedömning are written after the meeting, so such a note without its date was held and its date
    forgotten, and the report would not show what it says.
    """
    for _, period in sorted(ctx.repo.perioder.items()):
        for loaded in sorted(period.dialoger.values(), key=lambda item: item.path):
            dialog = loaded.model
            if dialog.datum is None and (said := _said(loaded.doc, (
                    ("anteckningar", dialog.anteckningar), ("överenskommelser", dialog.överenskommelser)))):
                yield _at(loaded.doc, (said,), "ALE415",
                          f"dialogen har {said} men inget datum: den räknas inte som hållen och rapporten visar "
                          "den inte", _DATUM_HINT.format(vad="dialogen hölls"), Severity.WARNING, key=True)
        for report in sorted(period.team.values(), key=lambda item: item.path):
            team = report.model
            if team.datum is None and (said := _said(report.doc, (
                    ("bedömning", team.bedömning != "ej bedömt"), ("sammanfattning", team.sammanfattning),
                    ("aktiviteter", team.aktiviteter)))):
                yield _at(report.doc, (said,), "ALE415",
                          f"teamrapporten har {said} men inget datum: den räknas inte som lämnad och rapporten "
                          "visar den inte", _DATUM_HINT.format(vad="rapporten lämnades"), Severity.WARNING,
                          key=True)


_DATUM_HINT = "skriv dagen {vad}, efter periodens slut: 'datum: ÅÅÅÅ-MM-DD'"


def _said(doc: Document, fields: tuple[tuple[str, object], ...]) -> str | None:
    """The first of the fields, in the file's order, that holds something."""
    given = [(doc.key_at((name,)), name) for name, value in fields if value]
    return min(given)[1] if given else None


_VECKODAGAR = ("måndag", "tisdag", "onsdag", "torsdag", "fredag")


def _vardag(day: dt.date, step: int, helgdagar: Helgdagar) -> str:
    """The nearest weekday before (`step` -1) or after (1) a free day, as 'fredag 2020-12-23'; the free days of
    Christmas and Easter run to at most five in a row."""
    try:
        while True:
            day += dt.timedelta(days=step)
            if not ledig(day, helgdagar):
                return f"{_VECKODAGAR[day.weekday()]} {day.isoformat()}"
    except OverflowError:  # before year 1 or after 9999: no such day
        return "–"


@rule("ALE411", Severity.WARNING)
def möte_på_vardag(ctx: Context) -> Iterator[Diagnostic]:
    """A planned meeting falls on a weekday that is not a Swedish public holiday, nor midsommarafton, julafton or
    nyårsafton.

    A dialogue planned on a Saturday, Sunday or helgdag is almost always a typing error in the date.
    """
    for _, kalender in sorted(ctx.repo.kalendrar.items()):
        for i, möte in enumerate(kalender.model.möten):
            day = möte.datum
            if what := ledig(day, ctx.helgdagar):
                yield _at(kalender.doc, ("möten", i, "datum"), "ALE411",
                          f"mötet {day.isoformat()} ligger på {what}",
                          f"kontrollera datumet; närmaste vardagar är {_vardag(day, -1, ctx.helgdagar)} och "
                          f"{_vardag(day, 1, ctx.helgdagar)}", Severity.WARNING)
