"""The files of a new data repository (`ale init`): configuration, a verksamhetsplan to fill, the folders, CI.

Everything is text from templates here; the repository validates clean as created. User values (the kommun's
name) go in as JSON-quoted scalars, which YAML reads as they are.
"""

from __future__ import annotations

import json

from ale_cli.drafts import comment, quoted
from ale_cli.markdown import escape_markdown
from ale_cli.schemas import all_schemas, vscode_settings

# Where CI installs ale from. A kommun changes it to its own source (`ale init` says so).
INSTALL = "ale-cli @ git+https://github.com/ORGANISATION/ale"


def files(kommun: str, kommunkod: str, år: int) -> dict[str, str]:
    """Path in the new repository → content."""
    result = {
        "ale.yaml": _ale_yaml(kommun, kommunkod),
        f"verksamhetsplan/{år}.yaml": _verksamhetsplan(år),
        f"kalender/{år}.yaml": _kalender(år),
        **{f"{folder}/README.md": text for folder, text in _FOLDER_README.items()},
        **{f"schemas/{name}": content for name, content in all_schemas().items()},
        ".vscode/settings.json": _vscode_settings(),
        ".vscode/extensions.json": json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n",
        ".github/workflows/ale.yml": _GITHUB,
        ".gitlab-ci.yml": _GITLAB,
        ".pre-commit-config.yaml": _PRE_COMMIT,
        ".editorconfig": _EDITORCONFIG,
        ".gitattributes": "# LF-radslut också på Windows: en redigerare som byter radslut ändrar då inte varje rad.\n"
                          "*.yaml text eol=lf\n*.yml text eol=lf\n*.md text eol=lf\n",
        ".gitignore": "# Rapporter, CI-utdata och ales cache byggs från datat och checkas inte in.\n*.pdf\n"
                      "gl-code-quality-report.json\nale-junit.xml\nale.sarif\n.ale-cache/\n",
        "README.md": _readme(kommun, år),
    }
    return result


def _ale_yaml(kommun: str, kommunkod: str) -> str:
    return f"""\
# Inställningar för ale: kommunen och hur uppföljningen bedöms och kontrolleras.
kommun: {quoted(kommun)}
kommunkod: {quoted(kommunkod)}

# Ett mått som ligger inom toleransen från sitt målvärde räknas som delvis uppfyllt (0.05 = 5 %).
tolerans: 0.05

# Nämnden vars arbetsutskott håller den årliga kunddialogen med varje annan nämnd (nämndens id):
# servicenämnd: service

# Gör en varning till ett fel, eller stäng av den, i 'ale validate': kod: fel | varning | av.
# diagnostik:
#   ALE411: fel
"""


def _verksamhetsplan(år: int) -> str:
    return f"""\
# Verksamhetsplan {år}: kommunfullmäktiges strategiska målsättningar, grupperade i perspektiv, och KF:s uppdrag.
# Nämnderna utgår från den i sina nämndplaner (namnder/<nämnd>/{år}/namndplan.yaml).
# Rader som börjar med # läses inte av ale; ta bort '# ' i början av en rad för att använda den.
# Kontrollera filen med: ale validate

# ÄNDRA: datum och paragraf för KF:s beslut om planen.
beslut:
  organ: KF
  datum: {år - 1}-12-31
  # paragraf: "§ "

# Perspektiven (målområdena). Under varje perspektiv: målsättningarna, med id (små bokstäver a–z, siffror
# och '-'), namn, målsättningsansvarig, framgångsfaktorer och det tvärsektoriella teamet.
perspektiv:
  - id: social
    namn: Social hållbarhet
    # målsättningar:
    #   - id: god-utbildning
    #     namn: God utbildning för alla
    #     ansvarig: Förnamn Efternamn  # målsättningsansvarig
    #     framgångsfaktorer:
    #       - {{id: tidiga-insatser, text: Tidiga och samordnade insatser för barn och unga}}
    #     team:  # det tvärsektoriella teamet; externa parter anges med organisation
    #       - {{namn: Förnamn Efternamn, roll: ledare, sektor: utbildning}}
    #       - {{namn: Förnamn Efternamn, roll: medlem, organisation: Västra Götalandsregionen}}
  - id: ekologisk
    namn: Ekologisk hållbarhet
  - id: ekonomisk
    namn: Ekonomisk hållbarhet

# KF:s uppdrag till nämnderna, med slutdatum. Nämnderna redovisar status vid varje bokslut.
# uppdrag:
#   - {{id: kf-{år}-01, text: Utred en fritidsbank, nämnder: [kultur-och-fritid], slutdatum: {år}-12-31}}
"""


