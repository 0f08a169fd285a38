"""The file kinds of a data repository (DESIGN.md §2) as frozen pydantic models.

Keys are the Swedish keys users write. Every model forbids unknown keys; values are strict (a number is not
text, text is not a date), so that what reaches the roll-up is exactly what the user meant.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from ale_cli.codes import CODES
from ale_cli.diagnostics import CONTROL_PATTERN

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A text has something besides white space: what str.strip() leaves, said to editors as a JSON Schema pattern;
# and no control character (diagnostics.CONTROL_PATTERN), which compose.py reports wherever a text stands.
TEXT_PATTERN = r"\S"
# Digits are 0-9, not \d: pydantic's patterns (Rust's regex) and Python's re take any Unicode digit for \d, so
# ale took a kommunkod "١٤٤٠" or a Kolada id "N１５５０４" that an editor (JavaScript's \d) marks.
KOMMUNKOD_PATTERN = r"^[0-9]{4}$"
KOLADA_PATTERN = r"^[A-Z][0-9]{5}$"
KLOCKSLAG_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def _date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("ale_datum", "ska vara ett datum i formen ÅÅÅÅ-MM-DD")
    if value.strip().upper() == "ÅÅÅÅ-MM-DD":  # the placeholder of a file `ale new` wrote, uncommented
        raise PydanticCustomError("ale_datum", "ska fyllas i: 'ÅÅÅÅ-MM-DD' står kvar från mallen")
    if not _DATE.fullmatch(value):
        raise PydanticCustomError("ale_datum", "'{value}' är inget datum i formen ÅÅÅÅ-MM-DD", {"value": value})
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        if int(value[:4]) == 0:  # Python's calendar, and an editor's, begins with year 1
            raise PydanticCustomError("ale_datum", "'{value}' är inget datum: år 0 finns inte",
                                      {"value": value}) from None
        month = int(value[5:7])
        if not 1 <= month <= 12:
            raise PydanticCustomError("ale_datum", "'{value}' är inget datum: månad {month} finns inte",
                                      {"value": value, "month": month}) from None
        raise PydanticCustomError("ale_datum", "'{value}' är inget datum: dag {day} finns inte i månaden",
                                  {"value": value, "day": int(value[8:])}) from None


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d takes any script's


def _text(value: Any) -> Any:
    # U+FEFF (zero width no-break space) is white space to an editor's \S (JavaScript's), not to str.strip()
    if isinstance(value, str) and not value.strip().replace("\ufeff", "").strip():
        raise PydanticCustomError("ale_tom_text", "texten är tom")
    return value


LARGEST = 10**15
"""No amount (tkr) or mått of a kommun comes near a thousand million million, and the report's Swedish formatting
reckons in decimals that such a number would overflow: a larger one is a typing error, said where it stands."""


def _number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("ale_tal", "'{value}' är inget ändligt tal", {"value": value})
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= LARGEST:
        raise PydanticCustomError("ale_tal_stort", "'{value}' är orimligt stort", {"value": value})
    return value


# The dates that _date takes, said to editors: their check of "format": "date" is the form alone, so that an
# editor took 2020-06-31 or 2021-02-29 without a mark. Years 0001-9999; 29 February in a leap year. The YAML
# extension shows patternErrorMessage in place of the pattern, which no one reads.
DATE_PATTERN = (r"^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]"
                r"|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])"
                r"|(?:[02468][048]|[13579][26])00)-02-29)$")
Datum = Annotated[dt.date, BeforeValidator(_date),
                  WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN,
                                  "patternErrorMessage": "Inget datum: skriv ÅÅÅÅ-MM-DD med en dag som finns, "
                                                         "till exempel 2020-08-31."})]
# A period is a month's last day (ALE304, said by link.py); editors are told so by a pattern of those days alone.
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
PERIOD_PATTERN = (rf"^(?!0000)(?:[0-9]{{4}}-(?:(?:0[13578]|1[02])-31|(?:0[469]|11)-30)"
                  rf"|(?!{_LEAP_YEAR}-)[0-9]{{4}}-02-28|{_LEAP_YEAR}-02-29)$")
Periodslut = Annotated[dt.date, BeforeValidator(_date),
                       WithJsonSchema({"type": "string", "format": "date", "pattern": PERIOD_PATTERN,
                                       "patternErrorMessage": "Ingen period: en period är en månads sista dag, "
                                                              "till exempel 2020-08-31."})]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
# Checked in Python, not by a pattern in pydantic: a regex for each of the many text fields costs a large
# kommun's run 13 MB, and a call of _text costs well under a microsecond.
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string", "pattern": TEXT_PATTERN,
                                                              "not": {"pattern": CONTROL_PATTERN}})]
# Bounds go inside the BeforeValidator, where pydantic writes them into the JSON Schema as minimum and maximum;
# given outside it (Annotated[Tal, Field(ge=0)]), they came out as 'ge' and 'le', which no editor knows, and the
# editor took a tolerans of 5 or a negative budget without a mark. _number refuses a number from 10^15 first; the
# bounds of LARGEST say it to editors (and with it .inf and -.inf), which cannot say .nan.
Tal = Annotated[float, Field(gt=-LARGEST, lt=LARGEST), BeforeValidator(_number)]
TalFrån0 = Annotated[float, Field(ge=0, lt=LARGEST), BeforeValidator(_number)]
Andel = Annotated[float, Field(ge=0, le=1), BeforeValidator(_number)]
Bedömningsvärde = Literal["uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"]


class Model(BaseModel):
    """A file kind or a part of one. Its title, and the docstring under each field, are what an editor shows: the
    title in its messages, the docstring as the key's hover text. schemas.py reads the docstrings; pydantic's
    use_attribute_docstrings would read the source of every model at each start, some 50 ms of every command."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# ale.yaml ---------------------------------------------------------------------------------------------------


