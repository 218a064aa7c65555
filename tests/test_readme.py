"""The README stays true: its example output is what the tool prints, and every option is documented."""

from __future__ import annotations

import re

import yaml
from typer.testing import CliRunner

from seminar_parse.cli import app
from seminar_parse.pipeline import parse_path
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_example_output_is_what_the_tool_prints(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    block = README.split("`seminar-parse samples/zh-gbk-encoded.txt` prints:", 1)[1]
    shown = re.search(r"```yaml\n(.*?)```", block, re.DOTALL)
    assert shown is not None
    assert yaml.safe_load(shown.group(1)) == parse_path("samples/zh-gbk-encoded.txt").to_dict()


def test_every_option_is_in_the_readme() -> None:
    help_text = CliRunner().invoke(app, ["--help"]).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    missing = sorted(option for option in options if option not in README)
    assert not missing, f"options missing from the README: {missing}"


def test_readme_shows_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_python_examples_print_what_the_readme_says(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The README's library example: each line followed by a ``# result`` comment gives that result
    (``# SomeError: message`` means it raises that)."""
    monkeypatch.chdir(ROOT)
    block = README.split("The other formats and the schema are there too:", 1)[1]
    shown = re.search(r"```python\n(.*?)```", block, re.DOTALL)
    assert shown is not None
    lines = shown.group(1).splitlines()
    scope: dict[str, object] = {}
    checked = 0
    for number, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        code = line.split("  # ", 1)[0]
        said = lines[number + 1][2:] if number + 1 < len(lines) and lines[number + 1].startswith("# ") else None
        if said is None:
            exec(code, scope)
            continue
        checked += 1
        error = re.match(r"(\w+Error): (.*)", said)
        if error:
            try:
                eval(code, scope)
            except Exception as raised:
                assert type(raised).__name__ == error.group(1) and str(raised) == error.group(2), line
            else:
                raise AssertionError(f"README says {line!r} raises {said}")
        else:
            assert repr(eval(code, scope)) == said, line
    assert checked >= 4