def _kalender(år: int) -> str:
    return f"""\
# Planerade möten {år}: dialoger, nämndsammanträden, KS och KF. 'ale calendar' visar dem med status, och
# 'ale new' hämtar dialogens datum härifrån.
# typ: enhetsdialog | verksamhetsdialog | sektorsdialog | nämndsammanträde | ksau | kunddialog
#      | ledningsdialog | team | ks | kf
# Byt [] mot en lista, en rad per möte, till exempel:
# möten:
#   - {{datum: {år}-09-07, tid: "09:00", typ: enhetsdialog, period: {år}-08-31, enhet: ahaga-skola}}
#   - {{datum: {år}-10-06, typ: ksau, period: {år}-08-31, nämnd: utbildning}}
möten: []
"""


_FOLDER_README = {
    "namnder": """\
# Nämnder

En mapp per nämnd, styrelse och bolag, med id som namn (små bokstäver a–z, siffror och `-`):

- `namnder/<nämnd>/namnd.yaml` – namn, typ (`nämnd`, `styrelse` eller `bolag`), sektor och presidium
- `namnder/<nämnd>/<år>/namndplan.yaml` – hur nämnden arbetar med varje målsättning, och med vilka mått
- `namnder/<nämnd>/<år>/matt.yaml` – måtten med målvärden
- `namnder/<nämnd>/<år>/budget.yaml` – nettokostnad i tkr, periodisering och investeringar
- `namnder/<nämnd>/<år>/internkontrollplan.yaml` – beslutas senast i december året före
""",
    "sektorer": """\
# Sektorer

En fil per sektor, `sektorer/<sektor>.yaml`: sektorchef, nämnd, och sektorns verksamheter med
verksamhetschef och enheter med enhetschef.
""",
    "perioder": """\
# Perioder

En mapp per period, uppkallad efter periodens sista dag (`perioder/2020-08-31/`), med nämndernas uppföljning
och dialogkedjans anteckningar: `enheter/`, `verksamheter/`, `sektorer/`, `namnder/`, `dialoger/` och `team/`.

Börja inte från en tom fil: `ale new period 2020-08-31` visar vilka filer som saknas och skapar dem
förifyllda med `--write`; `ale new dialog --period 2020-08-31 --enhet <id>` skapar en enda.
""",
    "kalender": """\
# Kalender

`kalender/<år>.yaml`: årets planerade dialoger och sammanträden. `ale calendar` visar dem tillsammans med
processens frister och vilka dialoger som är genomförda.
""",
}


def _vscode_settings() -> str:
    settings = json.loads(vscode_settings("./schemas"))
    settings.update({
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.autoIndent": "keep"},
    })
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


_GITHUB = f"""\
# Kör 'ale validate' på varje pull request: gör kontrollen obligatorisk under
# Settings → Branches → Branch protection rules → Require status checks ("ale / validate").
name: ale
on:
  pull_request:
  push:
    branches: [main]  # huvudgrenen: byt namnet om er heter något annat
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with: {{fetch-depth: 0}}  # hela historiken: --changed-since jämför med pull requestens bas
      - uses: actions/setup-python@v6
        with: {{python-version: "3.12"}}
      # Ändra till platsen där ni hämtar ale, gärna med en version sist (…/ale@v0.1.0).
      - run: pip install "{INSTALL}"
      # ale sparar vad den läst i .ale-cache/ och läser oförändrade filer därifrån nästa gång. Cachen
      # blir aldrig inaktuell och kan tas bort när som helst.
      - uses: actions/cache/restore@v5
        with:
          path: .ale-cache
          key: ale-${{{{ github.sha }}}}
          restore-keys: ale-
      # I en pull request: felen i de ändrade filerna och de fel ändringen orsakar i andra filer, vid raderna
      # och som en sammanfattning i körningen. Annars hela repositoriet.
      - if: github.event_name == 'pull_request'
        run: ale validate --format auto --cache .ale-cache --changed-since "origin/${{{{ github.base_ref }}}}"
      - if: github.event_name != 'pull_request'
        run: ale validate --format auto --cache .ale-cache
      # Cachen sparas också när kontrollen hittar fel: nästa körning i pull requesten läser då från den.
      - uses: actions/cache/save@v5
        if: always()
        with:
          path: .ale-cache
          key: ale-${{{{ github.sha }}}}
      # Vill ni också se felen under Security → Code scanning: lägg till 'security-events: write' (och i ett
      # privat repositorium 'actions: read') under permissions och ta bort '# ' framför raderna nedan.
      # - run: ale validate --format sarif --cache .ale-cache > ale.sarif
      #   if: always()
      # - uses: github/codeql-action/upload-sarif@v4
      #   if: always()
      #   with: {{sarif_file: ale.sarif}}
"""

