"""A synthetic data repository in the DESIGN.md §2 format, of a given size, deterministic by seed.

    python benchmarks/generate.py OUT --enheter 2500 [--seed 1] [--chains 03-31,08-31]

The kommun it writes has nämnder ≈ max(3, enheter/100), verksamheter ≈ enheter/8 and one sektor per nämnd
(bolag have none), and a whole year of period files: ekonomi from every nämnd each month-end, the full dialogue
chain (enhet → verksamhet → sektor → nämnd) for the delårsbokslut 03-31 and 08-31, ledningsdialoger per sektor,
KSAU dialogues and kunddialoger, the tvärsektoriella teams' reports, and the year's kalender. Texts are
Swedish-looking prose of the length people write (an enhet's note is 2–3 kB).

The repository passes `ale validate` with no errors and no warnings: it keeps every rule in ale_cli/rules.py
(dialogue dates after the period and in chain order, meetings on Swedish working days, budgets that sum, twelve
periodisering shares summing to 100, accumulated utfall that never decreases, internkontroll in August only,
bedömningar only of the nämndplan's målsättningar, the internkontrollplan decided in December the year before).

The same seed and size give the same bytes: one `random.Random(seed)` drawn in a fixed order, everything sorted.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import random
import re
import sys
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import holidays

YEAR = 2020
BOKSLUT_DEFAULT = ("03-31", "08-31")

# -- Swedish words ------------------------------------------------------------------------------------------

FÖRNAMN = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin", "Johanna", "Sofia",
    "Linnea", "Elin", "Ida", "Hanna", "Birgitta", "Marie", "Ulla", "Åsa", "Lars", "Anders", "Johan", "Per",
    "Karl", "Erik", "Mikael", "Peter", "Jan", "Hans", "Olof", "Nils", "Björn", "Fredrik", "Mats", "Magnus",
    "Jonas", "Gustav", "Oskar", "Axel", "Ahmed", "Fatima", "Mohammed", "Leila", "Ali", "Zeynep", "Jörgen",
    "Göran", "Örjan", "Ylva",
)
EFTERNAMN = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg",
    "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström",
    "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson",
    "Holm", "Öberg", "Ek", "Åberg", "Sjöberg", "Wallin", "Engström", "Håkansson", "Danielsson", "Lundin",
    "Björk", "Nyström", "Holmberg", "Hassan", "Yilmaz",
)
ORTER = (
    "Ahaga", "Nol", "Alafors", "Skepplanda", "Surte", "Bohus", "Älvängen", "Nödinge", "Kronogården", "Hålanda",
    "Alvhem", "Starrkärr", "Kilanda", "Sjövik", "Alvik", "Backa", "Rödbo", "Hjärtum", "Vårvik", "Nygård",
)
FÖRLED = (
    "Ek", "Björk", "Lind", "Gran", "Tall", "Asp", "Rönn", "Al", "Hassel", "Lönn", "Sjö", "Berg", "Dal", "Äng",
    "Skogs", "Sol", "Vind", "Ros", "Klöver", "Linné", "Ljung", "Mosse", "Lärk", "Sälg", "Hägg", "Ekorr",
    "Trast", "Svan", "Uggle", "Älv",
)
EFTERLED = (
    "backen", "gården", "dalen", "hagen", "ängen", "lunden", "berget", "viken", "udden", "torpet", "åsen",
    "skogen", "lyckan", "höjden", "vallen", "slätten", "bäcken", "kullen", "hjärtat", "parken",
)
ORGANISATIONER = (
    "Västra Götalandsregionen", "Polisen", "Arbetsförmedlingen", "Försäkringskassan", "Räddningstjänsten",
    "Svenska kyrkan", "Företagarna", "Folkhälsomyndigheten", "Högskolan Väst", "Hyresgästföreningen",
)

# Prose: a sentence is a subject, a verb phrase, an object and an adverbial; numbers make it look like notes.
SUBJEKT = (
    "Enheten", "Arbetslaget", "Personalgruppen", "Ledningsgruppen", "Verksamheten", "Vi", "Medarbetarna",
    "Chefen tillsammans med skyddsombudet", "Den nya arbetsgruppen", "Utvecklingsgruppen", "Samverkansgruppen",
    "Teamet kring brukarna", "Förstelärarna", "Samordnaren",
)
VERB = (
    "har arbetat vidare med", "ser en tydlig förbättring av", "behöver stärka", "har påbörjat en översyn av",
    "fortsätter att utveckla", "har svårt att få tid till", "följer systematiskt upp", "har prioriterat",
    "har genomfört en kartläggning av", "har tagit fram en plan för", "har fått stöd i arbetet med",
    "diskuterar regelbundet", "har förenklat rutinerna för", "lägger mer tid än väntat på",
    "har utvärderat", "har lyft frågan om",
)
OBJEKT = (
    "det systematiska kvalitetsarbetet", "samverkan med vårdnadshavare", "kompetensförsörjningen",
    "sjukfrånvaron", "den digitala dokumentationen", "brukarnas delaktighet", "tillgängligheten i lokalerna",
    "budgetföljsamheten", "rekryteringen av legitimerad personal", "introduktionen av nyanställda",
    "arbetsmiljön", "schemaläggningen", "uppföljningen av insatserna", "det förebyggande arbetet",
    "samarbetet med elevhälsan", "kontinuiteten i bemanningen", "läsförståelsen i de tidiga åren",
    "måltidsverksamheten", "energianvändningen i fastigheterna", "inköpen inom avtal",
    "handläggningstiderna", "informationen till invånarna", "det våldsförebyggande arbetet",
    "nyttjandet av välfärdsteknik", "den fysiska aktiviteten", "samverkan med civilsamhället",
)
ADVERBIAL = (
    "under perioden", "sedan förra dialogen", "trots en ansträngd bemanning", "enligt plan",
    "med stöd av verksamhetsutvecklaren", "i hela verksamheten", "tillsammans med andra enheter",
    "inom ramen för budgeten", "i dialog med facket", "på arbetsplatsträffarna", "under våren",
    "under hösten", "i nära samarbete med sektorn", "utifrån resultaten i medarbetarenkäten",
    "med hjälp av nya nyckeltal", "som en del av omställningsarbetet",
)
TILLÄGG = (
    "Det har gett effekt.", "Arbetet fortsätter.", "Resultatet följs upp vid nästa dialog.",
    "Effekten syns ännu inte i måtten.", "Medarbetarna upplever arbetet som meningsfullt.",
    "Det kräver mer samordning än vi räknat med.", "Vi ser det som en förutsättning för att nå målen.",
)
ÅTGÄRDER = (
    "Ta fram en handlingsplan för {o}", "Utbilda all personal i {o}", "Se över rutinerna för {o}",
    "Inför en gemensam uppföljning av {o}", "Anställ en samordnare för {o}", "Genomför en riskanalys av {o}",
    "Stärk samverkan kring {o}", "Ta fram nyckeltal för {o}",
)
INVESTERINGAR = ("Ny förskola i", "Ombyggnad av skolan i", "Ny sporthall i", "Elbilar till", "Gång- och cykelväg i",
                 "Ny gruppbostad i", "Upprustning av lekplatsen i", "Solceller på taken i")
RÅDSROLLER = ("Controller", "Ekonom", "Sektorchef", "Verksamhetsutvecklare", "HR-partner", "Nämndsekreterare")

# The verksamhetsplan: perspektiv → målsättningar → framgångsfaktorer.
PERSPEKTIV: tuple[tuple[str, str, tuple[tuple[str, str, tuple[str, ...]], ...]], ...] = (
    ("social", "Social hållbarhet och jämlika livsvillkor", (
        ("god-utbildning", "God utbildning för alla",
         ("Tidiga och samordnade insatser för barn och unga", "Höga förväntningar och ett tydligt ledarskap",
          "En likvärdig skola")),
        ("trygg-uppvaxt", "Barn och unga växer upp under trygga förhållanden",
         ("Samverkan mellan skola, socialtjänst och polis", "Meningsfull fritid för alla")),
        ("jamlik-halsa", "God och jämlik hälsa",
         ("Förebyggande och hälsofrämjande arbete", "Trygg vård och omsorg nära invånaren",
          "Delaktighet för personer med funktionsnedsättning")),
    )),
    ("ekologisk", "Ekologisk hållbarhet", (
        ("minskad-klimatpaverkan", "Minskad klimatpåverkan",
         ("Fossilfria transporter i kommunens verksamheter", "Energieffektiva fastigheter")),
        ("hallbart-samhallsbyggande", "Hållbart samhällsbyggande med goda livsmiljöer",
         ("Bostäder för alla skeden i livet", "Trygga och tillgängliga offentliga miljöer",
          "God planberedskap")),
        ("biologisk-mangfald", "Skyddad natur och biologisk mångfald",
         ("Hållbar förvaltning av kommunens mark", "Rent vatten i sjöar och vattendrag")),
    )),
    ("ekonomisk", "Ekonomisk hållbarhet", (
        ("god-ekonomisk-hushallning", "God ekonomisk hushållning",
         ("Budget i balans i varje nämnd", "Effektiv resursanvändning")),
        ("sysselsattning", "Full och produktiv sysselsättning",
         ("Vägar till egen försörjning", "Samverkan med det lokala näringslivet")),
        ("naringsliv", "Ett starkt och växande näringsliv",
         ("God service till företagare", "Snabb och rättssäker myndighetsutövning")),
    )),
    ("organisation", "Attraktiv organisation och tillitsbaserad styrning", (
        ("attraktiv-arbetsgivare", "Attraktiv arbetsgivare",
         ("Hållbart arbetsliv och låg sjukfrånvaro", "Kompetensutveckling och karriärvägar")),
        ("digital-valfard", "Digital välfärd och service",
         ("Digitala tjänster för invånarna", "Välfärdsteknik i vård och omsorg")),
        ("delaktighet", "Invånarnas delaktighet och inflytande",
         ("Medborgardialog i tidiga skeden", "Tydlig och tillgänglig information")),
    )),
)
ALLTID = ("god-ekonomisk-hushallning", "attraktiv-arbetsgivare")  # every nämnd's nämndplan takes these up

# Mått: name, enhet, riktning, (low, high) of a realistic value.
MÅTT = (
    ("Andel elever med behörighet till gymnasiet", "procent", "högre", (75, 95)),
    ("Genomsnittligt meritvärde åk 9", "poäng", "högre", (200, 240)),
    ("Sjukfrånvaro bland medarbetare", "procent", "lägre", (5, 10)),
    ("Nöjd medborgarindex", "index", "högre", (50, 70)),
    ("Andel brukare nöjda med hemtjänsten", "procent", "högre", (80, 95)),
    ("Väntetid till särskilt boende", "dagar", "lägre", (30, 90)),
    ("Handläggningstid för bygglov", "veckor", "lägre", (3, 10)),
    ("Nettokostnadsavvikelse", "procent", "lägre", (-3, 4)),
    ("Andel inköp inom avtal", "procent", "högre", (70, 95)),
    ("Hållbart medarbetarengagemang", "index", "högre", (70, 85)),
    ("Antal besök på biblioteken per invånare", "antal", "högre", (3, 7)),
    ("Andel förnybar energi i kommunens fastigheter", "procent", "högre", (40, 90)),
    ("Utsläpp från kommunens fordon", "ton CO2e", "lägre", (200, 900)),
    ("Andel ekologiska livsmedel", "procent", "högre", (25, 50)),
    ("Antal barn per årsarbetare i förskolan", "antal", "lägre", (4, 6)),
    ("Andel invånare i egen försörjning efter insats", "procent", "högre", (30, 60)),
    ("Personalkontinuitet i hemtjänsten", "antal", "lägre", (10, 18)),
    ("Andel ärenden med dokumenterad genomförandeplan", "procent", "högre", (60, 95)),
    ("Kostnad per invånare", "kr", "lägre", (2000, 12000)),
    ("Andel digitala ansökningar", "procent", "högre", (30, 80)),
    ("Tid från ansökan till beslut om försörjningsstöd", "dagar", "lägre", (5, 20)),
    ("Andel trygga invånare i centrum", "procent", "högre", (60, 85)),
    ("Antal planlagda bostäder", "antal", "högre", (100, 600)),
    ("Andel elever som känner sig trygga i skolan", "procent", "högre", (75, 95)),
)

KONTROLLER = (
    ("Inköp", "Inköp sker utanför upphandlade avtal", "Stickprov av 20 fakturor", "stickprov"),
    ("Attest", "Attest sker utan behörighet", "Jämförelse av attestlista mot utbetalningar", "registeranalys"),
    ("Lön", "Felaktiga löneutbetalningar", "Kontroll av 30 lönespecifikationer", "stickprov"),
    ("Representation", "Representation strider mot riktlinjen", "Granskning av samtliga representationsfakturor",
     "granskning"),
    ("Dokumentation", "Brister i social dokumentation", "Journalgranskning av 15 ärenden", "stickprov"),
    ("Informationssäkerhet", "Behörigheter i verksamhetssystem är inaktuella", "Genomgång av behörighetslistor",
     "registeranalys"),
    ("Delegation", "Beslut fattas utan delegation", "Kontroll av delegationsbeslut mot delegationsordningen",
     "granskning"),
    ("Kontanthantering", "Kontanter hanteras utan kontroll", "Oanmäld kassainventering", "inventering"),
    ("Systematiskt arbetsmiljöarbete", "Skyddsronder genomförs inte", "Genomgång av protokoll från skyddsronder",
     "granskning"),
    ("Avtalstrohet", "Avtal förlängs utan prövning", "Genomgång av avtalsdatabasen", "registeranalys"),
)
FREKVENSER = ("månad", "kvartal", "tertial", "halvår", "år", "löpande")


@dataclass(frozen=True)
class NämndMall:
    """A kind of nämnd: its name, its sektor's name, how its verksamheter and enheter are called, its weight."""

    id: str
    namn: str
    sektor_id: str
    sektor_namn: str
    verksamheter: tuple[str, ...]
    enheter: tuple[str, ...]  # "{ort}" is replaced by a place name
    vikt: float
    typ: str = "nämnd"


