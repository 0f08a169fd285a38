"""Pre-filled period files for `ale new`: what a writer starts from instead of an empty file.

A draft is plain text, written from templates here so that the Swedish comments stand exactly where they
should. It is built from the checked repository: the organisation gives the names and the participants, the
kalender the planned date, the nämndplan the målsättningar to assess, matt.yaml the mått, the verksamhetsplan
the uppdrag, the internkontrollplan the kontroller and budget.yaml the ekonomi. The period's other dialogues
(ledningsdialog with a sektor, KSAU-dialog and kunddialog with a nämnd) and a tvärsektoriellt team's report are
drafted the same way, their participants from the organisation and the team from the verksamhetsplan.

A fresh draft validates clean and counts as *not delivered* in `ale status` (completeness.py): whatever would
count as delivered is written as a commented-out suggestion (`# dialog:` …), since the schema has no neutral
value for it; what has a neutral value is written live (`bedömning: ej bedömt` in a dialogue note,
`{utfall: null}` for a mått, `händelser: []`). A note in dialoger/ or team/ counts from its `datum`: the draft
names whom it is with (`typ`, `sektor` or `nämnd`) and its participants, and leaves the date commented out.
Commented-out lines are `# ` followed by the YAML line itself, so that removing `# ` (or an editor's
toggle-comment) leaves it correctly indented.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ale_cli import models as m
from ale_cli.link import Index
from ale_cli.periods import (
    REPORT_NAMES,
    Periodtyp,
    bokslut_före,
    has_internkontroll,
    has_investeringar,
    has_prognos,
    is_bokslut,
    periodtyp,
)
from ale_cli.present import tkr
from ale_cli.repository import Loaded, Repository
from ale_cli.rollup import periodbudget, riskvärde

SLAG = ("enhet", "verksamhet", "sektor", "nämnd")
# the period's other dialogues, in perioder/<P>/dialoger/<typ>-<id>.yaml, and whom each is with
DIALOGER = {"ledningsdialog": "sektor", "ksau": "nämnd", "kunddialog": "nämnd"}
FOLDERS = {"enhet": "enheter", "verksamhet": "verksamheter", "sektor": "sektorer", "nämnd": "namnder",
           "ledningsdialog": "dialoger", "ksau": "dialoger", "kunddialog": "dialoger", "team": "team"}
MÖTESTYP = {"enhet": "enhetsdialog", "verksamhet": "verksamhetsdialog", "sektor": "sektorsdialog",
            "nämnd": "nämndsammanträde", "ledningsdialog": "ledningsdialog", "ksau": "ksau",
            "kunddialog": "kunddialog", "team": "team"}
# what each draft is with: the kind of its id
ÄMNE = {"enhet": "enhet", "verksamhet": "verksamhet", "sektor": "sektor", "nämnd": "nämnd", **DIALOGER,
        "team": "målsättning"}
SCALE_COMMENT = "# uppfyllt | delvis uppfyllt | ej uppfyllt | ej bedömt"
UNCOMMENT = ("# Rader som börjar med # läses inte av ale. Ta bort '# ' i början av en rad för att använda den och",
             "# behåll indraget (mellanslagen) som det står. Kontrollera filen med: ale validate")


class UnknownUnit(LookupError):
    """The id names no enhet, verksamhet, sektor, nämnd or målsättning of that kind."""


class Refused(ValueError):
    """The process has no such note: a KSAU-dialog with kommunstyrelsen itself, a team where there is none."""


@dataclass(frozen=True)
class Target:
    """A period file of the chain: who writes it and where it goes."""

    slag: str  # enhet | verksamhet | sektor | nämnd | ledningsdialog | ksau | kunddialog | team
    id: str
    namn: str
    period: dt.date

    @property
    def path(self) -> str:
        name = f"{self.slag}-{self.id}" if self.slag in DIALOGER else self.id  # the kommun's names in dialoger/
        return f"perioder/{self.period.isoformat()}/{FOLDERS[self.slag]}/{name}.yaml"

    @property
    def beskrivning(self) -> str:
        what = {"enhet": "enhetsdialog", "verksamhet": "verksamhetsdialog", "sektor": "sektorns sammanfattning",
                "nämnd": "nämndens uppföljning", "ledningsdialog": "ledningsdialog", "ksau": "KSAU-dialog",
                "kunddialog": "kunddialog", "team": "tvärsektoriella teamets rapport"}[self.slag]
        return f"{what}: {self.namn}"


def exists(root: Path, target: Target, repo: Repository) -> Path | None:
    """The file that already holds `target` (.yaml or .yml: the loader reads both as the same file); for a
    ledningsdialog, KSAU-dialog or kunddialog also a note of that typ with the same sektor or nämnd under another
    name in the period's dialoger/."""
    base = root / target.path
    for candidate in (base, base.with_suffix(".yml")):
        if candidate.exists() or candidate.is_symlink():
            return candidate
    if target.slag in DIALOGER and (period := repo.perioder.get(target.period)) is not None:
        for _, loaded in sorted(period.dialoger.items()):
            if loaded.model.typ == target.slag and getattr(loaded.model, DIALOGER[target.slag]) == target.id:
                return root / loaded.path
    if target.slag in YEARLY:  # held once a year, its note under whichever period of the year it followed
        for datum, other in sorted(repo.perioder.items()):
            if datum.year == target.period.year and datum != target.period:
                for _, loaded in sorted(other.dialoger.items()):
                    if loaded.model.typ == target.slag and loaded.model.nämnd == target.id:
                        return root / loaded.path
    return None


