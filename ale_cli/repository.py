"""Stages 1–2 over a whole data repository: find the files, load and parse each into its model.

The layout is DESIGN.md §2. A file in a place the format knows becomes a `Loaded` model with its document (for
positions); a broken file becomes diagnostics and the rest are still read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import gc
import multiprocessing
import multiprocessing.queues
import os
import queue
import re
import stat
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ale_cli import child, privacy
from ale_cli import models as m
from ale_cli.cache import LoadCache, blob_id, vouched, vouched_bytes
from ale_cli.diagnostics import Diagnostic, Severity
from ale_cli.files import why
from ale_cli.load import Document, Read, decode, parse
from ale_cli.parse import parse_model
from ale_cli.periods import parse_period_folder
from ale_cli.walk import CONFIG_FILE, KNOWN_FOLDERS, SUFFIXES, walk

PERIOD_KINDS = ("enheter", "verksamheter", "sektorer", "namnder", "dialoger", "team")
YEAR_FILES = ("namndplan", "matt", "budget", "internkontrollplan")

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_YEAR = re.compile(r"^\d{4}$")

M_co = TypeVar("M_co", bound=BaseModel, covariant=True)


@dataclass(frozen=True)
class Loaded(Generic[M_co]):
    """A parsed file: the model, the id its file name gives, and the document for positions."""

    model: M_co
    name: str
    doc: Document

    @property
    def path(self) -> str:
        return self.doc.path


@dataclass
class NämndÅr:
    nämndplan: Loaded[m.Nämndplan] | None = None
    mått: Loaded[m.Måttlista] | None = None
    budget: Loaded[m.Budget] | None = None
    internkontrollplan: Loaded[m.Internkontrollplan] | None = None


@dataclass
class Period:
    datum: dt.date
    folder: str
    enheter: dict[str, Loaded[m.Dialoganteckning]] = field(default_factory=dict)
    verksamheter: dict[str, Loaded[m.Dialoganteckning]] = field(default_factory=dict)
    sektorer: dict[str, Loaded[m.Dialoganteckning]] = field(default_factory=dict)
    nämnder: dict[str, Loaded[m.Nämnduppföljning]] = field(default_factory=dict)
    dialoger: dict[str, Loaded[m.Dialog]] = field(default_factory=dict)
    team: dict[str, Loaded[m.Teamrapport]] = field(default_factory=dict)


@dataclass
class Repository:
    root: Path
    config: Loaded[m.AleConfig] | None = None
    verksamhetsplaner: dict[int, Loaded[m.Verksamhetsplan]] = field(default_factory=dict)
    nämnder: dict[str, Loaded[m.Nämnd]] = field(default_factory=dict)
    nämndår: dict[tuple[str, int], NämndÅr] = field(default_factory=dict)
    sektorer: dict[str, Loaded[m.Sektor]] = field(default_factory=dict)
    perioder: dict[dt.date, Period] = field(default_factory=dict)
    kalendrar: dict[int, Loaded[m.Kalender]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # files in a known place that could not be read or parsed, as their path without .yaml/.yml
    # ("sektorer/utbildning"): what they define is unknown, so references to it are not reported as broken
    unreadable: set[str] = field(default_factory=set)
    # what reading each file gave, by path: another tree with the same files (a pull request's base) takes
    # them from here instead of reading them again
    read: dict[str, Result] = field(default_factory=dict)

    @property
    def tolerans(self) -> float:
        return self.config.model.tolerans if self.config else 0.05

    @property
    def servicenämnd(self) -> str | None:
        """The nämnd whose AU holds the kunddialoger (ale.yaml), if the kommun names one."""
        return self.config.model.servicenämnd if self.config else None

    def not_a_dialogue_with(self, typ: str, nämnd: str | None) -> str | None:
        """Why the process holds no dialogue of `typ` with `nämnd`, in the words ALE413 and `ale new dialog` use;
        None when it does. A KSAU dialogue is with a nämnd, not with kommunstyrelsen itself; a kunddialog is the
        servicenämnd's with another nämnd; neither is with a bolag, which has no arbetsutskott in the chain."""
        if typ not in ("ksau", "kunddialog") or nämnd is None:
            return None
        dialog = "en KSAU-dialog hålls med en nämnd" if typ == "ksau" else \
            "en kunddialog hålls mellan servicenämnden och en annan nämnd"
        loaded = self.nämnder.get(nämnd)
        typ_av_nämnd = loaded.model.typ if loaded is not None else None
        if typ_av_nämnd == "bolag":
            return f"{dialog}, inte med bolaget '{nämnd}'"
        if typ == "ksau" and typ_av_nämnd == "styrelse":
            return f"{dialog}, inte med kommunstyrelsen '{nämnd}' själv"
        if typ == "kunddialog" and nämnd == self.servicenämnd:
            return f"{dialog}, inte med '{nämnd}' själv"
        return None

    def nämndår_for(self, nämnd: str, år: int) -> NämndÅr:
        return self.nämndår.get((nämnd, år)) or NämndÅr()