MALLAR = (
    NämndMall("kommunstyrelsen", "Kommunstyrelsen", "kommunledning", "Kommunledningskontoret",
              ("Ekonomi", "HR", "Kommunikation", "Digitalisering", "Kansli", "Näringsliv"),
              ("{ort} ekonomienhet", "{ort} lönecenter", "{ort} servicecenter", "{ort} kontaktcenter"), 0.5,
              "styrelse"),
    NämndMall("service", "Servicenämnden", "service", "Sektor service",
              ("Måltid", "Lokalvård", "Fordon", "Upphandling"),
              ("{ort} kök", "{ort} lokalvård", "{ort} fordonsverkstad", "{ort} tvätteri"), 0.8),
    NämndMall("utbildning", "Utbildningsnämnden", "utbildning", "Sektor utbildning",
              ("Grundskola", "Fritidshem", "Grundsärskola", "Elevhälsa", "Modersmål"),
              ("{ort} skola", "{ort}skolan", "{ort} F–6", "{ort} 7–9"), 3.0),
    NämndMall("vard-och-omsorg", "Vård- och omsorgsnämnden", "vard-och-omsorg", "Sektor vård och omsorg",
              ("Hemtjänst", "Särskilt boende", "Hemsjukvård", "Rehabilitering", "Dagverksamhet"),
              ("{ort} hemtjänst", "{ort} äldreboende", "{ort} korttidsboende", "{ort} dagverksamhet"), 2.5),
    NämndMall("forskola", "Förskolenämnden", "forskola", "Sektor förskola",
              ("Förskola", "Pedagogisk omsorg", "Öppen förskola"),
              ("{ort} förskola", "Förskolan {ort}", "{ort} familjedaghem"), 2.5),
    NämndMall("socialtjanst", "Socialnämnden", "socialtjanst", "Sektor socialtjänst",
              ("Individ- och familjeomsorg", "Försörjningsstöd", "Missbruk och beroende", "Barn och unga"),
              ("{ort} familjecentral", "{ort} mottagning", "{ort} HVB", "{ort} stödboende"), 1.2),
    NämndMall("funktionsstod", "Nämnden för funktionsstöd", "funktionsstod", "Sektor funktionsstöd",
              ("Bostad med särskild service", "Daglig verksamhet", "Personlig assistans", "Korttidsvistelse"),
              ("{ort} gruppbostad", "{ort} servicebostad", "{ort} daglig verksamhet", "{ort} assistansgrupp"), 1.5),
    NämndMall("kultur-och-fritid", "Kultur- och fritidsnämnden", "kultur-och-fritid", "Sektor kultur och fritid",
              ("Bibliotek", "Kulturskola", "Fritidsgårdar", "Idrottsanläggningar"),
              ("{ort} bibliotek", "{ort} fritidsgård", "{ort} sporthall", "{ort} kulturhus"), 0.8),
    NämndMall("gymnasie-och-vuxenutbildning", "Gymnasie- och vuxenutbildningsnämnden", "gymnasium",
              "Sektor gymnasium och vuxenutbildning",
              ("Gymnasieskola", "Vuxenutbildning", "SFI", "Gymnasiesärskola"),
              ("{ort} gymnasium", "{ort} lärcenter", "{ort} SFI"), 1.0),
    NämndMall("arbetsmarknad", "Arbetsmarknadsnämnden", "arbetsmarknad", "Sektor arbetsmarknad",
              ("Arbetsmarknadsinsatser", "Integration", "Feriearbete"),
              ("{ort} jobbcenter", "{ort} arbetsträning", "{ort} integrationsenhet"), 0.6),
    NämndMall("samhallsbyggnad", "Samhällsbyggnadsnämnden", "samhallsbyggnad", "Sektor samhällsbyggnad",
              ("Planering", "Gata och park", "Mark och exploatering", "Trafik"),
              ("{ort} parkenhet", "{ort} gatuenhet", "{ort} planenhet"), 0.7),
    NämndMall("miljo-och-bygg", "Miljö- och byggnadsnämnden", "miljo-och-bygg", "Sektor miljö och bygg",
              ("Bygglov", "Miljötillsyn", "Livsmedelskontroll"),
              ("{ort} bygglovsenhet", "{ort} miljöenhet", "{ort} tillsynsgrupp"), 0.4),
    NämndMall("teknik", "Tekniska nämnden", "teknik", "Sektor teknik",
              ("Vatten och avlopp", "Avfall", "Fastighet"),
              ("{ort} vattenverk", "{ort} reningsverk", "{ort} återvinningscentral", "{ort} fastighetsdrift"), 0.8),
    NämndMall("aldreomsorg", "Äldrenämnden", "aldreomsorg", "Sektor äldreomsorg",
              ("Träffpunkter", "Anhörigstöd", "Biståndshandläggning"),
              ("{ort} träffpunkt", "{ort} anhörigcenter", "{ort} biståndsenhet"), 1.2),
    NämndMall("halsa-och-sjukvard", "Hälso- och sjukvårdsnämnden", "halsa-och-sjukvard",
              "Sektor hälso- och sjukvård",
              ("Hemsjukvård", "Rehabilitering", "Elevhälsans medicinska insats"),
              ("{ort} hälsocentral", "{ort} rehabenhet", "{ort} sjuksköterskegrupp"), 0.8),
    NämndMall("idrott", "Idrottsnämnden", "idrott", "Sektor idrott",
              ("Badhus", "Idrottshallar", "Föreningsstöd"),
              ("{ort} simhall", "{ort} idrottsplats", "{ort} ishall"), 0.5),
    NämndMall("overformyndare", "Överförmyndarnämnden", "overformyndare", "Överförmyndarenheten",
              ("Ställföreträdarskap",), ("{ort} överförmyndarkansli",), 0.1),
)
STADSDELAR = ("Norr", "Söder", "Öster", "Väster", "Centrum", "Älvstranden", "Kusten", "Dalen", "Skogen",
              "Hamnen", "Höjden", "Slätten")