YEARLY = ("ksau", "kunddialog")
"""The dialogues held once a year with each nämnd (the calendar counts them so): one note in the year."""


def target(repo: Repository, index: Index, period: dt.date, slag: str, id_: str) -> Target:
    """The target for `slag` `id_`, or UnknownUnit."""
    namn: str | None = None
    if slag == "enhet" and id_ in index.enheter:
        namn = index.enheter[id_][2].namn
    elif slag == "verksamhet" and id_ in index.verksamheter:
        namn = index.verksamheter[id_][1].namn
    elif slag == "sektor" and id_ in repo.sektorer:
        namn = repo.sektorer[id_].model.namn
    elif ÄMNE[slag] == "sektor" and id_ in repo.sektorer:
        namn = repo.sektorer[id_].model.namn
    elif ÄMNE[slag] == "nämnd" and id_ in repo.nämnder:
        namn = repo.nämnder[id_].model.namn
    elif slag == "team" and (plan := index.plans.get(period.year)) is not None and id_ in plan.målsättningar:
        namn = plan.målsättningar[id_].namn
    if namn is None:
        raise UnknownUnit(id_)
    found = Target(slag, id_, namn, period)
    if (why := _refusal(repo, index, found)) is not None:
        raise Refused(why)
    return found


def _refusal(repo: Repository, index: Index, target: Target) -> str | None:
    """Why the process has no such note, as ALE413 says for a written one; None when it has."""
    if (why := repo.not_a_dialogue_with(target.slag, target.id)) is not None:
        return why
    if target.slag == "team":
        plan = index.plans[target.period.year]
        if not plan.målsättningar[target.id].team:
            return (f"målsättningen '{target.id}' har inget tvärsektoriellt team i verksamhetsplan/"
                    f"{target.period.year}.yaml; lägg till teamet under målsättningens 'team' först")
    return None


def known_ids(repo: Repository, index: Index, slag: str, period: dt.date) -> list[str]:
    plan = index.plans.get(period.year)
    pools: dict[str, Iterable[str]] = {"enhet": index.enheter, "verksamhet": index.verksamheter,
                                       "sektor": repo.sektorer, "nämnd": repo.nämnder,
                                       "målsättning": plan.målsättningar if plan else ()}
    return sorted(pools[ÄMNE[slag]])


