"""The file kinds of a data repository (DESIGN.md §2) as frozen pydantic models.

Keys are the Swedish keys users write. Every model forbids unknown keys; values are strict (a number is not
text, text is not a date), so that what reaches the roll-up is exactly what the user meant.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
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
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# ale.yaml ---------------------------------------------------------------------------------------------------


# `ale validate` per diagnostikkod: a warning made an error (`fel`) or turned off (`av`). A code there is not would
# change nothing: link.py says which was meant (`ale404`, `ALE441`), and the rest of ale.yaml still holds. Editors
# are given the codes there are.
Diagnostikinställning = Annotated[
    dict[str, Literal["fel", "varning", "av"]],
    WithJsonSchema({"type": "object", "propertyNames": {"enum": list(CODES)},
                    "additionalProperties": {"type": "string", "enum": ["fel", "varning", "av"]}})]


class AleConfig(Model):
    """ale.yaml: kommunen och inställningar."""

    kommun: Text
    kommunkod: Annotated[str, StringConstraints(pattern=KOMMUNKOD_PATTERN)]
    tolerans: Andel = 0.05
    servicenämnd: Id | None = None
    diagnostik: Diagnostikinställning = {}


class Beslut(Model):
    organ: Text | None = None
    datum: Datum
    paragraf: Text | None = None


# verksamhetsplan/<år>.yaml ----------------------------------------------------------------------------------


class Framgångsfaktor(Model):
    id: Id
    text: Text


class Teammedlem(Model):
    namn: Text
    roll: Text
    sektor: Id | None = None
    organisation: Text | None = None


class Målsättning(Model):
    id: Id
    namn: Text
    ansvarig: Text
    framgångsfaktorer: list[Framgångsfaktor] = []
    team: list[Teammedlem] = []


class Perspektiv(Model):
    id: Id
    namn: Text
    målsättningar: list[Målsättning] = []


class Uppdrag(Model):
    id: Id
    text: Text
    nämnder: list[Id] = []
    slutdatum: Datum | None = None


class Verksamhetsplan(Model):
    """verksamhetsplan/<år>.yaml: KF:s perspektiv, strategiska målsättningar och uppdrag."""

    beslut: Beslut
    perspektiv: list[Perspektiv]
    uppdrag: list[Uppdrag] = []


# namnder/<nämnd>/namnd.yaml, sektorer/<sektor>.yaml ---------------------------------------------------------


class Ledamot(Model):
    namn: Text
    roll: Text


class Nämnd(Model):
    """namnder/<nämnd>/namnd.yaml: en nämnd, kommunstyrelsen eller ett bolag."""

    namn: Text
    typ: Literal["nämnd", "styrelse", "bolag"]
    sektor: Id | None = None
    presidium: list[Ledamot] = []


def _finns(från: dt.date | None, till: dt.date | None, dag: dt.date) -> bool:
    if från is not None and till is not None and till < från:
        return True  # reported (ALE310) and not applied, so that the mistake is said once, not for every file
    return (från is None or från <= dag) and (till is None or dag <= till)


class Enhet(Model):
    id: Id
    namn: Text
    chef: Text
    från: Datum | None = None  # the first day it exists, when it starts during the years the repository holds
    till: Datum | None = None  # the last day it exists, when it has closed

    def finns(self, dag: dt.date) -> bool:
        """Whether it exists on `dag` (a period's last day, a meeting's date): a closed enhet stays in the
        sektor's file with its `till`, so that the periods before it still know it."""
        return _finns(self.från, self.till, dag)


class Verksamhet(Model):
    id: Id
    namn: Text
    verksamhetschef: Text
    från: Datum | None = None
    till: Datum | None = None
    enheter: list[Enhet] = []

    def finns(self, dag: dt.date) -> bool:
        return _finns(self.från, self.till, dag)

    def enheter_per(self, dag: dt.date) -> list[Enhet]:
        """Its enheter that exist on `dag`; none when the verksamhet itself does not."""
        return [enhet for enhet in self.enheter if enhet.finns(dag)] if self.finns(dag) else []


