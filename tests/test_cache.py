"""`ale validate --cache DIR`: unchanged files come from the cache, changed ones are read; never stale."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

from ale_cli import cache as cache_module
from ale_cli import repository
from ale_cli.cache import HOLIDAYS, blob_id, fingerprint, key, shard
from tests.cli_helpers import ale


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually loaded (not taken from the cache)."""
    loaded: list[str] = []
    original = repository.load_file

    def counting(rel: str, absolute: Path) -> repository.Read:
        loaded.append(rel)
        return original(rel, absolute)

    monkeypatch.setattr(repository, "load_file", counting)
    return loaded


def entries(cache: Path) -> dict[str, bytes]:
    """Each file of entries in this version's folder of the cache, by name, with its bytes."""
    version = cache / f"ale-{fingerprint()}"
    assert [path.name for path in cache.iterdir() if re.fullmatch(r"ale-[0-9a-f]{16}", path.name)] == [version.name]
    return {path.name: path.read_bytes() for path in sorted(version.iterdir()) if path.name != HOLIDAYS}


def count(cache: Path) -> int:
    return sum(len(json.loads(content)) for content in entries(cache).values())


def test_second_run_reads_only_what_changed(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                            loads: list[str]) -> None:
    cache = tmp_path / "cache"
    first = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (first.code, len(loads)) == (0, 21)
    assert count(cache) == 21
    before = entries(cache)

    loads.clear()
    again = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (again.code, again.out, loads) == (0, first.out, [])

    note = base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart"),
                    encoding="utf-8")
    changed = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert loads == ["perioder/2020-08-31/enheter/nolskolan.yaml"]
    assert changed.code == 1 and "nolskolan.yaml:3:46: ALE204 'klart'" in changed.out
    after = entries(cache)  # only the file that holds the changed note is written again, with both versions
    assert [name for name in after if after[name] != before.get(name)] == [
        f"{shard('perioder/2020-08-31/enheter/nolskolan.yaml')}.json"]
    assert count(cache) == 22

    loads.clear()
    cached_error = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (cached_error.out, loads) == (changed.out, [])  # diagnostics and their positions come back whole


# -- in a Git work tree: the files Git vouches for are not read ----------------------------------------------------

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, base_repo: Path) -> list[str]:
    """The files whose bytes were read, by their path in the repository."""
    read: list[str] = []
    original = repository._read_bytes

    def counting(path: str | Path) -> tuple[bytes | None, tuple[str, str]]:
        read.append(Path(path).relative_to(base_repo).as_posix())
        return original(path)

    monkeypatch.setattr(repository, "_read_bytes", counting)
    return read


@pytest.fixture
def committed(base_repo: Path) -> Path:
    """The base repository in a Git work tree whose top is the folder above it, with everything committed."""
    top = base_repo.parent
    _git(top, "init", "-q")
    _git(top, "add", "-A")
    _git(top, "commit", "-q", "-m", "bas")
    return base_repo


NOTE = "perioder/2020-08-31/enheter/nolskolan.yaml"


def test_files_git_vouches_for_are_found_in_the_cache_without_reading_them(
        capsys: pytest.CaptureFixture[str], committed: Path, tmp_path: Path, reads: list[str],
        loads: list[str]) -> None:
    cache = tmp_path / "cache"
    first = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert (first.code, len(loads)) == (0, 21)
    # every entry is under the id Git gives the file's content, the same that ale gives a file it reads
    keys = {entry_key for content in entries(cache).values() for entry_key in json.loads(content)}
    assert keys == {key(rel, blob_id((committed / rel).read_bytes())) for rel in
                    _git(committed, "ls-files").splitlines()}

    reads.clear()
    loads.clear()
    again = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert (again.code, again.out, reads, loads) == (0, first.out, [], [])

    note = committed / NOTE
    note.write_text(note.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart"),
                    encoding="utf-8")
    reads.clear()
    changed = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert (reads, loads) == ([NOTE, NOTE], [NOTE])  # its bytes for the cache's key, then loaded
    assert changed.code == 1 and "nolskolan.yaml:3:46: ALE204 'klart'" in changed.out

    _git(committed, "add", NOTE)  # staged: Git's index holds the new content, and vouches for it
    reads.clear()
    loads.clear()
    staged = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    # the problem is placed at its line and column in the file, which was not read for the cache
    assert (staged.out, loads, reads) == (changed.out, [], [])


