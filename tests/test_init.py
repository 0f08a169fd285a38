"""`ale init`: a new data repository that validates clean, with CI, pre-commit and editor settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from ale_cli.pipeline import run
from ale_cli.schemas import KINDS, vscode_settings
from tests.cli_helpers import ale


def _init(capsys: pytest.CaptureFixture[str], target: Path, kommun: str = "Ale kommun") -> None:
    result = ale(capsys, "init", target, "--kommun", kommun, "--kommunkod", "1440", "--år", "2021")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Skapade ett datarepositorium för {kommun} i {target} (")


def test_init_creates_a_repository_that_validates_clean(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ale-data"
    _init(capsys, target)
    for name in ("ale.yaml", "verksamhetsplan/2021.yaml", "kalender/2021.yaml", "README.md", "namnder/README.md",
                 "sektorer/README.md", "perioder/README.md", ".github/workflows/ale.yml", ".gitlab-ci.yml",
                 ".pre-commit-config.yaml", ".vscode/settings.json", ".editorconfig", ".gitattributes"):
        assert (target / name).is_file(), name
    result = ale(capsys, "validate", "--repo", target)
    assert (result.code, result.out) == (0, "Inga fel (3 filer kontrollerade).\n")
    assert ale(capsys, "schema", "--check", "--dir", target / "schemas").code == 0
    status = ale(capsys, "status", "--period", "2021-08-31", "--repo", target)
    assert (status.code, status.out.splitlines()[-1]) == (0, "Komplett: den enda uppgiften är levererad.")
    assert ale(capsys, "new", "period", "2021-08-31", "--repo", target).code == 0


def test_ci_files_run_ale_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ale-data"
    _init(capsys, target)
    yaml = YAML(typ="safe")
    github = yaml.load((target / ".github/workflows/ale.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["validate"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v5", "with": {"fetch-depth": 0}}  # the base, for --changed-since
    assert {"if": "github.event_name == 'pull_request'",
            "run": 'ale validate --format auto --cache .ale-cache --changed-since "origin/${{ github.base_ref }}"'} \
        in steps
    assert {"if": "github.event_name != 'pull_request'", "run": "ale validate --format auto --cache .ale-cache"} \
        in steps
    restore, save = [step.get("uses") for step in steps].index("actions/cache/restore@v5"), len(steps) - 1
    assert steps[restore] == {"uses": "actions/cache/restore@v5", "with": {
        "path": ".ale-cache", "key": "ale-${{ github.sha }}", "restore-keys": "ale-"}}
    # saved after the check whatever it found: a pull request with errors is checked again, from the cache
    assert steps[save] == {"uses": "actions/cache/save@v5", "if": "always()",
                           "with": {"path": ".ale-cache", "key": "ale-${{ github.sha }}"}}
    assert all("ale validate" in step.get("run", "") for step in steps[restore + 1:save])
    # the workflow the docs show is the one ale init writes
    docs = Path(__file__).parent.parent / "docs/ci/github-actions.yml"
    assert docs.read_text(encoding="utf-8") == (target / ".github/workflows/ale.yml").read_text(encoding="utf-8")
    gitlab = yaml.load((target / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["ale-validate"]
    assert job["script"][-1] == "ale validate --cache .ale-cache"
    assert job["cache"] == {"key": "ale", "paths": [".ale-cache/"], "when": "always"}
    assert ".ale-cache/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json", "junit": "ale-junit.xml"}
    hooks = yaml.load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    # the whole repository at every commit, also one that only removes a file: not only the files staged
    assert (hook["entry"], hook["pass_filenames"], hook["always_run"]) == ("ale validate --cache .ale-cache", False,
                                                                         True)
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == json.loads(vscode_settings("./schemas"))["yaml.schemas"]
    assert len(settings["yaml.schemas"]) == len(KINDS)
    assert all((target / path).is_file() for path in settings["yaml.schemas"])


def test_kommun_name_is_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = 'Ale: "kommun" # 1\\ [x]'
    target = tmp_path / "ale-data"
    _init(capsys, target, name)
    assert ale(capsys, "validate", "--repo", target).code == 0
    config = run(target.resolve()).repo.config
    assert config is not None and config.model.kommun == name
    assert "# Planering och uppföljning – Ale: \"kommun\" \\# 1\\\\ \\[x\\]\n" in (target / "README.md").read_text(
        encoding="utf-8")


def test_init_refuses_a_non_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ale-data"
    target.mkdir()
    (target / "anteckning.txt").write_text("min", encoding="utf-8")
    result = ale(capsys, "init", target, "--kommun", "Ale kommun", "--kommunkod", "1440", "--år", "2021")
    assert result.code == 1
    assert result.err == (f"ale: mappen '{target}' är inte tom; inget skrevs. Välj en ny eller tom mapp, eller en "
                          "klon av ett tomt Git-repositorium.\n")
    assert [p.name for p in target.iterdir()] == ["anteckning.txt"]
    # an empty folder is fine
    empty = tmp_path / "tom"
    empty.mkdir()
    _init(capsys, empty)


def test_init_takes_a_clone_of_an_empty_repository(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Create the repository on the kommun's Git server, clone it, init it: the clone holds only .git."""
    clone = tmp_path / "ale-data"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    result = ale(capsys, "init", clone, "--kommun", "Ale kommun", "--kommunkod", "1440", "--år", "2021")
    assert result.code == 0, result.err
    assert (clone / "ale.yaml").is_file() and (clone / ".git" / "HEAD").read_text(encoding="utf-8").startswith("ref:")
    assert "  git init -b main" not in result.out.splitlines()
    empty = tmp_path / "tom"
    empty.mkdir()
    assert "  git init -b main" in ale(capsys, "init", empty, "--kommun", "Ale kommun", "--kommunkod", "1440",
                                       "--år", "2021").out.splitlines()