def load_repository(root: Path, workers: int | None = None,
                    progress: Callable[[int], Callable[[int], object]] | None = None,
                    cache: LoadCache | None = None,
                    known: Repository | None = None,
                    files: list[tuple[str, Path]] | None = None) -> tuple[Repository, list[Diagnostic]]:
    """Every file of the repository read and placed. Files are read in `workers` processes (by default one per
    core when the repository is large enough for that to pay); the result is the same either way. `progress`,
    given the number of files, returns what to tell of each one read. A file with the same path and text as in
    `known` (another tree of the same repository) is taken from it as it was read there. `files` (path in the
    repository, where it is read from), when given, are read instead of those the walk finds."""
    walked: list[Diagnostic] = []
    # where the files are those under `root`, Git may vouch for them: then they need not be read for the cache
    ids = vouched(root) if cache is not None and files is None else {}
    if files is None:
        files = list(walk(root, walked))
    planner = _Loader(Repository(root=root), results=None)
    for rel, absolute in files:
        planner.place(rel, absolute)
    advance = progress(len(planner.jobs)) if progress is not None else (lambda done: None)
    results = read_files(planner.jobs, workers, advance, cache, known, ids)
    loader = _Loader(Repository(root=root, read=results), results=results, diagnostics=walked)
    for rel, absolute in files:
        loader.repo.files.append(rel)
        loader.place(rel, absolute)
    return loader.repo, loader.diagnostics


# A file to read: its path in the repository, where it is on disk, the model it becomes and the id it gives.
Job = tuple[str, Path, type[BaseModel], str]
Result = tuple[Loaded[BaseModel] | None, list[Diagnostic]]

PARALLEL_FROM = 500
"""Below this many files, starting worker processes costs more than it saves."""

PARALLEL_FROM_SPAWNED = 2500
"""The same where a worker starts as a new Python (Windows, macOS) and imports pydantic and the models before its
first file: some 0.4 s. With two cores, 1 524 files took 0.75 s so, against 0.66 s in one process, and 6 259
files 2.3 s against 3.0 s."""


def parallel_from() -> int:
    """How many files it takes for worker processes to pay, by how this system starts them."""
    return PARALLEL_FROM if multiprocessing.get_start_method() == "fork" else PARALLEL_FROM_SPAWNED


def read_files(jobs: list[Job], workers: int | None = None,
               advance: Callable[[int], object] = lambda done: None,
               cache: LoadCache | None = None, known: Repository | None = None,
               ids: dict[str, str] | None = None) -> dict[str, Result]:
    """Each file loaded (in worker processes when there are many, or taken from `cache`) and parsed into its
    model here: plain data crosses between processes much faster than models do. A file whose text is that of
    the same path in `known` (another tree of the same repository) is taken from there. `advance` is told of each
    file loaded. What was read anew is put into `cache`; whoever opened it saves it (pipeline.run). `ids` are
    the content ids of files Git vouches for (cache.vouched): such a file's entry is found without reading it."""
    results: dict[str, Result] = {}
    if known:
        jobs = [job for job in jobs if not _reuse(job, known, results, advance)]
    kinds = {rel: (model, name) for rel, _, model, name in jobs}

    def parse_all(documents: dict[str, Read]) -> None:
        for rel, read in documents.items():
            results[rel] = _parse(read, *kinds[rel])

    files = [(rel, absolute) for rel, absolute, _, _ in jobs]
    if cache is None:
        _load_all(files, workers, advance, parse_all)
        return results
    ids = ids or {}
    cached: dict[str, Read] = {}
    to_cache: dict[str, tuple[str, bytes, Path]] = {}
    for rel, absolute in files:
        blob = ids.get(rel)
        read = cache.get(rel, blob, partial(vouched_bytes, absolute, blob)) if blob is not None else None
        if read is None:
            raw, _ = _read_bytes(absolute)
            if raw is None:
                continue  # loading it says why
            blob = blob_id(raw)  # Git's id of the index's content is the key only where the file is not read
            read = cache.get(rel, blob, raw)
            if read is None:
                to_cache[rel] = blob, raw, absolute
                continue
        cached[rel] = read
        advance(1)
    parse_all(cached)
    loaded: dict[str, Read] = {}

    def parse_and_keep(documents: dict[str, Read]) -> None:
        parse_all(documents)
        loaded.update(documents)

    _load_all([(rel, absolute) for rel, absolute in files if rel not in cached], workers, advance, parse_and_keep)
    for rel, (blob, raw, absolute) in to_cache.items():
        if _same_bytes(loaded[rel], rel, raw, absolute):
            cache.put(rel, blob, loaded[rel])
    return results