STADSDEL_VERKSAMHETER = ("Förskola", "Grundskola", "Hemtjänst", "Individ- och familjeomsorg", "Fritid")
STADSDEL_ENHETER = ("{ort} förskola", "{ort} skola", "{ort} hemtjänst", "{ort} fritidsgård", "{ort} familjecentral")
BOLAG = (("bostader", "AB Kommunens bostäder"), ("energi", "Kommunens Energi AB"),
         ("hamn", "Kommunens Hamn AB"), ("parkering", "Parkeringsbolaget AB"))


# -- the organisation ---------------------------------------------------------------------------------------


@dataclass
class Enhet:
    id: str
    namn: str
    chef: str


@dataclass
class Verksamhet:
    id: str
    namn: str
    chef: str
    enheter: list[Enhet] = field(default_factory=list)


@dataclass
class Nämnd:
    id: str
    namn: str
    typ: str
    sektor_id: str | None
    sektor_namn: str
    sektorchef: str
    presidium: list[tuple[str, str]]
    verksamheter: list[Verksamhet] = field(default_factory=list)
    # filled in with the year's plans
    målsättningar: list[str] = field(default_factory=list)
    mått: list[dict[str, object]] = field(default_factory=list)
    kontroller: list[tuple[str, tuple[str, str, str, str]]] = field(default_factory=list)  # id, KONTROLLER row
    investeringar: list[tuple[str, str, int]] = field(default_factory=list)  # id, namn, budget
    framgångsfaktorer: list[tuple[str, str]] = field(default_factory=list)  # målsättning, framgångsfaktor
    uppdrag: list[str] = field(default_factory=list)
    nettokostnad: int = 0
    periodisering: list[int] = field(default_factory=list)
    ekonomi: dict[int, dict[str, object]] = field(default_factory=dict)  # month → the period file's ekonomi

    @property
    def enheter(self) -> Iterator[tuple[Verksamhet, Enhet]]:
        for verksamhet in self.verksamheter:
            for enhet in verksamhet.enheter:
                yield verksamhet, enhet

    @property
    def har_kedja(self) -> bool:
        return self.typ != "bolag"


_ASCII = str.maketrans("åäöé–", "aaoe-")