def test_a_file_git_is_told_not_to_check_is_read(capsys: pytest.CaptureFixture[str], committed: Path,
                                                 tmp_path: Path, loads: list[str]) -> None:
    cache = tmp_path / "cache"
    ale(capsys, "validate", "--repo", committed, "--cache", cache)
    _git(committed, "update-index", "--assume-unchanged", NOTE)
    note = committed / NOTE
    note.write_text(note.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart"),
                    encoding="utf-8")
    assert _git(committed, "diff-files", "--name-only") == ""  # Git itself does not see the change
    loads.clear()
    result = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert loads == [NOTE]
    assert result.code == 1 and "nolskolan.yaml:3:46: ALE204 'klart'" in result.out


def test_without_git_every_file_is_read(capsys: pytest.CaptureFixture[str], committed: Path, tmp_path: Path,
                                        reads: list[str], loads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    monkeypatch.setenv("PATH", str(tmp_path / "ingenting"))
    reads.clear()
    loads.clear()
    again = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert (again.out, len(reads), loads) == (first.out, 21, [])


def as_without_cache(capsys: pytest.CaptureFixture[str], repo: Path, cache: Path) -> tuple[int, str]:
    """`ale validate` with the cache, twice, and checked to say what it says without the cache."""
    without = ale(capsys, "validate", "--repo", repo)
    for _ in range(2):
        cached = ale(capsys, "validate", "--repo", repo, "--cache", cache)
        assert (cached.code, cached.out) == (without.code, without.out)
    return without.code, without.out


@pytest.mark.skipif(shutil.which("sed") is None, reason="the filter is a sed command")
def test_a_file_git_filters_is_read(capsys: pytest.CaptureFixture[str], committed: Path, tmp_path: Path) -> None:
    """Git's clean and smudge filters: the bytes on disk are not those of the index, though Git sees no change."""
    top, cache = committed.parent, tmp_path / "cache"
    _git(top, "config", "filter.ord.smudge", "sed s/uppfyllt/klart/")
    _git(top, "config", "filter.ord.clean", "sed s/klart/uppfyllt/")
    (top / ".git/info/attributes").write_text(f"repo/{NOTE} filter=ord\n", encoding="utf-8")
    (committed / NOTE).unlink()
    _git(top, "checkout", "--", f"repo/{NOTE}")
    assert _git(top, "diff-files", "--name-only") == ""
    code, out = as_without_cache(capsys, committed, cache)
    assert code == 1 and "nolskolan.yaml:3:46: ALE204 'klart'" in out
    (committed / NOTE).write_text(_git(top, "show", f":repo/{NOTE}"), encoding="utf-8")  # the index's own bytes
    assert as_without_cache(capsys, committed, cache) == (0, "Inga fel (21 filer kontrollerade).\n")


def test_a_file_git_stores_in_another_encoding_is_read(capsys: pytest.CaptureFixture[str], committed: Path,
                                                       tmp_path: Path) -> None:
    """A committed .gitattributes may have Git write a file in another encoding than the index holds."""
    top, cache = committed.parent, tmp_path / "cache"
    (top / ".gitattributes").write_text("repo/perioder/**/*.yaml working-tree-encoding=ISO-8859-1\n",
                                        encoding="utf-8")
    _git(top, "add", ".gitattributes")
    for path in (committed / "perioder").rglob("*.yaml"):
        path.unlink()
    _git(top, "checkout", "--", "repo/perioder")
    code, out = as_without_cache(capsys, committed, cache)
    assert code == 1 and f"{NOTE}:1:46: ALE002 filen är inte UTF-8: byte 0xD6 ('Ö' i Windows-1252/Latin-1)" in out
    note = committed / NOTE
    note.write_bytes(note.read_bytes().decode("latin-1").encode("utf-8"))  # saved again in UTF-8, as the hint says
    code, fixed = as_without_cache(capsys, committed, cache)
    assert NOTE not in fixed and fixed.count("ALE002") == out.count("ALE002") - 1


@pytest.mark.parametrize("setting, value", [("core.trustctime", "false"), ("core.trustctime", ""),
                                            ("core.trustctime", "0"), ("core.checkStat", "minimal")])
def test_where_git_trusts_a_files_time_alone_every_file_is_read(capsys: pytest.CaptureFixture[str],
                                                                committed: Path, tmp_path: Path, setting: str,
                                                                value: str) -> None:
    top, cache, note = committed.parent, tmp_path / "cache", committed / NOTE
    ale(capsys, "validate", "--repo", committed, "--cache", cache)
    _git(top, "config", setting, value)  # an empty value is false to Git
    before = note.stat()
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("bedömning: uppfyllt", "bedömning: uppfyllx", 1), encoding="utf-8")  # same size
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _git(top, "diff-files", "--name-only") == ""  # Git, so told, sees no change
    code, out = as_without_cache(capsys, committed, cache)
    assert code == 1 and "nolskolan.yaml:3:46: ALE204 'uppfyllx'" in out


