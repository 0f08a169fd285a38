"""Reporters for `ale validate`, registered by name and chosen with `--format`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from ale_cli import __version__
from ale_cli.codes import CODES
from ale_cli.diagnostics import Diagnostic, visible, without_figures


class Reporter(Protocol):
    """Diagnostics, the number of files checked and the repository root → the report's text.

    `files` names the checked files (repository-relative), for the formats that list every file; `strict` says
    that warnings fail the run too (`--strict`), for the formats that tell failing from passing.
    """

    def __call__(self, diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *,
                 files: Sequence[str] = (), strict: bool = False) -> str: ...


REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(function: Reporter) -> Reporter:
        REPORTERS[name] = function
        return function

    return register


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(diagnostics: Sequence[Diagnostic], checked: int) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    files = _plural(checked, "fil kontrollerad", "filer kontrollerade")
    if not diagnostics:
        return f"Inga fel ({files})."
    places = _plural(len({d.path for d in diagnostics}), "fil", "filer")
    return f"{_plural(errors, 'fel', 'fel')} och {_plural(warnings, 'varning', 'varningar')} i {places} ({files})."


def text_line(d: Diagnostic) -> str:
    """`file:line:col: CODE message` and its hint, one line each whatever the user's text holds: a line break in
    a key or a file name would otherwise start a line of its own, which CI reads as its own (GitHub Actions runs
    a line that begins with `::` as a workflow command)."""
    kind = "" if d.is_error else "varning: "
    line = _one_line(f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {kind}{d.message}")
    return f"{line}\n    tips: {_one_line(d.hint)}" if d.hint else line


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")


@reporter("text")
def text(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
         strict: bool = False) -> str:
    return "".join(text_line(d) + "\n" for d in diagnostics) + summary(diagnostics, checked) + "\n"


@reporter("json")
def as_json(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
         strict: bool = False) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    document = {
        "diagnostiker": [d.as_dict() for d in diagnostics],
        "sammanfattning": {"fel": errors, "varningar": len(diagnostics) - errors, "filer": checked},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def github(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
         strict: bool = False) -> str:
    """GitHub Actions workflow commands, then the text report: GitHub shows only the first annotations."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        workspace_path = _workspace_path(root, d.path)
        properties = (f"file={_escape_property(workspace_path)},line={d.line},col={d.column},"
                      f"title={_escape_property(d.code)}")
        message = f"{d.message}\n{d.hint}" if d.hint else d.message
        lines.append(f"::{command} {properties}::{_escape_data(message)}\n")
    return "".join(lines) + text(diagnostics, checked, root)


def _workspace_path(root: Path, path: str) -> str:
    """The file as CI sees it, with '/': relative to the checkout, which annotations, code scanning and Code
    Quality resolve paths against, wherever in it `ale` runs (a step's `working-directory: data`). The checkout is
    the CI's own folder (GITHUB_WORKSPACE, CI_PROJECT_DIR) or else the Git work tree around the repository, and
    without either the folder `ale` runs in. On Windows, a repository on another drive than that has no relative
    path, and keeps its whole one. A name that is not UTF-8 is written by its bytes (diagnostics.visible)."""
    try:
        return visible(Path(os.path.relpath(root / path, _checkout(root))).as_posix())
    except ValueError:
        return visible((root / path).as_posix())


def _checkout(root: Path, environ: Mapping[str, str] = os.environ) -> Path:
    for variable in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        workspace = environ.get(variable)
        if workspace and root.is_relative_to(Path(os.path.realpath(workspace))):
            return Path(os.path.realpath(workspace))
    return _work_tree(root) or Path.cwd()


@cache
def _work_tree(root: Path) -> Path | None:
    """The Git work tree around `root`, found once for all of a run's diagnostics."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folder
    return None


def _message(d: Diagnostic) -> str:
    return f"{d.message}\nTips: {d.hint}" if d.hint else d.message


@reporter("auto")
def auto(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
         strict: bool = False) -> str:
    """`github` under GitHub Actions, `text` elsewhere."""
    return REPORTERS[resolve_format("auto")](diagnostics, checked, root, files=files, strict=strict)


def resolve_format(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """The reporter `auto` stands for here; any other name as it is."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@reporter("sarif")
def sarif(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
         strict: bool = False) -> str:
    """SARIF 2.1.0, as GitHub code scanning reads it (`github/codeql-action/upload-sarif`): each rule with what it
    finds and how it is put right (codes.py), each result with a fingerprint that survives moved lines. GitHub
    refuses a run of more than 25 000 results: beyond that, the errors are kept before the warnings, and the run
    says how many were left out."""
    fingerprints = _fingerprints(diagnostics, root)
    chosen = sorted(range(len(diagnostics)), key=lambda i: not diagnostics[i].is_error)[:SARIF_MAX_RESULTS]
    kept = [(diagnostics[i], fingerprints[i]) for i in sorted(chosen)]
    codes = sorted({d.code for d, _ in kept})
    results = []
    for d, fingerprint in kept:
        results.append({
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": "error" if d.is_error else "warning",
            "message": {"text": _message(d)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(_workspace_path(root, d.path))},
                "region": {"startLine": d.line, "startColumn": d.column},
            }}],
            "partialFingerprints": {"aleDiagnostic/v2": fingerprint},
        })
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ale",
                "version": __version__,
                "rules": [_rule(code) for code in codes],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            **({"properties": {"utelämnade": len(diagnostics) - len(kept)}} if len(kept) < len(diagnostics) else {}),
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


