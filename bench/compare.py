"""Speed of two or more builds of seminar-parse side by side, same inputs, one run. Not a test.

    python bench/compare.py --tool v1=/old/.venv/bin/seminar-parse --tool now=.venv/bin/seminar-parse

Corpora: the generated announcements of ``bench/run.py`` (seeded, 2,000 files by default) and the CMU
Seminar Announcements emails (``../shared/corpus/cmu-sa-train``, inline tags stripped as
``shared/tools/sa_score.py`` strips them), both written to a temporary folder. Each tool runs as
``TOOL --format jsonl --jobs 1 FOLDER > /dev/null``; the tools are interleaved (order rotated each round)
and every tool runs ``--repeat`` times per corpus. Reported per tool and corpus: median wall seconds,
files/s (files / median wall), files/s per core (files / median CPU seconds of the child, user + system,
from ``getrusage(RUSAGE_CHILDREN)`` deltas), and both rates as a ratio to the first ``--tool`` (> 1 is
faster). Prints a Markdown table on stdout, with the machine's load before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (bench/run.py: the generator of the speed benchmark)

CMU = HERE.parent.parent / "shared" / "corpus" / "cmu-sa-train"
# as in shared/tools/sa_score.py
TAG_RE = re.compile(r"</?(?:speaker|location|stime|etime|paragraph|sentence)>")


def strip_cmu(source: Path, target: Path) -> Path:
    """NNN.tagged.txt -> target/NNN.txt with the inline tags removed (bytes read and written as Latin-1)."""
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.tagged.txt")):
        raw = TAG_RE.sub("", path.read_bytes().decode("latin-1")).encode("latin-1")
        (target / (path.name[: -len(".tagged.txt")] + ".txt")).write_bytes(raw)
    return target


def measure(tool: str, folder: Path) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one ``TOOL --format jsonl --jobs 1 FOLDER > /dev/null``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([tool, "--format", "jsonl", "--jobs", "1", str(folder)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{tool} exited {proc.returncode} on {folder}:\n{proc.stderr[-2000:]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def load() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def parse_tool(spec: str) -> tuple[str, str]:
    name, sep, path = spec.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {spec!r}")
    if not os.access(path, os.X_OK):
        raise argparse.ArgumentTypeError(f"not an executable: {path}")
    return name, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", action="append", type=parse_tool, required=True, metavar="NAME=PATH",
                        help="a seminar-parse executable; give two or more; the first is the baseline")
    parser.add_argument("--count", type=int, default=2000, help="generated announcements (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool and corpus (default 3)")
    parser.add_argument("--cmu", type=Path, default=CMU, help=f"folder of NNN.tagged.txt (default {CMU})")
    args = parser.parse_args()
    tools: list[tuple[str, str]] = args.tool
    if len(tools) < 2:
        parser.error("give at least two --tool NAME=PATH")
    if len({name for name, _ in tools}) != len(tools):
        parser.error("tool names must differ")

    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        run.OUT = Path(tmp)  # run.generate() writes OUT/corpus; keep it out of bench/out (shared with `make bench`)
        corpora = [("generated", run.generate(args.count))]
        if args.cmu.is_dir():
            corpora.append(("cmu-sa-train", strip_cmu(args.cmu, Path(tmp) / "cmu")))
        else:
            print(f"skipping the CMU corpus: no folder {args.cmu}", file=sys.stderr)

        load_before = load()
        # Warm-up, untimed: the first run of a fresh install compiles its .pyc files and fills the page cache.
        for _, tool in tools:
            measure(tool, next(corpora[0][1].rglob("*.txt")))
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for corpus, folder in corpora:
            for round_ in range(args.repeat):
                shift = round_ % len(tools)
                for name, tool in tools[shift:] + tools[:shift]:
                    wall, cpu = measure(tool, folder)
                    results.setdefault((corpus, name), []).append((wall, cpu))
                    print(f"{corpus} round {round_ + 1}: {name} {wall:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr)
        load_after = load()
        counts = {corpus: sum(1 for p in folder.rglob("*") if p.is_file()) for corpus, folder in corpora}

    base = tools[0][0]
    print(f"Each tool: `TOOL --format jsonl --jobs 1 FOLDER > /dev/null`, {args.repeat} runs per corpus, tools "
          f"interleaved; medians. Ratios are to `{base}` (> 1 = faster). {os.cpu_count()} CPUs.\n")
    for name, tool in tools:
        print(f"- `{name}`: `{tool}`")
    print(f"- load before: `{load_before}`")
    print(f"- load after: `{load_after}`\n")
    print("| corpus | files | tool | wall s (median) | wall s (min-max) | files/s | files/s per core "
          f"| files/s vs {base} | per core vs {base} |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for corpus, _ in corpora:
        n = counts[corpus]
        base_wall = statistics.median(w for w, _ in results[corpus, base])
        base_cpu = statistics.median(c for _, c in results[corpus, base])
        for name, _ in tools:
            walls = [w for w, _ in results[corpus, name]]
            wall = statistics.median(walls)
            cpu = statistics.median(c for _, c in results[corpus, name])
            print(f"| {corpus} | {n} | {name} | {wall:.2f} | {min(walls):.2f}-{max(walls):.2f} | {n / wall:.1f} "
                  f"| {n / cpu:.1f} | {base_wall / wall:.2f} | {base_cpu / cpu:.2f} |")


if __name__ == "__main__":
    main()