# `ale validate` per diagnostikkod: a warning made an error (`fel`) or turned off (`av`). A code there is not would
# change nothing: link.py says which was meant (`ale404`, `ALE441`), and the rest of ale.yaml still holds; nor would
# an error turned into a warning or off (link.py says that too). Editors are given the codes there are, and `fel`
# alone for an error's.
Diagnostikinställning = Annotated[
    dict[str, Literal["fel", "varning", "av"]],
    WithJsonSchema({"type": "object", "propertyNames": {"enum": list(CODES)},
                    "properties": {code: {"const": "fel", "description": f"{code} är ett fel: det kan inte stängas "
                                                                         "av eller bli en varning."}
                                   for code, described in CODES.items() if described.allvar == "fel"},
                    "additionalProperties": {"type": "string", "enum": ["fel", "varning", "av"]}})]


class AleConfig(Model, title="Kommunens inställningar"):
    """ale.yaml: kommunen och inställningar."""

    kommun: Text
    """Kommunens namn, t.ex. Ale kommun."""
    kommunkod: Annotated[str, StringConstraints(pattern=KOMMUNKOD_PATTERN)]
    """Kommunkod, fyra siffror inom citattecken, t.ex. "1440"."""
    tolerans: Andel = 0.05
    """Andel av målvärdet (0–1) som ett mått får missa och ändå vara delvis uppfyllt; 0.05 om den utelämnas."""
    servicenämnd: Id | None = None
    """Id för nämnden vars AU håller den årliga kunddialogen med varje annan nämnd."""
    diagnostik: Diagnostikinställning = {}
    """Per diagnostikkod: fel gör en varning till ett fel, av stänger av den."""


class Beslut(Model, title="Beslut"):
    organ: Text | None = None
    """Organet som beslutade, t.ex. KF."""
    datum: Datum
    """Dagen för beslutet, ÅÅÅÅ-MM-DD."""
    paragraf: Text | None = None
    """Paragrafen i protokollet, t.ex. § 95."""


# verksamhetsplan/<år>.yaml ----------------------------------------------------------------------------------


class Framgångsfaktor(Model, title="Framgångsfaktor"):
    id: Id
    """Framgångsfaktorns id: a–z, 0–9 och bindestreck."""
    text: Text
    """Framgångsfaktorn i ord."""


class Teammedlem(Model, title="Medlem i teamet"):
    namn: Text
    """Medlemmens namn."""
    roll: Text
    """Roll i teamet, t.ex. ledare eller medlem."""
    sektor: Id | None = None
    """Id för medlemmens sektor."""
    organisation: Text | None = None
    """Organisationen en extern medlem kommer från, t.ex. Västra Götalandsregionen."""


