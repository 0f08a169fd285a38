"""How fast `ale` is on a large kommun's repository, against the floor and against its peer.

    python benchmarks/run.py [--sizes 150,600,2500] [--repeat 3] [--keep DIR] [--seed 1]

For each size it generates a repository (generate.py; kept and reused under --keep DIR) and runs, each as a whole
process, `ale validate`, `ale report --format md`, `ale report --format pdf` and `ale calendar`; on a Git copy in
which a pull request changes five dialogue notes, `ale validate --cache` (with the cache of the repository before
the change, as a CI job restores it) and `ale validate --changed-since HEAD`; and two references on the same
files: the floor (a Python process that loads every .yaml file with PyYAML's C loader: no Python tool that reads
YAML can do less) and check-jsonschema validating the files of each kind against schemas/ (one process per kind,
summed: what a kommun might use instead). Each figure is the median wall time of --repeat runs (the commands and
the sizes take turns, so a passing load on the machine hits them alike), with the CPU time (user + system) of the
same runs, and the peak resident memory of the command: its processes that run at the same time counted together
(their proportional shares, Pss, sampled from /proc on Linux), the largest of the runs.

A command that fails prints "n/a" and the run goes on (the reason is listed under the table). The targets of
the issue are ratios from the same run on the largest size; they are marked met or not met.

Needs the `bench` extra (`pip install ".[bench]"`: PyYAML, check-jsonschema) and Linux or macOS (os.wait4).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
SCHEMAS = PROJECT / "schemas"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package: generate.py is found beside this file)

PERIOD = "2020-08-31"  # Delårsbokslut 2: the period with the whole chain and internkontroll
TODAY = "2020-10-01"  # `ale calendar` reads "today" from ALE_TODAY
LINEAR_SLACK = 1.25  # the marginal cost per file may grow this much from the smaller sizes to the larger

FLOOR = r"""
import os, sys, yaml
loaded = 0
for folder, subfolders, names in os.walk(sys.argv[1]):
    subfolders[:] = sorted(s for s in subfolders if not s.startswith("."))
    for name in sorted(names):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
            loaded += 1
print(loaded)
"""


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Measure:
    """One command's runs on one repository: the median wall and CPU time, the largest peak memory."""

    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.samples)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)


@dataclass(frozen=True)
class Step:
    """A process to run: its arguments and extra environment."""

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Path | None = None  # a file to remove before each run (the PDF, so that every run writes it anew)
    prepare: Callable[[], object] | None = None  # run, untimed, before each run


@dataclass(frozen=True)
class Command:
    """A measured command: one or more processes (check-jsonschema runs one per file kind), summed."""

    name: str
    steps: list[Step]
    ale: bool = True


def run_once(command: Command) -> Sample | str:
    """Run the command's processes; their wall and CPU times summed, and the peak memory: of the processes that
    run at the same time together (worker processes and all), or of the largest one where that is more."""
    wall = cpu = rss = 0.0
    for step in command.steps:
        if step.before is not None and step.before.exists():
            step.before.unlink()
        if step.prepare is not None:
            step.prepare()
        # every tool as pip installs it, with its bytecode written: a machine that sets PYTHONDONTWRITEBYTECODE
        # would otherwise have each run compile ale's source again (the first run of each command writes it)
        env = {**installed_env(), **step.env}
        with tempfile.TemporaryFile() as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(step.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=stderr, env=env)
            status, usage, together = _wait(process.pid)
            wall += time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            # ru_maxrss (kilobytes on Linux, bytes on macOS) is the peak of the largest single process
            alone = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
            rss = max(rss, alone, together)
            if process.returncode != 0:
                stderr.seek(0)
                lines = stderr.read().decode("utf-8", "replace").strip().splitlines()
                return f"exit {process.returncode}: {' / '.join(lines[-2:]) if lines else '(no message)'}"
    return Sample(wall, cpu, rss)


SAMPLE_EVERY = 0.02
"""Seconds between two readings of the memory of a command's processes."""


def _wait(pid: int) -> tuple[int, os.struct_rusage, float]:
    """Wait for the process; its exit status, its resource usage, and the largest sum (MB) of the memory of it and
    its descendants (worker processes, a child that reads the repository) seen while it ran. The sum is read from
    /proc every SAMPLE_EVERY seconds (Linux); elsewhere it is 0 and the largest single process counts."""
    together = 0.0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, together
        together = max(together, sum(_resident_kb(member) for member in _tree(pid)) / 1024)
        time.sleep(SAMPLE_EVERY)


def _tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        member = pending.pop()
        found.append(member)
        try:
            pending.extend(int(child) for child in Path(f"/proc/{member}/task/{member}/children").read_text().split())
        except OSError:
            pass
    return found


