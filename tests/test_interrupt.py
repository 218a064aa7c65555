"""Ctrl-C in the middle of a batch, and the progress bar's manners (terminal only, never on a pipe)."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from seminar_parse.record import SCHEMA_VERSION

PROGRAM = [sys.executable, "-m", "seminar_parse"]
TALK = ("Speaker: Dr. Jane Roe, MIT\nTitle: Talk number {i}\nDate: Tuesday, March 19, 2024\n"
        "Time: 3:00-4:00 pm\nLocation: Room {i}\n\nAbstract\n" + "We study sparse models and their limits. " * 60)


def _corpus(root: Path, count: int) -> Path:
    folder = root / "in"
    for i in range(count):
        sub = folder / f"part{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"talk{i:04d}.txt").write_text(TALK.format(i=i), encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_finished_outputs_and_exits_130(tmp_path: Path, jobs: str) -> None:
    source = _corpus(tmp_path, 1500)
    out = tmp_path / "out"
    process = subprocess.Popen([*PROGRAM, str(source), "-o", str(out), "--jobs", jobs], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.yaml"))) < 20:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    written = list(out.rglob("*.yaml"))
    assert 20 <= len(written) < 1500
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "a half-written output was left behind"
    for path in written:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert stdout == ""


def test_resume_after_an_interrupted_run(tmp_path: Path) -> None:
    source = _corpus(tmp_path, 40)
    out = tmp_path / "out"
    first = subprocess.run([*PROGRAM, str(source), "-o", str(out), "--jobs", "1", "-q"], capture_output=True,
                           text=True, check=False)
    assert first.returncode == 0
    victim = next(out.rglob("*.yaml"))
    victim.unlink()  # as if the run had stopped before it
    again = subprocess.run([*PROGRAM, str(source), "-o", str(out), "--skip-existing"], capture_output=True,
                           text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert victim.exists()
    assert "skipped 39" in again.stderr


def test_no_progress_bar_on_a_pipe(tmp_path: Path) -> None:
    source = _corpus(tmp_path, 30)
    result = subprocess.run([*PROGRAM, str(source), "--format", "jsonl"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "parsing" not in result.stderr and "\x1b[" not in result.stderr
    assert result.stderr.strip().startswith("parsed 30, failed 0")


def test_progress_bar_on_a_terminal_and_quiet_silences_it(tmp_path: Path) -> None:
    source = _corpus(tmp_path, 200)

    def stderr_on_a_terminal(*extra: str) -> str:
        leader, follower = pty.openpty()
        process = subprocess.Popen([*PROGRAM, str(source), "--format", "jsonl", "--jobs", "1", *extra],
                                   stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "NO_COLOR": "1"})
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    shown = stderr_on_a_terminal()
    assert "parsing" in shown and "files/s" in shown
    assert "parsed 200" in shown
    assert stderr_on_a_terminal("-q").strip() == ""
