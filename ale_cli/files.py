"""Files: output written atomically, so that a killed run leaves the old file whole; the shipped templates."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

_WHY = {getattr(errno, name): text for name, text in (
    ("EACCES", "behörighet saknas"),
    ("EPERM", "behörighet saknas"),
    ("ENOTDIR", "en del av sökvägen är en fil, inte en mapp"),
    ("EISDIR", "det är en mapp"),
    ("EROFS", "filsystemet är skrivskyddat"),
    ("ENOSPC", "disken är full"),
    ("EDQUOT", "diskkvoten är slut"),
    ("ENAMETOOLONG", "namnet är för långt"),
    ("EBUSY", "filen används av ett annat program"),
) if hasattr(errno, name)}


_SHARING_VIOLATION = 32  # Windows: another program has the file open (a report open in a PDF reader)


def why(error: OSError, writing: bool) -> str:
    """Why a file could not be read or written, in Swedish: the system's own words are often English."""
    if getattr(error, "winerror", None) == _SHARING_VIOLATION:
        return "filen är öppen i ett annat program; stäng den där och försök igen"
    if getattr(error, "winerror", None) is not None and error.errno == errno.EACCES and writing:
        # Windows also refuses to replace a file that a program holds open, with the same words as for rights
        return "behörighet saknas, eller så är filen öppen i ett annat program"
    if error.errno == errno.ENOENT:
        return "mappen finns inte" if writing else "filen finns inte"
    if error.errno == errno.EEXIST and writing:  # making a folder where a file stands
        return _WHY[errno.ENOTDIR]
    return _WHY.get(error.errno or 0) or error.strerror or str(error)


_NEW_FILE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
             | getattr(os, "O_CLOEXEC", 0))


def atomic_write(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The new file gets the mode an ordinary write would give it (the old file's, or 0666 less the umask), not the
    private mode of a temporary file. The temporary's name is chosen before it is made, so that it is removed
    whenever the write stops, also by Ctrl-C just after the file was made (tempfile.mkstemp would not say the name
    of a file it made before the interrupt).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        handle = os.open(temporary, _NEW_FILE, 0o600)
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except FileExistsError:  # another file of that very name (48 random bits): not this write's to remove
        raise
    except BaseException:
        with contextlib.suppress(OSError):  # Windows deletes no read-only file: the temporary has the old's mode
            os.chmod(temporary, stat.S_IREAD | stat.S_IWRITE)
        temporary.unlink(missing_ok=True)
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
