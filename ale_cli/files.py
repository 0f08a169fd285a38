"""Files: output written atomically, so that a killed run leaves the old file whole; the shipped templates."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The new file gets the mode an ordinary write would give it (the old file's, or 0666 less the umask), not the
    private mode of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


PACKAGE = Path(__file__).resolve().parent


def shipped_templates(package: Path = PACKAGE) -> Path:
    """The report templates: installed, the wheel holds them in the package (ale_cli/templates/); run from a
    source checkout (or installed as a link to one), they are templates/ beside the package."""
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"