class Målsättning(Model, title="Strategisk målsättning"):
    id: Id
    """Målsättningens id: a–z, 0–9 och bindestreck."""
    namn: Text
    """Målsättningens namn."""
    ansvarig: Text
    """Målsättningsansvarig: tjänstepersonen som äger målsättningen och leder teamet."""
    framgångsfaktorer: list[Framgångsfaktor] = []
    """Framgångsfaktorer under målsättningen, som nämnderna följer upp."""
    team: list[Teammedlem] = []
    """Det tvärsektoriella teamet för målsättningen; externa parter kan vara med."""


class Perspektiv(Model, title="Perspektiv"):
    id: Id
    """Perspektivets id: a–z, 0–9 och bindestreck."""
    namn: Text
    """Perspektivets (målområdets) namn."""
    målsättningar: list[Målsättning] = []
    """De strategiska målsättningarna i perspektivet."""


class Uppdrag(Model, title="Uppdrag"):
    id: Id
    """Uppdragets id: a–z, 0–9 och bindestreck."""
    text: Text
    """Uppdraget i ord."""
    nämnder: list[Id] = []
    """Id för nämnderna som har fått uppdraget."""
    slutdatum: Datum | None = None
    """När uppdraget ska vara klart, ÅÅÅÅ-MM-DD."""


class Verksamhetsplan(Model, title="Verksamhetsplan"):
    """verksamhetsplan/<år>.yaml: KF:s perspektiv, strategiska målsättningar och uppdrag."""

    beslut: Beslut
    """KF:s beslut om verksamhetsplanen."""
    perspektiv: list[Perspektiv]
    """Perspektiven (målområdena) med sina strategiska målsättningar."""
    uppdrag: list[Uppdrag] = []
    """Uppdrag från KF, med nämnder och slutdatum."""


# namnder/<nämnd>/namnd.yaml, sektorer/<sektor>.yaml ---------------------------------------------------------


class Ledamot(Model, title="Ledamot i presidiet"):
    namn: Text
    """Ledamotens namn."""
    roll: Text
    """Roll i presidiet, t.ex. ordförande."""


class Nämnd(Model, title="Nämnd"):
    """namnder/<nämnd>/namnd.yaml: en nämnd, kommunstyrelsen eller ett bolag."""

    # for editors: a bolag has no sektor (ALE308)
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["typ"], "properties": {"typ": {"const": "bolag"}}},
        "then": {"properties": {"sektor": {"type": "null"}}}})

    namn: Text
    """Nämndens namn, t.ex. Utbildningsnämnden."""
    typ: Literal["nämnd", "styrelse", "bolag"]
    """nämnd, styrelse (kommunstyrelsen) eller bolag."""
    sektor: Id | None = None
    """Id för sektorn som tjänar nämnden; inte för ett bolag."""
    presidium: list[Ledamot] = []
    """Presidiet: ordförande och vice ordförande."""


def _finns(från: dt.date | None, till: dt.date | None, dag: dt.date) -> bool:
    if från is not None and till is not None and till < från:
        return True  # reported (ALE310) and not applied, so that the mistake is said once, not for every file
    return (från is None or från <= dag) and (till is None or dag <= till)


class Enhet(Model, title="Enhet"):
    id: Id
    """Enhetens id: a–z, 0–9 och bindestreck."""
    namn: Text
    """Enhetens namn, t.ex. Ahaga skola."""
    chef: Text
    """Enhetschefens namn."""
    från: Datum | None = None
    """Första dagen enheten finns, om den startar under åren som repositoriet rymmer."""
    till: Datum | None = None
    """Sista dagen enheten finns, om den har upphört."""

    def finns(self, dag: dt.date) -> bool:
        """Whether it exists on `dag` (a period's last day, a meeting's date): a closed enhet stays in the
        sektor's file with its `till`, so that the periods before it still know it."""
        return _finns(self.från, self.till, dag)