def test_a_file_saved_after_git_vouched_for_it_is_kept_under_its_own_bytes(
        capsys: pytest.CaptureFixture[str], committed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, note = tmp_path / "cache", committed / NOTE
    text = note.read_text(encoding="utf-8")

    def then_saved(root: Path) -> dict[str, str]:
        ids = cache_module.vouched(root)
        note.write_text(text.replace("bedömning: uppfyllt", "bedömning: klart"), encoding="utf-8")
        return ids

    monkeypatch.setattr(repository, "vouched", then_saved)
    ale(capsys, "validate", "--repo", committed, "--cache", cache)
    monkeypatch.undo()
    note.write_text(text, encoding="utf-8")
    assert as_without_cache(capsys, committed, cache) == (0, "Inga fel (21 filer kontrollerade).\n")


def test_in_a_sha256_repository_every_file_is_read(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                   tmp_path: Path, reads: list[str]) -> None:
    for args in (("init", "-q", "--object-format=sha256"), ("add", "-A"), ("commit", "-q", "-m", "bas")):
        _git(base_repo, *args)
    cache = tmp_path / "cache"
    first = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    reads.clear()
    again = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (again.out, len(reads)) == (first.out, 21)


def test_a_problem_is_placed_in_the_text_its_entry_was_made_from(
        capsys: pytest.CaptureFixture[str], committed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, note = tmp_path / "cache", committed / NOTE
    text = note.read_text(encoding="utf-8").replace("bedömning: uppfyllt", "bedömning: klart")
    note.write_text(text, encoding="utf-8")
    _git(committed.parent, "commit", "-q", "-am", "klart")
    first = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert "nolskolan.yaml:3:46: ALE204 'klart'" in first.out

    def then_saved(root: Path) -> dict[str, str]:
        ids = cache_module.vouched(root)
        note.write_text("# rad\n" * 5 + text, encoding="utf-8")  # saved again while ale runs
        return ids

    monkeypatch.setattr(repository, "vouched", then_saved)
    during = ale(capsys, "validate", "--repo", committed, "--cache", cache)
    assert during.out == first.out  # the entry's data and its place, both from the bytes Git vouched for


def test_a_file_changed_while_it_is_read_is_not_kept_under_its_old_bytes(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    note = base_repo / NOTE
    text = note.read_text(encoding="utf-8")
    original = repository.load_file

    def saved_meanwhile(rel: str, absolute: Path) -> repository.Read:
        if rel == NOTE:  # the editor saves the file after ale made the cache's key of it, before ale loads it
            note.write_text(text.replace("bedömning: uppfyllt", "bedömning: klart"), encoding="utf-8")
        return original(rel, absolute)

    monkeypatch.setattr(repository, "load_file", saved_meanwhile)
    during = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert during.code == 1 and "nolskolan.yaml:3:46: ALE204 'klart'" in during.out
    monkeypatch.undo()
    note.write_text(text, encoding="utf-8")
    after = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (after.code, after.out) == (0, "Inga fel (21 filer kontrollerade).\n")


def test_a_damaged_cache_is_ignored(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                    loads: list[str]) -> None:
    cache = tmp_path / "cache"
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    [version] = cache.iterdir()
    damaged = version / f"{shard('ale.yaml')}.json"
    held = len(json.loads(damaged.read_bytes()))
    damaged.write_bytes(b"\x00 inte json")
    loads.clear()
    result = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (result.code, len(loads)) == (0, held)
    assert "ale.yaml" in loads and count(cache) == 21


def test_an_entry_that_ale_did_not_write_is_read_again(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                       tmp_path: Path, loads: list[str]) -> None:
    cache = tmp_path / "cache"
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    shard_file = cache / f"ale-{fingerprint()}" / f"{shard('ale.yaml')}.json"
    entries = json.loads(shard_file.read_bytes())
    raw = (base_repo / "ale.yaml").read_bytes()
    entries[key("ale.yaml", blob_id(raw))] = {"ok": True, "diagnostics": [{"path": "ale.yaml"}]}
    shard_file.write_text(json.dumps(entries), encoding="utf-8")
    loads.clear()
    result = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert (result.code, result.out, loads) == (0, "Inga fel (21 filer kontrollerade).\n", ["ale.yaml"])
    assert json.loads(shard_file.read_bytes())[key("ale.yaml", blob_id(raw))]["diagnostics"] == []


def test_a_cache_of_another_version_is_replaced(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "ale-0000000000000000").mkdir(parents=True)
    (cache / "ale-0000000000000000" / "07.json").write_text("{}", encoding="utf-8")
    (cache / "ale-1111111111111111.json").write_text("{}", encoding="utf-8")  # the layout of older versions
    (cache / "ale-anteckningar.txt").write_text("inte ales", encoding="utf-8")
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert sorted(path.name for path in cache.iterdir()) == sorted(["ale-anteckningar.txt", f"ale-{fingerprint()}"])
    assert count(cache) == 21


def test_a_cache_made_with_another_yaml_parser_or_python_is_not_used(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path, loads: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    made_with = cache_module.loading_versions()
    try:
        for changed in range(len(made_with)):
            versions = tuple(f"{version}+annan" if index == changed else version
                             for index, version in enumerate(made_with))
            monkeypatch.setattr(cache_module, "loading_versions", lambda versions=versions: versions)
            cache_module.fingerprint.cache_clear()
            loads.clear()
            result = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
            assert (result.code, len(loads)) == (0, 21)
            assert count(cache) == 21  # in a folder of its own, the other removed
    finally:
        monkeypatch.undo()
        cache_module.fingerprint.cache_clear()


def test_entries_not_used_are_dropped_when_they_outnumber_the_used(capsys: pytest.CaptureFixture[str],
                                                                  base_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    note = base_repo / "perioder/2020-08-31/enheter/nolskolan.yaml"
    name = f"{shard('perioder/2020-08-31/enheter/nolskolan.yaml')}.json"
    text = note.read_text(encoding="utf-8")
    ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    in_shard = len(json.loads(entries(cache)[name]))
    versions = []
    for version in range(1, 3 * in_shard + 2):
        note.write_text(f"{text}# version {version}\n", encoding="utf-8")
        ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
        versions.append(len(json.loads(entries(cache)[name])))
    # the old versions of the note pile up beside what is used, until they are more than twice as many
    assert max(versions) == 3 * in_shard and versions[-1] < 3 * in_shard
    assert count(cache) <= 21 + 2 * in_shard


def test_a_cache_inside_the_repository_is_not_read_as_data(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                            loads: list[str]) -> None:
    cache = base_repo / ".ale-cache"  # where the CI files of `ale init` keep it
    first = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    loads.clear()
    again = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert first.out == again.out == "Inga fel (21 filer kontrollerade).\n" and loads == []


def test_a_cache_that_cannot_be_written_does_not_change_the_check(capsys: pytest.CaptureFixture[str],
                                                                   base_repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("en fil, ingen mapp", encoding="utf-8")
    result = ale(capsys, "validate", "--repo", base_repo, "--cache", blocker / "cache")
    assert (result.code, result.out) == (0, "Inga fel (21 filer kontrollerade).\n")
    assert re.fullmatch(re.escape(f"ale: varning: cachen i {blocker / 'cache'} kunde inte sparas (") + r"[^)]+"
                        + re.escape("); kontrollen påverkas inte, men nästa körning läser alla filer.\n"), result.err)
    assert blocker.read_text(encoding="utf-8") == "en fil, ingen mapp"


# -- the holidays of ALE411 ---------------------------------------------------------------------------------------

KALENDER = "kalender/2020.yaml"


def on_juldagen(repo: Path) -> None:
    """A planned meeting moved to Juldagen, which only the table of holidays tells from a working day."""
    path = repo / KALENDER
    path.write_text(path.read_text(encoding="utf-8").replace("datum: 2020-10-26", "datum: 2020-12-25"),
                    encoding="utf-8")


def no_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """The holidays library, as the cache would ask it, made unavailable."""
    def unavailable(år: int) -> dict[object, str]:
        raise AssertionError(f"the holidays of {år} were asked of the library")

    monkeypatch.setattr(cache_module, "swedish_holidays", unavailable)


def test_the_holidays_are_kept_in_the_cache(capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    on_juldagen(base_repo)
    cache = tmp_path / "cache"
    uncached = ale(capsys, "validate", "--repo", base_repo)
    first = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert first.out == uncached.out
    assert f"{KALENDER}:5:13: ALE411 varning: mötet 2020-12-25 ligger på juldagen" in first.out
    kept = json.loads((cache / f"ale-{fingerprint()}" / HOLIDAYS).read_bytes())
    assert kept["holidays"] == metadata.version("holidays")
    assert kept["år"]["2020"]["2020-12-25"] == "Juldagen" and len(kept["år"]["2020"]) == 13 + 3  # and the aftons

    no_library(monkeypatch)
    again = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert again.out == uncached.out


@pytest.mark.parametrize("damage", [
    pytest.param(lambda kept: {**kept, "holidays": "0.1"}, id="another version of the library"),
    pytest.param(lambda kept: {**kept, "år": {"2020": {"2020-13-45": "Juldagen"}}}, id="not a date"),
    pytest.param(lambda kept: {**kept, "år": {"2020": {"2020-12-25": 25}}}, id="not a name"),
    pytest.param(lambda kept: [kept], id="not a table"),
])
def test_holidays_not_as_this_library_gave_them_are_asked_again(
        capsys: pytest.CaptureFixture[str], base_repo: Path, tmp_path: Path,
        damage: Callable[[dict[str, object]], object]) -> None:
    on_juldagen(base_repo)
    cache = tmp_path / "cache"
    first = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    path = cache / f"ale-{fingerprint()}" / HOLIDAYS
    good = json.loads(path.read_bytes())
    path.write_text(json.dumps(damage(good)), encoding="utf-8")
    again = ale(capsys, "validate", "--repo", base_repo, "--cache", cache)
    assert again.out == first.out
    assert json.loads(path.read_bytes()) == good



def test_an_empty_cache_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str], base_repo: Path) -> None:
    # `--cache "$CACHE"` with the variable unset: not the current folder, where the cache would land among the files
    result = ale(capsys, "validate", "--cache", "", cwd=base_repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("ale: ogiltigt värde för --cache (ange en mapp; ett tomt värde skulle lägga cachen i den "
                          "aktuella mappen)\nSe 'ale validate --help'.\n")
    assert not [path.name for path in base_repo.iterdir() if path.name.startswith("ale-")]


def test_a_cache_folder_that_is_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], base_repo: Path,
                                                         tmp_path: Path) -> None:
    file = tmp_path / "cache"
    file.write_text("x\n", encoding="utf-8")
    result = ale(capsys, "validate", "--cache", file, cwd=base_repo)
    assert result.code == 2
    assert result.err == (f"ale: ogiltigt värde för --cache: '{file}' är en fil, inte en mapp\n"
                          "Se 'ale validate --help'.\n")
