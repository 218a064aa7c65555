"""Batch runs: folders in, a mirrored folder of records out (``-o``), in parallel, safely.

Covers :mod:`seminar_parse.batch` directly (``output_path``, ``write_atomic``) and through the CLI,
in-process with CliRunner and as a real process where pipes and worker processes matter.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

from seminar_parse import batch
from seminar_parse.batch import Job, UnsafeOutput, output_path, write_atomic
from seminar_parse.cli import app
from seminar_parse.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
SCHEMA: dict[str, Any] = json.loads((ROOT / "schemas" / "seminar-record.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
CONSOLE_SCRIPT = Path(sys.executable).with_name("seminar-parse")
PROGRAM = [str(CONSOLE_SCRIPT)] if CONSOLE_SCRIPT.exists() else [sys.executable, "-m", "seminar_parse"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def talk(i: int, abstract_words: int = 0) -> str:
    """A small, distinct announcement; ``abstract_words`` pads it to make the output large."""
    text = (f"Speaker: Dr. Jane Roe{i}, MIT\nTitle: Sparse Models Part {i}\n"
            f"Date: {MONTHS[i % 12]} {i % 27 + 1}, 2024\nTime: 3:00-4:00 pm\nLocation: Room {100 + i}\n")
    if abstract_words:
        text += "\nAbstract:\n" + " ".join(f"word{j}" for j in range(abstract_words)) + "\n"
    return text


# ---------------------------------------------------------------- helpers


def assert_valid(record: Any) -> None:
    """Every record must satisfy the published schema; list all violations at once."""
    errors = sorted(VALIDATOR.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (hidden ones too), as sorted POSIX paths relative to it."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def stderr_of(proc: subprocess.CompletedProcess[str]) -> str:
    """stderr of a finished run (kept as a helper: some tests only care about its lines)."""
    return proc.stderr


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """In-process runner working in tmp_path (relative paths keep messages short and checkable)."""
    monkeypatch.chdir(tmp_path)

    def _cli(*args: str) -> Result:
        return CliRunner().invoke(app, [*args])

    return _cli


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real program, for worker processes and real pipes."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1"}
    return subprocess.run([*PROGRAM, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=60, check=False)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """notices/{a/b.txt, a/deeper/d.md, c.txt}: a small tree to mirror."""
    root = tmp_path / "notices"
    write(root, "a/b.txt", talk(1))
    write(root, "a/deeper/d.md", talk(2))
    write(root, "c.txt", talk(3))
    write(root, "skip.pdf", "not picked up")
    return root


# ---------------------------------------------------------------- mirroring


@pytest.mark.parametrize(("fmt", "ext", "load"), [("yaml", ".yaml", yaml.safe_load), ("json", ".json", json.loads)])
def test_output_mirrors_tree(fmt: str, ext: str, load: Callable[[str], Any], tree: Path,
                             cli: Callable[..., Result], tmp_path: Path) -> None:
    """a/b.txt → OUT/a/b.yaml (or .json): one whole-file record per input, nothing on stdout."""
    result = cli("notices", "-o", "out", "--format", fmt, "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    out = tmp_path / "out"
    assert files_under(out) == sorted(f"{p}{ext}" for p in ("a/b", "a/deeper/d", "c"))
    for rel, source in (("a/b", "a/b.txt"), ("a/deeper/d", "a/deeper/d.md"), ("c", "c.txt")):
        record = load((out / f"{rel}{ext}").read_text(encoding="utf-8"))
        assert isinstance(record, dict)
        assert_valid(record)
        assert record["source"]["path"] == os.path.join("notices", source)
    assert result.stderr.splitlines()[-1].startswith("parsed 3, failed 0")


def test_output_inside_input_tree_not_read_back(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """OUT inside the input tree is skipped when searching, even when its files would match --ext."""
    args = ("notices", "-o", "notices/out", "--ext", "txt", "--ext", "md", "--ext", "yaml", "-q", "-j", "1")
    first = cli(*args)
    assert first.exit_code == 0, first.stderr
    written = files_under(tree / "out")
    assert written == ["a/b.yaml", "a/deeper/d.yaml", "c.yaml"]
    write(tree, "out/stray.txt", talk(9))  # would be an input if OUT were searched
    second = cli(*args, "--force")
    assert second.exit_code == 0, second.stderr
    assert second.stderr == ""
    assert files_under(tree / "out") == sorted([*written, "stray.txt"])
    third = cli("notices", "-o", "notices/out", "-f", "jsonl", "-j", "1")
    assert third.exit_code == 0, third.stderr
    assert "parsed 3," in third.stderr
    assert not (tree / "out" / "out").exists()


# ---------------------------------------------------------------- existing outputs


def _first_run(cli: Callable[..., Result], tmp_path: Path) -> Path:
    result = cli("notices", "-o", "out", "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "out" / "a" / "b.yaml"
    target.write_text("sentinel: kept\n", encoding="utf-8")
    (tmp_path / "out" / "c.yaml").unlink()
    return target


def test_existing_output_not_overwritten_without_force(tree: Path, cli: Callable[..., Result],
                                                       tmp_path: Path) -> None:
    """A second run must not silently clobber results: exit 1, and one line saying how many outputs exist
    and what --force and --skip-existing do (not one line per file)."""
    target = _first_run(cli, tmp_path)
    result = cli("notices", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "sentinel: kept\n"
    errors = [line for line in result.stderr.splitlines() if "exist" in line]
    assert errors == ["out: 2 of 3 outputs exist; --force overwrites them, --skip-existing keeps them and writes"
                      " only the missing ones"], result.stderr  # a/b.yaml and a/deeper/d.yaml exist, c.yaml not
    assert (tmp_path / "out" / "c.yaml").exists(), "inputs without an output are still processed"
    assert "Traceback" not in result.stderr


def test_rerun_into_finished_folder_says_so_once(tree: Path, cli: Callable[..., Result]) -> None:
    """Every output there: one line, and nothing failed (exit 0), nothing rewritten."""
    assert cli("notices", "-o", "out", "-q", "-j", "1").exit_code == 0
    again = cli("notices", "-o", "out", "-j", "1")
    assert again.exit_code == 0, again.stderr
    assert [line for line in again.stderr.splitlines() if "exist" in line] == [
        "out: all 3 of 3 outputs exist; --force overwrites them, --skip-existing keeps them and writes only the"
        " missing ones"]


def test_force_overwrites(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """--force replaces existing outputs with fresh records."""
    target = _first_run(cli, tmp_path)
    result = cli("notices", "-o", "out", "--force", "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    record = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert_valid(record)
    assert (tmp_path / "out" / "c.yaml").exists()


def test_skip_existing_resumes(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """--skip-existing leaves existing outputs alone, fills in the missing ones, exits 0."""
    target = _first_run(cli, tmp_path)
    result = cli("notices", "-o", "out", "--skip-existing", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "sentinel: kept\n"
    assert_valid(yaml.safe_load((tmp_path / "out" / "c.yaml").read_text(encoding="utf-8")))
    assert "skipped 2" in result.stderr


# ---------------------------------------------------------------- failures in a batch


@pytest.fixture
def folder_with_bad_file(tmp_path: Path) -> Path:
    """t01..t06 with t01 (first in order) empty and t04 binary."""
    root = tmp_path / "mixed"
    for i in range(1, 7):
        write(root, f"t{i:02d}.txt", talk(i))
    (root / "t01.txt").write_bytes(b"")
    (root / "t04.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return root


def test_bad_file_does_not_stop_batch(folder_with_bad_file: Path, cli: Callable[..., Result],
                                      tmp_path: Path) -> None:
    """Bad files are reported (one line each, naming them) and the others are still written."""
    result = cli("mixed", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert files_under(tmp_path / "out") == ["t02.yaml", "t03.yaml", "t05.yaml", "t06.yaml"]
    lines = result.stderr.splitlines()
    assert lines[0].startswith(os.path.join("mixed", "t01.txt") + ": ")
    assert lines[1].startswith(os.path.join("mixed", "t04.txt") + ": ")
    assert lines[-1].startswith("parsed 4, failed 2")
    assert "Traceback" not in result.stderr


def test_bad_file_does_not_stop_parallel_batch(folder_with_bad_file: Path, tmp_path: Path) -> None:
    """Same with worker processes: a failing input does not take the pool down."""
    proc = run(["mixed", "-o", "out", "-j", "2"], tmp_path)
    err = stderr_of(proc)
    assert proc.returncode == 1
    assert files_under(tmp_path / "out") == ["t02.yaml", "t03.yaml", "t05.yaml", "t06.yaml"]
    assert os.path.join("mixed", "t01.txt") + ": " in err
    assert os.path.join("mixed", "t04.txt") + ": " in err
    assert "Traceback" not in err


def test_fail_fast_stops_at_first_failure(folder_with_bad_file: Path, cli: Callable[..., Result],
                                          tmp_path: Path) -> None:
    """--fail-fast: the first input fails, so nothing after it is written."""
    result = cli("mixed", "-o", "out", "--fail-fast", "-j", "1")
    assert result.exit_code == 1
    assert files_under(tmp_path / "out") == []
    assert result.stderr.splitlines()[0].startswith(os.path.join("mixed", "t01.txt") + ": ")
    assert os.path.join("mixed", "t04.txt") not in result.stderr


def test_fail_fast_parallel(folder_with_bad_file: Path, tmp_path: Path) -> None:
    """--fail-fast with worker processes also stops before writing the later records."""
    proc = run(["mixed", "-o", "out", "--fail-fast", "-j", "2"], tmp_path)
    assert proc.returncode == 1
    assert files_under(tmp_path / "out") == []
    assert "Traceback" not in stderr_of(proc)


def test_fail_fast_on_missing_input_outputs_nothing(tmp_path: Path, cli: Callable[..., Result]) -> None:
    """A missing path found while collecting inputs stops a --fail-fast run before any parsing."""
    write(tmp_path, "good.txt", talk(1))
    result = cli("good.txt", "missing.txt", "--fail-fast", "-f", "jsonl")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["missing.txt: no such file or directory"]


# ---------------------------------------------------------------- parallelism


def test_jobs_2_same_records_same_order_as_jobs_1(tmp_path: Path) -> None:
    """Parallel parsing must not change the output: byte-identical JSON Lines, in input order."""
    root = tmp_path / "dozen"
    for i in range(12):
        write(root, f"sub{i % 3}/talk{i:02d}.txt", talk(i))
    serial = run(["dozen", "-f", "jsonl", "-j", "1", "-q"], tmp_path)
    parallel = run(["dozen", "-f", "jsonl", "-j", "2", "-q"], tmp_path)
    assert serial.returncode == 0 and parallel.returncode == 0, serial.stderr + parallel.stderr
    assert serial.stderr == "" and stderr_of(parallel) == ""
    assert parallel.stdout == serial.stdout
    records = [json.loads(line) for line in serial.stdout.splitlines()]
    assert len(records) == 12
    for record in records:
        assert_valid(record)
    paths = [r["source"]["path"] for r in records]
    assert paths == sorted(paths)


def test_run_all_waits_for_pool_after_complete_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a complete run the pool is shut down and waited for; only an early stop may skip waiting.

    The symptom (a traceback after a successful ``-j 2`` run, a few % of the time) is too rare to
    test directly in a fast suite, so this checks its cause deterministically.
    """
    waits: list[bool] = []

    class SpyExecutor(ProcessPoolExecutor):
        def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
            waits.append(wait)
            super().shutdown(wait=True, cancel_futures=cancel_futures)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", SpyExecutor)
    jobs = [Job(str(write(tmp_path, f"t{i}.txt", talk(i))), Path(f"t{i}.txt")) for i in range(4)]
    outcomes = list(batch.run_all(jobs, Options(), workers=2))
    assert [o.job for o in outcomes] == jobs
    assert all(o.error is None for o in outcomes)
    assert waits == [True]