class Verksamhet(Model, title="Verksamhet"):
    id: Id
    """Verksamhetens id: a–z, 0–9 och bindestreck."""
    namn: Text
    """Verksamhetens namn, t.ex. Grundskola."""
    verksamhetschef: Text
    """Verksamhetschefens namn."""
    från: Datum | None = None
    """Första dagen verksamheten finns, om den startar under åren som repositoriet rymmer."""
    till: Datum | None = None
    """Sista dagen verksamheten finns, om den har upphört."""
    enheter: list[Enhet] = []
    """Verksamhetens enheter med sina chefer."""

    def finns(self, dag: dt.date) -> bool:
        return _finns(self.från, self.till, dag)

    def enheter_per(self, dag: dt.date) -> list[Enhet]:
        """Its enheter that exist on `dag`; none when the verksamhet itself does not."""
        return [enhet for enhet in self.enheter if enhet.finns(dag)] if self.finns(dag) else []


class Sektor(Model, title="Sektor"):
    """sektorer/<sektor>.yaml: sektorn, dess verksamheter och enheter."""

    namn: Text
    """Sektorns namn, t.ex. Sektor utbildning."""
    sektorchef: Text
    """Sektorchefens namn."""
    nämnd: Id
    """Id för nämnden som sektorn tjänar."""
    verksamheter: list[Verksamhet] = []
    """Sektorns verksamheter och deras enheter."""

    def verksamheter_per(self, dag: dt.date) -> list[Verksamhet]:
        """Its verksamheter that exist on `dag` (Verksamhet.finns)."""
        return [verksamhet for verksamhet in self.verksamheter if verksamhet.finns(dag)]


# namnder/<nämnd>/<år>/ ---------------------------------------------------------------------------------------


class NämndplanFramgångsfaktor(Model, title="Framgångsfaktor i nämndplanen"):
    framgångsfaktor: Id
    """Id för framgångsfaktorn i verksamhetsplanen."""
    arbetssätt: Text | None = None
    """Hur nämnden arbetar med framgångsfaktorn."""


class NämndplanMålsättning(Model, title="Målsättning i nämndplanen"):
    målsättning: Id
    """Id för målsättningen i verksamhetsplanen."""
    arbetssätt: Text | None = None
    """Hur nämnden arbetar med målsättningen."""
    framgångsfaktorer: list[NämndplanFramgångsfaktor] = []
    """Hur nämnden arbetar med målsättningens framgångsfaktorer."""
    mått: list[Id] = []
    """Id för måtten (i matt.yaml) som stöder uppföljningen."""


class Nämndplan(Model, title="Nämndplan"):
    """namnder/<nämnd>/<år>/namndplan.yaml: hur nämnden arbetar med varje målsättning."""

    beslut: Beslut | None = None
    """Nämndens beslut om nämndplanen."""
    målsättningar: list[NämndplanMålsättning] = []
    """Hur nämnden arbetar med varje målsättning i verksamhetsplanen."""


class Mått(Model, title="Mått"):
    id: Id
    """Måttets id: a–z, 0–9 och bindestreck."""
    namn: Text
    """Måttets namn, t.ex. Genomsnittligt meritvärde åk 9."""
    målsättning: Id
    """Id för målsättningen som måttet stöder."""
    enhet: Text
    """Måttets enhet, t.ex. poäng."""
    riktning: Literal["högre", "lägre"]
    """högre eller lägre: vilket håll som är bättre."""
    målvärde: Tal
    """Målvärdet, i måttets enhet."""
    utgångsvärde: Tal | None = None
    """Utgångsvärdet (baslinjen), i måttets enhet."""
    kolada: Annotated[str, StringConstraints(pattern=KOLADA_PATTERN)] | None = None
    """Kolada-id, en versal och fem siffror, t.ex. N15504."""


class Måttlista(Model, title="Nämndens mått"):
    """namnder/<nämnd>/<år>/matt.yaml: nämndens mått."""

    mått: list[Mått] = []
    """Nämndens mått (indikatorer) för året."""


class Investering(Model, title="Investering"):
    id: Id
    """Investeringens id: a–z, 0–9 och bindestreck."""
    namn: Text
    """Investeringens namn, t.ex. Ny skola i Nol."""
    budget: TalFrån0
    """Investeringens budget i tkr."""