def slug(text: str) -> str:
    """An ASCII id from a Swedish name: 'Älvängen förskola' → 'alvangen-forskola'."""
    folded = text.lower().translate(_ASCII)
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", folded)).strip("-")


class Ids:
    """Ids unique across the repository, as the format demands: a second 'nol-skola' becomes 'nol-skola-2'."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, name: str) -> str:
        base = slug(name) or "id"
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.used.add(candidate)
        return candidate


@dataclass
class Kommun:
    nämnder: list[Nämnd]
    målsättningar: dict[str, tuple[str, list[tuple[str, str]]]]  # id → (namn, framgångsfaktorer (id, text))
    uppdrag: list[tuple[str, str, list[str]]]  # (id, text, nämnder)

    @property
    def med_kedja(self) -> list[Nämnd]:
        return [n for n in self.nämnder if n.har_kedja]

    def nämnd(self, id_: str) -> Nämnd:
        return next(n for n in self.nämnder if n.id == id_)


# -- working days -------------------------------------------------------------------------------------------


class Arbetsdagar:
    """Swedish working days: no weekend, no helgdag (the `holidays` package, SE), no julafton or nyårsafton."""

    def __init__(self, years: Sequence[int]) -> None:
        helgdagar = holidays.country_holidays("SE", years=list(years), include_sundays=False)
        first, last = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
        self.dagar = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        self.dagar = [d for d in self.dagar
                      if d.weekday() < 5 and d not in helgdagar and (d.month, d.day) not in ((12, 24), (12, 31))]

    def efter(self, day: dt.date, n: int) -> dt.date:
        """The n:th working day after `day` (n ≥ 1)."""
        return self.dagar[bisect.bisect_right(self.dagar, day) + n - 1]

    def mellan(self, rng: random.Random, day: dt.date, first: int, last: int) -> dt.date:
        """A working day drawn from the first-th to the last-th working day after `day`."""
        return self.efter(day, rng.randint(first, last))

    def i_månad(self, rng: random.Random, year: int, month: int) -> dt.date:
        """A working day drawn from the month."""
        first = bisect.bisect_left(self.dagar, dt.date(year, month, 1))
        last = bisect.bisect_left(self.dagar, dt.date(year + month // 12, month % 12 + 1, 1))
        return self.dagar[rng.randrange(first, last)]


# -- text ---------------------------------------------------------------------------------------------------


class Prosa:
    """Swedish-looking prose of a wanted length, drawn from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        return f"{self.rng.choice(FÖRNAMN)} {self.rng.choice(EFTERNAMN)}"

    def mening(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.12:
            a, b = r.randint(30, 119), r.randint(30, 119)
            return f"Sjukfrånvaron är {a // 10},{a % 10} % jämfört med {b // 10},{b % 10} % samma period förra året."
        if kind < 0.22:
            total = r.randint(4, 20)
            return f"Av {total} planerade aktiviteter är {r.randint(1, total)} genomförda {r.choice(ADVERBIAL)}."
        if kind < 0.3:
            return f"{r.choice(SUBJEKT)} {r.choice(VERB)} {r.choice(OBJEKT)}. {r.choice(TILLÄGG)}"
        return f"{r.choice(SUBJEKT)} {r.choice(VERB)} {r.choice(OBJEKT)} {r.choice(ADVERBIAL)}."

    def meningar(self, low: int, high: int) -> list[str]:
        """Sentences until they are between `low` and about `high` characters together."""
        target = self.rng.randint(low, high)
        sentences = [self.mening()]
        while sum(len(s) + 1 for s in sentences) < target:
            sentences.append(self.mening())
        return sentences

    def text(self, low: int, high: int) -> str:
        return " ".join(self.meningar(low, high))

    def åtgärd(self) -> str:
        return self.rng.choice(ÅTGÄRDER).format(o=self.rng.choice(OBJEKT))

    def ort(self) -> str:
        r = self.rng
        return r.choice(ORTER) if r.random() < 0.3 else r.choice(FÖRLED) + r.choice(EFTERLED)


# -- YAML as people write it --------------------------------------------------------------------------------

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
_LOOKS_LIKE_VALUE = re.compile(r"^([-+]?[0-9][0-9_.:e+-]*|true|false|null|~|yes|no|on|off)$", re.IGNORECASE)


def scalar(value: object, *, flow: bool = False) -> str:
    """A value as a YAML scalar: plain where that reads back as the same text, double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    unsafe = (not text or text != text.strip() or text[0] in _PLAIN_UNSAFE_START or ": " in text
              or " #" in text or text.endswith(":") or "\n" in text or _LOOKS_LIKE_VALUE.match(text)
              or (flow and any(c in text for c in ",[]{}:")))
    return json.dumps(text, ensure_ascii=False) if unsafe else text


def flow_map(items: Mapping[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in items.items()) + "}"


def flow_list(items: Sequence[object]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in items) + "]"


def long_text(key: str, text: str, indent: int) -> list[str]:
    """`key: text`, folded over lines of at most 100 characters when it is long (as editors leave it)."""
    pad = " " * indent
    if len(text) + len(key) + indent < 100:
        return [f"{pad}{key}: {scalar(text)}"]
    lines = textwrap.wrap(text, width=100 - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in lines)]


class Writer:
    """Writes the files, remembering how many and how many bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0

    def write(self, rel: str, lines: Sequence[str]) -> int:
        data = ("\n".join(lines) + "\n").encode("utf-8")
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        return len(data)


# -- the generator ------------------------------------------------------------------------------------------


BEDÖMNINGAR = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt")
BEDÖMNINGSVIKTER = (45, 35, 12, 8)


@dataclass
class Generator:
    root: Path
    enheter: int
    seed: int
    bokslut: tuple[str, ...] = BOKSLUT_DEFAULT
    rng: random.Random = field(init=False)
    prosa: Prosa = field(init=False)
    ids: Ids = field(default_factory=Ids)
    dagar: Arbetsdagar = field(init=False)
    writer: Writer = field(init=False)
    möten: list[dict[str, object]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.prosa = Prosa(self.rng)
        self.dagar = Arbetsdagar((YEAR - 1, YEAR, YEAR + 1))
        self.writer = Writer(self.root)

    # -- the whole repository ---------------------------------------------------------------------------------

    def run(self) -> Writer:
        kommun = self.organisation()
        self.plans(kommun)
        self.write_config(kommun)
        self.write_verksamhetsplan(kommun)
        for nämnd in kommun.nämnder:
            self.write_nämnd(nämnd)
        for month in range(1, 13):
            self.write_month(kommun, month)
        for mmdd in self.bokslut:
            self.write_chain(kommun, dt.date.fromisoformat(f"{YEAR}-{mmdd}"))
        self.write_kalender()
        return self.writer

    def bedömning(self) -> str:
        return self.rng.choices(BEDÖMNINGAR, BEDÖMNINGSVIKTER)[0]

    # -- organisation -----------------------------------------------------------------------------------------

    def organisation(self) -> Kommun:
        r = self.rng
        antal_nämnder = max(3, round(self.enheter / 100))
        mallar = list(MALLAR[:antal_nämnder])
        for i in range(antal_nämnder - len(mallar)):
            namn = STADSDELAR[i % len(STADSDELAR)] + ("" if i < len(STADSDELAR) else f" {i // len(STADSDELAR) + 1}")
            mallar.append(NämndMall(f"stadsdel-{slug(namn)}", f"Stadsdelsnämnden {namn}", f"stadsdel-{slug(namn)}",
                                    f"Stadsdelsförvaltningen {namn}", STADSDEL_VERKSAMHETER, STADSDEL_ENHETER, 2.0))
        nämnder: list[Nämnd] = []
        for mall in mallar:
            self.ids.used.add(mall.id)
            presidium = [(self.prosa.person(), roll) for roll in ("ordförande", "1:e vice ordförande",
                                                                  "2:e vice ordförande")]
            nämnder.append(Nämnd(mall.id, mall.namn, mall.typ, mall.sektor_id, mall.sektor_namn,
                                 self.prosa.person(), presidium))
        # verksamheter ≈ enheter / 8, at least one per sektor; each gets at least one enhet
        antal_verksamheter = max(len(nämnder), round(self.enheter / 8))
        vikter = [mall.vikt for mall in mallar]
        per_nämnd = _spread(antal_verksamheter, vikter, r)
        verksamheter: list[tuple[Nämnd, NämndMall, Verksamhet]] = []
        for nämnd, mall, antal in zip(nämnder, mallar, per_nämnd, strict=True):
            for i in range(antal):
                base = mall.verksamheter[i % len(mall.verksamheter)]
                namn = base if i < len(mall.verksamheter) else f"{base} {self.prosa.ort()}"
                verksamhet = Verksamhet(self.ids.new(namn), namn, self.prosa.person())
                nämnd.verksamheter.append(verksamhet)
                verksamheter.append((nämnd, mall, verksamhet))
        per_verksamhet = _spread(max(self.enheter, len(verksamheter)),
                                 [r.uniform(0.5, 1.5) for _ in verksamheter], r)
        for (nämnd, mall, verksamhet), antal in zip(verksamheter, per_verksamhet, strict=True):
            # the enheter of a verksamhet are of one kind (the skolor of Grundskola), now and then of another
            slag = mall.enheter[nämnd.verksamheter.index(verksamhet) % len(mall.enheter)]
            for _ in range(antal):
                namn = (slag if r.random() < 0.8 else r.choice(mall.enheter)).format(ort=self.prosa.ort())
                verksamhet.enheter.append(Enhet(self.ids.new(namn), namn, self.prosa.person()))
        for id_, namn in BOLAG[: 1 + (self.enheter >= 1000)]:
            self.ids.used.add(id_)
            nämnder.append(Nämnd(id_, namn, "bolag", None, "", self.prosa.person(),
                                 [(self.prosa.person(), "ordförande"), (self.prosa.person(), "vd")]))
        målsättningar = {
            mål_id: (namn, [(self.ids.new(" ".join(text.split()[:3])), text) for text in faktorer])
            for _, _, mål in PERSPEKTIV for mål_id, namn, faktorer in mål
        }
        kedja = [n for n in nämnder if n.har_kedja]
        uppdrag = []
        for i in range(max(3, len(kedja) // 2 + 2)):
            givna = sorted({n.id for n in r.sample(kedja, r.randint(1, min(2, len(kedja))))})
            uppdrag.append((f"kf-{YEAR}-{i + 1:02d}", f"Utred {r.choice(OBJEKT)}", givna))
        return Kommun(nämnder, målsättningar, uppdrag)

    def plans(self, kommun: Kommun) -> None:
        """Each nämnd's målsättningar, mått, kontroller, investeringar and budget for the year."""
        r = self.rng
        mål_ids = list(kommun.målsättningar)
        valda: dict[str, set[str]] = {}
        for nämnd in kommun.nämnder:
            andra = [m for m in mål_ids if m not in ALLTID]
            antal = r.randint(3, 6) if nämnd.har_kedja else 2
            valda[nämnd.id] = set(r.sample(andra, antal)) | (set(ALLTID) if nämnd.har_kedja else set())
        for mål in mål_ids:  # every målsättning of the verksamhetsplan is taken up by some nämnd
            if not any(mål in taken for taken in valda.values()):
                valda[r.choice(kommun.med_kedja).id].add(mål)
        täckta: set[str] = set()
        for nämnd in kommun.nämnder:
            nämnd.målsättningar = [m for m in mål_ids if m in valda[nämnd.id]]
            for mål in nämnd.målsättningar:
                faktorer = kommun.målsättningar[mål][1]
                # each nämnd follows up some framgångsfaktorer; the first nämnd with the goal takes all not yet taken
                if nämnd.har_kedja:  # a bolag reports bedömningar and mått only
                    egna = [f for f, _ in faktorer if f not in täckta or r.random() < 0.5] or [faktorer[0][0]]
                    nämnd.framgångsfaktorer += [(mål, f) for f in egna]
                    täckta.update(egna)
                for namn, enhet, riktning, (low, high) in r.sample(MÅTT, r.randint(1, 3)):
                    utgång = round(r.uniform(low, high), 1)
                    förbättring = (high - low) * r.uniform(0.03, 0.15)
                    målvärde = round(utgång + förbättring if riktning == "högre" else utgång - förbättring, 1)
                    nämnd.mått.append({"id": self.ids.new(f"{nämnd.id}-{namn}"), "namn": namn,
                                       "målsättning": mål, "enhet": enhet, "riktning": riktning,
                                       "målvärde": målvärde, "utgångsvärde": utgång,
                                       "kolada": f"N{r.randint(0, 99999):05d}" if r.random() < 0.4 else None})
            if not nämnd.har_kedja:
                continue
            nämnd.kontroller = [(self.ids.new(f"{nämnd.id}-{k[0]}"), k) for k in r.sample(KONTROLLER, r.randint(3, 6))]
            enheter = sum(1 for _ in nämnd.enheter)
            for _ in range(r.randint(1, 2 + enheter // 40)):
                namn = f"{r.choice(INVESTERINGAR)} {self.prosa.ort()}"
                nämnd.investeringar.append((self.ids.new(f"{nämnd.id}-{namn}"), namn, r.randint(2, 80) * 500))
            periodisering = [100 // 12] * 12
            for i in r.sample(range(12), 100 - sum(periodisering)):
                periodisering[i] += 1
            for _ in range(4):  # move a point from one month to another: shares still sum to 100
                a, b = r.sample(range(12), 2)
                if periodisering[a] > 5:
                    periodisering[a] -= 1
                    periodisering[b] += 1
            nämnd.periodisering = periodisering
        for id_, _, givna in kommun.uppdrag:
            for nid in givna:
                kommun.nämnd(nid).uppdrag.append(id_)

    # -- the fixed files --------------------------------------------------------------------------------------

    def write_config(self, kommun: Kommun) -> None:
        lines = ["kommun: Storåns kommun", 'kommunkod: "1499"', "tolerans: 0.05"]
        if any(n.id == "service" for n in kommun.nämnder):
            lines.append("servicenämnd: service")
        self.writer.write("ale.yaml", lines)

    def write_verksamhetsplan(self, kommun: Kommun) -> None:
        r = self.rng
        sektorer = [n.sektor_id for n in kommun.med_kedja if n.sektor_id]
        lines = [f"beslut: {{organ: KF, datum: {self.dagar.i_månad(r, YEAR - 1, 6)}, paragraf: \"§ 95\"}}",
                 "perspektiv:"]
        for p_id, p_namn, mål in PERSPEKTIV:
            lines += [f"  - id: {p_id}", f"    namn: {scalar(p_namn)}", "    målsättningar:"]
            for mål_id, _, _ in mål:
                namn, faktorer = kommun.målsättningar[mål_id]
                ansvarig = self.prosa.person()
                lines += [f"      - id: {mål_id}", f"        namn: {scalar(namn)}", f"        ansvarig: {ansvarig}",
                          "        framgångsfaktorer:"]
                lines += [f"          - {flow_map({'id': f, 'text': text})}" for f, text in faktorer]
                lines.append("        team:")
                ledare = {"namn": ansvarig, "roll": "ledare", "sektor": r.choice(sektorer)}
                lines.append(f"          - {flow_map(ledare)}")
                for _ in range(r.randint(2, 5)):
                    if r.random() < 0.25:
                        medlem = {"namn": self.prosa.person(), "roll": "medlem",
                                  "organisation": r.choice(ORGANISATIONER)}
                    else:
                        medlem = {"namn": self.prosa.person(), "roll": "medlem", "sektor": r.choice(sektorer)}
                    lines.append(f"          - {flow_map(medlem)}")
        lines.append("uppdrag:")
        for id_, text, givna in kommun.uppdrag:
            lines.append(f"  - {{id: {id_}, text: {scalar(text, flow=True)}, nämnder: {flow_list(givna)}, "
                         f"slutdatum: {YEAR}-12-31}}")
        self.writer.write(f"verksamhetsplan/{YEAR}.yaml", lines)

    def write_nämnd(self, nämnd: Nämnd) -> None:
        r = self.rng
        folder = f"namnder/{nämnd.id}"
        lines = [f"namn: {scalar(nämnd.namn)}", f"typ: {nämnd.typ}"]
        if nämnd.sektor_id:
            lines.append(f"sektor: {nämnd.sektor_id}")
        lines.append("presidium:")
        lines += [f"  - {flow_map({'namn': namn, 'roll': roll})}" for namn, roll in nämnd.presidium]
        self.writer.write(f"{folder}/namnd.yaml", lines)

        plan = [f"beslut: {{datum: {self.dagar.i_månad(r, YEAR - 1, 11)}, paragraf: \"§ {r.randint(90, 160)}\"}}",
                "målsättningar:"]
        for mål in nämnd.målsättningar:
            plan += [f"  - målsättning: {mål}", *long_text("arbetssätt", self.prosa.text(80, 300), 4)]
            faktorer = [f for ägare, f in nämnd.framgångsfaktorer if ägare == mål]
            if faktorer:
                plan.append("    framgångsfaktorer:")
                for faktor in faktorer:
                    plan += [f"      - framgångsfaktor: {faktor}",
                             *long_text("arbetssätt", self.prosa.text(40, 160), 8)]
            måttid = [str(m["id"]) for m in nämnd.mått if m["målsättning"] == mål]
            if måttid:
                plan.append(f"    mått: {flow_list(måttid)}")
        self.writer.write(f"{folder}/{YEAR}/namndplan.yaml", plan)

        lista = ["mått:"]
        for mått in nämnd.mått:
            lista += [f"  - id: {mått['id']}", f"    namn: {scalar(mått['namn'])}",
                      f"    målsättning: {mått['målsättning']}", f"    enhet: {scalar(mått['enhet'])}",
                      f"    riktning: {mått['riktning']}", f"    målvärde: {mått['målvärde']}",
                      f"    utgångsvärde: {mått['utgångsvärde']}"]
            if mått["kolada"]:
                lista.append(f"    kolada: {mått['kolada']}")
        self.writer.write(f"{folder}/{YEAR}/matt.yaml", lista)
        if not nämnd.har_kedja:
            return

        budgetar = {v.id: len(v.enheter) * r.randint(40, 250) * 100 for v in nämnd.verksamheter}
        nämnd.nettokostnad = sum(budgetar.values())
        budget = [f"nettokostnad: {nämnd.nettokostnad}", f"periodisering: {flow_list(nämnd.periodisering)}",
                  "verksamheter:"]
        budget += [f"  {v}: {tkr}" for v, tkr in budgetar.items()]
        budget.append("investeringar:")
        budget += [f"  - {flow_map({'id': id_, 'namn': namn, 'budget': tkr})}"
                   for id_, namn, tkr in nämnd.investeringar]
        self.writer.write(f"{folder}/{YEAR}/budget.yaml", budget)

        beslut = self.dagar.i_månad(r, YEAR - 1, 12)  # at the latest in December the year before (ALE401)
        ikp = [f"beslut: {{datum: {beslut}, paragraf: \"§ {r.randint(150, 200)}\"}}", "kontroller:"]
        for id_, (process, risk, moment, metod) in nämnd.kontroller:
            ikp += [f"  - id: {id_}", f"    process: {scalar(process)}", f"    risk: {scalar(risk)}",
                    f"    sannolikhet: {r.randint(1, 4)}", f"    konsekvens: {r.randint(1, 4)}",
                    f"    kontrollmoment: {scalar(moment)}", f"    metod: {metod}",
                    f"    frekvens: {r.choice(FREKVENSER)}", f"    ansvarig: {r.choice(RÅDSROLLER)}"]
        self.writer.write(f"{folder}/{YEAR}/internkontrollplan.yaml", ikp)

        lines = [f"namn: {scalar(nämnd.sektor_namn)}", f"sektorchef: {nämnd.sektorchef}", f"nämnd: {nämnd.id}",
                 "verksamheter:"]
        for verksamhet in nämnd.verksamheter:
            lines += [f"  - id: {verksamhet.id}", f"    namn: {scalar(verksamhet.namn)}",
                      f"    verksamhetschef: {verksamhet.chef}", "    enheter:"]
            lines += [f"      - {flow_map({'id': e.id, 'namn': e.namn, 'chef': e.chef})}" for e in verksamhet.enheter]
        self.writer.write(f"sektorer/{nämnd.sektor_id}.yaml", lines)

    # -- the months -------------------------------------------------------------------------------------------

    def write_month(self, kommun: Kommun, month: int) -> None:
        """Every nämnd's accumulated ekonomi at the month-end (a bokslut month gets its full file later)."""
        r = self.rng
        period = _month_end(YEAR, month)
        for nämnd in kommun.med_kedja:
            share = nämnd.periodisering[month - 1] / 100
            månad = nämnd.nettokostnad * share * r.uniform(0.94, 1.07)
            utfall = round((nämnd.ekonomi[month - 1]["utfall"] if month > 1 else 0) + månad)  # type: ignore[operator]
            ekonomi: dict[str, object] = {"utfall": utfall}
            if month in (2, 3, 5, 8):
                ekonomi["prognos"] = round(nämnd.nettokostnad * r.uniform(0.97, 1.04))
            if r.random() < 0.3:
                ekonomi["kommentar"] = self.prosa.mening()
            nämnd.ekonomi[month] = ekonomi
            if f"{month:02d}-{period.day:02d}" in self.bokslut:
                continue
            self.writer.write(f"perioder/{period}/namnder/{nämnd.id}.yaml", [f"ekonomi: {flow_map(ekonomi)}"])

    # -- a bokslut: the whole chain ---------------------------------------------------------------------------

    def write_chain(self, kommun: Kommun, period: dt.date) -> None:
        r, dagar = self.rng, self.dagar
        folder = f"perioder/{period}"
        augusti = period.month == 8
        for nämnd in kommun.nämnder:
            if not nämnd.har_kedja:
                self.write_bolag(nämnd, period)
                continue
            sektordag = dagar.mellan(r, period, 13, 15)
            for verksamhet in nämnd.verksamheter:
                verksamhetsdag = dagar.mellan(r, period, 9, 12)
                for enhet in verksamhet.enheter:
                    enhetsdag = dagar.mellan(r, period, 1, 8)
                    self.write_enhet(nämnd, verksamhet, enhet, period, enhetsdag)
                    self.möte(enhetsdag, "enhetsdialog", period, enhet=enhet.id, plats=enhet.namn)
                self.write_verksamhet(nämnd, verksamhet, period, verksamhetsdag)
                self.möte(verksamhetsdag, "verksamhetsdialog", period, verksamhet=verksamhet.id)
            self.write_sektor(nämnd, period, sektordag)
            self.möte(sektordag, "sektorsdialog", period, sektor=nämnd.sektor_id)
            beslut = dagar.mellan(r, period, 16, 20)
            self.write_nämndfil(nämnd, period, beslut)
            self.möte(beslut, "nämndsammanträde", period, nämnd=nämnd.id)
            ledning = dagar.mellan(r, period, 16, 22)
            self.write_dialog(f"{folder}/dialoger/ledningsdialog-{nämnd.sektor_id}.yaml", "ledningsdialog", ledning,
                              {"sektor": nämnd.sektor_id}, ["Förvaltningsledningen", nämnd.sektor_namn])
            self.möte(ledning, "ledningsdialog", period, sektor=nämnd.sektor_id)
            if augusti and nämnd.typ == "nämnd":
                ksau = dagar.mellan(r, period, 22, 35)
                self.write_dialog(f"{folder}/dialoger/ksau-{nämnd.id}.yaml", "ksau", ksau, {"nämnd": nämnd.id},
                                  ["KSAU", f"{nämnd.namn}s presidium"])
                self.möte(ksau, "ksau", period, nämnd=nämnd.id)
            if period.month == 3 and nämnd.id != "service" and any(n.id == "service" for n in kommun.nämnder):
                kund = dagar.mellan(r, period, 10, 30)
                self.write_dialog(f"{folder}/dialoger/kunddialog-{nämnd.id}.yaml", "kunddialog", kund,
                                  {"nämnd": nämnd.id},
                                  ["Servicenämndens arbetsutskott", f"{nämnd.namn}s arbetsutskott"])
                self.möte(kund, "kunddialog", period, nämnd=nämnd.id)
        for mål in kommun.målsättningar:
            dag = dagar.mellan(r, period, 8, 18)
            lines = [f"datum: {dag}", f"bedömning: {self.bedömning()}",
                     *long_text("sammanfattning", self.prosa.text(300, 700), 0), "aktiviteter:"]
            lines += [f"  - {scalar(self.prosa.åtgärd())}" for _ in range(r.randint(2, 5))]
            self.writer.write(f"{folder}/team/{mål}.yaml", lines)
            self.möte(dag, "team", period, målsättning=mål)
        if period.month == 8:
            self.möte(dagar.mellan(r, period, 35, 40), "ks", None, titel="KS behandlar delårsrapporten")
            self.möte(dagar.mellan(r, period, 41, 42), "kf", None, titel="KF behandlar delårsrapporten",
                      plats="Kommunhuset")

    def möte(self, datum: dt.date, typ: str, period: dt.date | None, **about: str | None) -> None:
        if datum.year != YEAR:
            return  # kalender/<år>.yaml holds the year's meetings; a 12-31 chain meets the year after
        möte: dict[str, object] = {"datum": datum}
        if typ in ("enhetsdialog", "verksamhetsdialog", "sektorsdialog", "ksau", "team") and self.rng.random() < 0.7:
            möte["tid"] = f"{self.rng.choice(['08', '09', '10', '13', '14', '15'])}:{self.rng.choice(['00', '30'])}"
        möte["typ"] = typ
        if period is not None:
            möte["period"] = period
        möte.update({k: v for k, v in about.items() if v is not None})
        self.möten.append(möte)

    def write_enhet(self, nämnd: Nämnd, verksamhet: Verksamhet, enhet: Enhet, period: dt.date,
                    datum: dt.date) -> None:
        """An enhetsdialog note: 2–3 kB, as a verksamhetschef and an enhetschef write it."""
        r, p = self.rng, self.prosa
        target = r.randint(2000, 2900)
        sentences = {"sammanfattning": p.meningar(300, 550), "lärdomar": p.meningar(120, 300),
                     "prioriteringar": p.meningar(120, 250), "behov": p.meningar(80, 200),
                     "risker": p.meningar(80, 200)}
        bedömningar = [(mål, self.bedömning(), p.mening())
                       for mål in r.sample(nämnd.målsättningar, min(len(nämnd.målsättningar), r.randint(2, 5)))]
        åtgärder = [(p.åtgärd(), r.choice([enhet.chef, verksamhet.chef]), self.dagar.i_månad(r, YEAR, 12))
                    for _ in range(r.randint(1, 3))]

        def note() -> tuple[list[str], int]:
            fields = {key: " ".join(value) for key, value in sentences.items() if value}
            lines = _dialoganteckning(datum, [verksamhet.chef, enhet.chef], bedömningar, fields, åtgärder)
            return lines, len(("\n".join(lines) + "\n").encode("utf-8"))

        lines, size = note()
        while size < target:  # grow fields by sentences until the note has about the size drawn …
            while size < target:
                added = p.mening()
                sentences[r.choice(sorted(sentences))].append(added)
                size += len(added.encode("utf-8")) + 3  # a space, and now and then a new indented line
            lines, size = note()
        while size > 3000:  # … and keep it within 3 kB
            longest = max(sorted(sentences), key=lambda key: len(sentences[key]))
            sentences[longest].pop()
            lines, size = note()
        self.writer.write(f"perioder/{period}/enheter/{enhet.id}.yaml", lines)

    def write_verksamhet(self, nämnd: Nämnd, verksamhet: Verksamhet, period: dt.date, datum: dt.date) -> None:
        r, p = self.rng, self.prosa
        fields = {"sammanfattning": p.text(500, 1200), "lärdomar": p.text(150, 400),
                  "prioriteringar": p.text(150, 400)}
        if r.random() < 0.5:
            fields["risker"] = p.text(100, 300)
        bedömningar = ([(mål, self.bedömning(), p.mening()) for mål in nämnd.målsättningar]
                       if r.random() < 0.7 else [])  # the rest get a derived bedömning
        åtgärder = [(p.åtgärd(), verksamhet.chef, self.dagar.i_månad(r, YEAR, 12)) for _ in range(r.randint(0, 2))]
        lines = _dialoganteckning(datum, [nämnd.sektorchef, verksamhet.chef], bedömningar, fields, åtgärder)
        self.writer.write(f"perioder/{period}/verksamheter/{verksamhet.id}.yaml", lines)

    def write_sektor(self, nämnd: Nämnd, period: dt.date, datum: dt.date) -> None:
        r, p = self.rng, self.prosa
        fields = {"sammanfattning": p.text(800, 1600), "lärdomar": p.text(200, 500),
                  "prioriteringar": p.text(200, 500), "behov": p.text(150, 400), "risker": p.text(150, 400)}
        bedömningar = [(mål, self.bedömning(), p.mening()) for mål in nämnd.målsättningar]
        åtgärder = [(p.åtgärd(), nämnd.sektorchef, self.dagar.i_månad(r, YEAR, 12)) for _ in range(r.randint(1, 3))]
        deltagare = [nämnd.sektorchef, *(v.chef for v in nämnd.verksamheter[:6])]
        lines = _dialoganteckning(datum, deltagare, bedömningar, fields, åtgärder)
        self.writer.write(f"perioder/{period}/sektorer/{nämnd.sektor_id}.yaml", lines)

    def write_nämndfil(self, nämnd: Nämnd, period: dt.date, beslut: dt.date) -> None:
        r, p = self.rng, self.prosa
        ekonomi = nämnd.ekonomi[period.month]
        lines = [f"beslut: {{datum: {beslut}, paragraf: \"§ {r.randint(20, 120)}\"}}",
                 *long_text("sammanfattning", p.text(500, 1200), 0), "bedömningar:"]
        for mål in nämnd.målsättningar:
            lines += [f"  - målsättning: {mål}", f"    bedömning: {self.bedömning()}",
                      *long_text("kommentar", p.text(80, 300), 4)]
        lines.append("mått:")
        for mått in nämnd.mått:
            lines.append(self._måttrad(mått, period))
        lines.append(f"ekonomi: {flow_map(ekonomi)}")
        lines.append("investeringar:")
        for id_, _, budget in nämnd.investeringar:
            andel = period.month / 12 * r.uniform(0.3, 1.1)
            utfall = {"utfall": round(budget * andel), "prognos": round(budget * r.uniform(0.8, 1.05))}
            lines.append(f"  {id_}: {flow_map(utfall)}")
        if nämnd.uppdrag:
            lines.append("uppdrag:")
            for uppdrag in nämnd.uppdrag:
                status = r.choice(["ej påbörjat", "pågår", "pågår", "klart"])
                lines += [f"  - uppdrag: {uppdrag}", f"    status: {status}",
                          *long_text("kommentar", p.mening(), 4)]
        if period.month in (8, 12):  # internkontroll is reported with the August report and the årsbokslut
            lines.append("internkontroll:")
            for kontroll, _ in nämnd.kontroller:
                resultat = r.choices(["utan anmärkning", "avvikelse", "ej genomförd"], [70, 25, 5])[0]
                lines += [f"  {kontroll}:", f"    resultat: {resultat}", *long_text("kommentar", p.mening(), 4)]
                if resultat == "avvikelse":
                    lines.append(f"    åtgärd: {scalar(p.åtgärd())}")
        lines.append("framgångsfaktorer:")
        for _, faktor in nämnd.framgångsfaktorer:
            lines += long_text(faktor, p.text(80, 250), 2)
        lines.append("åtgärder:")
        for _ in range(r.randint(1, 4)):
            lines += [f"  - åtgärd: {scalar(p.åtgärd())}", f"    ansvarig: {r.choice(RÅDSROLLER)}",
                      f"    slutdatum: {self.dagar.i_månad(r, YEAR, 12)}"]
        lines.append("händelser:")
        lines += [f"  - {scalar(p.mening())}" for _ in range(r.randint(1, 4))]
        self.writer.write(f"perioder/{period}/namnder/{nämnd.id}.yaml", lines)

    def _måttrad(self, mått: dict[str, object], period: dt.date) -> str:
        r = self.rng
        if r.random() < 0.15:
            return f"  {mått['id']}: {flow_map({'utfall': None, 'kommentar': 'Mäts i december'})}"
        utgång, mål = float(mått["utgångsvärde"]), float(mått["målvärde"])  # type: ignore[arg-type]
        return f"  {mått['id']}: {round(utgång + (mål - utgång) * r.uniform(-0.3, 1.3), 1)}"

    def write_bolag(self, nämnd: Nämnd, period: dt.date) -> None:
        p = self.prosa
        lines = [*long_text("sammanfattning", p.text(300, 800), 0), "bedömningar:"]
        for mål in nämnd.målsättningar:
            lines += [f"  - målsättning: {mål}", f"    bedömning: {self.bedömning()}",
                      *long_text("kommentar", p.mening(), 4)]
        lines.append("mått:")
        lines += [self._måttrad(mått, period) for mått in nämnd.mått]
        self.writer.write(f"perioder/{period}/namnder/{nämnd.id}.yaml", lines)

    def write_dialog(self, rel: str, typ: str, datum: dt.date, about: dict[str, str | None],
                     deltagare: list[str]) -> None:
        r, p = self.rng, self.prosa
        lines = [f"typ: {typ}", f"datum: {datum}", *(f"{k}: {v}" for k, v in about.items()),
                 f"deltagare: {flow_list(deltagare)}", *long_text("anteckningar", p.text(400, 1200), 0),
                 "överenskommelser:"]
        lines += [f"  - {scalar(p.åtgärd())}" for _ in range(r.randint(1, 4))]
        self.writer.write(rel, lines)

    def write_kalender(self) -> None:
        möten = sorted(self.möten, key=lambda m: (m["datum"], str(m.get("tid", "")), str(m["typ"]),
                                                  json.dumps(m, default=str, ensure_ascii=False)))
        self.writer.write(f"kalender/{YEAR}.yaml", ["möten:", *(f"  - {flow_map(m)}" for m in möten)])


def _dialoganteckning(datum: dt.date, deltagare: list[str], bedömningar: list[tuple[str, str, str]],
                      fields: dict[str, str], åtgärder: list[tuple[str, str, dt.date]]) -> list[str]:
    lines = [f"dialog: {{datum: {datum}, deltagare: {flow_list(deltagare)}}}"]
    if bedömningar:
        lines.append("bedömningar:")
        for mål, bedömning, kommentar in bedömningar:
            lines += [f"  - målsättning: {mål}", f"    bedömning: {bedömning}", *long_text("kommentar", kommentar, 4)]
    for key in ("sammanfattning", "lärdomar", "prioriteringar", "behov", "risker"):
        if key in fields:
            lines += long_text(key, fields[key], 0)
    if åtgärder:
        lines.append("åtgärder:")
        for åtgärd, ansvarig, slutdatum in åtgärder:
            lines += [f"  - åtgärd: {scalar(åtgärd)}", f"    ansvarig: {ansvarig}", f"    slutdatum: {slutdatum}"]
    return lines


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _spread(total: int, weights: Sequence[float], rng: random.Random) -> list[int]:
    """`total` split over len(weights) bins in proportion to the weights, every bin at least 1."""
    count = len(weights)
    rest = total - count
    scale = sum(weights)
    shares = [rest * w / scale for w in weights]
    result = [1 + math.floor(s) for s in shares]
    left = total - sum(result)
    order = sorted(range(count), key=lambda i: (-(shares[i] - math.floor(shares[i])), rng.random()))
    for i in order[:left]:
        result[i] += 1
    return result


def generate(root: Path, enheter: int, seed: int = 1, bokslut: Sequence[str] = BOKSLUT_DEFAULT) -> Writer:
    """Write the repository into `root` (which must be empty or missing); returns the files and bytes written."""
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} finns och är inte tom")
    root.mkdir(parents=True, exist_ok=True)
    return Generator(root, enheter, seed, tuple(bokslut)).run()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder to write (empty or missing)")
    parser.add_argument("--enheter", type=int, required=True, help="number of enheter, e.g. 2500")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--chains", default=",".join(BOKSLUT_DEFAULT),
                        help="the bokslut periods (MM-DD) with a full dialogue chain (default 03-31,08-31; "
                             "add 12-31 for the årsbokslut)")
    args = parser.parse_args(argv)
    if args.enheter < 1:
        parser.error("--enheter must be at least 1")
    chains = tuple(c.strip() for c in args.chains.split(",") if c.strip())
    for chain in chains:
        if chain not in ("03-31", "08-31", "12-31"):
            parser.error(f"--chains: {chain} is not a bokslut (03-31, 08-31 or 12-31)")
    try:
        written = generate(args.out, args.enheter, args.seed, chains)
    except FileExistsError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    print(f"{args.out}: {written.files} files, {written.bytes / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
