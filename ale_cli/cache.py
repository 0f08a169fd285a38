"""An opt-in cache of loaded files (`ale validate --cache DIR`), for CI runs that see the same files again.

Each entry is keyed by the file's path and the id Git gives its content (a SHA-1 of its bytes), and the cache's
folder is named by a fingerprint of ale's own source and the versions of the YAML parser and Python, so an entry
is never stale: a changed file, or another version of ale or of what it reads files with, simply misses. In a Git
work tree the ids of the files that Git vouches are unchanged come from Git's index, and those files are not read
at all (a large kommun's run from the cache spent a fifth of its time reading, hashing and decoding them). The
entries are spread over files by path (`ale-<fingerprint>/<nn>.json`), so a run that read a few changed files
rewrites only the few that hold them. The cache holds what loading a file gives (its data and diagnostics) as
JSON, never code; deleting the folder is always safe.

Beside the entries it keeps each year's Swedish holidays (`helgdagar.json`), under the version of the holidays
library that gave them: the library loads every country it knows, which would cost a run from the cache a sixth
of its time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ale_cli import git
from ale_cli.diagnostics import Diagnostic, Severity
from ale_cli.files import atomic_write, why
from ale_cli.helgdagar import holidays_version, swedish_holidays
from ale_cli.load import Document, Read


@cache
def fingerprint() -> str:
    """A hash of ale's source and of what else makes a file's entry: what a cached entry means can change only
    with them."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update("\0".join(loading_versions()).encode("utf-8"))
    return digest.hexdigest()[:16]


def loading_versions() -> tuple[str, ...]:
    """Besides ale's own code, what a loaded file depends on: the YAML parser (a new version may read a file
    otherwise, or place a problem elsewhere) and Python (its Unicode tables normalise the keys)."""
    from importlib.metadata import PackageNotFoundError, version

    def of(distribution: str) -> str:
        try:
            return version(distribution)
        except PackageNotFoundError:  # installed without its metadata: its version cannot tell the caches apart
            return "?"

    python = f"{sys.implementation.name} {'.'.join(map(str, sys.version_info[:3]))} {unicodedata.unidata_version}"
    return python, of("ruamel.yaml"), of("ruamel.yaml.clibz")


def key(rel: str, blob: str) -> str:
    """The entry of the file at `rel` whose content has the object id `blob` (`blob_id`)."""
    return f"{blob} {rel}"