class Budget(Model, title="Budget"):
    """namnder/<nämnd>/<år>/budget.yaml: nettokostnad i tkr, periodisering, verksamheter, investeringar."""

    nettokostnad: Tal
    """Nettokostnad för helåret i tkr (en kostnad är positiv)."""
    periodisering: Annotated[list[Tal] | None, Field(json_schema_extra={"minItems": 12, "maxItems": 12})] = None
    """Procent av nettokostnaden per månad, 12 tal som summerar till 100; jämn fördelning utan den."""
    verksamheter: dict[Id, Tal] | None = None
    """Nettokostnad i tkr per verksamhet (id); summerar till nettokostnaden."""
    investeringar: list[Investering] = []
    """Investeringar med budget i tkr."""


class Kontroll(Model, title="Kontroll i internkontrollplanen"):
    id: Id
    """Kontrollens id: a–z, 0–9 och bindestreck."""
    process: Text
    """Processen som kontrolleras, t.ex. Inköp."""
    risk: Text
    """Risken i ord."""
    sannolikhet: int = Field(json_schema_extra={"minimum": 1, "maximum": 4})
    """Sannolikhet 1–4."""
    konsekvens: int = Field(json_schema_extra={"minimum": 1, "maximum": 4})
    """Konsekvens 1–4; riskvärde = sannolikhet × konsekvens."""
    kontrollmoment: Text
    """Vad som kontrolleras, t.ex. Stickprov av 20 fakturor."""
    metod: Text | None = None
    """Hur det kontrolleras (fri text), t.ex. stickprov."""
    frekvens: Literal["månad", "kvartal", "tertial", "halvår", "år", "löpande"]
    """Hur ofta: månad, kvartal, tertial, halvår, år eller löpande."""
    ansvarig: Text
    """Vem som kontrollerar."""


class Internkontrollplan(Model, title="Internkontrollplan"):
    """namnder/<nämnd>/<år>/internkontrollplan.yaml: beslut och kontroller."""

    beslut: Beslut
    """Nämndens beslut om planen, senast i december året före."""
    kontroller: list[Kontroll] = []
    """Kontrollerna i planen."""


# perioder/<P>/ ----------------------------------------------------------------------------------------------


class Dialogmöte(Model, title="Dialogmöte"):
    datum: Datum
    """Dagen dialogen hölls, ÅÅÅÅ-MM-DD."""
    deltagare: list[Text] = []
    """Deltagarnas namn."""


class Bedömning(Model, title="Bedömning av en målsättning"):
    målsättning: Id
    """Id för målsättningen som bedöms."""
    bedömning: Bedömningsvärde
    """uppfyllt, delvis uppfyllt, ej uppfyllt eller ej bedömt; i ett delårsbokslut väntat läge vid årets slut."""
    kommentar: Text | None = None
    """Kommentar till bedömningen."""


class Åtgärd(Model, title="Åtgärd"):
    åtgärd: Text
    """Åtgärden i ord."""
    ansvarig: Text | None = None
    """Vem som ansvarar för åtgärden."""
    slutdatum: Datum | None = None
    """När åtgärden ska vara klar, ÅÅÅÅ-MM-DD."""


class Dialoganteckning(Model, title="Dialoganteckning"):
    """perioder/<P>/enheter|verksamheter|sektorer/<id>.yaml: dialogen och sammanfattningen uppåt i kedjan."""

    dialog: Dialogmöte | None = None
    """Dialogen: datum och deltagare."""
    bedömningar: list[Bedömning] = []
    """Bedömning per målsättning; en nivå utan egen får en härledd ur nivån under."""
    sammanfattning: Text | None = None
    """Kort text som förs vidare uppåt i kedjan."""
    lärdomar: Text | None = None
    """Vad ni har lärt er under perioden, t.ex. ett arbetssätt som fungerar och som andra kan ta efter."""
    prioriteringar: Text | None = None
    """Vad ni prioriterar under resten av året."""
    behov: Text | None = None
    """Vad ni behöver av nivån ovanför, t.ex. stöd, resurser eller beslut."""
    risker: Text | None = None
    """Risker för måluppfyllelsen eller ekonomin under resten av året."""
    åtgärder: list[Åtgärd] = []
    """Åtgärder med ansvarig och slutdatum."""


def _mått_utfall(value: Any) -> Any:
    # `id: 219` is short for `id: {utfall: 219}`; a text or list there is a wrong utfall, not a wrong mapping
    return value if isinstance(value, dict) or value is None else {"utfall": value}


