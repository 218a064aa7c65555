"""The command line as a new user meets it: help that fits 80 columns and names every format and ending,
completion, errors that name the option, a hint when stdin is a terminal, evidence visible without colour."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seminar_parse.batch import DEFAULT_EXTENSIONS
from seminar_parse.cli import STDIN_HINT, Format, app
from seminar_parse.explain import CLOSE_MARK, OPEN_MARK, marked_text
from seminar_parse.pipeline import parse_bytes
from tests.conftest import SAMPLES

CONSOLE_SCRIPT = Path(sys.executable).with_name("seminar-parse")
PROGRAM = [str(CONSOLE_SCRIPT)] if CONSOLE_SCRIPT.exists() else [sys.executable, "-m", "seminar_parse"]
TALK = "Speaker: Dr. Jane Roe, MIT\nTitle: Sparse Models\nDate: Tuesday, March 19, 2024\nTime: 3-4 pm\n"


def _help(columns: str) -> str:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": columns, "TERM": "xterm"})
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("columns", ["80", "200"])
def test_help_fits_80_columns(columns: str) -> None:
    long = [line for line in _help(columns).splitlines() if len(line) > 80]
    assert not long, long


def test_help_names_every_format_and_every_default_ending() -> None:
    text = " ".join(_help("80").split())
    summary = text.split("Examples:")[0]
    for name in ("YAML", "JSON", "JSON Lines", "JSON-LD", "CSV", "iCalendar"):
        assert name in summary
    for fmt in Format:
        assert fmt.value in text
    assert all(ext in text for ext in DEFAULT_EXTENSIONS), DEFAULT_EXTENSIONS


def test_completion_is_on() -> None:
    text = _help("80")
    assert "--install-completion" in text and "--show-completion" in text
    result = subprocess.run([*PROGRAM, "--show-completion", "bash"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0, result.stderr
    assert "complete" in result.stdout and "seminar" in result.stdout.replace("_", "-")


@pytest.mark.parametrize(("args", "option"), [
    (["--reference-date", "19 March"], "--reference-date"),
    (["--tz", "Mars/Olympus"], "--tz"),
    (["--date-order", "ydm"], "--date-order"),
    (["--jobs", "0"], "--jobs"),
    (["--max-bytes", "-1"], "--max-bytes"),
    (["--format", "pdf"], "--format"),
    (["--force", "--skip-existing"], "--force"),
])
def test_bad_options_are_named(args: list[str], option: str, tmp_path: Path) -> None:
    talk = tmp_path / "talk.txt"
    talk.write_text(TALK, encoding="utf-8")
    result = CliRunner().invoke(app, [str(talk), *args])
    assert result.exit_code == 2
    error = " ".join(result.stderr.split())
    assert option in error and "Traceback" not in error
    assert not result.stdout


def _run_on_pty(args: list[str], typed: bytes) -> tuple[int, str, str]:
    """Run the program with a terminal as its stdin, type ``typed`` and Ctrl-D; return status, stdout, stderr."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([*PROGRAM, *args], stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env={**os.environ, "NO_COLOR": "1"})
        os.close(follower)
        os.write(leader, typed + b"\n\x04")  # the terminal's end of input
        out, err = process.communicate(timeout=60)
    finally:
        os.close(leader)
    return process.returncode, out.decode("utf-8"), err.decode("utf-8")


def test_a_terminal_on_stdin_gets_a_hint() -> None:
    status, out, err = _run_on_pty(["-"], b"Speaker: Jane Roe")
    assert STDIN_HINT in err
    assert status == 0 and "Jane Roe" in out and "Ctrl-D" not in out  # the hint never reaches the data


def test_a_pipe_on_stdin_gets_no_hint() -> None:
    result = subprocess.run([*PROGRAM, "-"], input=TALK.encode(), capture_output=True, timeout=60)
    assert result.returncode == 0 and not result.stderr


def test_explain_marks_evidence_without_colour() -> None:
    for env in ({"NO_COLOR": "1"}, {}):  # NO_COLOR, and a pipe (no terminal: no colour either)
        result = subprocess.run([*PROGRAM, "--explain", "-"], input=TALK.encode(), capture_output=True, timeout=60,
                                env={**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, **env})
        out = result.stdout.decode("utf-8")
        assert result.returncode == 0
        assert "\x1b[" not in out
        assert f"Speaker: {OPEN_MARK}speakers: Dr. Jane Roe" in out
        assert f"{OPEN_MARK}title: Sparse Models{CLOSE_MARK}" in out


def test_marks_keep_the_lines_and_nest() -> None:
    record = parse_bytes((SAMPLES / "en-flattened-table.txt").read_bytes(), None)
    marked = marked_text(record).plain
    assert marked.count("\n") == record.cleaned_text.count("\n")  # line numbers stay the record's
    assert marked.count(OPEN_MARK) == marked.count(CLOSE_MARK) > 3
    unmarked = re.sub(rf"{OPEN_MARK}[a-z.]+: |{CLOSE_MARK}", "", marked)
    assert unmarked == record.cleaned_text
