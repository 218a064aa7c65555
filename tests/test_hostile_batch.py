"""The hostile cases a batch user meets with a real, messy folder and a shell (issue 13).

Each numbered section is one case of the issue, tested through the real program (a subprocess: file names
as bytes, FIFOs, signals, /dev/full) and, where there is one, through the library. The property test at the
end throws random folders of regular files, special files, links and odd names at the program.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from seminar_parse import batch, parse_file, parse_file_all, parse_text
from seminar_parse.batch import Job, run_one, write_atomic
from seminar_parse.cli import app
from seminar_parse.decode import decode
from seminar_parse.emit import to_yaml
from seminar_parse.errors import InputError, shown_path
from seminar_parse.formats import to_csv
from seminar_parse.pipeline import Options, parse_bytes
from seminar_parse.record import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
CONSOLE_SCRIPT = Path(sys.executable).with_name("seminar-parse")
PROGRAM = [str(CONSOLE_SCRIPT)] if CONSOLE_SCRIPT.exists() else [sys.executable, "-m", "seminar_parse"]
TALK = ("Speaker: Dr. Jane Roe, MIT\nTitle: Sparse Models Part {i}\nDate: March {day}, 2024\nTime: 3:00-4:00 pm\n"
        "Location: Room {i}\n")
ENV = {**os.environ, "NO_COLOR": "1"}


def talk(i: int = 1) -> str:
    return TALK.format(i=i, day=i % 27 + 1)


def run(args: list[str | bytes], cwd: Path, *, stdin: Any = subprocess.DEVNULL, stdout: Any = subprocess.PIPE,
        timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """The real program; arguments may be bytes (file names that are not UTF-8); output stays bytes."""
    return subprocess.run([*PROGRAM, *args], cwd=cwd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          env=ENV, timeout=timeout, check=False)


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()  # strict: stderr and stdout must be valid UTF-8


def jsonl(proc: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines_of(proc.stdout)]


def no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in proc.stderr and b"Error:" not in proc.stderr, proc.stderr.decode("utf-8", "replace")


def folder(tmp_path: Path, count: int = 2) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(count):
        (root / f"talk{i}.txt").write_text(talk(i), encoding="utf-8")
    return root


# ------------------------------------------------------------ 1. file names that are not UTF-8

LATIN1_NAME = b"b-caf\xe9.txt"


def test_1_non_utf8_name_in_a_folder_jsonl(tmp_path: Path) -> None:
    root = folder(tmp_path)
    (root / os.fsdecode(LATIN1_NAME)).write_text(talk(7), encoding="utf-8")
    proc = run(["in", "-f", "jsonl", "-j", "1"], tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0
    records = jsonl(proc)
    assert [r["source"]["path"] for r in records] == ["in/b-caf\\xe9.txt", "in/talk0.txt", "in/talk1.txt"]
    assert records[0]["title"] == "Sparse Models Part 7"
    assert batch.NOT_UTF8_NAME in records[0]["warnings"]
    assert all(batch.NOT_UTF8_NAME not in r["warnings"] for r in records[1:])


def test_1_non_utf8_name_in_a_folder_output_dir_keeps_its_own_name(tmp_path: Path) -> None:
    root = folder(tmp_path)
    (root / os.fsdecode(LATIN1_NAME)).write_text(talk(7), encoding="utf-8")
    proc = run(["in", "-o", "out", "-j", "2"], tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0
    names = sorted(os.listdir(os.fsencode(tmp_path / "out")))
    assert names == [b"b-caf\xe9.yaml", b"talk0.yaml", b"talk1.yaml"]
    record = yaml.safe_load((tmp_path / "out" / os.fsdecode(b"b-caf\xe9.yaml")).read_bytes().decode("utf-8"))
    assert record["source"]["path"] == "in/b-caf\\xe9.txt"
    assert record["title"] == "Sparse Models Part 7"


def test_1_non_utf8_name_given_as_an_argument(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(LATIN1_NAME)).write_text(talk(7), encoding="utf-8")
    proc = run([LATIN1_NAME, "-f", "json"], tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0
    assert json.loads(proc.stdout.decode("utf-8"))["source"]["path"] == "b-caf\\xe9.txt"


def test_1_library_run_one_shows_the_name_safely(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(LATIN1_NAME)
    path.write_text(talk(7), encoding="utf-8")
    outcome = run_one(Job(str(path), Path(path.name)), Options())
    assert outcome.error is None
    shown = outcome.records[0]["source"]["path"]
    shown.encode("utf-8")  # no lone surrogates left
    assert shown.endswith("b-caf\\xe9.txt")
    assert outcome.warnings == [batch.NOT_UTF8_NAME]


# ------------------------------------------------------------ 2. FIFOs, devices, unbounded reads


def test_2_fifo_and_dev_zero_link_in_a_folder(tmp_path: Path) -> None:
    root = folder(tmp_path)
    os.mkfifo(root / "pipe.txt")
    os.symlink("/dev/zero", root / "zero.txt")
    os.symlink(root / "talk0.txt", root / "link.txt")  # a link to a regular file is read
    proc = run(["in", "-f", "jsonl"], tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 1
    errors = lines_of(proc.stderr)[:-1]  # the last line is the summary
    assert errors == ["in/pipe.txt: not a regular file", "in/zero.txt: not a regular file"]
    assert [r["source"]["path"] for r in jsonl(proc)] == ["in/link.txt", "in/talk0.txt", "in/talk1.txt"]


def test_2_stdin_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        proc = run(["-", "--max-bytes", "100000"], tmp_path, stdin=zeros, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 1
    assert lines_of(proc.stderr) == ["<stdin>: file is larger than the limit of 100000 bytes (see --max-bytes)"]
    assert proc.stdout == b""


def test_2_a_named_device_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    proc = run(["zero.txt", "--max-bytes", "1000"], tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 1
    assert lines_of(proc.stderr) == ["zero.txt: file is larger than the limit of 1000 bytes (see --max-bytes)"]


def test_2_library_reads_a_device_only_up_to_the_limit(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    with pytest.raises(InputError, match="larger than the limit"):
        parse_file(tmp_path / "zero.txt")


# ------------------------------------------------------------ 3. nested entities


def nested_entities(depth: int) -> str:
    return "Speaker: Dr. Jane Roe, MIT\nTitle: Entities &" + "amp;" * depth + "lt;3\nDate: March 5, 2024, 3-4pm\n"


def test_3_deeply_nested_entities_are_repaired_in_linear_time() -> None:
    text = nested_entities(50_000)  # 200 KB
    started = time.process_time()  # CPU, not wall time: a loaded machine must not fail the test
    decoded = decode(text.encode("utf-8"), "x.txt")
    elapsed = time.process_time() - started
    assert "Title: Entities <3" in decoded.text
    assert "html-entities" in decoded.repairs
    assert elapsed < 3, f"50,000 nested entities took {elapsed:.1f} s"


def test_3_nested_entities_mean_what_they_meant() -> None:
    for depth, expected in ((0, "Entities <3"), (1, "Entities <3"), (3, "Entities <3")):
        assert parse_text(nested_entities(depth)).title == expected
    assert "&amp;" not in decode(b"Tom &amp;amp;amp; Jerry, R&D", "x").text


def test_3_nested_entities_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text(nested_entities(50_000), encoding="utf-8")
    proc = run(["e.txt", "-f", "json"], tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "Entities <3"


# ------------------------------------------------------------ 4. stdout on a full disk


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["talk0.txt"], ["in", "-f", "jsonl"], ["in", "-f", "json"], ["in", "-f", "csv"],
                                  ["talk0.txt", "--explain"]], ids=" ".join)
def test_4_stdout_on_a_full_disk_is_one_line_and_exit_1(args: list[str], tmp_path: Path) -> None:
    folder(tmp_path)
    (tmp_path / "talk0.txt").write_text(talk(0), encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = run([*args, "-q"], tmp_path, stdout=full)
    no_traceback(proc)
    assert proc.returncode == 1
    assert lines_of(proc.stderr) == ["stdout: cannot write (No space left on device)"]


def test_4_broken_pipe_stays_silent(tmp_path: Path) -> None:
    root = folder(tmp_path, 40)
    for i in range(40):
        (root / f"talk{i}.txt").write_text(talk(i) + "\nAbstract:\n" + "word " * 4000, encoding="utf-8")
    process = subprocess.Popen([*PROGRAM, "in", "-f", "jsonl", "-q"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=ENV)
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0
    assert stderr == b""


# ------------------------------------------------------------ 5. SIGTERM and SIGHUP in a batch


def corpus(tmp_path: Path, count: int) -> Path:
    root = tmp_path / "in"
    for i in range(count):
        sub = root / f"part{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"talk{i:04d}.txt").write_text(talk(i) + "\nAbstract:\n" + "We study sparse models. " * 40,
                                              encoding="utf-8")
    return root


def children_of(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with open(task / "children") as handle:
            found += [int(child) for child in handle.read().split()]
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def start_batch(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[bytes], Path]:
    corpus(tmp_path, 800)
    out = tmp_path / "out"
    process = subprocess.Popen([*PROGRAM, "in", "-o", "out", *extra], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=ENV)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.yaml"))) < 30:
        time.sleep(0.02)
    return process, out


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")


@needs_proc
@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["TERM", "HUP"])
def test_5_sigterm_and_sighup_end_a_parallel_batch_cleanly(number: int, code: int, tmp_path: Path) -> None:
    process, out = start_batch(tmp_path, "--jobs", "2")
    workers = children_of(process.pid)
    assert len(workers) >= 2
    process.send_signal(number)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr
    assert lines_of(stderr)[-1] == "interrupted"
    assert stdout == b""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "workers outlived the parent"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "a temporary file was left behind"
    written = list(out.rglob("*.yaml"))
    assert 30 <= len(written) < 1500
    for path in written:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


@needs_proc
def test_5_workers_die_with_a_parent_killed_outright(tmp_path: Path) -> None:
    process, _ = start_batch(tmp_path, "--jobs", "2")
    workers = children_of(process.pid)
    assert len(workers) >= 2
    process.kill()
    process.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "workers outlived a killed parent"


def test_5_sigterm_in_a_serial_batch(tmp_path: Path) -> None:
    process, out = start_batch(tmp_path, "--jobs", "1")
    process.terminate()
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143, stderr
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_5_resume_removes_stale_temporary_files_of_its_own_naming(tmp_path: Path) -> None:
    corpus(tmp_path, 12)
    clean_run = run(["in", "-o", "clean", "-q", "-j", "1"], tmp_path)
    assert clean_run.returncode == 0
    first = run(["in", "-o", "out", "-q", "-j", "1"], tmp_path)
    assert first.returncode == 0
    victim = tmp_path / "out" / "part1" / "talk0001.yaml"
    victim.unlink()  # as if killed while writing it:
    (victim.parent / ".talk0001.yaml.k2j4x9_q.tmp").write_text("schema_version: '1'\ntitle: half", encoding="utf-8")
    (victim.parent / ".talk0005.yaml.abcdefgh.tmp").write_text("half", encoding="utf-8")
    (victim.parent / ".notes.k2j4x9_q.tmp").write_text("someone else's", encoding="utf-8")  # not ours: kept
    again = run(["in", "-o", "out", "--skip-existing"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert "removed 2 temporary files left by an earlier run" in again.stderr.decode()
    tree = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    clean = sorted(p.relative_to(tmp_path / "clean").as_posix() for p in (tmp_path / "clean").rglob("*"))
    assert tree == sorted([*clean, "part1/.notes.k2j4x9_q.tmp"])
    assert victim.read_bytes() == (tmp_path / "clean" / "part1" / "talk0001.yaml").read_bytes()


# ------------------------------------------------------------ 6. create-or-fail without --force


def test_6_write_atomic_without_overwrite_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out" / "b.yaml"
    write_atomic(target, "first\n", overwrite=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, "second\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "first\n"
    assert os.listdir(target.parent) == ["b.yaml"]
    os.symlink(tmp_path / "nowhere", tmp_path / "out" / "c.yaml")  # a dangling link is a name taken too
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "out" / "c.yaml", "x\n", overwrite=False)
    assert not (tmp_path / "nowhere").exists()


def test_6_an_output_that_appears_during_the_run_is_not_overwritten(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Another run writes out/talk1.yaml after this run checked that it was free: it stays as it was."""
    folder(tmp_path, 3)
    monkeypatch.chdir(tmp_path)
    parse_one = batch.run_one

    def meanwhile(job: Job, options: Options, stdin_data: bytes | None = None) -> batch.Outcome:
        if job.rel.name == "talk1.txt":
            (tmp_path / "out").mkdir(exist_ok=True)
            (tmp_path / "out" / "talk1.yaml").write_text("theirs\n", encoding="utf-8")
        return parse_one(job, options, stdin_data)

    monkeypatch.setattr(batch, "run_one", meanwhile)
    result = CliRunner().invoke(app, ["in", "-o", "out", "-j", "1"])
    assert result.exit_code == 1
    assert "in/talk1.txt: output out/talk1.yaml exists (use --force or --skip-existing)" in result.output
    assert (tmp_path / "out" / "talk1.yaml").read_text(encoding="utf-8") == "theirs\n"
    assert sorted(os.listdir(tmp_path / "out")) == ["talk0.yaml", "talk1.yaml", "talk2.yaml"]