class MåttUtfall(Model, title="Måttets utfall"):
    utfall: Tal | None = None
    """Måttets utfall i måttets enhet; null med en kommentar när det saknas."""
    kommentar: Text | None = None
    """Kommentar, t.ex. varför utfall saknas."""


class Ekonomi(Model, title="Ekonomins utfall och prognos"):
    utfall: Tal
    """Ackumulerat utfall från årets början i tkr."""
    prognos: Tal | None = None
    """Prognos för helåret i tkr."""
    kommentar: Text | None = None
    """Kommentar till ekonomin, t.ex. orsaken till en avvikelse."""


class InvesteringUtfall(Model, title="Investeringens utfall och prognos"):
    utfall: Tal
    """Investeringens utfall i tkr."""
    prognos: Tal | None = None
    """Investeringens prognos i tkr."""
    kommentar: Text | None = None
    """Kommentar till investeringen."""


class UppdragStatus(Model, title="Uppdragets status"):
    uppdrag: Id
    """Id för uppdraget i verksamhetsplanen."""
    status: Literal["ej påbörjat", "pågår", "klart", "avbrutet"]
    """ej påbörjat, pågår, klart eller avbrutet."""
    kommentar: Text | None = None
    """Kommentar till uppdragets status."""


class Kontrollresultat(Model, title="Kontrollens resultat"):
    resultat: Literal["utan anmärkning", "avvikelse", "ej genomförd"]
    """utan anmärkning, avvikelse eller ej genomförd."""
    kommentar: Text | None = None
    """Kommentar till resultatet, t.ex. vad som avvek."""
    åtgärd: Text | None = None
    """Åtgärden med anledning av resultatet."""


class Nämnduppföljning(Model, title="Nämndens uppföljning"):
    """perioder/<P>/namnder/<nämnd>.yaml: nämndens uppföljning för perioden."""

    beslut: Beslut | None = None
    """Nämndens beslut om uppföljningen, när den är beslutad."""
    sammanfattning: Text | None = None
    """Nämndens sammanfattning av perioden."""
    bedömningar: list[Bedömning] = []
    """Nämndens bedömning av varje målsättning i nämndplanen."""
    mått: dict[Id, Annotated[MåttUtfall, BeforeValidator(_mått_utfall,
                                                         json_schema_input_type=Tal | MåttUtfall)]] = {}
    """Utfall per mått (id): ett tal, eller utfall och kommentar."""
    ekonomi: Ekonomi | None = None
    """Ackumulerat utfall och prognos för helåret i tkr."""
    investeringar: dict[Id, InvesteringUtfall] = {}
    """Utfall och prognos per investering (id) i tkr."""
    uppdrag: list[UppdragStatus] = []
    """Status för varje uppdrag."""
    internkontroll: dict[Id, Kontrollresultat] = {}
    """Resultat per kontroll (id) i internkontrollplanen."""
    framgångsfaktorer: dict[Id, Text] = {}
    """Hur varje framgångsfaktor (id) i nämndplanen har följts upp."""
    åtgärder: list[Åtgärd] = []
    """Vad nämnden gör åt avvikelser (budget eller mål)."""
    händelser: list[Text] = []
    """Väsentliga händelser under perioden: en text per händelse i listan."""


# The key of a meeting that names whom it is with, by its typ: the calendar matches the meeting to its note, and
# files it under its nämnd, by that key alone. KS and KF meet for the whole kommun and name nobody.
ÄMNE: dict[str, str] = {
    "enhetsdialog": "enhet", "verksamhetsdialog": "verksamhet", "sektorsdialog": "sektor",
    "nämndsammanträde": "nämnd", "ksau": "nämnd", "kunddialog": "nämnd", "ledningsdialog": "sektor",
    "team": "målsättning",
}
ÄMNESNYCKLAR = ("enhet", "verksamhet", "sektor", "nämnd", "målsättning")


def _ämne_krävs(typer: Iterable[str]) -> list[JsonValue]:
    """For editors: a meeting or dialogue of each of `typer` names whom it is with by its typ's key (ALE309)."""
    return [{"if": {"required": ["typ"], "properties": {"typ": {"const": typ}}},
             "then": {"required": [ÄMNE[typ]], "properties": {ÄMNE[typ]: {"type": "string"}}}} for typ in typer]


