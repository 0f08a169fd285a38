"""Typst's compile, alone in a module so that a fresh worker process can run it importing nothing else."""

from __future__ import annotations

from typing import Any

import typst


def compile_pdf(template: str, options: dict[str, Any], standards: list[str]) -> tuple[bytes | None, str, bool]:
    """(pdf, "", False), or (None, Typst's message, whether it is a PDF/A violation): exceptions from the Rust
    extension do not cross process boundaries whole, so the error is returned as plain values."""
    try:
        pdf = typst.compile(template, pdf_standards=standards, **options)  # type: ignore[arg-type]
    except typst.TypstError as error:
        message = str(error.message)
        return None, message, message.startswith("PDF/A")
    assert isinstance(pdf, bytes)
    return pdf, "", False
