"""The command line, end to end: in-process through Typer's CliRunner and as a real subprocess.

The contract under test (see ``cli.py``): stdout carries records only, every message goes to stderr;
exit 0 when everything parsed, 1 when some input failed (the rest still output), 2 for usage errors.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

import seminar_parse
from seminar_parse import __version__
from seminar_parse.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SCHEMA: dict[str, Any] = json.loads((ROOT / "schemas" / "seminar-record.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
SCHEMA_KEYS = list(SCHEMA["properties"])
CONSOLE_SCRIPT = Path(sys.executable).with_name("seminar-parse")

TALK = ("Speaker: Dr. Jane Roe, MIT\nTitle: Sparse Models\nDate: Tuesday, March 19, 2024\n"
        "Time: 3:00-4:00 pm\nLocation: Room 101\n")
OTHER = ("Speaker: Prof. John Doe, Stanford University\nTitle: Graph Learning\nDate: Wednesday, April 3, 2024\n"
         "Time: 2:00-3:00 pm\nLocation: Hall B\n")
WITH_ABSTRACT = TALK + ("\nAbstract:\nSparse models keep only the weights that matter, and they are cheaper to "
                        "run on small devices.\n\nWe show when pruning helps and when it hurts, with experiments "
                        "on language and vision tasks.\n")
YEARLESS = "Speaker: Bob Smith\nTitle: A Talk Without a Year\nDate: Thursday, Oct. 9th, 3pm\n"

ENTRY_POINTS = {
    "python-m": [sys.executable, "-m", "seminar_parse"],
    "console-script": [str(CONSOLE_SCRIPT)],
}


# ---------------------------------------------------------------- helpers


def assert_valid(record: Any) -> None:
    """Every record must satisfy the published schema; list all violations at once."""
    errors = sorted(VALIDATOR.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def assert_no_traceback(*texts: str) -> None:
    """Bad input is reported as one line; a traceback means an unhandled exception leaked."""
    for text in texts:
        assert "Traceback" not in text, text


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def invoke(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch, input: str | bytes | None = None) -> Result:
    """Run the app in-process from ``cwd``; ``-j 1`` keeps process pools out of the test process."""
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, args, input=input)


def run(entry: list[str], args: list[str], cwd: Path, input: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real program; bytes in and out so encoding problems are not hidden by the test."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1", **(env or {})}
    return subprocess.run([*entry, *args], cwd=cwd, input=input, capture_output=True, env=full_env,
                          timeout=60, check=False)


@pytest.fixture(params=list(ENTRY_POINTS), ids=list(ENTRY_POINTS))
def entry(request: pytest.FixtureRequest) -> list[str]:
    """Both ways of starting the program must behave the same."""
    if request.param == "console-script" and not CONSOLE_SCRIPT.exists():
        pytest.skip("console script not installed in this environment")
    return ENTRY_POINTS[request.param]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """In-process runner working in tmp_path."""

    def _cli(*args: str, input: str | bytes | None = None) -> Result:
        return invoke([*args], tmp_path, monkeypatch, input=input)

    return _cli


def top_level_keys(yaml_text: str) -> list[str]:
    """The top-level keys in the order they are printed (not as a dict happens to load them)."""
    return re.findall(r"^([a-z_]+):", yaml_text, flags=re.MULTILINE)


# ---------------------------------------------------------------- one file, YAML


def test_one_file_gives_one_yaml_record(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The default use: a single file, a single YAML document, nothing on stderr."""
    write(tmp_path, "talk.txt", TALK)
    result = cli("talk.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert not result.stdout.startswith("---"), "a single record is a plain document, not a stream"
    record = yaml.safe_load(result.stdout)
    assert_valid(record)
    assert list(record) == SCHEMA_KEYS
    assert top_level_keys(result.stdout) == SCHEMA_KEYS
    assert top_level_keys(result.stdout)[0] == "schema_version"
    assert top_level_keys(result.stdout)[-1] == "warnings"
    assert record["source"]["path"] == "talk.txt"
    assert record["source"]["sha256"] == hashlib.sha256(TALK.encode()).hexdigest()
    assert record["title"] == "Sparse Models"


def test_one_file_real_process(entry: list[str], tmp_path: Path) -> None:
    """The installed program (python -m and the console script) keeps stdout and stderr apart."""
    write(tmp_path, "talk.txt", TALK)
    proc = run(entry, ["talk.txt"], tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    text = proc.stdout.decode("utf-8")
    record = yaml.safe_load(text)
    assert_valid(record)
    assert top_level_keys(text) == SCHEMA_KEYS
    assert record["title"] == "Sparse Models"


# ---------------------------------------------------------------- several inputs, formats


def _several(tmp_path: Path) -> list[str]:
    """Two files and a folder (with a subfolder); returns the paths in the order records must appear."""
    write(tmp_path, "one.txt", TALK)
    write(tmp_path, "two.txt", OTHER)
    write(tmp_path, "dir/b.txt", WITH_ABSTRACT)
    write(tmp_path, "dir/a/c.md", YEARLESS)
    write(tmp_path, "dir/ignored.pdf.bak", "not an announcement")
    # a folder's own files come before its subfolders, each level sorted by name
    return ["one.txt", "two.txt", os.path.join("dir", "b.txt"), os.path.join("dir", "a", "c.md")]


def test_several_files_and_folder_give_yaml_stream(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Many inputs become a ``---`` separated stream, in argument order, folders sorted recursively."""
    expected = _several(tmp_path)
    result = cli("one.txt", "two.txt", "dir", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("---\n") == 4
    records = list(yaml.safe_load_all(result.stdout))
    assert [r["source"]["path"] for r in records] == expected
    for record in records:
        assert_valid(record)
        assert list(record) == SCHEMA_KEYS
    # stderr has at most the summary, never a record
    assert "schema_version" not in result.stderr
    assert_no_traceback(result.stderr)


def test_json_one_object_for_one_input(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A single input is one JSON object, not an array of one."""
    write(tmp_path, "talk.txt", TALK)
    result = cli("talk.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert list(data) == SCHEMA_KEYS
    assert_valid(data)


def test_json_array_for_several_inputs(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Several inputs (or a folder) are one JSON array."""
    expected = _several(tmp_path)
    result = cli("one.txt", "two.txt", "dir", "-f", "json", "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [r["source"]["path"] for r in data] == expected
    for record in data:
        assert_valid(record)


def test_json_array_for_folder_with_one_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A folder is "many" even when it holds one file: the shape must not depend on the folder's size."""
    write(tmp_path, "dir/only.txt", TALK)
    result = cli("dir", "-f", "json", "-q")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    assert_valid(data[0])


def test_jsonl_one_compact_object_per_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    """JSON Lines: one compact object per line, so line-based tools (head, jq -c) work."""
    expected = _several(tmp_path)
    result = cli("one.txt", "two.txt", "dir", "--format", "jsonl", "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert result.stdout.endswith("\n")
    assert len(lines) == len(expected)
    for line, path in zip(lines, expected, strict=True):
        record = json.loads(line)
        assert_valid(record)
        assert record["source"]["path"] == path
        assert line == json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_formats_real_process(cli: Callable[..., Result], tmp_path: Path) -> None:
    """JSON Lines through the real program carries the same records as the in-process YAML stream."""
    expected = _several(tmp_path)
    args = ["one.txt", "two.txt", "dir", "-q", "-j", "1"]
    stream = cli(*args)
    assert stream.exit_code == 0, stream.stderr
    lines = run(ENTRY_POINTS["python-m"], [*args, "-f", "jsonl"], tmp_path)
    assert lines.returncode == 0, lines.stderr.decode()
    assert lines.stderr == b""
    from_yaml = list(yaml.safe_load_all(stream.stdout))
    from_jsonl = [json.loads(line) for line in lines.stdout.decode("utf-8").splitlines()]
    assert [r["source"]["path"] for r in from_yaml] == expected
    assert from_yaml == from_jsonl
    for record in from_jsonl:
        assert_valid(record)


# ---------------------------------------------------------------- stdin


def test_dash_reads_stdin(cli: Callable[..., Result]) -> None:
    """``-`` reads the announcement from stdin; there is no path to record."""
    result = cli("-", "-f", "json", input=TALK)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    record = json.loads(result.stdout)
    assert_valid(record)
    assert record["source"]["path"] is None
    assert record["source"]["sha256"] == hashlib.sha256(TALK.encode()).hexdigest()
    assert record["title"] == "Sparse Models"


def test_dash_reads_stdin_real_process(tmp_path: Path) -> None:
    """Stdin is read as bytes, through the real program."""
    data = TALK.encode("utf-8")
    proc = run(ENTRY_POINTS["python-m"], ["-"], tmp_path, input=data)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    record = yaml.safe_load(proc.stdout.decode("utf-8"))
    assert_valid(record)
    assert record["source"]["path"] is None
    assert record["source"]["sha256"] == hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- version and help


def test_version(cli: Callable[..., Result], entry: list[str], tmp_path: Path) -> None:
    """--version prints the package version and nothing else; it needs no PATH."""
    from importlib.metadata import version

    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"seminar-parse {__version__}"
    assert __version__ == version("seminar-parse")
    proc = run(entry, ["--version"], tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"seminar-parse {__version__}"
    assert proc.stderr == b""


def _option_names() -> list[str]:
    command = typer.main.get_command(app)
    names: list[str] = []
    for param in command.params:
        names.extend(o for o in (*param.opts, *param.secondary_opts) if o.startswith("-"))
    return names


def test_help_mentions_examples_and_every_option(cli: Callable[..., Result]) -> None:
    """--help is the manual: examples plus every option the command accepts."""
    result = cli("--help")
    assert result.exit_code == 0
    text = result.stdout
    assert "Examples:" in text
    for example in ("seminar-parse talk.txt", "seminar-parse notices/ -o records/", "--format jsonl",
                    "--tz America/New_York", "--reference-date 2024-03-01"):
        assert example in text, example
    names = _option_names()
    expected = {"--output", "-o", "--format", "-f", "--tz", "--reference-date", "--date-order", "--jobs", "-j",
                "--force", "--skip-existing", "--fail-fast", "--max-bytes", "--ext", "--quiet", "-q", "--verbose",
                "-v", "--debug", "--version"}
    assert expected <= set(names)
    names += ["--help", "-h"]
    for name in names:
        assert re.search(rf"(^|[\s,]){re.escape(name)}([\s,]|$)", text, flags=re.MULTILINE), name


def test_help_real_process_uses_program_name(tmp_path: Path) -> None:
    """``python -m seminar_parse`` still calls itself seminar-parse in usage lines."""
    proc = run(ENTRY_POINTS["python-m"], ["-h"], tmp_path)
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert text.startswith("Usage: seminar-parse ")
    assert "Examples:" in text
    for name in _option_names():
        assert name in text, name


def test_python_m_cli_module_runs(tmp_path: Path) -> None:
    """``python -m seminar_parse.cli`` runs the command too (it used to exit 0 having printed nothing)."""
    source = str(Path(seminar_parse.__file__).resolve().parent.parent)  # this checkout, not an installed copy
    proc = run([sys.executable, "-m", "seminar_parse.cli"], ["-h"], tmp_path, env={"PYTHONPATH": source})
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("Usage: seminar-parse ")


# ---------------------------------------------------------------- usage errors


USAGE_ERRORS = {
    "bad-tz": (["--tz", "Not/AZone"], "Not/AZone"),
    "bad-reference-date": (["--reference-date", "2024-13-45"], "2024-13-45"),
    "unknown-format": (["--format", "xml"], "xml"),
    "force-and-skip": (["-o", "out", "--force", "--skip-existing"], "--skip-existing"),
    "jobs-zero": (["--jobs", "0"], "--jobs"),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_usage_errors_exit_2(case: str, cli: Callable[..., Result], tmp_path: Path) -> None:
    """A wrong option is the caller's mistake: exit 2, a message naming the bad value, no output."""
    args, shown = USAGE_ERRORS[case]
    write(tmp_path, "talk.txt", TALK)
    result = cli("talk.txt", *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert shown in result.stderr
    assert_no_traceback(result.stderr)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["bad-tz", "bad-reference-date"])
def test_usage_errors_exit_2_real_process(case: str, tmp_path: Path) -> None:
    """Same through the real program (the exit status is what shell scripts see)."""
    args, shown = USAGE_ERRORS[case]
    write(tmp_path, "talk.txt", TALK)
    proc = run(ENTRY_POINTS["python-m"], ["talk.txt", *args], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert shown in proc.stderr.decode()
    assert_no_traceback(proc.stderr.decode())


# ---------------------------------------------------------------- bad inputs


def _make_bad(tmp_path: Path, kind: str) -> tuple[str, str]:
    """Create one kind of bad input; return its path (as given) and a word its reason must contain."""
    if kind == "missing":
        return "missing.txt", "no such file"
    if kind == "empty":
        (tmp_path / "empty.txt").write_bytes(b"")
        return "empty.txt", "empty"
    if kind == "whitespace":
        (tmp_path / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
        return "blank.txt", "whitespace"
    if kind == "png":
        (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
        return "image.txt", "PNG"
    if kind == "nul":
        (tmp_path / "nul.txt").write_bytes(b"Speaker\x00: \x00\x00\x01\x02 Jane\x00\x00\xff\xfe\x00\x03" * 20)
        return "nul.txt", "binary"
    if kind == "no-announcements":
        (tmp_path / "nothing").mkdir()
        (tmp_path / "nothing" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
        (tmp_path / "nothing" / ".hidden.txt").write_text(TALK)
        return "nothing", "no announcements"
    raise AssertionError(kind)


BAD_KINDS = ["missing", "empty", "whitespace", "png", "nul", "no-announcements"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_alongside_good_one(kind: str, cli: Callable[..., Result], tmp_path: Path) -> None:
    """One bad input: exit 1, one ``PATH: reason`` line, and the good input is still output."""
    bad, reason = _make_bad(tmp_path, kind)
    write(tmp_path, "good.txt", TALK)
    result = cli("good.txt", bad, "-f", "jsonl", "-q")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{bad}: ")
    assert reason.lower() in lines[0].lower()
    assert_no_traceback(result.stderr, result.stdout)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"]["path"] for r in records] == ["good.txt"]
    assert_valid(records[0])


@pytest.mark.parametrize("kind", [k for k in BAD_KINDS if k != "no-announcements"])
def test_bad_input_alone(kind: str, cli: Callable[..., Result], tmp_path: Path) -> None:
    """A single bad file: exit 1, exactly one line on stderr even without -q, nothing on stdout."""
    bad, reason = _make_bad(tmp_path, kind)
    result = cli(bad)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]]
    assert result.stderr.startswith(f"{bad}: ")
    assert reason.lower() in result.stderr.lower()
    assert_no_traceback(result.stderr)


def test_bad_inputs_real_process(tmp_path: Path) -> None:
    """All kinds at once through the real program: one line each, good records still on stdout."""
    bads = [_make_bad(tmp_path, kind) for kind in BAD_KINDS]
    write(tmp_path, "good.txt", TALK)
    write(tmp_path, "other.txt", OTHER)
    args = ["good.txt", *[b for b, _ in bads], "other.txt", "-q", "-f", "jsonl", "-j", "1"]
    proc = run(ENTRY_POINTS["python-m"], args, tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.decode("utf-8")
    assert_no_traceback(err, proc.stdout.decode("utf-8"))
    lines = err.splitlines()
    assert len(lines) == len(bads), err
    for bad, reason in bads:
        [line] = [x for x in lines if x.startswith(f"{bad}: ")]
        assert reason.lower() in line.lower()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == ["good.txt", "other.txt"]
    for record in records:
        assert_valid(record)


def test_folder_without_announcements_alone(cli: Callable[..., Result], tmp_path: Path) -> None:
    """An empty folder is an error (exit 1), not a silent success with no output."""
    bad, reason = _make_bad(tmp_path, "no-announcements")
    result = cli(bad, "-q")
    assert result.exit_code == 1
    assert result.stdout in ("", "[]\n")
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"{bad}: ") and reason in result.stderr


def test_summary_counts_missing_inputs_as_failed(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The summary line must agree with the exit status and the error lines above it."""
    write(tmp_path, "good.txt", TALK)
    result = cli("good.txt", "missing.txt", "-f", "jsonl")
    assert result.exit_code == 1
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("parsed 1, failed 1"), summary


# ---------------------------------------------------------------- options that change values


def test_tz_applies_to_text_without_zone(cli: Callable[..., Result], tmp_path: Path) -> None:
    """--tz gives a zone and UTC offsets to times that state none (EDT in late March 2024)."""
    write(tmp_path, "talk.txt", TALK)
    plain = json.loads(cli("talk.txt", "-f", "json").stdout)
    assert plain["timezone"] is None
    assert plain["start"] == "2024-03-19T15:00"
    result = cli("talk.txt", "-f", "json", "--tz", "America/New_York")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert_valid(record)
    assert record["timezone"] == "America/New_York"
    assert record["start"] == "2024-03-19T15:00-04:00"
    assert re.fullmatch(r"2024-03-19T16:00[+-]\d\d:\d\d", record["end"])


def test_tz_in_yaml(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The YAML output shows the zone as a plain string key."""
    write(tmp_path, "talk.txt", TALK)
    result = cli("talk.txt", "--tz", "America/New_York")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"^timezone: America/New_York$", result.stdout, flags=re.MULTILINE)
    record = yaml.safe_load(result.stdout)
    assert_valid(record)
    assert isinstance(record["start"], str) and record["start"].endswith("-04:00")


def test_reference_date_gives_year(cli: Callable[..., Result], tmp_path: Path) -> None:
    """--reference-date decides the year of a date printed without one."""
    write(tmp_path, "yearless.txt", YEARLESS)
    result = cli("yearless.txt", "-f", "json", "--reference-date", "2025-10-01")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert_valid(record)
    assert record["start"] is not None and record["start"].startswith("2025-10-09T15:00")


# ---------------------------------------------------------------- YAML rendering


def test_chinese_is_not_escaped(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Chinese stays readable in YAML and JSON (no \\u escapes), and both load to the same data."""
    sample = SAMPLES / "zh-notice-fullwidth.txt"
    (tmp_path / "zh.txt").write_bytes(sample.read_bytes())
    as_yaml = cli("zh.txt")
    as_json = cli("zh.txt", "-f", "json")
    assert as_yaml.exit_code == 0 and as_json.exit_code == 0, as_yaml.stderr + as_json.stderr
    record = yaml.safe_load(as_yaml.stdout)
    assert_valid(record)
    assert record["language"] == "zh"
    assert record["title"] and re.search(r"[\u4e00-\u9fff]", record["title"])
    assert f"title: {record['title']}" in as_yaml.stdout
    assert "\\u" not in as_yaml.stdout and "\\u" not in as_json.stdout
    assert record["title"] in as_json.stdout
    assert json.loads(as_json.stdout) == record


def test_gbk_input_gives_utf8_yaml(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A GBK-encoded notice comes out as readable Chinese, its encoding recorded in source."""
    (tmp_path / "zh.txt").write_bytes((SAMPLES / "zh-gbk-encoded.txt").read_bytes())
    result = cli("zh.txt")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    record = yaml.safe_load(text)
    assert_valid(record)
    assert record["source"]["encoding"] != "utf-8"
    assert record["title"] and record["title"] in text


def test_chinese_with_non_utf8_stdout(tmp_path: Path) -> None:
    """Records are UTF-8 data; a legacy terminal encoding must not crash the program."""
    (tmp_path / "zh.txt").write_bytes((SAMPLES / "zh-notice-fullwidth.txt").read_bytes())
    proc = run(ENTRY_POINTS["python-m"], ["zh.txt", "-f", "jsonl"], tmp_path, env={"PYTHONIOENCODING": "latin-1"})
    assert_no_traceback(proc.stderr.decode("utf-8", "replace"))
    assert proc.returncode == 0
    assert_valid(json.loads(proc.stdout.decode("utf-8")))


def test_multiline_abstract_is_block_scalar(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A multi-line abstract reads as a ``|`` block in YAML, not a quoted string with \\n."""
    write(tmp_path, "talk.txt", WITH_ABSTRACT)
    result = cli("talk.txt")
    assert result.exit_code == 0, result.stderr
    record = yaml.safe_load(result.stdout)
    assert_valid(record)
    assert record["abstract"] and "\n" in record["abstract"]
    assert re.search(r"^abstract: \|", result.stdout, flags=re.MULTILINE), result.stdout
    assert "Sparse models keep only the weights that matter" in record["abstract"]


def test_yaml_and_json_load_to_same_data(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Every bundled sample plus the inline texts: the YAML and JSON renderings are the same data."""
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in SAMPLES.iterdir():
        if sample.suffix in {".txt", ".md", ".eml"}:
            (folder / sample.name).write_bytes(sample.read_bytes())
    for name, text in {"talk.txt": TALK, "abstract.txt": WITH_ABSTRACT, "yearless.txt": YEARLESS}.items():
        write(folder, name, text)
    as_yaml = cli("in", "-q", "-j", "1")
    as_json = cli("in", "-q", "-j", "1", "-f", "json")
    assert as_yaml.exit_code == 0, as_yaml.stderr
    assert as_json.exit_code == 0, as_json.stderr
    from_yaml = list(yaml.safe_load_all(as_yaml.stdout))
    from_json = json.loads(as_json.stdout)
    assert len(from_yaml) == len(list(folder.iterdir()))
    for a, b in zip(from_yaml, from_json, strict=True):
        assert_valid(a)
        assert a == b, a["source"]["path"]


# ---------------------------------------------------------------- stdout carries only data


def test_warnings_go_to_stderr_with_verbose(cli: Callable[..., Result], tmp_path: Path) -> None:
    """-v lists warnings on stderr, naming the file; stdout still parses as exactly the records."""
    write(tmp_path, "yearless.txt", YEARLESS)
    result = cli("yearless.txt", "-v", "--reference-date", "2025-10-01")
    assert result.exit_code == 0, result.stderr
    record = yaml.safe_load(result.stdout)
    assert_valid(record)
    assert record["warnings"], "this input is expected to produce a warning"
    warning_lines = [line for line in result.stderr.splitlines() if line.startswith("yearless.txt: warning: ")]
    assert len(warning_lines) == len(record["warnings"])
    for warning in record["warnings"]:
        assert f"yearless.txt: warning: {warning}" in warning_lines
    assert "warning:" not in result.stdout
    quiet = cli("yearless.txt", "--reference-date", "2025-10-01")
    assert quiet.stderr == ""
    assert quiet.stdout == result.stdout


def test_warnings_to_stderr_real_process(tmp_path: Path) -> None:
    """With real separate pipes: every stdout byte is JSON Lines data, all chatter on stderr."""
    write(tmp_path, "yearless.txt", YEARLESS)
    write(tmp_path, "talk.txt", TALK)
    args = ["yearless.txt", "talk.txt", "-v", "-f", "jsonl", "--reference-date", "2025-10-01"]
    proc = run(ENTRY_POINTS["python-m"], args, tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        assert_valid(record)
    err = proc.stderr.decode("utf-8")
    assert "yearless.txt: warning: " in err
    assert err.splitlines()[-1].startswith("parsed 2, failed 0, with warnings 1")
    assert_no_traceback(err)