class Sektor(Model):
    """sektorer/<sektor>.yaml: sektorn, dess verksamheter och enheter."""

    namn: Text
    sektorchef: Text
    nämnd: Id
    verksamheter: list[Verksamhet] = []

    def verksamheter_per(self, dag: dt.date) -> list[Verksamhet]:
        """Its verksamheter that exist on `dag` (Verksamhet.finns)."""
        return [verksamhet for verksamhet in self.verksamheter if verksamhet.finns(dag)]


# namnder/<nämnd>/<år>/ ---------------------------------------------------------------------------------------


class NämndplanFramgångsfaktor(Model):
    framgångsfaktor: Id
    arbetssätt: Text | None = None


class NämndplanMålsättning(Model):
    målsättning: Id
    arbetssätt: Text | None = None
    framgångsfaktorer: list[NämndplanFramgångsfaktor] = []
    mått: list[Id] = []


class Nämndplan(Model):
    """namnder/<nämnd>/<år>/namndplan.yaml: hur nämnden arbetar med varje målsättning."""

    beslut: Beslut | None = None
    målsättningar: list[NämndplanMålsättning] = []


class Mått(Model):
    id: Id
    namn: Text
    målsättning: Id
    enhet: Text
    riktning: Literal["högre", "lägre"]
    målvärde: Tal
    utgångsvärde: Tal | None = None
    kolada: Annotated[str, StringConstraints(pattern=KOLADA_PATTERN)] | None = None


class Måttlista(Model):
    """namnder/<nämnd>/<år>/matt.yaml: nämndens mått."""

    mått: list[Mått] = []


class Investering(Model):
    id: Id
    namn: Text
    budget: TalFrån0


class Budget(Model):
    """namnder/<nämnd>/<år>/budget.yaml: nettokostnad i tkr, periodisering, verksamheter, investeringar."""

    nettokostnad: Tal
    periodisering: list[Tal] | None = None
    verksamheter: dict[Id, Tal] | None = None
    investeringar: list[Investering] = []


class Kontroll(Model):
    id: Id
    process: Text
    risk: Text
    sannolikhet: int = Field(json_schema_extra={"minimum": 1, "maximum": 4})
    konsekvens: int = Field(json_schema_extra={"minimum": 1, "maximum": 4})
    kontrollmoment: Text
    metod: Text | None = None
    frekvens: Literal["månad", "kvartal", "tertial", "halvår", "år", "löpande"]
    ansvarig: Text


class Internkontrollplan(Model):
    """namnder/<nämnd>/<år>/internkontrollplan.yaml: beslut och kontroller."""

    beslut: Beslut
    kontroller: list[Kontroll] = []


# perioder/<P>/ ----------------------------------------------------------------------------------------------


class Dialogmöte(Model):
    datum: Datum
    deltagare: list[Text] = []


class Bedömning(Model):
    målsättning: Id
    bedömning: Bedömningsvärde
    kommentar: Text | None = None


class Åtgärd(Model):
    åtgärd: Text
    ansvarig: Text | None = None
    slutdatum: Datum | None = None


class Dialoganteckning(Model):
    """perioder/<P>/enheter|verksamheter|sektorer/<id>.yaml: dialogen och sammanfattningen uppåt i kedjan."""

    dialog: Dialogmöte | None = None
    bedömningar: list[Bedömning] = []
    sammanfattning: Text | None = None
    lärdomar: Text | None = None
    prioriteringar: Text | None = None
    behov: Text | None = None
    risker: Text | None = None
    åtgärder: list[Åtgärd] = []


def _mått_utfall(value: Any) -> Any:
    # `id: 219` is short for `id: {utfall: 219}`; a text or list there is a wrong utfall, not a wrong mapping
    return value if isinstance(value, dict) or value is None else {"utfall": value}


class MåttUtfall(Model):
    utfall: Tal | None = None
    kommentar: Text | None = None


