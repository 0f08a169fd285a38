"""Typst's compile, alone in a module so that a fresh interpreter can run it importing nothing else of ale.

`python -m ale_cli.typst_compile` reads one request as JSON on stdin (template, options, PDF standards) and
writes the PDF to stdout, or Typst's message as JSON with exit code 3: exceptions from the Rust extension do not
cross process boundaries, plain values do.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typst


def compile_pdf(template: str, options: dict[str, Any], standards: list[str]) -> tuple[bytes | None, str, bool]:
    """(pdf, "", False), or (None, Typst's message, whether it is a PDF/A violation)."""
    try:
        pdf = typst.compile(template, pdf_standards=standards, **options)  # type: ignore[arg-type]
    except typst.TypstError as error:
        message = str(error.message)
        return None, message, message.startswith("PDF/A")
    assert isinstance(pdf, bytes)
    return pdf, "", False


def main() -> int:
    request = json.loads(sys.stdin.buffer.read())
    pdf, message, pdfa_violation = compile_pdf(request["template"], request["options"], request["standards"])
    if pdf is None:
        sys.stdout.write(json.dumps({"message": message, "pdfa": pdfa_violation}))
        return 3
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