class Dialog(Model, title="Dialog"):
    """perioder/<P>/dialoger/<namn>.yaml: KSAU-dialog, kunddialog eller ledningsdialog."""

    model_config = ConfigDict(json_schema_extra={"allOf": _ämne_krävs(("ksau", "kunddialog", "ledningsdialog"))})

    typ: Literal["ksau", "kunddialog", "ledningsdialog"]
    """ksau, kunddialog eller ledningsdialog."""
    # optional so that a note can be prepared before the meeting (`ale new dialog`): until it has its date it
    # is not held, in `ale status`, `ale calendar` and the report alike
    datum: Datum | None = None
    """Dagen dialogen hölls, ÅÅÅÅ-MM-DD. Utan datum räknas dialogen som inte hållen än."""
    nämnd: Id | None = None
    """Id för nämnden dialogen hölls med (ksau, kunddialog)."""
    sektor: Id | None = None
    """Id för sektorn dialogen hölls med (ledningsdialog)."""
    deltagare: list[Text] = []
    """Deltagarna, t.ex. KSAU."""
    anteckningar: Text | None = None
    """Anteckningar från dialogen."""
    överenskommelser: list[Text] = []
    """Vad som överenskoms i dialogen."""


class Teamrapport(Model, title="Teamets rapport"):
    """perioder/<P>/team/<målsättning>.yaml: det tvärsektoriella teamets rapport."""

    datum: Datum | None = None
    """Rapportens datum, ÅÅÅÅ-MM-DD, efter periodens sista dag. Utan datum räknas rapporten som inte lämnad än."""
    bedömning: Bedömningsvärde
    """Teamets bedömning av målsättningen: uppfyllt, delvis uppfyllt, ej uppfyllt eller ej bedömt."""
    sammanfattning: Text | None = None
    """Teamets sammanfattning."""
    aktiviteter: list[Text] = []
    """Teamets aktiviteter."""


Mötestyp = Literal["enhetsdialog", "verksamhetsdialog", "sektorsdialog", "nämndsammanträde", "ksau",
                   "kunddialog", "ledningsdialog", "team", "ks", "kf"]



Klockslag = Annotated[str, StringConstraints(pattern=KLOCKSLAG_PATTERN)]


class Möte(Model, title="Möte"):
    # a sluttid without a tid is refused (ALE206, link.py); editors are told so. Not with dependentRequired: a
    # `sluttid: null` (none) needs no tid, and a `tid: null` is none
    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": {"required": ["sluttid"], "properties": {"sluttid": {"type": "string"}}},
         "then": {"required": ["tid"], "properties": {"tid": {"type": "string"}}}},
        *_ämne_krävs(ÄMNE)]})

    datum: Datum
    """Mötets dag, ÅÅÅÅ-MM-DD."""
    tid: Klockslag | None = None
    """Mötets starttid, TT:MM."""
    sluttid: Klockslag | None = None
    """När mötet slutar samma dag, TT:MM; bara med tid."""
    typ: Mötestyp
    """Mötets typ, t.ex. enhetsdialog, nämndsammanträde, ksau, team eller kf."""
    period: Periodslut | None = None
    """Perioden som mötet följer upp (en månads sista dag); frivillig: utan den paras mötet med en anteckning."""
    enhet: Id | None = None
    """Id för enheten (enhetsdialog)."""
    verksamhet: Id | None = None
    """Id för verksamheten (verksamhetsdialog)."""
    sektor: Id | None = None
    """Id för sektorn (sektorsdialog, ledningsdialog)."""
    nämnd: Id | None = None
    """Id för nämnden (nämndsammanträde, ksau, kunddialog)."""
    målsättning: Id | None = None
    """Id för målsättningen vars team möts (team)."""
    titel: Text | None = None
    """Mötets rubrik, t.ex. KF behandlar delårsrapporten."""
    plats: Text | None = None
    """Var mötet hålls."""


class Kalender(Model, title="Kalender"):
    """kalender/<år>.yaml: planerade möten."""

    möten: list[Möte] = []
    """Planerade möten: dialoger, nämndsammanträden, KS och KF."""