def test_6_two_runs_into_one_folder_write_each_file_once(tmp_path: Path) -> None:
    corpus(tmp_path, 300)
    command = [*PROGRAM, "in", "-o", "out", "-j", "1"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
            for _ in range(2)]
    results = [process.communicate(timeout=120) for process in runs]
    parsed = [int(re.search(rb"parsed (\d+)", stderr).group(1)) for _, stderr in results]  # type: ignore[union-attr]
    # outputs found taken at the write (one line each), and those already there at the start (one line for all)
    exists = [stderr.count(b"exists (use --force or --skip-existing)") +
              sum(int(n) for n in re.findall(rb"(\d+) of \d+ outputs exist", stderr)) for _, stderr in results]
    assert sum(parsed) == 300, f"{parsed} files written: some were written twice"
    assert sum(exists) == 300
    assert len(list((tmp_path / "out").rglob("*.yaml"))) == 300


# ------------------------------------------------------------ 7. deep or broken HTML keeps its text

DEEP_DIVS = ("<html><body>" + "<div>" * 10_000 + "<p>Speaker: Dr. Jane Roe, MIT</p><p>Title: Deep Pages</p>"
             "<p>Date: March 5, 2024, 3-4pm</p>" + "</div>" * 10_000 + "</body></html>")
UNCLOSED = ("<html><body><p>Speaker: Dr. Jane Roe, MIT</p>" + "<b><i><span><em>" * 5_000 +
            "<p>Title: Broken Markup</p><p>Date: March 5, 2024, 3-4pm</p></body></html>")