def blob_id(raw: bytes) -> str:
    """The id Git gives a file with these bytes (SHA-1 of a header and the bytes), so that a file Git vouches
    for (`vouched`) need not be read to find its entry. Every entry is put under the id of the very bytes its
    result was made from."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def vouched(root: Path) -> dict[str, str]:
    """The files under `root` that Git vouches for, by path from `root`: the id of each one's content as the
    index holds it, where the file in the work tree is that content (`git diff-files` finds no change; Git checks
    a file's bytes whenever its size or times cannot tell).

    Left out, to be read instead:
    - a file the index is told not to check (assume-unchanged, skip-worktree), one in a merge conflict, a link;
    - a file whose bytes Git changes between the index and the work tree (a `filter`, `working-tree-encoding` or
      `ident` attribute): its bytes on disk are not the index's. Line ends that Git converts (core.autocrlf, an
      `eol` attribute) are no reason: an entry made from the index's bytes (in a checkout without the conversion)
      gives the same data, problems and places, since CR LF and LF each end a line (a problem is placed in the
      index's text, `vouched_bytes`); where there is no such entry, the file is read and kept under the id of its
      own bytes;
    - everything, where Git is told to trust a file's size and times more than it does by default
      (core.trustctime false, core.checkStat minimal): a file rewritten with its size and time kept would pass;
    - everything in a repository whose ids are not SHA-1 (`--object-format=sha256`): they are never `blob_id`;
    - everything, where Git is missing or `root` is not in a work tree."""
    try:
        listed = git.run(root, "ls-files", "--stage", "-v", "-z", timeout=120)
        if listed.returncode != 0 or _trusts_less(git.run(root, "config", "-z", "--get-regexp",
                                                          r"^core\.(trustctime|checkstat)$", timeout=120)):
            return {}
        ids = {}
        for record in listed.stdout.split(b"\0"):
            meta, _, name = record.partition(b"\t")
            fields = meta.split(b" ")
            # "H 100644 <id> 0": tracked (H; h is assume-unchanged, S skip-worktree), a file, stage 0 (no conflict)
            if len(fields) == 4 and fields[0] == b"H" and fields[1] in _FILE_MODES and fields[3] == b"0":
                ids[name] = fields[2].decode("ascii")
        if not ids or any(len(blob) != 40 for blob in ids.values()):
            return {}
        comparing = git.start(root, "diff-files", "--name-only", "--relative", "-z", "--", ".")  # meanwhile:
        try:
            converted = git.run(root, "check-attr", "-z", "--stdin", *_CONVERSIONS, timeout=120,
                                input=b"\0".join(ids) + b"\0")
            changed, _ = comparing.communicate(timeout=120)
        finally:
            if comparing.poll() is None:
                comparing.kill()
                comparing.wait()
            for stream in (comparing.stdout, comparing.stderr):
                if stream is not None:
                    stream.close()
    except (OSError, subprocess.SubprocessError):
        return {}
    if comparing.returncode != 0 or converted.returncode != 0:
        return {}
    for name in changed.split(b"\0"):
        ids.pop(name, None)
    answers = converted.stdout.split(b"\0")
    for at in range(0, len(answers) - 2, 3):  # path, attribute, value
        if answers[at + 2] not in (b"unspecified", b"unset"):
            ids.pop(answers[at], None)
    return {os.fsdecode(name): blob for name, blob in ids.items()}


def vouched_bytes(file: Path, blob: str) -> bytes:
    """The bytes of a file Git vouched for (`vouched`), as they were then: the file's own while they still have
    the id `blob`, else Git's object of that id (the file was saved again while ale ran), so that a problem is
    placed in the very text its entry was made from. Nothing when neither can be read."""
    try:
        raw = file.read_bytes()
        if blob_id(raw) == blob:
            return raw
    except OSError:
        pass
    try:
        kept = git.run(file.parent, "cat-file", "blob", blob, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return b""
    return kept.stdout if kept.returncode == 0 else b""


_FILE_MODES = (b"100644", b"100755")
_CONVERSIONS = ("filter", "working-tree-encoding", "ident")


def _trusts_less(settings: subprocess.CompletedProcess[bytes]) -> bool:
    """Whether Git's configuration (`git config -z --get-regexp`, exit 1 when nothing is set) lets a file changed
    with its size and modification time kept look unchanged."""
    for item in settings.stdout.split(b"\0"):
        key, given, value = item.partition(b"\n")
        if (key == b"core.trustctime" and given and _false(value.strip().lower())) \
                or (key == b"core.checkstat" and value.strip().lower() == b"minimal"):
            return True
    return False


def _false(value: bytes) -> bool:
    """A boolean as Git reads it (a key without '=' is true, one with an empty value false)."""
    if value in (b"", b"false", b"no", b"off"):
        return True
    try:
        return int(value.decode("ascii"), 0) == 0
    except ValueError:
        return False


HOLIDAYS = "helgdagar.json"

SHARDS = 64
"""Files the entries are spread over: for a large kommun about a hundred entries each, so that rewriting one after a
change costs little, and reading all of them costs no more than reading one file of the same size would."""


def shard(rel: str) -> str:
    """The file that holds the entries of the file at `rel`, the same on every machine and in every run."""
    return f"{zlib.crc32(rel.encode('utf-8')) % SHARDS:02d}"


@dataclass
class LoadCache:
    folder: Path
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    unsaved: bool = False  # saving failed once already, and was said
    holidays: dict[int, dict[dt.date, str]] | None = None  # year → date → name, read from helgdagar.json
    holidays_changed: bool = False

    @property
    def path(self) -> Path:
        return self.folder / f"ale-{fingerprint()}"

    @classmethod
    def open(cls, folder: Path) -> LoadCache:
        return cls(folder)

    def _entries(self, name: str) -> dict[str, Any]:
        entries = self.shards.get(name)
        if entries is None:
            try:
                entries = json.loads((self.path / f"{name}.json").read_bytes())
            except (OSError, ValueError):  # none yet, or damaged: start afresh
                entries = {}
            if not isinstance(entries, dict):
                entries = {}
            self.shards[name] = entries
        return entries

    def get(self, rel: str, blob: str, source: bytes | Callable[[], bytes]) -> Read | None:
        """The entry of the file at `rel` whose content has the id `blob`, if any; its document's text comes from
        `source` (the file's bytes, or what gives them) when it is needed."""
        entry_key = key(rel, blob)
        entry = self._entries(shard(rel)).get(entry_key)
        if not isinstance(entry, dict):
            return None
        try:
            diagnostics = [Diagnostic(d["path"], d["line"], d["column"], d["code"], d["message"],
                                      Severity(d["severity"]), d["hint"]) for d in entry["diagnostics"]]
            ok, data = entry["ok"], entry["data"]
        except (KeyError, TypeError, ValueError):  # not an entry ale wrote: read the file instead
            return None
        self.used.add(entry_key)
        if not ok:
            return None, diagnostics
        return Document(rel, data, source), diagnostics

    def put(self, rel: str, blob: str, read: Read) -> None:
        document, diagnostics = read
        entry_key = key(rel, blob)
        name = shard(rel)
        self._entries(name)[entry_key] = {
            "ok": document is not None,
            "data": document.data if document is not None else None,
            "diagnostics": [{"path": d.path, "line": d.line, "column": d.column, "code": d.code,
                             "message": d.message, "severity": d.severity.value, "hint": d.hint}
                            for d in diagnostics],
        }
        self.used.add(entry_key)
        self.changed.add(name)

    def helgdagar(self, år: int) -> dict[dt.date, str]:
        """The year's holidays (helgdagar.swedish_holidays) as this version of the holidays library gave them."""
        if self.holidays is None:
            self.holidays = self._read_holidays()
        table = self.holidays.get(år)
        if table is None:
            table = self.holidays[år] = swedish_holidays(år)
            self.holidays_changed = True
        return table

    def _read_holidays(self) -> dict[int, dict[dt.date, str]]:
        try:
            kept = json.loads((self.path / HOLIDAYS).read_bytes())
            if kept["holidays"] != holidays_version():  # another version may know other holidays
                return {}
            return {int(år): {dt.date.fromisoformat(day): _text(name) for day, name in table.items()}
                    for år, table in kept["år"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # none yet, or not as ale wrote it
            return {}

    def save(self) -> None:
        """Write the files that got new entries, and remove caches of other versions of ale. In such a file,
        entries this run did not use are kept (a pull request's base revision is read too) until they are twice
        as many as those it used."""
        try:
            if self.holidays_changed and self.holidays is not None:
                years = {str(år): {day.isoformat(): name for day, name in sorted(table.items())}
                         for år, table in sorted(self.holidays.items())}
                atomic_write(self.path / HOLIDAYS, json.dumps({"holidays": holidays_version(), "år": years},
                                                              ensure_ascii=False).encode("utf-8"))
                self.holidays_changed = False
            for name in sorted(self.changed):
                entries = self.shards[name]
                unused = entries.keys() - self.used
                if len(unused) > 2 * (len(entries) - len(unused)):
                    entries = {entry_key: entry for entry_key, entry in entries.items() if entry_key not in unused}
                    self.shards[name] = entries
                atomic_write(self.path / f"{name}.json",
                             json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            if self.changed:
                for old in self.folder.iterdir():
                    if old != self.path and _OTHER_VERSION.fullmatch(old.name):
                        if old.is_dir():
                            shutil.rmtree(old, ignore_errors=True)
                        else:
                            old.unlink(missing_ok=True)
        except OSError as error:  # the check itself is done and right; only the next run is slower
            if not self.unsaved:
                sys.stderr.write(f"ale: varning: cachen i {self.folder} kunde inte sparas "
                                 f"({why(error, writing=True)}); kontrollen påverkas inte, men nästa körning läser "
                                 "alla filer.\n")
            self.unsaved = True
        self.changed.clear()


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


_OTHER_VERSION = re.compile(r"ale-[0-9a-f]{16}(\.json)?")  # a folder of another version, or a file of an older one
