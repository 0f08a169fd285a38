"""`ale init`: a new data repository that validates clean, with CI, pre-commit and editor settings."""

from __future__ import annotations

import json
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
    assert ale(capsys, "status", "--period", "2021-08-31", "--repo", target).code == 0
    assert ale(capsys, "new", "period", "2021-08-31", "--repo", target).code == 0


def test_ci_files_run_ale_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ale-data"
    _init(capsys, target)
    yaml = YAML(typ="safe")
    github = yaml.load((target / ".github/workflows/ale.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["validate"]["steps"]
    assert {"run": "ale validate --format auto --cache .ale-cache"} in steps
    assert {"uses": "actions/cache@v4", "with": {"path": ".ale-cache", "key": "ale-${{ github.sha }}",
                                                 "restore-keys": "ale-"}} in steps
    gitlab = yaml.load((target / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["ale-validate"]
    assert job["script"][-1] == "ale validate --cache .ale-cache"
    assert job["cache"] == {"key": "ale", "paths": [".ale-cache/"]}
    assert ".ale-cache/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json", "junit": "ale-junit.xml"}
    hooks = yaml.load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert (hook["entry"], hook["require_serial"]) == ("ale validate --cache .ale-cache", True)
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
    assert result.err == f"ale: mappen '{target}' är inte tom; inget skrevs. Välj en ny eller tom mapp.\n"
    assert [p.name for p in target.iterdir()] == ["anteckning.txt"]
    # an empty folder is fine
    empty = tmp_path / "tom"
    empty.mkdir()
    _init(capsys, empty)


def test_init_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = ale(capsys, "init", tmp_path / "a", "--kommun", "Ale kommun", "--kommunkod", "144", "--år", "2021")
    assert code.code == 2
    assert code.err == "ale: --kommunkod: '144' är ingen kommunkod; den har fyra siffror, till exempel 1440\n"
    blank = ale(capsys, "init", tmp_path / "a", "--kommun", " ", "--kommunkod", "1440", "--år", "2021")
    assert blank.code == 2
    assert ale(capsys, "init", tmp_path / "a", "--kommun", "Ale", "--kommunkod", "1440", "--år", "21").code == 2
    assert not (tmp_path / "a").exists()


def test_the_hook_this_repository_provides_runs_in_one_process() -> None:
    """pre-commit runs a hook on batches of files in parallel unless it says otherwise; ale checks the whole
    repository in every run, so parallel runs would each do all of it."""
    [hook] = YAML(typ="safe").load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert (hook["id"], hook["entry"], hook["pass_filenames"], hook["require_serial"]) == (
        "ale-validate", "ale validate", True, True)
