"""The distributed path against the local one, in one run: not a test; ``python bench/dask_bench.py``.

Generates ``--count`` announcements with ``bench/run.py``'s generator (seeded), then times, as a user runs
them, ``seminar-parse CORPUS --format jsonl --jobs 2 > records.jsonl`` (the cheapest local path: one stream,
no per-file output) and ``seminar-parse CORPUS --dask local:2 -o DIR --format jsonl`` (cluster start and
stop included), alternating the two ``--repeat`` times. Prints a Markdown table and checks that both give
the same records.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import OUT, PROGRAM, generate  # (the speed benchmark's corpus, not a second generator)


def _local(corpus: Path, jobs: int) -> tuple[float, Path]:
    target = OUT / "dask-bench-local.jsonl"
    start = time.perf_counter()
    with target.open("wb") as handle:
        subprocess.run([*PROGRAM, str(corpus), "--format", "jsonl", "--jobs", str(jobs), "-q"], stdout=handle,
                       check=True)
    return time.perf_counter() - start, target


def _dask(corpus: Path, workers: int) -> tuple[float, Path]:
    out = OUT / "dask-bench-parts"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([*PROGRAM, str(corpus), "--dask", f"local:{workers}", "-o", str(out), "--format", "jsonl", "-q"],
                   check=True)
    return time.perf_counter() - start, out


def _records(lines: list[str]) -> list[str]:
    return sorted(lines, key=lambda line: (json.loads(line)["source"]["path"], line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2, help="--jobs N against --dask local:N")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    corpus = generate(args.count)
    local_times, dask_times = [], []
    for _ in range(args.repeat):
        seconds, local_out = _local(corpus, args.workers)
        local_times.append(seconds)
        seconds, dask_out = _dask(corpus, args.workers)
        dask_times.append(seconds)
    local_lines = local_out.read_text(encoding="utf-8").splitlines()
    dask_lines = [line for part in sorted(dask_out.glob("part-*.jsonl"))
                  for line in part.read_text(encoding="utf-8").splitlines()]
    same = _records(local_lines) == _records(dask_lines)
    local_s, dask_s = statistics.median(local_times), statistics.median(dask_times)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{args.count} files, {args.workers} workers, load average at the end {load}, same records: {same}\n")
    print("| path | seconds | files/s |\n| --- | --- | --- |")
    print(f"| `--jobs {args.workers}` (stdout) | {local_s:.1f} | {args.count / local_s:.0f} |")
    print(f"| `--dask local:{args.workers} -o DIR` | {dask_s:.1f} | {args.count / dask_s:.0f} |")
    print(f"\noverhead of the distributed path: {100 * (dask_s / local_s - 1):+.1f} %")
    if not same:
        sys.exit("the two paths gave different records")


if __name__ == "__main__":
    main()
