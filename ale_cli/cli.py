"""The `ale` command line: thin Typer commands that parse options, call one function, return an exit code.

Exit codes: 0 clean (warnings allowed), 1 findings, 2 usage, 3 internal error. Each command imports its module
when it runs, so that `ale validate` in a pre-commit hook does not pay for the PDF and calendar libraries.
"""

from __future__ import annotations

import codecs
import contextlib
import enum
import io
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ale_cli.diagnostics import did_you_mean
from ale_cli.errors import USAGE, Interrupted, told


def _swedish_help_words() -> None:
    """Typer's headings and notes in --help, in Swedish: its module of help texts keeps them as names, read when
    the help is written (imported here, and only here: it costs a fifth of a second)."""
    from typer import rich_utils

    for name, text in _HELP_WORDS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)


_HELP_WORDS = {"ARGUMENTS_PANEL_TITLE": "Argument", "OPTIONS_PANEL_TITLE": "Alternativ",
               "COMMANDS_PANEL_TITLE": "Kommandon", "DEFAULT_STRING": "[standard: {}]",
               "REQUIRED_LONG_STRING": "[krävs]", "ENVVAR_STRING": "[miljövariabel: {}]",
               "DEPRECATED_STRING": "(utgår) "}
_USAGE = "Användning: "
_HELP_OPTION = "Visa den här hjälpen och avsluta."


# For the type checker the mixin is a command; at run time it stands before Typer's command or group class.
if TYPE_CHECKING:
    _CommandBase = TyperCommand
else:
    _CommandBase = object


class _SwedishHelp(_CommandBase):
    """A command or group whose --help is in Swedish throughout, not only where ale wrote the text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = "[ALTERNATIV]"
        if getattr(self, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            self.subcommand_metavar = "KOMMANDO [ARGUMENT]..."
        for param in self.params:
            if param.param_type_name == "argument":
                # its Swedish name says what it is (MAPP, PERIOD); newer Typer adds the type in English (<dir>)
                setattr(param, "display_type_rich", _no_type)  # noqa: B010

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_USAGE)

    def get_help_option(self, ctx: Any) -> Any:
        return _swedish_help_option(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _swedish_help_words()
        super().format_help(ctx, formatter)


class _Command(_SwedishHelp, TyperCommand):
    """A command of `ale`, its --help in Swedish."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None  # said by main, as Typer would end with 130 without a word


class _Group(_SwedishHelp, TyperGroup):
    """`ale` and `ale new`, their --help in Swedish."""


def _no_type(ctx: Any) -> None:
    return None


def _swedish_help_option(option: Any) -> Any:
    if option is not None:
        option.help = _HELP_OPTION
        option.metavar = ""  # a flag: no value to describe
    return option


app = typer.Typer(
    cls=_Group,
    name="ale",
    help="Planering och uppföljning som kod: validerar, sammanställer och rapporterar en kommuns planer och dialoger.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

class ValidateFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"
    junit = "junit"
    auto = "auto"


class CalendarFormat(enum.StrEnum):
    table = "table"
    ics = "ics"
    json = "json"


class ReportFormat(enum.StrEnum):
    md = "md"
    pdf = "pdf"
    json = "json"


class StatusFormat(enum.StrEnum):
    table = "table"
    json = "json"
    md = "md"



def _show_version(value: bool) -> None:
    if value:
        from ale_cli import __version__

        print(f"ale {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", metavar="", help="Visa vilken version av ale som körs och avsluta.", is_eager=True,
        callback=_show_version)] = False) -> None:
    """Planering och uppföljning som kod: validerar, sammanställer och rapporterar en kommuns planer och dialoger."""


RepoOption = Annotated[
    Path | None,
    typer.Option("--repo", metavar="MAPP", file_okay=False,
                 help="Datarepositoriet (mappen med ale.yaml). Annars söks uppåt från aktuell mapp."),
]


def _cache_folder(value: str) -> Path:
    """--cache MAPP as given: an empty value (an unset variable in a CI file, `--cache "$CACHE"`) would otherwise
    be the current folder, and the cache would be written among the checkout's files."""
    if not value:
        raise typer.BadParameter("ange en mapp; ett tomt värde skulle lägga cachen i den aktuella mappen")
    if os.path.isfile(value):
        raise typer.BadParameter(f"Directory '{value}' is a file.")  # click's words, said in Swedish by main
    return Path(value)


