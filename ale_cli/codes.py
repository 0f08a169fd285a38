"""What each diagnostic code means and how it is put right, as docs/diagnostics.md tells it (a test keeps the two
the same): for the formats that describe their rules to the program that shows them, such as SARIF."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    allvar: str  # fel | varning, as the code is given (ale.yaml may change a warning into an error)
    vad: str  # what it finds, in Markdown as in the table
    rättning: str  # how it is put right


CODES: dict[str, Code] = {
    "ALE001": Code(
        "fel",
        "YAML-syntaxfel (också konfliktmarkeringar från Git), eller en fil som är för djupt nästlad",
        "sätt texten inom citattecken, kontrollera indrag och kolon"),
    "ALE002": Code(
        "fel",
        ("filen är inte UTF-8 (eller UTF-16 med BOM): Windows-1252/Latin-1, UTF-16 utan BOM, UTF-32; eller "
         "innehåller NUL-tecken, ett styrtecken som inte får stå i en YAML-fil (U+001B …), eller tecknen U+0085, "
         "U+2028, U+2029 som program räknar olika som radbrytning, eller en BOM (U+FEFF) efter filens början"),
        "spara om filen som UTF-8; ersätt U+2028 med en vanlig radbrytning"),
    "ALE003": Code(
        "fel",
        "samma nyckel två gånger i en mappning",
        "ta bort eller slå ihop den ena"),
    "ALE004": Code(
        "fel",
        "filen är tom (eller bara kommentarer)",
        "fyll i filen eller ta bort den"),
    "ALE005": Code(
        "fel",
        ("tabbtecken i indraget, eller ett mellanslag som inte är det vanliga (hårt mellanslag U+00A0, U+200B …, "
         "som följer med text från Word, Outlook och Teams) i indraget, efter kolon eller `-`, eller i ett fältnamn"),
        "ersätt tabben eller tecknet med ett vanligt mellanslag"),
    "ALE006": Code(
        "fel",
        ("ankare och alias (`&`, `*`), sammanslagningsnyckeln `<<`, en YAML-tagg (`!include`, `!!binary`, `!!set`,"
         " ett värde som inte passar `!!int` …) eller direktivet `%YAML 1.1` (filerna läses som YAML 1.2)"),
        "skriv ut värdet där det behövs; ta bort taggen eller direktivet"),
    "ALE007": Code(
        "fel",
        "flera YAML-dokument (`---`) i en fil",
        "dela upp filen"),
    "ALE008": Code(
        "varning",
        ("en YAML-fil på en plats som formatet inte känner till; en fil i en datamapp som ser ut att vara data men "
         "inte slutar på .yaml eller .yml (`.yaml.txt`, `.yaml.bak`, `.yaml.orig`, `.json`)"),
        "flytta eller döp om filen som tipset säger, eller ta bort den"),
    "ALE009": Code(
        "fel",
        "fil- eller mappnamn med annat än a–z, 0–9 och `-` (också mellanslag och `.YAML`, `.Yml`)",
        ("byt namn, till exempel `ahaga-skola.yaml`; ta bort en kopia (`ahaga-skola - Kopia.yaml`) eller för in det "
         "som skiljer i originalet")),
    "ALE010": Code(
        "fel",
        "en nyckel som inte är text (ett tal, ett datum)",
        "sätt nyckeln inom citattecken"),
    "ALE011": Code(
        "fel",
        ("filen kan inte läsas: en mapp där en fil väntas (`x.yaml/`), saknade rättigheter, ingen vanlig fil, "
         "större än 4 MB, en länk ut ur repositoriet, en länk tillbaka upp i sin egen mapp, två länkar till samma "
         "mapp, en länk som går i en slinga eller pekar på något som inte finns"),
        "ersätt länken med filen, rätta rättigheterna, dela upp filen"),
    "ALE012": Code(
        "fel",
        "filens översta nivå är inte nycklar med värden",
        "skriv filen som `nyckel: värde`"),
    "ALE013": Code(
        "varning",
        ("text som en `#` skär av i ett värde utan citattecken (`kommentar: Klart #2`, `kommentar: #2 är klar`): "
         "YAML läser resten av raden som en kommentar; en kommentar ett mellanslag från värdet, eller utan "
         "mellanslag efter `#` (inte fältets värden som `ale new` skriver dem efter värdet: "
         "`status: klart # ej påbörjat | pågår | klart | avbrutet`)"),
        "sätt texten inom citattecken, eller skriv kommentaren på en egen rad"),
    "ALE014": Code(
        "varning",
        ("en lista som klistrats in i en text vars rader YAML läser ihop till en (en text över flera rader utan "
         "`|`, eller med `>`): en rad som börjar med en punkt (•), två som börjar med ett tankstreck (–) eller "
         "bindestreck (`-`), eller rader som börjar med tal i följd (`1.`, `2.`); inte en rad efter en tom rad, "
         "eller i en `>`-text en rad som är mer indragen än texten, som YAML behåller"),
        "skriv `|` efter nyckelns kolon, så behålls textens rader"),
    "ALE201": Code(
        "fel",
        "fel typ: text där ett tal väntas, en lista där en mappning väntas …",
        "skriv talet utan enhet och citattecken"),
    "ALE202": Code(
        "fel",
        "ett obligatoriskt fält saknas",
        "lägg till fältet"),
    "ALE203": Code(
        "fel",
        "okänt fält, med det närmaste tillåtna föreslaget",
        "stava fältet som i formatet (med å, ä, ö)"),
    "ALE204": Code(
        "fel",
        ("ett värde utanför en fast mängd; under `diagnostik:` i `ale.yaml` också `varning` eller `av` för en kod "
         "som är ett fel"),
        "välj ett av de tillåtna värdena i tipset; rätta felet i stället för att ställa om det"),
    "ALE205": Code(
        "fel",
        "ogiltigt datum",
        "skriv ett riktigt datum, ÅÅÅÅ-MM-DD"),
    "ALE206": Code(
        "fel",
        ("ogiltigt värde: fel form (kommunkod, tid, Kolada-id), utanför gränser, NaN/oändligt, ett tal från 10^15"
         " (en miljon miljarder), ett heltal med fler än 4 300 siffror, ett styrtecken i ett värde (`\"\\e\"`, "
         "`\"\\x07\"` …; bara tabb och radbrytning är tillåtna), en `sluttid` som inte ligger efter mötets `tid`"),
        "se tipset"),
    "ALE207": Code(
        "fel",
        "ett id med annat än a–z, 0–9 och `-`",
        "skriv id:t med små bokstäver och bindestreck"),
    "ALE208": Code(
        "fel",
        "tom text där text krävs",
        "skriv en text eller ta bort fältet"),
    "ALE301": Code(
        "fel",
        ("en referens till ett id som inte finns, eller en kod under `diagnostik:` i `ale.yaml` som inte finns, med "
         "det närmaste föreslaget; en målsättning, framgångsfaktor eller ett uppdrag ur ett annat års "
         "verksamhetsplan, med det året; ett mått, en kontroll eller en investering som nämndens egen fil "
         "(`matt.yaml`, `internkontrollplan.yaml`, `budget.yaml`) inte tar upp, med filen och dess id:n"),
        "rätta id:t eller koden"),
    "ALE302": Code(
        "fel",
        "ett id som redan används av samma slag",
        "byt id på det ena"),
    "ALE303": Code(
        "fel",
        "en periodfil vars namn inte anger en känd enhet, verksamhet, sektor, nämnd eller målsättning",
        "döp filen efter id:t"),
    "ALE304": Code(
        "fel",
        "en period som inte är en månads sista dag",
        "byt namn på mappen"),
    "ALE305": Code(
        "fel",
        "ett år utan verksamhetsplan",
        "lägg till `verksamhetsplan/2021.yaml`"),
    "ALE306": Code(
        "fel",
        "ett mått, en kontroll, en investering eller ett uppdrag som hör till en annan nämnd",
        "redovisa det i rätt nämnds fil"),
    "ALE308": Code(
        "fel",
        ("nämnd och sektor pekar inte på varandra (också en sektor vars nämnd inte anger den, eller en andra "
         "sektor för samma nämnd); ett bolag med sektor"),
        "rätta `sektor` eller `nämnd`"),
    "ALE309": Code(
        "fel",
        ("en dialog som inte anger nämnd (KSAU, kunddialog) eller sektor (ledningsdialog); ett möte i kalendern "
         "som inte anger vem det gäller med den nyckel som dess `typ` har: `nämnd` för KSAU, kunddialog och "
         "nämndsammanträde; `sektor` för ledningsdialog och sektorsdialog; `verksamhet` för verksamhetsdialog; "
         "`enhet` för enhetsdialog; `målsättning` för team (KS och KF anger ingen)"),
        "lägg till nyckeln som typen har (`nämnd:`, `sektor:` …)"),
    "ALE310": Code(
        "fel",
        ("en enhet eller verksamhet som enligt sitt `från` eller `till` i sektorsfilen inte finns vid periodens "
         "slut (en periodfil, ett möte med period), varken på mötets dag eller vid bokslutet före den (ett möte "
         "utan period), eller under budgetens år (budgetens `verksamheter`); eller vars `till` ligger före `från`, "
         "eller en enhet som bara skulle finnas när dess verksamhet inte gör det"),
        "rätta `från`/`till`, eller ta bort filen, mötet eller budgetposten"),
    "ALE311": Code(
        "varning",
        ("ett mått som nämndplanen tar upp under en annan målsättning än den som måttet följer upp enligt "
         "`matt.yaml`: rapporten visar det bara under den senare"),
        "flytta måttet till rätt målsättning i nämndplanen, eller rätta `målsättning` i `matt.yaml`"),
    "ALE401": Code(
        "varning",
        "internkontrollplanen beslutad efter december året före, eller före det året",
        "besluta planen senast i december"),
    "ALE402": Code(
        "fel",
        "budgeten per verksamhet summerar inte till nettokostnaden",
        "rätta fördelningen"),
    "ALE403": Code(
        "fel",
        "periodiseringen har inte 12 andelar som summerar till 100 (på avrundningen till hundradelar när)",
        "justera andelarna"),
    "ALE404": Code(
        "varning",
        "en nämnds ackumulerade utfall minskar från en månad till nästa (inte för bolag)",
        "skriv årets ackumulerade utfall, inte månadens"),
    "ALE405": Code(
        "fel",
        ("en dialog, teamrapport eller ett nämndbeslut om perioden daterat på eller före periodens sista dag "
         "(kunddialogen, en gång per år, undantagen)"),
        "rätta datumet eller mappen"),
    "ALE406": Code(
        "varning",
        "internkontrollresultat i en annan period än augusti eller december",
        "flytta resultaten"),
    "ALE407": Code(
        "fel",
        "sannolikhet eller konsekvens utanför 1–4",
        "välj 1–4"),
    "ALE408": Code(
        "varning",
        "dialogkedjans ordning: en högre nivå daterad före en lägre",
        "rätta datumen"),
    "ALE409": Code(
        "varning",
        "en bedömning av en målsättning som nämnden inte tar upp i sin nämndplan",
        "bedöm nämndplanens målsättningar eller lägg till målsättningen där"),
    "ALE410": Code(
        "fel",
        ("samma målsättning bedömd, eller samma uppdrag uppföljt, två gånger i en fil; samma målsättning två gånger "
         "i en nämndplan, eller samma framgångsfaktor eller mått två gånger under en målsättning där"),
        "slå ihop de två till en"),
    "ALE411": Code(
        "varning",
        "ett möte i kalendern på en lördag, söndag, helgdag eller midsommar-, jul- eller nyårsafton",
        "kontrollera datumet"),
    "ALE412": Code(
        "varning",
        "ett personnummer eller samordningsnummer (giltigt datum och kontrollsiffra) i en fil",
        "ta bort numret; dialoganteckningar får inte identifiera enskilda"),
    "ALE413": Code(
        "fel",
        ("en KSAU-dialog med kommunstyrelsen själv, eller en kunddialog med servicenämnden själv, eller någon av dem "
         "med ett bolag (anteckning eller kalender); ett bolag som servicenämnd i ale.yaml"),
        "ange nämnden som dialogen hålls med"),
    "ALE414": Code(
        "varning",
        "ett möte i `kalender/<år>.yaml` daterat mer än ett år från kalenderns år",
        "rätta årtalet"),
    "ALE415": Code(
        "varning",
        ("en dialoganteckning (KSAU-dialog, kunddialog, ledningsdialog) med anteckningar eller överenskommelser, "
         "eller en teamrapport med bedömning, sammanfattning eller aktiviteter, men utan `datum`: den räknas som "
         "inte hållen och rapporten visar den inte"),
        "skriv dagen dialogen hölls eller rapporten lämnades under `datum`"),
    "ALE416": Code(
        "varning",
        ("en prognos, för ekonomin eller en investering, i årsbokslutets uppföljning (`perioder/<år>-12-31/namnder/`): "
         "årets utfall är slutligt, och rapporten visar ingen prognos"),
        "ta bort prognosen"),
    "ALE417": Code(
        "varning",
        ("en andra KSAU-dialog eller kunddialog med samma nämnd samma år (i en annan periods `dialoger/`): de hålls en "
         "gång per år"),
        "behåll en av anteckningarna"),
}
