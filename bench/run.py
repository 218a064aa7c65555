"""Speed benchmark: whole processes, as a user runs them. Not a test; run with ``make bench``.

Generates a reproducible corpus (seeded) of varied announcements, English and Chinese, 1-6 KB each,
then measures: ``seminar-parse --version``; one file, cold; the whole corpus with ``--jobs 1`` and
``--jobs 2`` (files/s and peak memory); and in-process date extraction per announcement.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PROGRAM = [str(Path(sys.executable).with_name("seminar-parse"))]

FIRST = ["Jane", "Wei", "Amara", "Lucas", "Priya", "Tomás", "Zoë", "Kwame", "Ingrid", "Hiroshi", "Fatima", "Olga"]
LAST = ["Roe", "Zhang", "Okafor", "Ferreira", "Raman", "Herrera", "Müller", "Asante", "Berg", "Tanaka", "Haddad"]
ZH_NAMES = ["张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "黄宇航", "周晓岚", "吴思远", "何嘉禾"]
UNIS = ["University of Oslo", "MIT", "University of California, Berkeley", "ETH Zürich", "Princeton University",
        "KTH Royal Institute of Technology", "University of Toronto", "Google DeepMind"]
ZH_UNIS = ["清华大学", "北京大学", "复旦大学", "浙江大学", "中国科学院计算技术研究所", "南京大学"]
TOPICS = ["Learning", "Optimization", "Graphs", "Robustness", "Inference", "Privacy", "Geometry", "Dynamics"]
_PROSE = ("we study how models generalise and why simple methods work so well on structured data while "
          "theory lags behind practice in many settings of interest to the community")
WORDS = _PROSE.split()
ZH_TEXT = "本报告将介绍课题组近年来在该方向上的研究进展，并讨论未来可能的研究方向与面临的挑战。"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _english(rng: random.Random, i: int) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    title = f"{rng.choice(TOPICS)} and {rng.choice(TOPICS)}: A {rng.choice(['New', 'Modern', 'Simple'])} View"
    date = f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, 2024"
    hour = rng.randint(9, 16)
    abstract = " ".join(_sentence(rng, rng.randint(12, 25)) for _ in range(rng.randint(6, 40)))
    bio = f"{name} is a professor at {rng.choice(UNIS)}. " + " ".join(_sentence(rng, 15) for _ in range(4))
    layout = i % 3
    if layout == 0:
        return (f"log in | register | help\nHome > Events > Seminars\nPosted on March 1, 2024\n\n"
                f"Speaker: Dr. {name}, {rng.choice(UNIS)}\nTitle: {title}\nDate: {date}\n"
                f"Time: {hour}:00 - {hour + 1}:30 pm\nLocation: Room {rng.randint(100, 999)}\n\n"
                f"Abstract\n{abstract}\n\nBio\n{bio}\n")
    if layout == 1:
        return (f"**{title}****{name}**{rng.choice(UNIS)}**{date}****{hour}:30 A.M. – {hour + 1}:30 A.M.**\n"
                f"Zoom: https://x.zoom.us/j/{rng.randint(10**9, 10**10 - 1)} (Passcode: {rng.randint(1000, 9999)})\n\n"
                f"Abstract\n\n{abstract}\n\nBio\n\n{bio}\n")
    return (f"Join us on {date} at {hour - 8} pm in Gates Hall {rng.randint(100, 499)} when Prof. {name} "
            f"from {rng.choice(UNIS)} will speak on \"{title}\".\n\n{abstract}\n\n{bio}\n")


def _chinese(rng: random.Random) -> str:
    name = rng.choice(ZH_NAMES)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    abstract = ZH_TEXT * rng.randint(4, 30)
    return (f"首页 >> 学术活动\n发布时间：2024-01-05\n\n报告题目：{rng.choice(TOPICS)}的新进展\n"
            f"报告人：{name}教授（{rng.choice(ZH_UNIS)}）\n时间：2024年{month}月{day}日（周二）下午2:00-4:00\n"
            f"地点：理科楼B区{rng.randint(100, 599)}报告厅\n邀请人：{rng.choice(ZH_NAMES)}\n\n"
            f"报告摘要：\n{abstract}\n\n报告人简介：\n{name}，{rng.choice(ZH_UNIS)}教授。{ZH_TEXT}\n")


def generate(count: int, seed: int = 20241122) -> Path:
    rng = random.Random(seed)
    corpus = OUT / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    for i in range(count):
        text = _chinese(rng) if i % 4 == 3 else _english(rng, i)
        folder = corpus / f"batch{i // 250:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"talk{i:05d}.txt").write_text(text, encoding="utf-8")
    return corpus


def _timed(args: list[str], repeat: int) -> float:
    """Median wall time of a whole process."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _batch(corpus: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak resident MB of the largest process) for the whole corpus."""
    out = OUT / f"records-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([*PROGRAM, str(corpus), "-o", str(out), "--jobs", str(jobs), "-q"], check=True)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak / 1024