@app.command(cls=_Command)
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="SÖKVÄG", show_default=False,
        help="Rapportera bara dessa filer eller mappar; referenser kontrolleras ändå i hela repositoriet.")] = None,
    repo: RepoOption = None,
    format: Annotated[ValidateFormat, typer.Option(
        "--format", help="Utdata: text, json, github (anteckningar i GitHub Actions), sarif (GitHub code scanning), "
                         "gitlab (Code Quality), junit, eller auto: github under GitHub Actions, annars text."
    )] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Varningar räknas som fel (slutkod 1).")] = False,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="KOD", show_default=False,
        help="Visa bara dessa koder (upprepa eller skilj med komma); ALE4 står för alla ALE4xx.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="KOD", show_default=False, help="Visa inte dessa koder.")] = None,
    changed_since: Annotated[str | None, typer.Option(
        "--changed-since", metavar="REV", show_default=False,
        help="Bara de filer som ändrats sedan Git-revisionen REV (en pull requests bas, t.ex. origin/main), och "
             "de fel ändringen orsakar i andra filer; referenser kontrolleras i hela repositoriet. Kräver Git i "
             "PATH (bara absoluta mappar, aldrig den aktuella).")] = None,
    cache: Annotated[Path | None, typer.Option(
        "--cache", metavar="MAPP", show_default=False, parser=_cache_folder,
        help="Spara lästa filer i MAPP och läs dem därifrån nästa gång de är oförändrade (för CI:s cache). "
             "Aldrig inaktuell: en ändrad fil läses om, och alla filer med en annan version av ale, Python eller "
             "YAML-tolken. I ett Git-repositorium läses inte en fil som Git ser är oförändrad när cachen har "
             "indexets innehåll för den (en fil som Git omvandlar med filter, teckenkodning eller ident läses "
             "alltid). Säker att ta bort.")] = None,
) -> None:
    """Kontrollera schema, referenser och processregler.

    Slutkod 0 utan fel (varningar tillåtna), 1 vid fel, 2 vid felaktig användning, 3 vid ett internt fel i ale.

    I ale.yaml gör 'diagnostik: {ALE411: fel}' en varning till ett fel och 'av' stänger av den.
    """
    from ale_cli.commands import validate as validate_command

    raise typer.Exit(validate_command.run(paths or [], repo, format.value, strict, select or [], ignore or [],
                                          changed_since=changed_since, cache=cache))


@app.command(cls=_Command)
def schema(
    directory: Annotated[Path | None, typer.Option(
        "--dir", metavar="MAPP", show_default=False, file_okay=False,
        help="Mappen som schemana skrivs till. Standard: datarepositoriets schemas/ (dit .vscode/settings.json från "
             "ale init pekar), utanför ett datarepositorium schemas/ i aktuell mapp.")] = None,
    check: Annotated[bool, typer.Option(
        "--check", metavar="", help="Skriv inget; slutkod 1 om schemana är inaktuella.")] = False,
) -> None:
    """Skriv JSON Schema för varje filsort (för redigerarens komplettering)."""
    from ale_cli.commands import schema as schema_command

    raise typer.Exit(schema_command.run(directory, check))


@app.command(cls=_Command)
def calendar(
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="DATUM", show_default=False,
        help="Första dagen (ÅÅÅÅ-MM-DD). Standard: idag.")] = None,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="DATUM", show_default=False,
        help="Sista dagen (ÅÅÅÅ-MM-DD). Standard: 60 dagar efter första dagen.")] = None,
    nämnd: Annotated[str | None, typer.Option(
        "--nämnd", "--namnd", metavar="ID", show_default=False,
        help="Bara nämndens händelser och dess sektors, verksamheters och enheters (och kommungemensamma).")] = None,
    typ: Annotated[list[str] | None, typer.Option(
        "--typ", metavar="TYP", show_default=False,
        help="Bara dessa typer (upprepa eller skilj med komma), t.ex. ksau, kunddialog, periodslut, "
             "eller en grupp: dialog, sammanträde, frist.")] = None,
    format: Annotated[CalendarFormat, typer.Option(
        "--format", help="Utdata.")] = CalendarFormat.table,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FIL", show_default=False,
        help="Skriv till filen (atomärt); en befintlig fil skrivs bara över om den är en kalender som ale "
             "har skrivit i samma format (annars slutkod 1).")] = None,
    repo: RepoOption = None,
) -> None:
    """Kommande dialoger och frister med status: genomförd, försenad, kommande, passerad.

    Möten ur kalender/<år>.yaml, och processens datum: periodslut, frister och de dialoger som ska hållas.

    Dagens datum tas från miljövariabeln ALE_TODAY (ÅÅÅÅ-MM-DD) om den är satt, annars från datorns klocka.
    """
    from ale_cli.commands import calendar as calendar_command

    raise typer.Exit(calendar_command.run(repo, from_, to, nämnd, typ or [], format.value, output))


