"""An opt-in cache of loaded files (`ale validate --cache DIR`), for CI runs that see the same files again.

Each entry is keyed by the file's path and the SHA-256 of its bytes, and the cache file's name by a fingerprint
of ale's own source, so an entry is never stale: a changed file, or another version of ale, simply misses. The
cache holds what loading a file gives (its data and diagnostics) as JSON, never code; deleting the folder is
always safe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ale_cli.diagnostics import Diagnostic, Severity
from ale_cli.files import atomic_write
from ale_cli.load import Document, Read, decode


@cache
def fingerprint() -> str:
    """A hash of ale's source: what a cached entry means can change only with it."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def key(rel: str, raw: bytes) -> str:
    return hashlib.sha256(rel.encode("utf-8") + b"\0" + raw).hexdigest()


@dataclass
class LoadCache:
    folder: Path
    entries: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    added: bool = False

    @property
    def path(self) -> Path:
        return self.folder / f"ale-{fingerprint()}.json"

    @classmethod
    def open(cls, folder: Path) -> LoadCache:
        opened = cls(folder)
        try:
            entries = json.loads(opened.path.read_bytes())
        except (OSError, ValueError):  # none yet, or damaged: start afresh
            entries = {}
        opened.entries = entries if isinstance(entries, dict) else {}
        return opened

    def get(self, rel: str, raw: bytes) -> Read | None:
        entry_key = key(rel, raw)
        entry = self.entries.get(entry_key)
        if not isinstance(entry, dict):
            return None
        self.used.add(entry_key)
        diagnostics = [Diagnostic(d["path"], d["line"], d["column"], d["code"], d["message"],
                                  Severity(d["severity"]), d["hint"]) for d in entry["diagnostics"]]
        if not entry["ok"]:
            return None, diagnostics
        text, _ = decode(rel, raw)
        assert text is not None  # it decoded when the entry was made
        return Document(rel, entry["data"], text), diagnostics

    def put(self, rel: str, raw: bytes, read: Read) -> None:
        document, diagnostics = read
        entry_key = key(rel, raw)
        self.entries[entry_key] = {
            "ok": document is not None,
            "data": document.data if document is not None else None,
            "diagnostics": [{"path": d.path, "line": d.line, "column": d.column, "code": d.code,
                             "message": d.message, "severity": d.severity.value, "hint": d.hint}
                            for d in diagnostics],
        }
        self.used.add(entry_key)
        self.added = True

    def save(self) -> None:
        """Write the entries, and remove caches of other versions of ale. Entries this run did not use are kept
        (a pull request's base revision is read too) until they are twice as many as those it used."""
        if not self.added:
            return
        unused = set(self.entries) - self.used
        kept_keys = self.used | (unused if len(unused) <= 2 * len(self.used) else set())
        kept = {entry_key: self.entries[entry_key] for entry_key in sorted(kept_keys)}
        atomic_write(self.path, json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for old in self.folder.glob("ale-*.json"):
            if old != self.path:
                old.unlink(missing_ok=True)