def chain(repo: Repository, period: dt.date) -> Iterator[Target]:
    """Every file of the chain that the period asks for (completeness.py): per nämnd, top down."""
    for nid in sorted(repo.nämnder):
        nämnd = repo.nämnder[nid].model
        if nämnd.typ != "bolag" or is_bokslut(period):
            yield Target("nämnd", nid, nämnd.namn, period)
        sektor = repo.sektorer.get(nämnd.sektor) if nämnd.sektor and nämnd.typ != "bolag" else None
        if not is_bokslut(period) or sektor is None or nämnd.sektor is None:
            continue
        yield Target("sektor", nämnd.sektor, sektor.model.namn, period)
        yield Target("ledningsdialog", nämnd.sektor, sektor.model.namn, period)  # one per sektor (DESIGN §3)
        for verksamhet in sektor.model.verksamheter_per(period):
            yield Target("verksamhet", verksamhet.id, verksamhet.namn, period)
            for enhet in verksamhet.enheter_per(period):
                yield Target("enhet", enhet.id, enhet.namn, period)


def render(repo: Repository, index: Index, target: Target) -> str:
    writer = _Writer(repo, index, target)
    if target.slag == "nämnd":
        lines = writer.nämnd()
    elif target.slag in DIALOGER:
        lines = writer.dialog()
    elif target.slag == "team":
        lines = writer.team()
    else:
        lines = writer.dialoganteckning()
    return "\n".join(lines) + "\n"


# -- YAML text --------------------------------------------------------------------------------------------