def _same_bytes(read: Read, rel: str, raw: bytes, absolute: Path) -> bool:
    """Whether what was loaded came from these bytes, the ones the cache's key was made from: a file changed
    between the two reads is not put into the cache under a key that is not its own."""
    document, _ = read
    if document is not None:
        return document.text == decode(rel, raw)[0]
    return _read_bytes(absolute)[0] == raw


def _reuse(job: Job, known: Repository, results: dict[str, Result], advance: Callable[[int], object]) -> bool:
    """Whether the file reads as it did in `known` (same path, same text), and if so its result taken over. The
    very file `known` read (a file a pull request leaves as it was) is not read again."""
    rel, absolute, _, _ = job
    before = known.read.get(rel)
    if before is None or before[0] is None:
        return False
    if absolute != known.root / rel:
        raw, _ = _read_bytes(absolute)
        text, _ = decode(rel, raw) if raw is not None else (None, [])
        if text is None or text != before[0].doc.text:
            return False
    results[rel] = before
    advance(1)
    return True


def _load_all(files: list[tuple[str, Path]], workers: int | None, advance: Callable[[int], object],
              take: Callable[[dict[str, Read]], object]) -> None:
    """The files loaded, handed to `take` a piece at a time.

    Worker processes claim pieces from the front of the list, this process from the back (parsing what it
    loaded before claiming the next, and taking in the workers' results in between), until they meet: the work
    is shared evenly however fast each is, and no thread of this process stands between a worker and its next
    piece."""
    count = workers if workers is not None else (os.cpu_count() or 1) if len(files) >= parallel_from() else 1
    if count < 2 or len(files) < 2:
        take(_load_chunk(files, advance))
        return
    pieces = [files[start:start + _PIECE] for start in range(0, len(files), _PIECE)]
    context = multiprocessing.get_context()
    claims = context.Array("i", [0, len(pieces)])  # the next piece from the front, the end of those left
    results: multiprocessing.queues.Queue[_Piece] = context.Queue()
    processes = [context.Process(target=child.run, args=(__name__, "_worker", pieces, claims, results), daemon=True)
                 for _ in range(count - 1)]
    for process in processes:
        process.start()
    received = 0

    def receive(block: bool) -> None:
        nonlocal received
        try:
            index, documents = results.get(block, timeout=_WAIT if block else None)
        except queue.Empty:
            if block and any(process.exitcode not in (None, 0) for process in processes):
                raise RuntimeError("en process som läste filer avslutades oväntat") from None
            return
        if index is None or isinstance(documents, str):
            raise RuntimeError(f"en process som läste filer stötte på ett fel:\n{documents}")
        received += 1
        advance(len(pieces[index]))
        take(documents)

    try:
        while (index := _claim(claims, from_front=False)) is not None:
            take(_load_chunk(pieces[index], advance))
            while not results.empty():
                receive(block=False)
        while received < claims[0]:  # the pieces the workers claimed
            receive(block=True)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
        results.close()


_PIECE = 100
_WAIT = 1.0
_Piece = tuple[int, dict[str, Read]] | tuple[None, str]  # a piece's index and documents, or a worker's failure


def _claim(claims: Any, from_front: bool) -> int | None:
    with claims.get_lock():
        front, end = claims[0], claims[1]
        if front >= end:
            return None
        if from_front:
            claims[0] = front + 1
            return int(front)
        claims[1] = end - 1
        return int(end - 1)


