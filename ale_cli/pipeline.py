"""The pipeline that every command starts with: load → parse → link → check.

    find_root ─► load_repository (repository.py: load.py + parse.py per file)
              ─► link (link.py: references, unique ids, the index)
              ─► check (rules.py: the process rules)
              ─► roll-up and render (report, status, calendar)

`run` returns the repository, its index and every diagnostic, sorted; nothing stops at the first problem.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from ale_cli.cache import LoadCache
from ale_cli.diagnostics import Diagnostic
from ale_cli.helgdagar import swedish_holidays
from ale_cli.link import Index, link
from ale_cli.progress import files_bar
from ale_cli.repository import Repository, load_repository
from ale_cli.rules import check


@dataclass(frozen=True)
class Checked:
    repo: Repository
    index: Index
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(diagnostic.is_error for diagnostic in self.diagnostics)


def run(root: Path, cache: Path | None = None, known: Repository | None = None,
        files: list[tuple[str, Path]] | None = None, *, warnings: bool = True) -> Checked:
    """The repository at `root` loaded, linked and checked; `cache` is a folder for the cache of loaded files,
    `known` another tree of the same repository whose files, where unchanged, need not be read again, `files`
    the files to read when not those found under `root` (repository.load_repository). Without `warnings`, the
    process rules that can only warn are not run: a command that builds on the data needs to know whether it has
    errors, and never shows a warning."""
    load_cache = LoadCache.open(cache) if cache is not None else None
    # Loading makes millions of small objects and no reference cycles; the cyclic collector would scan the
    # growing heap again and again for nothing (a third of the loading time on a large repository).
    gc.disable()
    try:
        with files_bar() as progress:
            repo, loaded = load_repository(root, progress=progress, cache=load_cache, known=known, files=files)
    finally:
        # what was loaded lives as long as the command: set apart, the collector need not scan it again
        gc.freeze()
        gc.enable()
    index, linked = link(repo)
    checked = check(repo, index, load_cache.helgdagar if load_cache else swedish_holidays, warnings=warnings)
    if load_cache is not None:
        load_cache.save()  # the entries of the files read, and the holidays the rules asked for
    return Checked(repo, index, sorted({*loaded, *linked, *checked}))