def _resident_kb(pid: int) -> int:
    """The process's proportional share of resident memory (Pss): a page that a forked worker still shares with
    its parent counts half in each, so that the sum over the processes is what the machine holds."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def installed_env() -> dict[str, str]:
    """The environment without PYTHONDONTWRITEBYTECODE."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def ale_argv() -> list[str]:
    """`python -m ale_cli.cli` from this interpreter, else the `ale` script beside it."""
    argv = [sys.executable, "-m", "ale_cli.cli"]
    probe = subprocess.run([*argv, "--help"], check=False, capture_output=True, env=installed_env())
    if probe.returncode == 0:
        return argv
    script = Path(sys.executable).with_name("ale")
    if script.exists():
        return [str(script)]
    raise SystemExit("run.py: cannot run ale: neither 'python -m ale_cli.cli' nor an 'ale' script beside python")


def tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def kind_files(repo: Path) -> dict[str, list[str]]:
    """The files of each kind, from the glob or globs in ale_cli/schemas.py KINDS (with {a,b} expanded)."""
    from ale_cli.schemas import KINDS

    files: dict[str, list[str]] = {}
    for kind, (_, globs) in KINDS.items():
        found: set[str] = set()
        for pattern in [globs] if isinstance(globs, str) else globs:
            for expanded in _braces(pattern):
                found.update(str(p) for p in repo.glob(expanded))
        if found:
            files[kind] = sorted(found)
    return files


def _braces(pattern: str) -> list[str]:
    match = re.search(r"\{([^{}]*)\}", pattern)
    if not match:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end():]
    return [x for choice in match.group(1).split(",") for x in _braces(head + choice + tail)]


def commands(repo: Path, out: Path, ale: list[str]) -> list[Command]:
    r = str(repo)
    cjs = tool("check-jsonschema")
    result = [
        Command("ale validate", [Step([*ale, "validate", "--repo", r])]),
        Command("ale report --format md", [Step([*ale, "report", "--repo", r, "--period", PERIOD, "--format", "md"])]),
        Command("ale report --format pdf", [Step([*ale, "report", "--repo", r, "--period", PERIOD, "--format", "pdf",
                                                   "-o", str(out / "rapport.pdf")], before=out / "rapport.pdf")]),
        Command("ale calendar", [Step([*ale, "calendar", "--repo", r, "--from", "2020-01-01", "--to", "2020-12-31"],
                                      env={"ALE_TODAY": TODAY})]),
        Command("floor: PyYAML CSafeLoader", [Step([sys.executable, "-c", FLOOR, r])], ale=False),
    ]
    change = FiveChanged(repo, out / f"pull-request-{repo.name}", ale)
    c = str(change.copy)
    result[4:4] = [
        Command(CACHED, [Step([*ale, "validate", "--repo", c, "--cache", str(change.cache)],
                              prepare=change.with_cache)]),
        Command(CHANGED_SINCE, [Step([*ale, "validate", "--repo", c, "--changed-since", "HEAD"],
                                     prepare=change.again)]),
    ]
    if cjs is None:
        result.append(Command("check-jsonschema", [Step(["check-jsonschema-not-installed"])], ale=False))
    else:
        steps = [Step([cjs, "--schemafile", str(SCHEMAS / f"{kind}.schema.json"), *files])
                 for kind, files in kind_files(repo).items()]
        result.append(Command(f"check-jsonschema ({len(steps)} kinds)", steps, ale=False))
    return result


CACHED = "ale validate --cache, 5 files changed"
CHANGED_SINCE = "ale validate --changed-since, 5 files changed"