def _stream(corpus: Path) -> float:
    """Seconds for the corpus as JSON Lines on stdout (no output files), one process, one worker."""
    start = time.perf_counter()
    subprocess.run([*PROGRAM, str(corpus), "--format", "jsonl", "--jobs", "1", "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _date_extraction(corpus: Path) -> float:
    """Milliseconds per announcement spent finding and choosing the date, in process, warm."""
    from seminar_parse.clean import clean
    from seminar_parse.fields import when
    from seminar_parse.sections import split_document

    docs = [split_document(clean(p.read_text(encoding="utf-8")).text) for p in sorted(corpus.rglob("*.txt"))[:500]]
    start = time.perf_counter()
    for doc in docs:
        when.extract(doc, reference=None)
    return (time.perf_counter() - start) * 1000 / len(docs)


_PROSE_WORDS = ("bounds", "training", "limits")
_LARGE_HEAD = "Speaker: Dr. Jane Roe, MIT\nTitle: Sparse Models\nDate: March 5, 2024, 3-4pm\n"
_LARGE = {
    # one line where the venue pattern matches again and again (was quadratic in place._best_venue)
    "one line of venues": _LARGE_HEAD + "Talk in Room 101, Wean Hall 5409. " * 29_500,
    # the hostile unit of tests/test_hostile.py on one line: labels, names, markup, CJK, links
    "one line of mixed markup": _LARGE_HEAD + "Speaker: Dr. Ab Cd [x](https://ex.org/y) **z** Room Hall, "
                                "jane@mit.edu 报告人：张三 题目：年月日 Dr. Dr. " * 9_500,
    "50,000 short lines": _LARGE_HEAD + "".join(f"Item {i}: we study\n" for i in range(50_000)),
    # an abstract that runs on: paragraphs hard-wrapped at 72 columns, as an email has them
    "hard-wrapped prose": _LARGE_HEAD + "Abstract:\n" + "\n\n".join(
        textwrap.fill(" ".join(f"We study model {i} and its {w} on data." for w in _PROSE_WORDS), 72)
        for i in range(8_000)),
    # a flattened table of numbers: dates, clocks, rooms and figures on every line
    "20,000 rows of numbers": _LARGE_HEAD + "".join(
        f"{i % 28 + 1:02d}.{i % 12 + 1:02d}.2024, {i % 10 + 8}:{30 * (i % 2):02d}, Room {i % 999 + 1}, {i % 97}.5, "
        f"id {i % 89}\n" for i in range(20_000)),
}


def _large() -> list[tuple[str, int, float, float]]:
    """(name, bytes, wall seconds, CPU seconds) of one process parsing each 1 MB input."""
    results = []
    for name, text in _LARGE.items():
        path = OUT / f"large-{len(results)}.txt"
        path.write_text(text, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*PROGRAM, str(path), "--format", "jsonl"], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        results.append((name, path.stat().st_size, wall, cpu))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    corpus = generate(args.count)
    sizes = [p.stat().st_size for p in corpus.rglob("*.txt")]
    print(f"corpus: {len(sizes)} files, {min(sizes)}-{max(sizes)} bytes, {sum(sizes) / 1e6:.1f} MB")
    one = next(corpus.rglob("*.txt"))
    print(f"--version: {_timed([*PROGRAM, '--version'], 7) * 1000:.0f} ms (median of 7)")
    cold = _timed([*PROGRAM, str(one)], 7)
    print(f"one file, cold: {cold * 1000:.0f} ms (median of 7)")
    for jobs in (1, 2):
        seconds, peak = _batch(corpus, jobs)
        print(f"-o OUT --jobs {jobs}: {len(sizes) / seconds:.0f} files/s ({seconds:.1f} s, outputs fsynced), "
              f"peak memory {peak:.0f} MB")
    seconds = _stream(corpus)
    # "Warm" leaves out the one-off start-up (imports) that every run pays once.
    print(f"--format jsonl to stdout, --jobs 1: {len(sizes) / seconds:.0f} files/s; warm (without start-up): "
          f"{len(sizes) / (seconds - cold):.0f} files/s per core")
    print(f"date extraction: {_date_extraction(corpus):.2f} ms per announcement (warm, in process)")
    for name, size, wall, cpu in _large():
        print(f"large input, {name} ({size / 1e6:.2f} MB): {wall:.1f} s ({cpu:.1f} s CPU), whole process")


if __name__ == "__main__":
    main()