PeriodOption = Annotated[str, typer.Option("--period", metavar="DATUM",
                                           help="Periodens sista dag, till exempel 2020-08-31.")]
NämndOption = Annotated[str | None, typer.Option("--nämnd", "--namnd", metavar="ID", help="Bara denna nämnd (id).")]


@app.command(cls=_Command)
def report(
    period: PeriodOption,
    nämnd: NämndOption = None,
    format: Annotated[ReportFormat, typer.Option(
        "--format", help="md, pdf eller json (vymodellen).")] = ReportFormat.md,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FIL", help="Filen att skriva (atomiskt). Utan -o: md och json till stdout, pdf till "
                               "ett namn efter perioden, till exempel delarsbokslut-2-2020.pdf. En befintlig fil "
                               "skrivs bara över om den är en rapport från ale i samma format (annars slutkod 1).",
        dir_okay=False)] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="MAPP", exists=True, file_okay=False,
        help="Egna mallar för --format md, som ersätter de medföljande fil för fil (körs i Jinja2:s sandlåda). "
             "Annars används templates/ i datarepositoriet om den finns.")] = None,
    repo: RepoOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", metavar="", help="Skriv ingen rapport om uppgifter saknas.")] = False,
) -> None:
    """Sammanställ perioden till en rapport: delårsrapport, årsbokslut, budgetuppföljning eller månadsuppföljning."""
    from ale_cli.commands import report as report_command

    raise typer.Exit(report_command.run(period, nämnd, format.value, output, templates, repo, strict))


@app.command(cls=_Command)
def status(
    period: PeriodOption,
    nämnd: NämndOption = None,
    format: Annotated[StatusFormat, typer.Option("--format", help="table, json eller md.")] = StatusFormat.table,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FIL", show_default=False, dir_okay=False,
        help="Filen att skriva (atomiskt, i UTF-8), i stället för stdout. En befintlig fil skrivs bara över om den "
             "är en status i samma format (annars slutkod 1).")] = None,
    repo: RepoOption = None,
) -> None:
    """Visa vem som har levererat vad för perioden, det som saknas först. Slutkod 1 när något saknas."""
    from ale_cli.commands import status as status_command

    raise typer.Exit(status_command.run(period, nämnd, format.value, repo, output))


new_app = typer.Typer(cls=_Group, help="Skapa förifyllda filer att fylla i, i stället för att börja från en tom fil.",
                      no_args_is_help=True)
app.add_typer(new_app, name="new")