def _worker(pieces: list[list[tuple[str, Path]]], claims: Any, results: multiprocessing.queues.Queue[_Piece]) -> None:
    gc.disable()  # as in the main process: the results are many small objects and no cycles
    try:
        while (index := _claim(claims, from_front=True)) is not None:
            results.put((index, _load_chunk(pieces[index])))
    except BaseException:  # noqa: BLE001 (whatever it is, the main process reports it)
        results.put((None, traceback.format_exc()))


def _load_chunk(files: list[tuple[str, Path]], advance: Callable[[int], object] | None = None) -> dict[str, Read]:
    documents = {}
    for rel, absolute in files:
        documents[rel] = load_file(rel, absolute)
        if advance is not None:
            advance(1)
    return documents


def load_file(rel: str, absolute: Path) -> Read:
    """Stage 1 for one file: bytes, text, data with positions; every problem as a diagnostic."""
    raw, problem = _read_bytes(absolute)
    if raw is None:
        message, hint = problem
        return None, [Diagnostic(rel, 1, 1, "ALE011", message, hint=hint)]
    text, diagnostics = decode(rel, raw)
    if text is None:
        return None, diagnostics
    diagnostics.extend(privacy.scan(rel, text))
    document, problems = parse(rel, text)
    return document, diagnostics + problems


def _parse(read: Read, model: type[BaseModel], name: str) -> Result:
    """Stage 2 for one file: the document as its model."""
    document, diagnostics = read
    if document is None:
        return None, [_as_fields_of(model, d) if d.code == "ALE012" else d for d in diagnostics]
    parsed, problems = parse_model(document, model)
    return (Loaded(parsed, name, document) if parsed is not None else None), diagnostics + problems


def _as_fields_of(model: type[BaseModel], diagnostic: Diagnostic) -> Diagnostic:
    """A file whose top is no mapping is told to begin with a field of its own kind: the first one it must have
    (a team report's 'bedömning'), or else its first."""
    fields = model.model_fields
    first = next((name for name, info in fields.items() if info.is_required()), next(iter(fields)))
    return dataclasses.replace(diagnostic, hint=f"skriv filen som fält med värden, ett per rad, till exempel "
                                                f"'{first}: …' på första raden")