def test_the_git_init_of_the_next_steps_makes_the_branch_the_workflow_checks(capsys: pytest.CaptureFixture[str],
                                                                             tmp_path: Path) -> None:
    """A plain `git init` names the first branch master where Git is not told otherwise, and the workflow checks
    pushes to main only: the next steps name the branch."""
    target = tmp_path / "ale-data"
    result = ale(capsys, "init", target, "--kommun", "Ale kommun", "--kommunkod", "1440", "--år", "2021")
    workflow = YAML(typ="safe").load((target / ".github/workflows/ale.yml").read_text("utf-8"))
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert result.out.splitlines()[1:4] == ["Nästa steg:", f'  cd "{target}"', "  git init -b main"]

def test_init_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = ale(capsys, "init", tmp_path / "a", "--kommun", "Ale kommun", "--kommunkod", "144", "--år", "2021")
    assert code.code == 2
    assert code.err == "ale: --kommunkod: '144' är ingen kommunkod; den har fyra siffror, till exempel 1440\n"
    arabic = ale(capsys, "init", tmp_path / "a", "--kommun", "Ale", "--kommunkod", "\u0661\u0664\u0664\u0660",
                 "--år", "2021")
    assert (arabic.code, arabic.err) == (2, ("ale: --kommunkod: '\u0661\u0664\u0664\u0660' är ingen kommunkod; den "
                                             "har fyra siffror, till exempel 1440\n"))
    blank = ale(capsys, "init", tmp_path / "a", "--kommun", " ", "--kommunkod", "1440", "--år", "2021")
    assert blank.code == 2
    assert ale(capsys, "init", tmp_path / "a", "--kommun", "Ale", "--kommunkod", "1440", "--år", "21").code == 2
    assert not (tmp_path / "a").exists()


def test_the_hook_this_repository_provides_checks_the_whole_repository() -> None:
    """With the staged files as arguments, ale would report only on them (a renamed id breaking another file would
    pass), and a commit that only removes files would not run the hook at all."""
    [hook] = YAML(typ="safe").load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert (hook["id"], hook["entry"], hook["pass_filenames"], hook["always_run"]) == (
        "ale-validate", "ale validate", False, True)


def _matches(glob: str, path: str) -> bool:
    """The YAML extension's match: the glob anywhere in the path (**/ before it), * within a folder name."""
    pattern = "".join("[^/]*" if c == "*" else re.escape(c) for c in glob)
    return re.fullmatch(f"(.*/)?{pattern}", path) is not None


def test_each_data_file_gets_one_schema_in_the_editor() -> None:
    """`sektorer/*.yaml` alone would give a period's sektor file the sektor schema too, and its errors."""
    example = Path(__file__).parent.parent / "example-repo"
    for path in sorted(p.relative_to(example).as_posix() for p in example.rglob("*.yaml")):
        if path.startswith(".") or "/" not in path and path != "ale.yaml":
            continue
        kinds = [kind for kind, (_, globs) in KINDS.items()
                 if any(_matches(g, path) for g in globs if not g.startswith("!"))
                 and not any(_matches(g[1:], path) for g in globs if g.startswith("!"))]
        assert len(kinds) == 1, (path, kinds)


def test_ale_schema_in_a_data_repository_writes_the_schemas_the_editor_reads(capsys: pytest.CaptureFixture[str],
                                                                            tmp_path: Path) -> None:
    """After an update of ale, `ale schema` anywhere in the data repository refreshes its schemas/ (the folder
    .vscode/settings.json names), as every other command finds the repository; it writes no schemas/ of its own
    into namnder/ or a period's folder."""
    target = tmp_path / "ale-data"
    _init(capsys, target)
    (target / "schemas" / "ale.schema.json").write_text("{}", encoding="utf-8")
    stale = ale(capsys, "schema", "--check", cwd=target / "namnder")
    schemas = Path("..", "schemas")
    assert (stale.code, stale.err) == (1, (f"{schemas / 'ale.schema.json'}: inaktuellt schema\n"
                                           "Kör 'ale schema' för att skriva om det.\n"))
    written = ale(capsys, "schema", cwd=target / "namnder")
    assert (written.code, written.out) == (0, f"1 schema skrivet i {schemas}.\n")
    assert not (target / "namnder" / "schemas").exists()
    assert ale(capsys, "schema", "--check", "--dir", target / "schemas").code == 0
    outside = ale(capsys, "schema", cwd=tmp_path)  # outside a data repository: schemas/ in the current folder
    assert (outside.code, outside.out) == (0, f"{len(KINDS)} scheman skrivna i schemas.\n")