@new_app.command("dialog", cls=_Command)
def new_dialog(
    period: PeriodOption,
    enhet: Annotated[str | None, typer.Option("--enhet", metavar="ID", show_default=False,
                                              help="Enhetsdialogen för enheten.")] = None,
    verksamhet: Annotated[str | None, typer.Option("--verksamhet", metavar="ID", show_default=False,
                                                   help="Verksamhetsdialogen för verksamheten.")] = None,
    sektor: Annotated[str | None, typer.Option("--sektor", metavar="ID", show_default=False,
                                               help="Sektorns sammanfattning till nämnden.")] = None,
    nämnd: Annotated[str | None, typer.Option("--nämnd", "--namnd", metavar="ID", show_default=False,
                                              help="Nämndens (eller bolagets) uppföljning.")] = None,
    ledningsdialog: Annotated[str | None, typer.Option(
        "--ledningsdialog", metavar="SEKTOR", show_default=False,
        help="Ledningsdialogen med sektorn, dialoger/ledningsdialog-SEKTOR.yaml.")] = None,
    ksau: Annotated[str | None, typer.Option(
        "--ksau", metavar="NÄMND", show_default=False,
        help="KSAU-dialogen med nämnden, dialoger/ksau-NÄMND.yaml (inte kommunstyrelsen eller ett bolag).")] = None,
    kunddialog: Annotated[str | None, typer.Option(
        "--kunddialog", metavar="NÄMND", show_default=False,
        help="Servicenämndens kunddialog med nämnden, dialoger/kunddialog-NÄMND.yaml (inte servicenämnden själv "
             "eller ett bolag).")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="MÅLSÄTTNING", show_default=False,
        help="Det tvärsektoriella teamets rapport om målsättningen, team/MÅLSÄTTNING.yaml (målsättningen ska ha "
             "ett team i verksamhetsplanen).")] = None,
    repo: RepoOption = None,
) -> None:
    """Skriv en fil för perioden, förifylld och med förklaringar: en enhets, verksamhets, sektors eller nämnds,
    en ledningsdialog, KSAU-dialog eller kunddialog, eller ett tvärsektoriellt teams rapport.

    Det som räknas som levererat (dialogens datum, teamrapportens datum) står bortkommenterat tills det fylls i.
    Skriver aldrig över en befintlig fil (slutkod 1). Sökvägen skrivs ut.
    """
    units = {"enhet": enhet, "verksamhet": verksamhet, "sektor": sektor, "nämnd": nämnd,
             "ledningsdialog": ledningsdialog, "ksau": ksau, "kunddialog": kunddialog, "team": team}
    from ale_cli.commands import new as new_command

    raise typer.Exit(new_command.dialog(period, units, repo))


@new_app.command("period", cls=_Command)
def new_period(
    period: Annotated[str, typer.Argument(metavar="PERIOD", help="Periodens sista dag, till exempel 2020-08-31.")],
    write: Annotated[bool, typer.Option("--write", metavar="", help="Skapa de filer som saknas, förifyllda.")] = False,
    repo: RepoOption = None,
) -> None:
    """Visa vilka filer i dialogkedjan som saknas för perioden; skapa dem med --write.

    Vid ett bokslut även sektorernas ledningsdialoger. KSAU-dialoger, kunddialoger och teamrapporter skapas en
    i taget med 'ale new dialog'.
    """
    from ale_cli.commands import new as new_command

    raise typer.Exit(new_command.period(period, write, repo))


@app.command(cls=_Command)
def init(
    directory: Annotated[Path, typer.Argument(
        metavar="MAPP", help="Den nya (eller tomma) mappen, eller en klon av ett tomt Git-repositorium.",
        file_okay=False)],
    kommun: Annotated[str, typer.Option("--kommun", metavar="NAMN", help="Kommunens namn, t.ex. 'Ale kommun'.")],
    kommunkod: Annotated[str, typer.Option("--kommunkod", metavar="NNNN", help="Kommunkoden, t.ex. 1440.")],
    år: Annotated[int, typer.Option("--år", "--ar", metavar="ÅÅÅÅ", help="Året för den första verksamhetsplanen.")],
) -> None:
    """Skapa ett nytt datarepositorium: ale.yaml, en verksamhetsplan att fylla i, mapparna, CI och README."""
    from ale_cli.commands import init as init_command

    raise typer.Exit(init_command.run(directory, kommun, kommunkod, år))


def main(argv: list[str] | None = None) -> int:
    """Entry point: one place that maps every failure to an exit code and a short Swedish message."""
    for stream in (sys.stdout, sys.stderr):
        _in_utf8(stream)
    if argv is None and os.name == "posix":
        argv = [_option_in_utf8(word) for word in sys.argv[1:]]
    try:
        result = app(args=argv, prog_name="ale", standalone_mode=False)
    except _UsageError as error:  # the command line itself is wrong: an unknown option, a missing value …
        if type(error).__name__ == "NoArgsIsHelpError":
            error.show()  # type: ignore[attr-defined]  # `ale` alone: the help
            return USAGE
        context = getattr(error, "ctx", None)
        words = argv if argv is not None else sys.argv[1:]
        named = words[0] if words and words[0] in _COMMANDS else None
        command = context.command_path if context is not None else "ale" + (f" {named}" if named else "")
        print(f"ale: {_in_swedish(error)}\nSe '{command} --help'.", file=sys.stderr)
        return USAGE
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else USAGE)
    except (KeyboardInterrupt, Exception) as error:  # noqa: BLE001 - the one boundary where every failure ends
        return told(error)  # as a Swedish message and an exit code
    return result if isinstance(result, int) else 0