@pytest.mark.parametrize(("html", "title"), [(DEEP_DIVS, "Deep Pages"), (UNCLOSED, "Broken Markup")],
                         ids=["10k nested divs", "20k unclosed inline tags"])
def test_7_deep_or_broken_html_keeps_its_text(html: str, title: str) -> None:
    record = parse_text(html)
    assert record.source.media_type == "text/html"
    assert record.title == title
    assert [s.name for s in record.speakers] == ["Jane Roe"]
    assert record.start == "2024-03-05T15:00"


def test_7_deep_html_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text(DEEP_DIVS, encoding="utf-8")
    proc = run(["deep.html", "-f", "json"], tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "Deep Pages"


# ------------------------------------------------------------ 8. UTF-16 with a lone surrogate


def utf16_with_a_lone_surrogate(bom: bytes = codecs.BOM_UTF16_LE, codec: str = "utf-16-le") -> bytes:
    text = talk(3) + "\nAbstract:\nWe study sparse models, naïvely |and otherwise: 稀疏模型.\n"
    head, tail = text.split("|")
    lone = b"\x00\xd8" if codec.endswith("le") else b"\xd8\x00"
    return bom + head.encode(codec) + lone + tail.encode(codec)


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_8_utf16_lone_surrogate_is_one_replacement_and_a_warning(bom: bytes, codec: str) -> None:
    record = parse_bytes(utf16_with_a_lone_surrogate(bom, codec), "x.txt")
    assert record.source.encoding == "utf-16"
    assert record.title == "Sparse Models Part 3"
    assert record.abstract == "We study sparse models, naïvely \ufffdand otherwise: 稀疏模型."
    assert "1 code unit that is not valid UTF-16 was replaced by U+FFFD (\ufffd)" in record.warnings
    assert record.cleaned_text.count("\ufffd") == 1


def test_8_utf16_lone_surrogate_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(utf16_with_a_lone_surrogate())
    proc = run(["u16.txt", "-f", "jsonl"], tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    [record] = jsonl(proc)
    assert record["title"] == "Sparse Models Part 3"
    assert any("not valid UTF-16" in warning for warning in record["warnings"])


def test_8_a_stray_bad_utf8_byte_is_replaced_with_a_warning() -> None:
    data = talk(3).encode().replace(b"Room 3", b"Room \xff3") + "Zoë Müller, naïve café".encode()
    record = parse_bytes(data, "x.txt")
    assert record.source.encoding == "utf-8"
    assert "1 byte that is not valid UTF-8 was replaced by U+FFFD (\ufffd)" in record.warnings


# ------------------------------------------------------------ 9. CSV formula injection

FORMULA_TALK = ('Title: =HYPERLINK("http://evil.example","click")\nSpeaker: Dr. Jane Roe, MIT\n'
                "Date: March 19, 2024, 3-4pm\nLocation: @Room 5\n")


def test_9_csv_cells_that_would_be_formulas_are_neutralised() -> None:
    record = parse_text(FORMULA_TALK).to_dict()
    record["host"] = "+1 555 0100"
    record["series"] = "-Seminar"
    record["event_type"] = "\tx"
    rows = list(csv.DictReader(io.StringIO(to_csv([record]))))
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert rows[0]["venue"] == "'@Room 5"
    assert rows[0]["host"] == "'+1 555 0100"
    assert rows[0]["series"] == "'-Seminar"
    assert rows[0]["event_type"] == "'\tx"
    assert rows[0]["speakers"] == "Jane Roe"  # ordinary cells are untouched
    assert rows[0]["start"] == "2024-03-19T15:00"
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_9_csv_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text(FORMULA_TALK, encoding="utf-8")
    proc = run(["f.txt", "-f", "csv"], tmp_path)
    assert proc.returncode == 0
    [row] = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["venue"] == "'@Room 5"
    # other formats keep the value as printed
    assert json.loads(run(["f.txt", "-f", "json"], tmp_path).stdout)["title"].startswith("=HYPERLINK(")


# ------------------------------------------------------------ 10. newlines in file names


def test_10_names_in_errors_are_escaped_one_line_each(tmp_path: Path) -> None:
    root = folder(tmp_path, 1)
    (root / "bad\nname.txt").write_bytes(b"%PDF-1.4 binary")
    (root / "tab\there.txt").write_bytes(b"")
    (root / "esc\x1b[31mred.txt").write_bytes(b"\x00\x01\x02")
    proc = run(["in", "-f", "jsonl", "-q"], tmp_path)
    no_traceback(proc)
    assert proc.returncode == 1
    assert lines_of(proc.stderr) == [
        "in/bad\\nname.txt: binary file (a PDF document), not a text announcement",
        "in/esc\\x1b[31mred.txt: binary file (contains NUL bytes), not a text announcement",
        "in/tab\\there.txt: empty file",
    ]
    assert len(jsonl(proc)) == 1


def test_10_a_name_with_a_newline_still_parses_and_keeps_its_name(tmp_path: Path) -> None:
    (tmp_path / "two\nlines.txt").write_text(talk(2), encoding="utf-8")
    proc = run(["two\nlines.txt", "-f", "json"], tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["source"]["path"] == "two\nlines.txt"  # JSON carries it losslessly


def test_10_shown_path() -> None:
    assert shown_path("a b/c.txt") == "a b/c.txt"
    assert shown_path("x\ny\tz\r") == "x\\ny\\tz\\r"
    assert shown_path(os.fsdecode(b"caf\xe9\xff.txt")) == "caf\\xe9\\xff.txt"
    assert shown_path("中文\u2028.txt") == "中文\\u2028.txt"
    assert str(InputError("a\nb.txt", "empty file")) == "a\\nb.txt: empty file"


# ------------------------------------------------------------ 11. YAML: digit-only strings stay strings

# What a YAML 1.2 core-schema reader (ruamel.yaml, yq, Go, JS) takes for something other than a string.
YAML12_NON_STRING = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                               r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE")


def plain_scalars(text: str) -> list[str]:
    """The strings written as plain (unquoted) scalars in a YAML document (a null is not a string)."""
    found: list[str] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.tag == "tag:yaml.org,2002:str":
                found.append(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(key)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(yaml.compose(text))
    return found


@pytest.mark.parametrize("value", ["0189", "012345678", "123", "-5", "0o17", "0x1F", "1e3", ".5", "1.", "+7",
                                   ".inf", ".NaN", "null", "true", "FALSE", "~"])
def test_11_strings_a_yaml_1_2_reader_would_not_read_as_strings_are_quoted(value: str) -> None:
    text = to_yaml({"passcode": value})
    assert value not in plain_scalars(text)
    assert yaml.safe_load(text) == {"passcode": value}


def test_11_meeting_id_and_passcode_keep_their_leading_zeros(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text(talk(1) + "Zoom: https://zoom.us/j/012345678\nMeeting ID: 012 345 678\n"
                                    "Passcode: 0189\n", encoding="utf-8")
    proc = run(["z.txt"], tmp_path)
    assert proc.returncode == 0
    text = proc.stdout.decode("utf-8")
    assert "meeting_id: '012345678'" in text and "passcode: '0189'" in text
    strings = [v for v in plain_scalars(text) if YAML12_NON_STRING.fullmatch(v)]
    assert strings == [], f"read as numbers by YAML 1.2: {strings}"


# ------------------------------------------------------------ 12. parse_file on an mbox

MBOX = ROOT / "samples" / "mailing-list-archive.mbox"


def test_12_parse_file_all_gives_every_message() -> None:
    records = parse_file_all(MBOX)
    assert [r.title for r in records] == ["Spectral Methods for Network Cross-Validation", "随机矩阵与高维统计",
                                          "Fine-Grained Complexity of Edit Distance"]
    assert [r.title for r in parse_file_all(ROOT / "samples" / "en-defense.txt")] == \
        [parse_file(ROOT / "samples" / "en-defense.txt").title]


def test_12_parse_file_warns_when_it_returns_one_of_many() -> None:
    with pytest.warns(UserWarning, match="holds 3 messages"):
        record = parse_file(MBOX)
    assert record.title == "Spectral Methods for Network Cross-Validation"
    assert any("this mbox holds 3 messages" in w and "parse_file_all" in w for w in record.warnings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not any("mbox" in w for w in parse_file(ROOT / "samples" / "en-defense.txt").warnings)


# ------------------------------------------------------------ 13. large inputs in linear time


# One long line where the venue pattern matches again and again: place._best_venue copied the line up to each
# match (quadratic: 1 MB took 15 s of CPU, 47 s on the loaded machine); now it looks in place.
VENUE_HEAD = "Speaker: Dr. Jane Roe, MIT\nTitle: Sparse Models\nDate: March 5, 2024, 3-4pm\n"
VENUE_UNIT = "Talk in Room 101, Wean Hall 5409. "


def venue_line(size: int) -> str:
    return VENUE_HEAD + VENUE_UNIT * (size // len(VENUE_UNIT))


def test_13_a_megabyte_on_one_line_through_stdin(tmp_path: Path) -> None:
    """CPU time of the child, not wall time: the machine is shared. Before: 15 s; now about 5 s."""
    (tmp_path / "big.txt").write_text(venue_line(1_000_000), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(tmp_path / "big.txt", "rb") as stdin:
        proc = run(["-", "-f", "jsonl", "--max-bytes", "2000000"], tmp_path, stdin=stdin, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    no_traceback(proc)
    assert proc.returncode == 0
    [record] = jsonl(proc)
    assert (record["title"], record["start"]) == ("Sparse Models", "2024-03-05T15:00")
    assert record["location"]["venue"] == "Room 101, Wean Hall 5409"
    assert cpu < 10, f"1 MB on one line took {cpu:.1f} s of CPU"


# ------------------------------------------------------------ the property: any folder, one answer per input

NAME_PARTS = st.sampled_from(["a", "talk", "b-caf\udce9", "x\ny", "tab\t", " sp ace ", "中文", "é", "-", "0", "\udcff"])
KINDS = st.sampled_from(["talk", "bytes", "empty", "fifo", "zero", "dangling", "link", "dir"])


def make_entry(root: Path, name: str, kind: str, content: bytes, index: int) -> bool:
    """Create one entry; True when the program must answer for it (a candidate input)."""
    path = root / name
    if kind == "talk":
        path.write_text(talk(index), encoding="utf-8")
    elif kind == "bytes":
        path.write_bytes(content)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        os.symlink("/dev/zero", path)
    elif kind == "dangling":
        os.symlink(root / "nowhere", path)
    elif kind == "link":
        target = root / f"target{index}.md"
        target.write_text(talk(index), encoding="utf-8")
        os.symlink(target, path)
    else:
        path.mkdir()
        (path / "inner.txt").write_text(talk(index), encoding="utf-8")
        return False  # a folder is walked, not answered for
    return True


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(st.lists(NAME_PARTS, min_size=1, max_size=3), KINDS, st.binary(max_size=300)),
                        min_size=1, max_size=8))
def test_property_any_folder_gives_one_record_or_one_line_per_input(
        entries: list[tuple[list[str], str, bytes]], tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.mktemp("prop")
    root = base / "in"
    root.mkdir()
    expected: list[str] = []
    for index, (parts, kind, content) in enumerate(entries):
        name = f"{''.join(parts)}{index}.txt"
        if make_entry(root, name, kind, content, index):
            expected.append(shown_path(f"in/{name}"))
        elif kind == "dir":
            expected.append(shown_path(f"in/{name}/inner.txt"))
    expected += [shown_path(f"in/target{i}.md") for i, (_, kind, _) in enumerate(entries) if kind == "link"]
    proc = run(["in", "-f", "jsonl", "-q", "-j", "1", "--max-bytes", "100000"], base, timeout=60)
    no_traceback(proc)
    assert proc.returncode in (0, 1)
    errors = lines_of(proc.stderr)
    answered = [shown_path(record["source"]["path"]) for record in jsonl(proc)]
    for line in errors:
        owner = [path for path in expected if line.startswith(f"{path}: ")]
        assert owner, f"an error line that names no input: {line!r}"
        answered.append(max(owner, key=len))
    assert sorted(answered) == sorted(expected)
    assert proc.returncode == (1 if errors else 0)