class Ekonomi(Model):
    utfall: Tal
    prognos: Tal | None = None
    kommentar: Text | None = None


class InvesteringUtfall(Model):
    utfall: Tal
    prognos: Tal | None = None
    kommentar: Text | None = None


class UppdragStatus(Model):
    uppdrag: Id
    status: Literal["ej påbörjat", "pågår", "klart", "avbrutet"]
    kommentar: Text | None = None


class Kontrollresultat(Model):
    resultat: Literal["utan anmärkning", "avvikelse", "ej genomförd"]
    kommentar: Text | None = None
    åtgärd: Text | None = None


class Nämnduppföljning(Model):
    """perioder/<P>/namnder/<nämnd>.yaml: nämndens uppföljning för perioden."""

    beslut: Beslut | None = None
    sammanfattning: Text | None = None
    bedömningar: list[Bedömning] = []
    mått: dict[Id, Annotated[MåttUtfall, BeforeValidator(_mått_utfall,
                                                         json_schema_input_type=Tal | MåttUtfall)]] = {}
    ekonomi: Ekonomi | None = None
    investeringar: dict[Id, InvesteringUtfall] = {}
    uppdrag: list[UppdragStatus] = []
    internkontroll: dict[Id, Kontrollresultat] = {}
    framgångsfaktorer: dict[Id, Text] = {}
    åtgärder: list[Åtgärd] = []
    händelser: list[Text] = []


class Dialog(Model):
    """perioder/<P>/dialoger/<namn>.yaml: KSAU-dialog, kunddialog eller ledningsdialog."""

    typ: Literal["ksau", "kunddialog", "ledningsdialog"]
    datum: Datum
    nämnd: Id | None = None
    sektor: Id | None = None
    deltagare: list[Text] = []
    anteckningar: Text | None = None
    överenskommelser: list[Text] = []


class Teamrapport(Model):
    """perioder/<P>/team/<målsättning>.yaml: det tvärsektoriella teamets rapport."""

    datum: Datum
    bedömning: Bedömningsvärde
    sammanfattning: Text | None = None
    aktiviteter: list[Text] = []


Mötestyp = Literal["enhetsdialog", "verksamhetsdialog", "sektorsdialog", "nämndsammanträde", "ksau",
                   "kunddialog", "ledningsdialog", "team", "ks", "kf"]

# The key of a meeting that names whom it is with, by its typ: the calendar matches the meeting to its note, and
# files it under its nämnd, by that key alone. KS and KF meet for the whole kommun and name nobody.
ÄMNE: dict[str, str] = {
    "enhetsdialog": "enhet", "verksamhetsdialog": "verksamhet", "sektorsdialog": "sektor",
    "nämndsammanträde": "nämnd", "ksau": "nämnd", "kunddialog": "nämnd", "ledningsdialog": "sektor",
    "team": "målsättning",
}
ÄMNESNYCKLAR = ("enhet", "verksamhet", "sektor", "nämnd", "målsättning")


Klockslag = Annotated[str, StringConstraints(pattern=KLOCKSLAG_PATTERN)]


class Möte(Model):
    # a sluttid without a tid is refused (ALE206, link.py); editors are told so. Not with dependentRequired: a
    # `sluttid: null` (none) needs no tid, and a `tid: null` is none
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["sluttid"], "properties": {"sluttid": {"type": "string"}}},
        "then": {"required": ["tid"], "properties": {"tid": {"type": "string"}}}})

    datum: Datum
    tid: Klockslag | None = None
    sluttid: Klockslag | None = None  # when the meeting ends, the same day; only with `tid`
    typ: Mötestyp
    period: Datum | None = None
    enhet: Id | None = None
    verksamhet: Id | None = None
    sektor: Id | None = None
    nämnd: Id | None = None
    målsättning: Id | None = None
    titel: Text | None = None
    plats: Text | None = None


class Kalender(Model):
    """kalender/<år>.yaml: planerade möten."""

    möten: list[Möte] = []