@dataclass
class _Loader:
    """Places each file by its path. Run once without results to learn which files to read (`jobs`), then
    again with the results of reading them."""

    repo: Repository
    results: dict[str, Result] | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    # the folders whose names were found right: a large repository has thousands of files in a few of them
    good_folders: set[str] = field(default_factory=set)

    def _read(self, rel: str, absolute: Path, model: type[M_co], name: str) -> Loaded[M_co] | None:
        if self.results is None:
            self.jobs.append((rel, absolute, model, name))
            return None
        loaded, diagnostics = self.results[rel]
        self.diagnostics.extend(diagnostics)
        if loaded is None:
            self.repo.unreadable.add(_stem(rel))
        return loaded  # type: ignore[return-value]

    def _report(self, rel: str, code: str, message: str, hint: str = "",
                severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(rel, 1, 1, code, message, severity, hint))

    def _unknown(self, rel: str, expected: str) -> None:
        self._report(rel, "ALE008", "filen ligger på en plats som formatet inte känner till och läses inte",
                     f"här väntas {expected}", Severity.WARNING)

    def place(self, rel: str, absolute: Path) -> None:
        parts = rel.split("/")
        stem = _stem(parts[-1])
        if rel == CONFIG_FILE or (len(parts) == 1 and stem == "ale"):
            if rel != CONFIG_FILE:  # the repository is found by its ale.yaml: an ale.yml beside it is a second one
                self._report(rel, "ALE302", f"'ale' finns redan i {CONFIG_FILE}",
                             "en fil per id: ta bort eller byt namn på den ena (.yaml och .yml räknas som samma)")
            elif (config := self._read(rel, absolute, m.AleConfig, "ale")) is not None:
                self.repo.config = config
            return
        if not self._names_are_ascii(rel, parts):
            return
        top = parts[0]
        if top == "verksamhetsplan" and len(parts) == 2 and _YEAR.match(stem):
            self._put(self.repo.verksamhetsplaner, int(stem), rel, absolute, m.Verksamhetsplan, stem)
        elif top == "kalender" and len(parts) == 2 and _YEAR.match(stem):
            self._put(self.repo.kalendrar, int(stem), rel, absolute, m.Kalender, stem)
        elif top == "sektorer" and len(parts) == 2:
            self._put(self.repo.sektorer, stem, rel, absolute, m.Sektor, stem)
        elif top == "namnder" and len(parts) == 3 and stem == "namnd":
            self._put(self.repo.nämnder, parts[1], rel, absolute, m.Nämnd, parts[1])
        elif top == "namnder" and len(parts) == 4 and _YEAR.match(parts[2]) and stem in YEAR_FILES:
            self._place_year_file(rel, absolute, parts[1], int(parts[2]), stem)
        elif top == "perioder" and len(parts) == 4 and parts[2] in PERIOD_KINDS:
            self._place_period_file(rel, absolute, parts[1], parts[2], stem)
        elif top in KNOWN_FOLDERS:
            self._unknown(rel, _EXPECTED[top])

    def _names_are_ascii(self, rel: str, parts: list[str]) -> bool:
        folder = rel[: len(rel) - len(parts[-1])]
        for index in range(len(parts) - 1 if folder in self.good_folders else 0, len(parts)):
            part = parts[index]
            last = index == len(parts) - 1
            name = _stem(part) if last else part
            if not (_NAME.match(name) or (index == 1 and parts[0] == "perioder")):
                self._report(rel, "ALE009", f"namnet '{part}' följer inte regeln för fil- och mappnamn",
                             _name_hint(part, last))
                return False
        self.good_folders.add(folder)
        return True

    def _put(self, table: dict[_K, Loaded[M_co]], key: _K, rel: str, absolute: Path, model: type[M_co],
             name: str) -> Loaded[M_co] | None:
        if key in table:
            self._report(rel, "ALE302", f"'{name}' finns redan i {table[key].path}",
                         "en fil per id: ta bort eller byt namn på den ena (.yaml och .yml räknas som samma)")
            return None
        loaded = self._read(rel, absolute, model, name)
        if loaded is not None:
            table[key] = loaded
        return loaded

    def _place_year_file(self, rel: str, absolute: Path, nämnd: str, år: int, stem: str) -> None:
        entry = self.repo.nämndår.setdefault((nämnd, år), NämndÅr())
        model = _YEAR_MODELS[stem]
        attribute = _YEAR_ATTRIBUTES[stem]
        if getattr(entry, attribute) is not None:
            self._report(rel, "ALE302", f"'{stem}' finns redan i {getattr(entry, attribute).path}",
                         "en fil per slag: .yaml och .yml räknas som samma")
            return
        setattr(entry, attribute, self._read(rel, absolute, model, nämnd))

    def _place_period_file(self, rel: str, absolute: Path, folder: str, kind: str, stem: str) -> None:
        datum, problem = parse_period_folder(folder)
        if datum is None:
            self._report(rel, "ALE304", problem, "en period är en månads sista dag, till exempel 2020-08-31")
            return
        period = self.repo.perioder.get(datum)
        if period is None:
            period = self.repo.perioder[datum] = Period(datum, folder)
        table: dict[str, Loaded[BaseModel]] = getattr(period, "nämnder" if kind == "namnder" else kind)
        self._put(table, stem, rel, absolute, _PERIOD_MODELS[kind], stem)


_K = TypeVar("_K", int, str)

_EXPECTED = {
    "verksamhetsplan": "verksamhetsplan/<år>.yaml",
    "kalender": "kalender/<år>.yaml",
    "sektorer": "sektorer/<sektor>.yaml",
    "namnder": "namnder/<nämnd>/namnd.yaml eller namnder/<nämnd>/<år>/"
               "namndplan|matt|budget|internkontrollplan.yaml",
    "perioder": "perioder/<period>/" + "|".join(PERIOD_KINDS) + "/<id>.yaml",
}

_YEAR_MODELS: dict[str, type[BaseModel]] = {
    "namndplan": m.Nämndplan, "matt": m.Måttlista, "budget": m.Budget,
    "internkontrollplan": m.Internkontrollplan,
}
_YEAR_ATTRIBUTES = {"namndplan": "nämndplan", "matt": "mått", "budget": "budget",
                    "internkontrollplan": "internkontrollplan"}
_PERIOD_MODELS: dict[str, type[BaseModel]] = {
    "enheter": m.Dialoganteckning, "verksamheter": m.Dialoganteckning, "sektorer": m.Dialoganteckning,
    "namnder": m.Nämnduppföljning, "dialoger": m.Dialog, "team": m.Teamrapport,
}


