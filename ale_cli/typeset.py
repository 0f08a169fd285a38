"""The last step of `ale report --format pdf`: Typst sets the pages, the PDF is written, and the report said.

Typst needs some hundred MB to set a large kommun's report, and whatever the process that runs it holds already
comes on top. By then `ale report` has Typer, pydantic and the command's modules loaded (some 45 MB), none of
which setting the pages needs. For a large repository (the one whose data is read in a child process, report.py)
the report process on Linux and macOS therefore replaces itself (exec) with `python -P -m ale_cli.typeset JOB`,
which holds Python, Typst and the view (some 25 MB) and does the rest: the peak is some 20 MB lower. The job is a
file only its owner can read, removed as soon as it is read. On Windows exec starts another process instead of
replacing this one, so there the pages are set in the report process itself, by the same `finish`.

The replacing process says what it has done, and fails, the way every ale command does: the same messages on
stderr, the same exit codes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NoReturn

from ale_cli.errors import told


@dataclass(frozen=True)
class Job:
    """What is left to do once the view is ready: the view as Typst reads it (render_pdf.typst_data), the
    source date as UNIX seconds (None: the fixed date), the file to write, and what to say when it is written."""

    data: str
    timestamp: int | None
    output: str
    done: str
    accessible: bool = True  # PDF/A and PDF/UA: False where the view has text no font shows (render_pdf)


def finish(job: Job) -> int:
    """The PDF set, written atomically and said; exit 0. A file that cannot be written is a usage error."""
    import datetime as dt

    from ale_cli.commands.common import write_output
    from ale_cli.progress import working
    from ale_cli.render_pdf import render_data

    date = dt.datetime.fromtimestamp(job.timestamp, tz=dt.UTC) if job.timestamp is not None else None
    with working("Sätter PDF:en"):
        pdf = render_data(job.data, date, job.accessible)
    write_output(Path(job.output), pdf)
    print(job.done, file=sys.stderr)
    return 0


TYPESETTING_ENVIRONMENT = {"MALLOC_TRIM_THRESHOLD_": "0"}
"""Set for the typesetting process unless the user has set it. Typst sets the pages in several threads, and
glibc keeps what is freed until the top of its heap is free, so the peak of a large report varied from run to run
(`ale report` for 2 500 enheter: 360–390 MB). Given back at once, it stays at the least (357 MB), in the same
time. Other C libraries (macOS, musl) ignore the variable."""


def replaces_process() -> bool:
    """Whether this system's exec replaces the process (Linux, macOS), so that handing over saves memory; not in
    a frozen program, whose executable is not a Python that takes `-m`."""
    return os.name == "posix" and bool(sys.executable) and not getattr(sys, "frozen", False)


def hand_over(job: Job) -> NoReturn:
    """This process replaced by one that does `finish(job)`; only where `replaces_process()`. Where the job
    cannot be written (a full temporary folder) or the new process cannot be started, the job is done here
    instead, and this process ends with its exit code."""
    name = None
    try:
        descriptor, name = tempfile.mkstemp(prefix="ale-rapport-", suffix=".json")
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(asdict(job), stream, ensure_ascii=False)
        sys.stdout.flush()
        sys.stderr.flush()
        # -P: not the current folder first on the module path, which may be a data repository from anyone
        os.execve(sys.executable, [sys.executable, "-P", "-m", "ale_cli.typeset", name],
                  {**TYPESETTING_ENVIRONMENT, **os.environ})
    except BaseException as error:  # the job file is not left behind, whatever stopped the hand-over
        if name is not None:
            with contextlib.suppress(OSError):
                os.unlink(name)
        if not isinstance(error, OSError):
            raise
    raise SystemExit(finish(job))


def read_job(name: str) -> Job:
    """The job in the file `name`, which is removed."""
    try:
        with open(name, encoding="utf-8") as stream:
            fields = json.load(stream)
    finally:
        os.unlink(name)
    return Job(**fields)


def main(argv: list[str]) -> int:
    """`python -m ale_cli.typeset JOB`, as `hand_over` starts it; failures told as ale's CLI tells them."""
    try:
        return finish(read_job(argv[0]))
    except (KeyboardInterrupt, Exception) as error:  # noqa: BLE001 - as in cli.main
        return told(error)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