_COMMANDS = ("validate", "report", "status", "calendar", "new", "init", "schema")


def _in_utf8(stream: object) -> None:
    """Text written in UTF-8 whatever the system's code page. Windows writes what goes to a file or a pipe in
    cp1252, which fails on a name with a letter outside it (Čarna) halfway through a command, and writes what
    goes to stderr in another encoding than the reports ale writes as UTF-8. A console is UTF-8 already."""
    if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
        with contextlib.suppress(ValueError, OSError):  # closed, or not a stream that can change
            stream.reconfigure(encoding="utf-8", errors=stream.errors)  # stderr keeps its backslashreplace


def _option_in_utf8(word: str) -> str:
    """An option's name as it was typed (`--nämnd`, `--år`), read as UTF-8 whatever the system's locale. Where that
    is not UTF-8 (LC_ALL=C with PYTHONUTF8=0 in a container or a cron job), Python gives the letters å, ä and ö of
    the command line as escaped bytes, and `ale report --nämnd utbildning` was an unknown option there. A value
    (a path after --repo) keeps its bytes: the system finds the file by them."""
    if not word.startswith("--"):
        return word
    name, equals, value = word.partition("=")
    try:
        return os.fsencode(name).decode("utf-8") + equals + value
    except UnicodeError:  # not UTF-8 (a Latin-1 terminal in a Latin-1 locale): Python has read it right already
        return word


# Typer's parser (click) raises its usage errors as subclasses of this one; found through the class Typer exports,
# as the parser is a separate package in some versions of Typer and a part of Typer in others.
_UsageError: type[Exception] = next(base for base in typer.BadParameter.__mro__ if base.__name__ == "UsageError")


# click's checks of a path option: "file 'x' is a directory." and the like
_PATH_PROBLEMS = {"does not exist": "finns inte", "is a file": "är en fil, inte en mapp",
                  "is a directory": "är en mapp, inte en fil", "is not readable": "kan inte läsas",
                  "is not writable": "kan inte skrivas", "is not executable": "kan inte köras"}
_PATH_PROBLEM = re.compile(rf"\w+ (['\"])(.*)\1 ({'|'.join(_PATH_PROBLEMS)})\.?$")


def _in_swedish(error: Exception) -> str:
    """The parser's message in Swedish, for the errors a user makes; any other keeps its English text."""
    kind = type(error).__name__
    param = getattr(error, "param", None)
    shown = "/".join(param.opts) if param is not None and param.opts else getattr(param, "name", None) or "värdet"
    message = str(getattr(error, "message", "") or error)
    if kind == "NoSuchOption":
        possibilities = sorted(getattr(error, "possibilities", None) or [])
        guess = " eller ".join(f"'{p}'" for p in possibilities)
        return f"okänt alternativ '{getattr(error, 'option_name', '')}'" + (f" — menade du {guess}?" if guess else "")
    if kind == "MissingParameter":
        what = "alternativet" if getattr(param, "param_type_name", "") == "option" else "argumentet"
        return f"{what} {shown} saknas"
    if kind == "BadParameter":
        if found := re.search(r"'(.*)' is not one of (.*?)\.?$", message):
            return f"ogiltigt värde för {shown}: '{found[1]}'; välj bland: {found[2].replace(chr(39), '')}"
        if found := _PATH_PROBLEM.match(message):
            return f"ogiltigt värde för {shown}: '{found[2]}' {_PATH_PROBLEMS[found[3]]}"
        if "valid integer" in message:
            return f"ogiltigt värde för {shown}: ange ett heltal"
        return f"ogiltigt värde för {shown} ({message})"
    if found := re.match(r"Option '(.+)' does not take a value", message):
        return f"alternativet {found[1]} tar inget värde"
    if found := re.match(r"Option '(.+)' requires an argument", message):
        return f"alternativet {found[1]} behöver ett värde"
    if found := re.match(r"No such command '([^']+)'", message):
        context = getattr(error, "ctx", None)
        commands = context.command.list_commands(context) if context is not None and hasattr(
            context.command, "list_commands") else []
        return f"okänt kommando '{found[1]}'{did_you_mean(found[1], commands)}"
    if found := re.match(r"Got unexpected extra (?:argument\(s\)|arguments?) \((.*)\)", message):
        return f"oväntade argument: {found[1]}"
    return message


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