_GITLAB = f"""\
# Kör 'ale validate' i GitLab CI. Felen visas i merge requesten (Code Quality och testrapporten) och i loggen.
ale-validate:
  image: python:3.12
  # ale sparar vad den läst i .ale-cache/ och läser oförändrade filer därifrån nästa gång (också i samma jobb).
  # Cachen blir aldrig inaktuell och kan tas bort när som helst. Den sparas också när kontrollen hittar fel.
  cache:
    key: ale
    paths: [.ale-cache/]
    when: always
  script:
    # Ändra till platsen där ni hämtar ale, gärna med en version sist (…/ale@v0.1.0).
    - pip install "{INSTALL}"
    - ale validate --format gitlab --cache .ale-cache > gl-code-quality-report.json || true
    - ale validate --format junit --cache .ale-cache > ale-junit.xml || true
    - ale validate --cache .ale-cache
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
      junit: ale-junit.xml
"""

_PRE_COMMIT = """\
# Kontrollera filerna innan de checkas in: 'pip install pre-commit' och sedan 'pre-commit install'.
# Kroken använder den ale som är installerad på datorn (se README.md). Den sparar vad den läst i .ale-cache/
# (som Git inte ser) och läser oförändrade filer därifrån nästa gång, vilket går fortare i ett stort repositorium.
repos:
  - repo: local
    hooks:
      - id: ale-validate
        name: ale validate
        entry: ale validate --cache .ale-cache
        language: system
        # Hela repositoriet varje gång, också när en fil bara tas bort: en ändring i en fil kan göra en
        # referens i en annan fel, och det syns bara när alla filer kontrolleras.
        pass_filenames: false
        always_run: true
"""

_EDITORCONFIG = """\
# Samma filformat i alla redigerare: UTF-8, LF och två mellanslag som indrag i YAML.
root = true

[*]
charset = utf-8
end_of_line = lf
insert_final_newline = true
trim_trailing_whitespace = true

[*.{yaml,yml}]
indent_style = space
indent_size = 2
"""


def _readme(kommun: str, år: int) -> str:
    name = escape_markdown(comment(kommun))
    genitive = name if name.endswith(("s", "x", "z")) else name + "s"
    return f"""\
# Planering och uppföljning – {name}

Här finns {genitive} verksamhetsplan, nämndplaner, mått, budgetar, internkontrollplaner och dialoganteckningar
som textfiler (YAML). Verktyget [ale](https://github.com/ORGANISATION/ale) kontrollerar dem och sammanställer
delårsrapporter och årsbokslut.

## Installera ale

Med Python 3.11 eller senare: `pip install "{INSTALL}"` (samma plats som i CI-filerna,
`.github/workflows/ale.yml` och `.gitlab-ci.yml`). På Windows: skriv `py -m pip install …` om `pip` inte hittas,
och `py -m ale_cli …` i stället för `ale …` om `ale` inte hittas.

## Så här skriver du

1. Hämta repositoriet och skapa en gren för dina ändringar.
2. Skapa din fil förifylld i stället för att börja från en tom:
   `ale new dialog --period {år}-08-31 --enhet <enhetens id>` (eller `--verksamhet`, `--sektor`, `--nämnd`).
   `ale new period {år}-08-31` visar vilka filer som saknas för perioden.
3. Fyll i filen. Rader som börjar med `#` är kommentarer; ta bort `# ` framför en rad för att använda den.
4. Kontrollera: `ale validate`. Varje problem anges med fil, rad och kolumn och ett tips.
5. Öppna en pull request (merge request). Samma kontroll körs där och visar felen vid raderna.

Redigerare som Visual Studio Code kompletterar fälten när du skriver (mappen `schemas/`, tillägget YAML).
Efter en ny version av ale: kör `ale schema` här, så att redigeraren markerar det som `ale validate` markerar.

## Mappar

| mapp | innehåll |
| --- | --- |
| `ale.yaml` | kommunen och inställningar |
| `verksamhetsplan/` | KF:s verksamhetsplan per år: perspektiv, målsättningar, framgångsfaktorer, uppdrag |
| `namnder/` | nämnderna och deras nämndplaner, mått, budgetar och internkontrollplaner per år |
| `sektorer/` | sektorerna med verksamheter och enheter |
| `perioder/` | uppföljningen per period: nämnderna och dialogkedjan |
| `kalender/` | planerade dialoger och sammanträden |

## Vanliga kommandon

| kommando | gör |
| --- | --- |
| `ale validate` | kontrollerar allt; slutkod 0 utan fel |
| `ale status --period {år}-08-31` | vem som har levererat vad för perioden |
| `ale report --period {år}-08-31 --format pdf` | delårsrapporten som PDF |
| `ale calendar` | kommande dialoger och frister |
"""
