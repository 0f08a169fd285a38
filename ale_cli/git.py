"""Git, as ale runs it: the program found on PATH, never in the current folder.

Windows starts a program named without its folder from the current folder before PATH, and ale is mostly run
inside a data repository, whose files come from anyone's pull request: a `git.exe` among them would be run by
`ale report` with the controller's rights. So the program is looked up here, in PATH's absolute folders only,
and started by its full path, on every system alike.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_NAME = "git.exe" if os.name == "nt" else "git"


def program() -> str | None:
    """The full path of Git from PATH, or None where it has none (looked up each time: a few system calls)."""
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        if not folder or not os.path.isabs(folder):  # an empty or relative entry means the current folder
            continue
        candidate = os.path.join(folder, _NAME)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


_ELSEWHERE = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
              "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_IMPLICIT_WORK_TREE", "GIT_PREFIX", "GIT_GRAFT_FILE",
              "GIT_SHALLOW_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE")
"""Variables that point Git at a repository other than the one its folder is in. A Git hook has them set for
the repository it runs in (githooks(5)): Git would then give that repository's commit as the data repository's
(given with --repo, or found above the current folder), or none where GIT_DIR is relative to another folder.
The data repository is the folder with ale.yaml, so Git is asked about that folder, as Git finds it itself."""


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in _ELSEWHERE}


def run(cwd: Path, *args: str, timeout: float, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` in `cwd`, its output captured. OSError (NotFound where there is no Git) or
    subprocess.TimeoutExpired where it cannot be run to its end."""
    return subprocess.run([_found(), *args], cwd=cwd, input=input, capture_output=True, timeout=timeout,
                          check=False, env=_environment())


def start(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    """`git ARGS` started in `cwd`, to be waited for with `communicate`; raises as `run` does."""
    return subprocess.Popen([_found(), *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_environment())


class NotFound(FileNotFoundError):
    """No Git in PATH's absolute folders."""


def _found() -> str:
    found = program()
    if found is None:
        raise NotFound("git finns inte i PATH")
    return found