# Characters YAML reads as line breaks or refuses unescaped; JSON leaves them raw with ensure_ascii=False.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def quoted(text: str) -> str:
    """A double-quoted YAML scalar: JSON's string syntax is YAML's, so ':' and '#' in a name stay text."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(text, ensure_ascii=False))


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(quoted(item) for item in items) + "]"


def comment(text: str) -> str:
    """User text made safe inside a comment: on one line, without control or format characters."""
    cleaned = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(cleaned.split())


def _number(value: float) -> str:
    return (tkr(value) or "").replace("\u00a0", " ")


# -- the drafts ---------------------------------------------------------------------------------------------


@dataclass
class _Writer:
    repo: Repository
    index: Index
    target: Target

    @property
    def period(self) -> dt.date:
        return self.target.period

    @property
    def år(self) -> int:
        return self.period.year

    def _period_name(self) -> str:
        return f"period {self.period.isoformat()} ({REPORT_NAMES[periodtyp(self.period)]})"

    def _meaning(self) -> str:
        """What a bedömning means in this period (DESIGN §2): the year's result, or the expected one."""
        return ("måluppfyllelsen för året" if self.period.month == 12
                else "den förväntade måluppfyllelsen vid årets slut")

    def _nämnd_of(self) -> str | None:
        t = self.target
        if t.slag == "enhet":
            return self.index.nämnd_för_enhet(self.repo, t.id)
        if t.slag == "verksamhet":
            return self.index.nämnd_för_verksamhet(self.repo, t.id)
        if t.slag == "sektor":
            return self.index.nämnd_för_sektor(self.repo, t.id)
        return t.id

    def _nämnd_name(self, nid: str | None) -> str:
        loaded = self.repo.nämnder.get(nid) if nid else None
        return comment(loaded.model.namn) if loaded else (nid or "nämnden")

    def _planned(self) -> m.Möte | None:
        """The meeting the kalender plans for this file: its typ, whom it is with, this period. A ledningsdialog
        planned without a period follows up the bokslut before it (as in 'ale calendar'); a KSAU-dialog or
        kunddialog, once a year, is the one of the period's year when none names the period."""
        slag, id_ = self.target.slag, self.target.id
        found: list[m.Möte] = []
        for år in (self.år, self.år + 1):
            kalender = self.repo.kalendrar.get(år)
            found += [möte for möte in (kalender.model.möten if kalender else [])
                      if möte.typ == MÖTESTYP[slag] and getattr(möte, ÄMNE[slag]) == id_]
        if (exact := next((möte for möte in found if möte.period == self.period), None)) is not None:
            return exact
        unbound = sorted((möte for möte in found if möte.period is None), key=lambda möte: möte.datum)
        if slag == "ledningsdialog":
            return next((möte for möte in unbound if bokslut_före(möte.datum) == self.period), None)
        if slag in ("ksau", "kunddialog"):
            return next((möte for möte in unbound if möte.datum.year == self.år), None)
        return None

    def _kalender_path(self, möte: m.Möte) -> str:
        for kalender in self.repo.kalendrar.values():
            if möte in kalender.model.möten:
                return kalender.path
        return f"kalender/{self.år}.yaml"

    def _goals(self, nid: str | None) -> tuple[list[tuple[str, str]], str | None]:
        """The målsättningar the nämnd takes up in its nämndplan for the year, with their names."""
        nämndplan = self.repo.nämndår_for(nid, self.år).nämndplan if nid else None
        if nämndplan is None:
            return [], None
        plan = self.index.plans.get(self.år)
        goals = plan.målsättningar if plan else {}
        rows = [(row.målsättning, comment(goals[row.målsättning].namn) if row.målsättning in goals else "")
                for row in nämndplan.model.målsättningar]
        return list(dict.fromkeys(rows)), nämndplan.path

    # -- enhet, verksamhet, sektor ----------------------------------------------------------------------

    def _organisation(self) -> tuple[list[str], list[str]]:
        """The header lines that place the unit, and the dialogue's participants."""
        t = self.target
        if t.slag == "enhet":
            sektor_id, _, enhet = self.index.enheter[t.id]
            verksamhet = self.index.verksamheter[self.index.enheter[t.id][1]][1]
            sektor = self.repo.sektorer[sektor_id].model
            return ([f"# Enhetsdialog: {comment(enhet.namn)}, {self._period_name()}.",
                     (f"# Enheten hör till {comment(verksamhet.namn)} i {comment(sektor.namn)}. Verksamhetschefen "
                      f"({comment(verksamhet.verksamhetschef)}) håller dialogen"),
                     f"# med enhetschefen ({comment(enhet.chef)}) och skriver filen."],
                    [verksamhet.verksamhetschef, enhet.chef])
        if t.slag == "verksamhet":
            sektor_id, verksamhet = self.index.verksamheter[t.id]
            sektor = self.repo.sektorer[sektor_id].model
            return ([f"# Verksamhetsdialog: {comment(verksamhet.namn)}, {self._period_name()}.",
                     (f"# Verksamhetschefen ({comment(verksamhet.verksamhetschef)}) sammanfattar enheternas dialoger; "
                      f"sektorchefen ({comment(sektor.sektorchef)})"),
                     "# håller dialogen med verksamhetschefen."],
                    [sektor.sektorchef, verksamhet.verksamhetschef])
        sektor = self.repo.sektorer[t.id].model
        chefer = [v.verksamhetschef for v in sektor.verksamheter_per(t.period)]
        return ([f"# Sektorns sammanfattning: {comment(sektor.namn)}, {self._period_name()}.",
                 (f"# Sektorchefen ({comment(sektor.sektorchef)}) håller dialog med verksamhetscheferna och "
                  "sammanfattar till nämnden.")],
                list(dict.fromkeys([sektor.sektorchef, *chefer])))

    def dialoganteckning(self) -> list[str]:
        header, deltagare = self._organisation()
        nid = self._nämnd_of()
        lines = [*header, "#", *UNCOMMENT, ""]
        möte = self._planned()
        lines.append("# Dialogen: datum och deltagare. " + (
            f"Planerad {möte.datum.isoformat()} enligt {self._kalender_path(möte)}; rätta om den hölls en annan dag."
            if möte else "Ingen dialog är planerad i kalendern; skriv dagen den hölls."))
        lines += ["# Ta bort '# ' framför de tre raderna när dialogen är hållen: först då räknas den som",
                  "# genomförd i 'ale status' och 'ale calendar'.",
                  "# dialog:",
                  f"#   datum: {möte.datum.isoformat() if möte else 'ÅÅÅÅ-MM-DD'}",
                  f"#   deltagare: {flow_list(deltagare)}",
                  ""]
        lines += self._bedömningar(nid)
        lines += ["",
                  "# Kort sammanfattning som förs vidare uppåt i kedjan (ta bort '# ' och skriv efter kolonet).",
                  "# sammanfattning:",
                  "",
                  "# Frivilligt: lärdomar, prioriteringar, behov och risker (text), och åtgärder (en lista).",
                  "# lärdomar:",
                  "# prioriteringar:",
                  "# behov:",
                  "# risker:",
                  "# åtgärder:",
                  "#   - åtgärd:",
                  "#     ansvarig:",
                  "#     slutdatum: ÅÅÅÅ-MM-DD"]
        return lines

    def _bedömningar(self, nid: str | None) -> list[str]:
        goals, source = self._goals(nid)
        nämnd = self._nämnd_name(nid)
        if not goals:
            return [(f"# Bedömningar: {nämnd} har ingen nämndplan med målsättningar för {self.år} "
                     f"(namnder/{nid or '<nämnd>'}/{self.år}/namndplan.yaml)."),
                    "# När den finns: en bedömning per målsättning, till exempel",
                    "#   - målsättning: <id>",
                    "#     bedömning: delvis uppfyllt  " + SCALE_COMMENT,
                    "bedömningar: []"]
        lines = [f"# Bedömning av varje målsättning som {nämnd} tar upp i sin nämndplan,",
                 f"# {source}: {self._meaning()}."]
        if self.target.slag == "enhet":
            lines += ["# Byt 'ej bedömt' mot er bedömning och skriv gärna en kommentar (ta bort '# ' framför",
                      "# 'kommentar:').",
                      "bedömningar:"]
            rad, bedömning, kommentar = "  ", " ej bedömt", "    # kommentar:"
        else:
            # A level above the enheter may leave its bedömningar to the level below (DESIGN §2): left as they
            # are, the lines stay comments and the report derives them, never a grey 'ej bedömt' no one chose.
            lines += ["# Utan egen bedömning visar rapporten en härledd ur nivån under (medianen). Bedömer ni en",
                      "# målsättning själva: ta bort '[]' och '# ' framför dess rader, och skriv bedömningen efter",
                      "# kolonet.",
                      "bedömningar: []"]
            rad, bedömning, kommentar = "#   ", "", "#     kommentar:"
        for goal, namn in goals:
            lines += [f"{rad}- målsättning: {goal}" + (f"  # {namn}" if namn else ""),
                      f"{rad}  bedömning:{bedömning}  " + SCALE_COMMENT,
                      kommentar]
        return lines

    # -- ledningsdialog, KSAU-dialog, kunddialog, team ---------------------------------------------------

    def _datum(self, first: str, planerad: str, when: str, counts: str) -> list[str]:
        """The date, commented out: the note counts as held (the team's report as given) from it alone."""
        möte = self._planned()
        return [first + (f" {planerad} {möte.datum.isoformat()} enligt {self._kalender_path(möte)}." if möte
                         else " Kalendern planerar inget möte för perioden."),
                f"# Ta bort '# ' framför raden {when}:",
                f"# först då räknas den {counts}.",
                f"# datum: {möte.datum.isoformat() if möte else 'ÅÅÅÅ-MM-DD'}",
                ""]

    def dialog(self) -> list[str]:
        t = self.target
        header, deltagare, about = self._dialog_header()
        # only the ledningsdialog is asked for by 'ale status' (one per sektor at each bokslut, DESIGN §3)
        where = ("'ale status', 'ale calendar' och rapporten" if t.slag == "ledningsdialog"
                 else "'ale calendar' och rapporten")
        return [*header, "#", *UNCOMMENT, "",
                f"typ: {t.slag}",
                f"{DIALOGER[t.slag]}: {t.id}  # {comment(t.namn)}",
                "",
                *self._datum("# Dagen dialogen hölls (rätta om den hölls en annan dag).", "Planerad",
                             "när dialogen är hållen", f"som hållen i {where}"),
                "# Deltagarna: en text per person eller grupp i listan.",
                *about,
                f"deltagare: {flow_list(deltagare)}",
                "",
                "# Anteckningar från dialogen (ta bort '# ' och skriv efter kolonet).",
                "# anteckningar:",
                "",
                "# Vad ni kom överens om: en text per överenskommelse i listan, till exempel",
                "# [Följ upp skolskjutsar i november, Redovisa lokalförsörjningsplanen i december].",
                "överenskommelser: []"]

    def _dialog_header(self) -> tuple[list[str], list[str], list[str]]:
        """The header lines, the participants the organisation knows, and what to add to them."""
        t = self.target
        title = {"ledningsdialog": "Ledningsdialog", "ksau": "KSAU-dialog", "kunddialog": "Kunddialog"}[t.slag]
        header = [f"# {title}: {comment(t.namn)}, {self._period_name()}."]
        if t.slag == "ledningsdialog":
            sektor = self.repo.sektorer[t.id]
            chef = sektor.model.sektorchef
            header += ["# Sektorsledningen möter förvaltningsledningen i anslutning till delårsboksluten och",
                       "# årsbokslutet. Filen behövs för varje sektor vid bokslutet."]
            return (header, ["Förvaltningsledningen", chef],
                    [f"# Sektorchefen ({comment(chef)}) enligt {sektor.path}; skriv gärna förvaltningsledningens",
                     "# och sektorsledningens övriga deltagare med namn."])
        loaded = self.repo.nämnder[t.id]
        nämnd = loaded.model
        if t.slag == "ksau":
            header += ["# Nämndens presidium möter kommunstyrelsens arbetsutskott (KSAU) under hösten, en gång om",
                       "# året; dialogen är också en del av kommunstyrelsens uppsiktsplikt."]
            presidium = ", ".join(f"{comment(ledamot.namn)} ({comment(ledamot.roll)})" for ledamot in nämnd.presidium)
            about = ([f"# Presidiet enligt {loaded.path}: {presidium}."] if presidium
                     else [f"# {loaded.path} anger inget presidium; skriv gärna ledamöterna med namn."])
            return header, ["KSAU", f"{_genitiv(nämnd.namn)} presidium"], about
        service = self.repo.servicenämnd
        service_namn = self.repo.nämnder[service].model.namn if service in self.repo.nämnder else None
        header += [(f"# {comment(_genitiv(service_namn)) if service_namn else 'Servicenämndens'} arbetsutskott möter "
                    "nämndens arbetsutskott en gång om året. Anteckningen"),
                   "# kan ligga i vilken period som helst av året."]
        about = [] if service_namn else [
            "# ale.yaml anger ingen servicenämnd ('servicenämnd: <id>'); skriv dess arbetsutskott bland deltagarna."]
        parts = [f"{_genitiv(service_namn)} arbetsutskott"] if service_namn else []
        return header, [*parts, _arbetsutskott(nämnd)], about

    def team(self) -> list[str]:
        t = self.target
        plan = self.index.plans[self.år]
        mål = plan.målsättningar[t.id]
        medlemmar = []
        for medlem in mål.team:
            var = medlem.organisation or (self.repo.sektorer[medlem.sektor].model.namn
                                          if medlem.sektor in self.repo.sektorer else medlem.sektor)
            medlemmar.append(comment(f"{medlem.namn} ({medlem.roll}{', ' + var if var else ''})"))
        return [f"# Tvärsektoriella teamets rapport: {comment(mål.namn)}, {self._period_name()}.",
                (f"# Teamet leds av målsättningsansvarig ({comment(mål.ansvarig)}) och rapporterar till "
                 "förvaltningsledningen."),
                f"# Teamet enligt verksamhetsplan/{self.år}.yaml: {', '.join(medlemmar)}.",
                "#", *UNCOMMENT, "",
                *self._datum("# Rapportens datum, efter periodens sista dag.", "Teamets möte är planerat",
                             "när rapporten är klar",
                             "som lämnad i 'ale calendar' och rapporten"),
                f"# Teamets bedömning av målsättningen: {self._meaning()}.",
                "# Byt 'ej bedömt' mot er bedömning.",
                "bedömning: ej bedömt  " + SCALE_COMMENT,
                "",
                "# Teamets sammanfattning (ta bort '# ' och skriv efter kolonet).",
                "# sammanfattning:",
                "",
                "# Teamets aktiviteter: en text per aktivitet i listan, till exempel",
                "# [Gemensam plan för tidiga insatser, Gemensamma ärendedragningar varannan vecka].",
                "aktiviteter: []"]

    # -- nämnd ------------------------------------------------------------------------------------------

    def nämnd(self) -> list[str]:
        nid = self.target.id
        nämnd = self.repo.nämnder[nid].model
        bolag = nämnd.typ == "bolag"
        år_filer = self.repo.nämndår_for(nid, self.år)
        lines = [f"# {'Bolagets' if bolag else 'Nämndens'} uppföljning: {comment(nämnd.namn)}, {self._period_name()}.",
                 "#", *UNCOMMENT,
                 "# Det som är bortkommenterat räknas som saknat i 'ale status' och i rapporten tills det fylls i.",
                 ""]
        bokslut = is_bokslut(self.period)
        if bokslut:
            lines += self._beslut()
            lines += [f"# {'Bolagets' if bolag else 'Nämndens'} sammanfattande bedömning av perioden.",
                      "# sammanfattning:",
                      ""]
            lines += self._nämnd_bedömningar(nid, bolag)
            lines += self._mått(år_filer.mått)
        lines += self._ekonomi(år_filer.budget, bolag)
        if bokslut:
            lines += self._uppdrag(nid)
        if bokslut and not bolag and has_internkontroll(self.period):
            lines += self._internkontroll(år_filer.internkontrollplan)
        if bokslut:  # a bolag too follows up the framgångsfaktorer of its plan (completeness.py asks for them)
            lines += self._framgångsfaktorer(år_filer.nämndplan)
        if bokslut:
            lines += ["# Åtgärder vid avvikelser (budget eller mål).",
                      "# åtgärder:",
                      "#   - åtgärd:",
                      "#     ansvarig:",
                      "#     slutdatum: ÅÅÅÅ-MM-DD",
                      ""]
        lines += ["# Händelser av betydelse under perioden: en text per händelse i listan,",
                  "# till exempel [Ny rektor på Ahaga skola, Nytt avtal för skolskjuts].",
                  "händelser: []"]
        return lines

    def _beslut(self) -> list[str]:
        möte = self._planned()
        when = (f"Sammanträdet är planerat {möte.datum.isoformat()} enligt {self._kalender_path(möte)}."
                if möte else "Inget sammanträde är planerat i kalendern.")
        return [f"# Beslutet när uppföljningen är behandlad. {when}",
                "# beslut:",
                f"#   datum: {möte.datum.isoformat() if möte else 'ÅÅÅÅ-MM-DD'}",
                '#   paragraf: "§ "',
                ""]

    def _nämnd_bedömningar(self, nid: str, bolag: bool) -> list[str]:
        goals, source = self._goals(nid)
        if not goals:
            return [(f"# Bedömningar: ingen nämndplan med målsättningar för {self.år} "
                     f"(namnder/{nid}/{self.år}/namndplan.yaml)."), ""]
        without = ("Utan egen bedömning saknas den i rapporten." if bolag
                   else "Utan egen bedömning visar rapporten en härledd ur sektorns (medianen).")
        lines = [f"# Bedömning av varje målsättning i nämndplanen, {source}:",
                 f"# {self._meaning()}. Ta bort '# ' framför raderna och skriv",
                 f"# bedömningen efter kolonet. {without}",
                 "# bedömningar:"]
        for goal, namn in goals:
            lines += [f"#   - målsättning: {goal}" + (f"  # {namn}" if namn else ""),
                      "#     bedömning:  " + SCALE_COMMENT,
                      "#     kommentar:"]
        return [*lines, ""]

    def _mått(self, mått: Loaded[m.Måttlista] | None) -> list[str]:
        if mått is None or not mått.model.mått:
            return []
        lines = [f"# Utfall för varje mått i {mått.path}: byt null mot talet.",
                 "# Saknas utfallet, skriv varför, till exempel: {utfall: null, kommentar: Mäts i december}"]
        lines.append("mått:")
        for row in mått.model.mått:
            target = f"målvärde {_decimal(row.målvärde)}"
            lines.append(f"  {row.id}: {{utfall: null}}  # {comment(row.namn)} ({comment(row.enhet)}, "
                         f"{row.riktning} är bättre, {target})")
        return [*lines, ""]

    def _ekonomi(self, budget: Loaded[m.Budget] | None, bolag: bool) -> list[str]:
        model = budget.model if budget else None
        lines = [f"# Ekonomi i tkr{' (frivilligt för ett bolag)' if bolag else ''}: utfall ackumulerat "
                 f"{self.period.replace(day=1, month=1).isoformat()}–{self.period.isoformat()}"
                 + (", prognos för helåret." if has_prognos(self.period) else ".")]
        if model is not None:  # at the årsbokslut the period's budget is the year's: said once
            period = "" if periodtyp(self.period) is Periodtyp.ÅRSBOKSLUT else \
                f"; periodbudget {_number(periodbudget(model, self.period))} tkr"
            lines.append(f"# Budget helår {_number(model.nettokostnad)} tkr{period}.")
        lines += ["# ekonomi:", "#   utfall:"]
        if has_prognos(self.period):
            lines.append("#   prognos:")
        lines += ["#   kommentar:", ""]
        if model is not None and model.investeringar and has_investeringar(self.period):  # not asked for monthly
            lines += ["# Investeringar i tkr: utfall ackumulerat" + (", prognos för helåret."
                                                                       if has_prognos(self.period) else "."),
                      "# investeringar:"]
            for investering in model.investeringar:
                lines += [(f"#   {investering.id}:  # {comment(investering.namn)}, budget "
                           f"{_number(investering.budget)} tkr"),
                          "#     utfall:"]
                if has_prognos(self.period):
                    lines.append("#     prognos:")
            lines.append("")
        return lines

    def _uppdrag(self, nid: str) -> list[str]:
        plan = self.index.plans.get(self.år)
        uppdrag = [u for u in (plan.uppdrag.values() if plan else []) if nid in u.nämnder]
        if not uppdrag:
            return []
        lines = [f"# Status för varje uppdrag från verksamhetsplanen {self.år}.",
                 "# uppdrag:"]
        for row in uppdrag:
            slut = f" (slutdatum {row.slutdatum.isoformat()})" if row.slutdatum else ""
            lines += [f"#   - uppdrag: {row.id}  # {comment(row.text).rstrip('.')}{slut}",
                      "#     status:  # ej påbörjat | pågår | klart | avbrutet",
                      "#     kommentar:"]
        return [*lines, ""]

    def _internkontroll(self, plan: Loaded[m.Internkontrollplan] | None) -> list[str]:
        if plan is None or not plan.model.kontroller:
            return []
        lines = [f"# Resultatet av varje kontroll i {plan.path}.",
                 "# internkontroll:"]
        for kontroll in plan.model.kontroller:
            lines += [(f"#   {kontroll.id}:  # {comment(kontroll.process)}: {comment(kontroll.risk)} "
                       f"(riskvärde {riskvärde(kontroll)})"),
                      "#     resultat:  # utan anmärkning | avvikelse | ej genomförd",
                      "#     kommentar:",
                      "#     åtgärd:"]
        return [*lines, ""]

    def _framgångsfaktorer(self, nämndplan: Loaded[m.Nämndplan] | None) -> list[str]:
        if nämndplan is None:
            return []
        plan = self.index.plans.get(self.år)
        texts = plan.faktortexter() if plan else {}
        faktorer = list(dict.fromkeys(f.framgångsfaktor for row in nämndplan.model.målsättningar
                                      for f in row.framgångsfaktorer))
        if not faktorer:
            return []
        lines = ["# Hur varje framgångsfaktor i nämndplanen har följts upp (en text per faktor).",
                 "# framgångsfaktorer:"]
        for faktor in faktorer:
            if texts.get(faktor):
                lines.append(f"#   # {comment(texts[faktor])}")
            lines.append(f"#   {faktor}:")
        return [*lines, ""]


def _decimal(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _genitiv(namn: str) -> str:
    """Utbildningsnämnden → Utbildningsnämndens; a name that ends in s, x or z takes no s."""
    return namn if namn[-1:].lower() in ("s", "x", "z") else namn + "s"


def _arbetsutskott(nämnd: m.Nämnd) -> str:
    """A nämnd's AU by the name the kommun uses: kommunstyrelsens is KSAU."""
    return "KSAU" if nämnd.typ == "styrelse" else f"{_genitiv(nämnd.namn)} arbetsutskott"