def _stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _name_hint(part: str, last: bool) -> str:
    """How to name a file or folder that breaks the rule: a copy that Windows, macOS or a sync service made
    (`ahaga-skola - Kopia.yaml`, `ahaga-skola (2).yaml`) is one to remove, not to rename into an enhet nobody
    has; any other the name it should have (`Ahaga skola.YAML` → `ahaga-skola.yaml`, which the walker finds so
    that it is not ignored; `ahaga-skola.yaml.yaml` → `ahaga-skola.yaml`)."""
    end = len(_stem(part.lower())) if last else len(part)
    name, suffix = part[:end], part[end:]
    if copied := _COPY.fullmatch(name):
        original = copied["original"] + suffix
        return (f"namnet ser ut som en kopia av '{original}': ta bort kopian, eller för in det som skiljer i "
                f"'{original}'")
    name = name.lower()
    while last and _stem(name) != name:
        name = _stem(name)
    return ("namn skrivs med små bokstäver a–z utan å, ä, ö, siffror och '-', "
            f"till exempel '{_ascii_suggestion(name)}{suffix.lower()}'")


# `x - Kopia`, `x - Kopia (2)`, `x - Copy` (Windows), `x (2)` (Windows, OneDrive, a browser), `x kopia`, `x copy 2`
# (macOS)
_COPY = re.compile(r"(?P<original>.+?)(?: - (?:kopia|copy)(?: \(\d+\))?| \(\d+\)| (?:kopia|copy)(?: \d+)?)",
                   re.IGNORECASE)

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "-", "_": "-"})


def _ascii_suggestion(name: str) -> str:
    folded = name.lower().translate(_ASCII)
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", folded)).strip("-") or "namn"


MAX_FILE_BYTES = 4 * 1024 * 1024
"""The largest data file read. A 2 500-enheter kommun's kalender is under 1 MB; a bigger file is a mistake (or an
attack) that would otherwise cost minutes and gigabytes to parse."""


# Not blocking on opening: a named pipe where a file is expected is then found by fstat, not waited on forever.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_bytes(path: str | Path) -> tuple[bytes | None, tuple[str, str]]:
    """The file's bytes, or why they are not read (a message and a hint), without ever raising."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if os.path.isdir(path):  # Windows does not open a folder as a file
            return None, _FOLDER
        if error.errno == errno.ENOENT and not os.path.islink(path):  # found by the walk, gone or out of reach
            return None, _GONE
        return None, _unreadable(error)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            return None, _FOLDER
        if not stat.S_ISREG(info.st_mode):
            return None, ("detta är ingen vanlig fil", "ersätt den med en textfil i UTF-8")
        if info.st_size > MAX_FILE_BYTES:
            return None, _too_big(info.st_size)
        # one read of the size fstat gives (a 4 MB buffer for every file would cost more than the reading),
        # then on to the end in case the file grew meanwhile
        parts, size = [], 0
        while chunk := os.read(descriptor, max(info.st_size - size, 0) + 1 if size <= info.st_size else 65536):
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return None, _too_big(size)
    except OSError as error:
        return None, _unreadable(error)
    finally:
        os.close(descriptor)
    return parts[0] if len(parts) == 1 else b"".join(parts), ("", "")


_GONE = ("filen kan inte öppnas: den finns inte längre, eller så är sökvägen för lång",
         ("Windows öppnar utan vidare inga sökvägar över 260 tecken: flytta datarepositoriet till en kortare "
          "sökväg, eller slå på långa sökvägar i Windows"))
_FOLDER = ("en mapp står där en fil väntas", "byt namn på mappen så att namnet inte slutar på .yaml eller .yml")


def _too_big(size: int) -> tuple[str, str]:
    shown = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return (f"filen är för stor ({shown} MB); en datafil får vara högst {MAX_FILE_BYTES // 1024 // 1024} MB",
            "dela upp innehållet, eller ta bort filen om den inte hör hemma bland data")


def _unreadable(error: OSError) -> tuple[str, str]:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "filen kan inte läsas: behörighet saknas", "kontrollera filens rättigheter"
    if error.errno == errno.ELOOP:
        return "länken går i en slinga och följs inte", "ersätt länken med filen själv"
    if error.errno == errno.ENOENT:
        return "länken pekar på en fil som inte finns", "ta bort länken eller ersätt den med filen själv"
    return f"filen kan inte läsas ({why(error, writing=False)})", "kontrollera filen och dess rättigheter"
