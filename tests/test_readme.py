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