@dataclass
class FiveChanged:
    """A pull request that changes five dialogue notes, on a Git copy of the repository (made when first used).

    `with_cache` runs `ale validate --cache` on the copy as it was committed (untimed: the cache a CI job
    restores), then changes the five files; `again` only puts the change back in place."""

    repo: Path
    copy: Path
    ale: list[str]

    @property
    def cache(self) -> Path:
        return self.copy.parent / f"{self.copy.name}-cache"

    def with_cache(self) -> None:
        self._restore()
        shutil.rmtree(self.cache, ignore_errors=True)
        subprocess.run([*self.ale, "validate", "--repo", str(self.copy), "--cache", str(self.cache)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        self._change()

    def again(self) -> None:
        self._restore()
        self._change()

    def _restore(self) -> None:
        if not self.copy.exists():
            shutil.copytree(self.repo, self.copy)
            for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bas"]):
                subprocess.run(["git", "-c", "user.name=ale", "-c", "user.email=ale@example.org", *args],
                               cwd=self.copy, check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", "--", "."], cwd=self.copy, check=True, capture_output=True)

    def _change(self) -> None:
        for path in sorted((self.copy / "perioder" / PERIOD / "enheter").glob("*.yaml"))[:5]:
            text = path.read_text(encoding="utf-8")
            changed = text.replace("sammanfattning: ", "sammanfattning: Ändrad efter dialogen. ", 1)
            path.write_text(changed if changed != text else text + "# ändrad\n", encoding="utf-8")


def repository(workdir: Path, enheter: int, seed: int) -> tuple[Path, int, int]:
    """The generated repository of this size, reused when generate.py and the arguments are unchanged."""
    stamp = hashlib.sha256(Path(generate.__file__).read_bytes() + f"{enheter}/{seed}".encode()).hexdigest()[:16]
    repo = workdir / f"repo-{enheter}-seed{seed}"
    marker = workdir / f"repo-{enheter}-seed{seed}.stamp"
    if not (repo.is_dir() and marker.exists() and marker.read_text() == stamp):
        shutil.rmtree(repo, ignore_errors=True)
        print(f"generating {enheter} enheter into {repo} …", file=sys.stderr, flush=True)
        generate.generate(repo, enheter, seed)
        marker.write_text(stamp)
    files = [p for p in repo.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")]
    return repo, len(files), sum(p.stat().st_size for p in files)


def warm(repo: Path) -> None:
    """Read every file once, so that no measured command pays for a cold disk cache."""
    for path in repo.rglob("*.yaml"):
        path.read_bytes()


@dataclass
class SizeResult:
    enheter: int
    files: int
    size: int
    measures: dict[str, Measure]


def measure(repos: dict[int, Path], out: Path, ale: list[str],
            repeat: int) -> dict[int, dict[str, Measure]]:
    """Each command on each size, `repeat` times. The sizes take turns as the commands do: a load on the machine
    that comes and goes in the minutes of a run then hits every size alike, and the growth from one size to the
    next is not the load's."""
    cmds = {enheter: commands(repo, out, ale) for enheter, repo in repos.items()}
    results = {enheter: {c.name: Measure() for c in size_cmds} for enheter, size_cmds in cmds.items()}
    for repo in repos.values():
        warm(repo)
    for round_ in range(repeat):
        for enheter, size_cmds in cmds.items():
            for command in size_cmds:
                result = results[enheter][command.name]
                if result.failure is not None:
                    continue
                print(f"  [{round_ + 1}/{repeat}] {enheter} enheter: {command.name} …", file=sys.stderr, flush=True)
                sample = run_once(command)
                if isinstance(sample, str):
                    result.failure = sample
                else:
                    result.samples.append(sample)
    return results


# -- the table ----------------------------------------------------------------------------------------------


def _cell(m: Measure | None) -> str:
    if m is None or not m.ok:
        return "n/a"
    return f"{m.wall:6.2f} s {m.cpu:6.2f} s {m.rss_mb:5.0f} MB"


def _ratio(a: Measure | None, b: Measure | None, attribute: str = "wall") -> float | None:
    if a is None or b is None or not a.ok or not b.ok:
        return None
    return float(getattr(a, attribute)) / float(getattr(b, attribute))


def _verdict(value: float | None, ok: bool, cpu: float | None = None, cpu_ok: bool | None = None) -> str:
    """Met or not by the wall times; said so when the CPU times, steadier on a busy machine, disagree."""
    if value is None:
        return "n/a"
    verdict = "met" if ok else "NOT MET"
    if cpu is not None and cpu_ok is not None and cpu_ok != ok:
        verdict += f" (by cpu: {'met' if cpu_ok else 'not met'})"
    return verdict


def table(results: list[SizeResult], repeat: int, seed: int) -> str:
    names = list(results[0].measures)
    label = max(len(n) for n in names) + 2
    width = 32
    lines = [(f"ale benchmarks: median wall time of {repeat} runs, CPU time (user+sys) of the same runs, "
              f"peak memory of the processes together; seed {seed}"),
             f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}", ""]
    lines.append(" " * label + "".join(f"{f'{r.enheter} enheter':>{width}}" for r in results))
    lines.append(" " * label + "".join(f"{'wall      cpu      peak':>{width}}" for _ in results))
    lines.append(f"{'files / MB':<{label}}" + "".join(
        f"{f'{r.files} files / {r.size / 1e6:.1f} MB':>{width}}" for r in results))
    for name in names:
        lines.append(f"{name:<{label}}" + "".join(f"{_cell(r.measures.get(name)):>{width}}" for r in results))

    big = results[-1]
    m = big.measures
    validate, pdf, floor = m.get("ale validate"), m.get("ale report --format pdf"), m.get("floor: PyYAML CSafeLoader")
    cjs = next((v for k, v in m.items() if k.startswith("check-jsonschema")), None)
    lines += ["", (f"Targets on the {big.enheter}-enheter repository (ratios of wall times; CPU-time ratio "
                   "beside it, as a check against load on the machine):")]

    def target(text: str, a: Measure | None, b: Measure | None, good: Callable[[float], bool]) -> None:
        value, cpu = _ratio(a, b), _ratio(a, b, "cpu")
        shown = "n/a" if value is None else f"{value:.2f} ×"
        cpu_shown = "" if cpu is None else f"(cpu {cpu:.2f} ×)"
        verdict = _verdict(value, value is not None and good(value), cpu, cpu is not None and good(cpu))
        lines.append(f"  {text:<46}{shown:>10}  {cpu_shown:<14}  {verdict}")

    target("ale validate ≤ 1.0 × floor", validate, floor, lambda r: r <= 1.0)
    target("check-jsonschema ≥ 4 × ale validate", cjs, validate, lambda r: r >= 4.0)
    target("ale report --format pdf ≤ 1.3 × ale validate", pdf, validate, lambda r: r <= 1.3)
    cached = m.get(CACHED)
    seconds = cached.wall if cached is not None and cached.ok else None
    lines.append(f"  {'ale validate --cache, 5 files changed ≤ 1 s':<46}"
                 f"{'n/a' if seconds is None else f'{seconds:.2f} s':>10}  {'':<14}  "
                 f"{_verdict(seconds, seconds is not None and seconds <= 1.0)}")
    peaks = [v.rss_mb for k, v in m.items() if k.startswith("ale ") and v.ok]
    peak = max(peaks) if peaks else None
    lines.append(f"  {'peak memory of every ale command ≤ 400 MB':<46}"
                 f"{'n/a' if peak is None else f'{peak:.0f} MB':>10}  {'':<14}  "
                 f"{_verdict(peak, peak is not None and peak <= 400)}")

    if len(results) >= 3:
        a, b, c = results[-3:]
        lines += ["", (f"Linear growth: the cost per added file from {b.enheter} to {c.enheter} enheter against "
                       f"{a.enheter} to {b.enheter} (≤ {LINEAR_SLACK} ×: met):")]
        for name in names:
            ma, mb, mc = (x.measures.get(name) for x in (a, b, c))
            if not all(x is not None and x.ok for x in (ma, mb, mc)):
                lines.append(f"  {name:<46}{'n/a':>10}")
                continue
            assert ma and mb and mc
            small = (mb.wall - ma.wall) / (b.files - a.files)
            large = (mc.wall - mb.wall) / (c.files - b.files)
            small_cpu = (mb.cpu - ma.cpu) / (b.files - a.files)
            large_cpu = (mc.cpu - mb.cpu) / (c.files - b.files)
            # a cost that does not grow between two sizes is noise at these sizes, not a measurement
            ratio = large / small if small > 0 and large > 0 else None
            ratio_cpu = large_cpu / small_cpu if small_cpu > 0 and large_cpu > 0 else None
            per_file = f"{small * 1000:.2f} → {large * 1000:.2f} ms/file"
            verdict = _verdict(ratio, ratio is not None and ratio <= LINEAR_SLACK,
                               ratio_cpu, ratio_cpu is not None and ratio_cpu <= LINEAR_SLACK)
            lines.append(f"  {name:<46}{'n/a' if ratio is None else f'{ratio:.2f} ×':>10}  "
                         f"{'' if ratio_cpu is None else f'(cpu {ratio_cpu:.2f} ×)':<14}  {verdict:<8} {per_file}")

    failures = [(r.enheter, name, x.failure) for r in results for name, x in r.measures.items() if x.failure]
    if failures:
        lines += ["", "n/a:"]
        lines += [f"  {enheter} enheter, {name}: {why}" for enheter, name, why in failures]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="150,600,2500", help="numbers of enheter (default 150,600,2500)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3; the median counts)")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it; reused by later runs")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes: '{args.sizes}' is not a list of numbers")
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--sizes and --repeat must be positive")
    ale = ale_argv()
    with tempfile.TemporaryDirectory(prefix="ale-bench-") as temporary:
        workdir = args.keep.resolve() if args.keep else Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        out = Path(temporary) / "out"
        out.mkdir()
        generated = {}
        for enheter in sizes:
            generated[enheter] = repository(workdir, enheter, args.seed)
            _, files, size = generated[enheter]
            print(f"{enheter} enheter: {files} files, {size / 1e6:.1f} MB", file=sys.stderr, flush=True)
        repos = {enheter: repo for enheter, (repo, _, _) in generated.items()}
        measures = measure(repos, out, ale, args.repeat)
        results = [SizeResult(enheter, files, size, measures[enheter])
                   for enheter, (_, files, size) in generated.items()]
    print(table(results, args.repeat, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