SARIF_MAX_RESULTS = 25_000


def _rule(code: str) -> dict[str, object]:
    described = CODES[code]  # every code ale gives (tests/test_validate_cli.py)
    vad, rättning = _plain(described.vad), _plain(described.rättning)
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": vad},
        "fullDescription": {"text": vad, "markdown": described.vad},
        "help": {"text": f"Så rättar du: {rättning}", "markdown": f"Så rättar du: {described.rättning}"},
        "defaultConfiguration": {"level": "error" if described.allvar == "fel" else "warning"},
        "properties": {"tags": ["ale"]},
    }


def _plain(markdown: str) -> str:
    return markdown.replace("`", "")


def _fingerprints(diagnostics: Sequence[Diagnostic], root: Path) -> list[str]:
    """A stable hash per diagnostic: file, code and message, not the line (so that moving text keeps it), and
    the message without its figures, which name lines too ('finns redan på rad 4'); the n-th of diagnostics
    alike in that way in a file gets n in its hash."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for d in diagnostics:
        key = (_workspace_path(root, d.path), d.code, without_figures(d.message))
        result.append(hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8")).hexdigest())
        seen[key] += 1
    return result


@reporter("gitlab")
def gitlab(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
         strict: bool = False) -> str:
    """GitLab Code Quality: a JSON array of issues, shown in the merge request."""
    issues = [{
        "type": "issue",
        "check_name": d.code,
        "description": f"{d.code} {d.message}" + (f" — tips: {d.hint}" if d.hint else ""),
        "severity": "major" if d.is_error else "minor",
        "fingerprint": fingerprint,
        "location": {"path": _workspace_path(root, d.path), "lines": {"begin": d.line}},
    } for d, fingerprint in zip(diagnostics, _fingerprints(diagnostics, root), strict=True)]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


# XML 1.0 has no way to write these, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@reporter("junit")
def junit(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = (),
          strict: bool = False) -> str:
    """JUnit XML for GitLab, Jenkins and Azure DevOps: one testsuite; a testcase for each diagnostic, failed if
    it fails the run (an error, or a warning with `--strict`; else the warning is its output), and one passing
    testcase for each file without any. Those tools show a single failure per testcase, and a failed test on a
    run that passed would say the opposite of the exit code."""
    suites = ET.Element("testsuites", {"name": "ale validate"})
    suite = ET.SubElement(suites, "testsuite", {"name": "ale validate"})
    failures = 0
    for d in diagnostics:
        shown = _xml_text(_workspace_path(root, d.path))
        case = ET.SubElement(suite, "testcase", {"classname": shown, "name": f"{d.code} {d.line}:{d.column}",
                                                 "file": shown, "line": str(d.line)})
        line = _xml_text(text_line(d).replace(_one_line(visible(d.path)), shown, 1))
        if d.is_error or strict:
            failures += 1
            failure = ET.SubElement(case, "failure", {
                "type": d.code, "message": _xml_text(f"{d.line}:{d.column}: {d.code} "
                                                     f"{'' if d.is_error else 'varning: '}{_one_line(d.message)}")})
            failure.text = line
        else:
            ET.SubElement(case, "system-out").text = line
    reported = {d.path for d in diagnostics}
    for name in sorted(set(files) - reported):
        shown = _xml_text(_workspace_path(root, name))
        ET.SubElement(suite, "testcase", {"classname": shown, "name": "inga fel", "file": shown})
    counts = {"tests": str(len(suite)), "failures": str(failures), "errors": "0"}
    suites.attrib.update(counts)
    suite.attrib.update({**counts, "skipped": "0"})
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def step_summary(diagnostics: Sequence[Diagnostic], checked: int, limit: int = 200, *, strict: bool = False) -> str:
    """The Markdown that GitHub Actions shows on the run's page ($GITHUB_STEP_SUMMARY); ❌ when the run fails (an
    error, or with `strict` a warning too)."""
    from ale_cli.markdown import escape_markdown

    mark = "❌" if any(d.is_error or strict for d in diagnostics) else "✅"
    lines = ["## ale validate", "", f"{mark} {escape_markdown(summary(diagnostics, checked))}", ""]
    if diagnostics:
        lines += ["| plats | kod | allvar | meddelande |", "| --- | --- | --- | --- |"]
        for d in diagnostics[:limit]:
            where = escape_markdown(f"{visible(d.path)}:{d.line}:{d.column}")
            text = escape_markdown(d.message) + (f"<br>tips: {escape_markdown(d.hint)}" if d.hint else "")
            lines.append(f"| {where} | {d.code} | {d.severity.value} | {text} |")
        if len(diagnostics) > limit:
            lines += ["", f"… och {len(diagnostics) - limit} till; se körningens logg."]
        lines.append("")
    return "\n".join(lines) + "\n"