# ---------------------------------------------------------------- atomic writes


def test_no_temp_files_left_after_run(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """Temporary files are renamed into place; none (hidden or not) remain in OUT."""
    assert cli("notices", "-o", "out", "-q", "-j", "1").exit_code == 0
    assert cli("notices", "-o", "out", "-q", "-j", "1", "--force").exit_code == 0
    out = tmp_path / "out"
    assert list(out.rglob("*.tmp")) == []
    assert all(not part.startswith(".") for p in files_under(out) for part in p.split("/"))


def test_write_atomic_writes_and_creates_folders(tmp_path: Path) -> None:
    """The normal case: parents created, exact UTF-8 content, no temp file beside it."""
    target = tmp_path / "out" / "x" / "y.yaml"
    write_atomic(target, "title: 报告\n")
    assert target.read_bytes() == "title: 报告\n".encode()
    assert os.listdir(target.parent) == ["y.yaml"]


def test_write_atomic_keeps_old_content_when_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails, the old file is untouched and the temp file is removed."""
    target = tmp_path / "out" / "b.yaml"
    target.parent.mkdir()
    target.write_text("old: content\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new: content\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old: content\n"
    assert os.listdir(target.parent) == ["b.yaml"]


def test_write_atomic_keeps_old_content_when_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing the temp file (here fsync) leaves the old file and no temp file."""
    target = tmp_path / "b.yaml"
    target.write_text("old: content\n", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new: content\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old: content\n"
    assert os.listdir(tmp_path) == ["b.yaml"]


def test_write_atomic_replaces_symlink_instead_of_following_it(tmp_path: Path) -> None:
    """A link planted at the output path must not redirect the write to another file."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "b.yaml"
    os.symlink(victim, target)
    write_atomic(target, "new: content\n")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not target.is_symlink()
    assert target.read_text(encoding="utf-8") == "new: content\n"


def test_output_files_respect_umask(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """Records written with -o get the usual permissions (0644 under umask 022), like any other file."""
    old = os.umask(0o022)
    try:
        result = cli("notices", "-o", "out", "-q", "-j", "1")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    modes = {p: oct((tmp_path / "out" / p).stat().st_mode & 0o777) for p in files_under(tmp_path / "out")}
    assert set(modes.values()) == {oct(0o644)}, modes


# ---------------------------------------------------------------- output_path safety


def test_output_path_mirrors_relative_path(tmp_path: Path) -> None:
    """The mapping itself: rel path kept, suffix replaced (only the last one)."""
    out = tmp_path / "out"
    assert output_path(out, Job("in/a/b.txt", Path("a/b.txt")), ".yaml") == out / "a" / "b.yaml"
    assert output_path(out, Job("talk.v2.md", Path("talk.v2.md")), ".json") == out / "talk.v2.json"
    assert output_path(out, Job("-", Path("stdin")), ".jsonl") == out / "stdin.jsonl"


@pytest.mark.parametrize("rel", ["../evil.txt", "a/../../evil.txt", "a/b/../../../evil.txt", "/etc/evil.txt"])
def test_output_path_refuses_escapes(rel: str, tmp_path: Path) -> None:
    """``..`` or absolute relative paths must never lead outside OUT."""
    with pytest.raises(UnsafeOutput):
        output_path(tmp_path / "out", Job("x", Path(rel)), ".yaml")


def test_output_path_refuses_symlinked_subfolder(tmp_path: Path) -> None:
    """OUT/a → elsewhere: writing OUT/a/b.yaml (or below it) would land outside OUT."""
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    os.symlink(outside, out / "a")
    with pytest.raises(UnsafeOutput):
        output_path(out, Job("in/a/b.txt", Path("a/b.txt")), ".yaml")
    with pytest.raises(UnsafeOutput):
        output_path(out, Job("in/a/new/b.txt", Path("a/new/b.txt")), ".yaml")
    assert output_path(out, Job("in/c.txt", Path("c.txt")), ".yaml") == out / "c.yaml"


def test_output_path_accepts_symlinked_out_itself(tmp_path: Path) -> None:
    """OUT may itself be a link (a common setup); only links *inside* it are refused."""
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "out")
    assert output_path(tmp_path / "out", Job("a/b.txt", Path("a/b.txt")), ".yaml") == tmp_path / "out/a/b.yaml"


def _symlinked_out(tree: Path, tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(outside, tmp_path / "out" / "a")
    return outside


def test_symlinked_subfolder_through_cli_with_force(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """The CLI reports the refused file, writes nothing outside and carries on with the rest."""
    outside = _symlinked_out(tree, tmp_path)
    result = cli("notices", "-o", "out", "--force", "-j", "1")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert files_under(outside) == []
    assert (tmp_path / "out" / "c.yaml").exists()
    assert os.path.join("notices", "a", "b.txt") + ": " in result.stderr


def test_symlinked_subfolder_through_cli_without_force(tree: Path, cli: Callable[..., Result],
                                                       tmp_path: Path) -> None:
    """Without --force the same situation must be one error line, not a crash."""
    outside = _symlinked_out(tree, tmp_path)
    result = cli("notices", "-o", "out", "-j", "1")
    assert files_under(outside) == []
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert (tmp_path / "out" / "c.yaml").exists()
    assert os.path.join("notices", "a", "b.txt") + ": " in result.stderr


@pytest.mark.parametrize("layout", ["same-stem", "same-name-two-args"])
def test_colliding_outputs_are_not_silently_lost(layout: str, cli: Callable[..., Result], tmp_path: Path) -> None:
    """Two inputs must give two records, or an error saying they collide; never one silent loss."""
    if layout == "same-stem":
        write(tmp_path, "in/a/b.txt", talk(1))
        write(tmp_path, "in/a/b.md", talk(2))
        args = ["in"]
    else:
        write(tmp_path, "x/talk.txt", talk(1))
        write(tmp_path, "y/talk.txt", talk(2))
        args = ["x/talk.txt", "y/talk.txt"]
    result = cli(*args, "-o", "out", "-j", "1")
    written = files_under(tmp_path / "out")
    assert len(written) == 2 or result.exit_code != 0, (written, result.stderr)


# ---------------------------------------------------------------- pipes


@pytest.mark.parametrize("jobs", [None, "1"])
def test_broken_pipe_is_quiet_success(jobs: str | None, tmp_path: Path) -> None:
    """``seminar-parse DIR --format jsonl | head -1`` is normal use: exit 0, no traceback."""
    root = tmp_path / "thirty"
    for i in range(30):
        write(root, f"talk{i:02d}.txt", talk(i, abstract_words=700))
    command = " ".join(shlex.quote(part) for part in PROGRAM) + " thirty --format jsonl"
    if jobs:
        command += f" -j {jobs}"
    # each record holds its input's abstract, so the output is larger than two pipe buffers: the writer
    # really meets a closed pipe instead of finishing into the buffer before head exits
    assert sum(p.stat().st_size for p in root.iterdir()) > 2 * 65536
    proc = subprocess.run(f"set -o pipefail; {command} | head -1", shell=True, executable="/bin/bash",
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in stderr_of(proc)
    assert "Error" not in stderr_of(proc)
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert_valid(record)
    assert record["source"]["path"] == os.path.join("thirty", "talk00.txt")


# ---------------------------------------------------------------- inputs are read-only


def test_inputs_never_modified(tree: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    """Parsing reads; it never rewrites, touches or adds files in the input tree."""
    (tree / "latin1.txt").write_bytes("Speaker: José Núñez\nTitle: Café\r\nDate: March 3, 2024\r\n".encode("cp1252"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tree.rglob("*") if p.is_file()}
    assert cli("notices", "-o", "out", "-q", "-j", "1").exit_code == 0
    assert cli("notices", "-f", "jsonl", "-q", "-j", "1").exit_code == 0
    assert cli("notices", "-o", "out", "--force", "--format", "json", "-q", "-j", "1").exit_code == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tree.rglob("*") if p.is_file()}
    assert after == before


def test_batch_module_discover_order_and_exclusion(tree: Path, tmp_path: Path) -> None:
    """discover(): hidden files and other endings skipped, OUT excluded, missing paths reported."""
    write(tree, ".hidden.txt", talk(5))
    write(tree, ".git/x.txt", talk(6))
    write(tree, "out/old.txt", talk(7))
    jobs, errors = batch.discover([str(tree), str(tmp_path / "nope.txt")], exclude=tree / "out")
    assert [j.rel.as_posix() for j in jobs] == ["c.txt", "a/b.txt", "a/deeper/d.md"]
    assert errors == [f"{tmp_path / 'nope.txt'}: no such file or directory"]
