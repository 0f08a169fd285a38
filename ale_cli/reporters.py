"""Reporters for `ale validate`, registered by name and chosen with `--format`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from ale_cli import __version__
from ale_cli.diagnostics import Diagnostic, visible


class Reporter(Protocol):
    """Diagnostics, the number of files checked and the repository root → the report's text.

    `files` names the checked files (repository-relative), for the formats that list every file.
    """

    def __call__(self, diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *,
                 files: Sequence[str] = ()) -> str: ...


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
    kind = "" if d.is_error else "varning: "
    line = f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {kind}{d.message}"
    return f"{line}\n    tips: {d.hint}" if d.hint else line


@reporter("text")
def text(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
    return "".join(text_line(d) + "\n" for d in diagnostics) + summary(diagnostics, checked) + "\n"


@reporter("json")
def as_json(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
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
def github(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
    """GitHub Actions workflow commands, then the text report: GitHub shows only the first annotations."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        workspace_path = visible(_workspace_path(root, d.path))
        properties = (f"file={_escape_property(workspace_path)},line={d.line},col={d.column},"
                      f"title={_escape_property(d.code)}")
        message = f"{d.message}\n{d.hint}" if d.hint else d.message
        lines.append(f"::{command} {properties}::{_escape_data(message)}\n")
    return "".join(lines) + text(diagnostics, checked, root)


def _workspace_path(root: Path, path: str) -> str:
    """The file as CI sees it: relative to the folder `ale` runs in (the checkout), with '/'; on Windows, a
    repository on another drive than that folder has no such path, and keeps its whole one."""
    try:
        return Path(os.path.relpath(root / path)).as_posix()
    except ValueError:
        return (root / path).as_posix()


def _message(d: Diagnostic) -> str:
    return f"{d.message}\nTips: {d.hint}" if d.hint else d.message


@reporter("auto")
def auto(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
    """`github` under GitHub Actions, `text` elsewhere."""
    return REPORTERS[resolve_format("auto")](diagnostics, checked, root, files=files)


def resolve_format(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """The reporter `auto` stands for here; any other name as it is."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@reporter("sarif")
def sarif(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
    """SARIF 2.1.0, as GitHub code scanning reads it (`github/codeql-action/upload-sarif`)."""
    codes = sorted({d.code for d in diagnostics})
    results = []
    for d, fingerprint in zip(diagnostics, _fingerprints(diagnostics, root), strict=True):
        results.append({
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": "error" if d.is_error else "warning",
            "message": {"text": _message(d)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(_workspace_path(root, d.path))},
                "region": {"startLine": d.line, "startColumn": d.column},
            }}],
            "partialFingerprints": {"aleDiagnostic/v1": fingerprint},
        })
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ale",
                "version": __version__,
                "rules": [{"id": code, "name": code,
                           "properties": {"tags": ["ale"]}} for code in codes],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fingerprints(diagnostics: Sequence[Diagnostic], root: Path) -> list[str]:
    """A stable hash per diagnostic: file, code and message, not the line (so that moving text keeps it);
    the n-th of identical diagnostics in a file gets n in its hash."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for d in diagnostics:
        key = (_workspace_path(root, d.path), d.code, d.message)
        result.append(hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8")).hexdigest())
        seen[key] += 1
    return result


@reporter("gitlab")
def gitlab(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
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
def junit(diagnostics: Sequence[Diagnostic], checked: int, root: Path, /, *, files: Sequence[str] = ()) -> str:
    """JUnit XML: one testsuite, one testcase per file, one failure per diagnostic (GitLab, Jenkins, Azure)."""
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    names = sorted({*files, *by_file})
    failed = sum(1 for name in names if name in by_file)
    counts = {"tests": str(len(names)), "failures": str(failed), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "ale validate", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "ale validate", **counts, "skipped": "0"})
    for name in names:
        shown = _xml_text(_workspace_path(root, name))
        case = ET.SubElement(suite, "testcase", {"classname": "ale.validate", "name": shown, "file": shown})
        for d in by_file.get(name, []):
            failure = ET.SubElement(case, "failure", {
                "type": d.code, "message": _xml_text(f"{d.line}:{d.column}: {d.code} "
                                                     f"{'' if d.is_error else 'varning: '}{d.message}")})
            failure.text = _xml_text(text_line(d).replace(visible(d.path), shown, 1))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def step_summary(diagnostics: Sequence[Diagnostic], checked: int, limit: int = 200) -> str:
    """The Markdown that GitHub Actions shows on the run's page ($GITHUB_STEP_SUMMARY)."""
    from ale_cli.markdown import escape_markdown

    mark = "✅" if not any(d.is_error for d in diagnostics) else "❌"
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
