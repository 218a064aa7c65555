"""Golden samples: each file in samples/ parses to exactly its NAME.expected.yaml.

Rewrite the expectations with ``make golden`` (``--update-golden``) and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from seminar_parse.emit import render
from seminar_parse.pipeline import Options, parse_path
from tests.conftest import ROOT, SAMPLES, assert_valid

INPUTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".eml", ".html", ".htm"})


def _expected_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.yaml")


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_sample_matches_golden(path: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    record = parse_path(os.path.relpath(path, ROOT), Options()).to_dict()
    assert_valid(record)
    expected_file = _expected_path(path)
    if update_golden:
        expected_file.write_text(render(record, "yaml"), encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}; run `make golden` and review it"
    assert record == yaml.safe_load(expected_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_parsing_is_stable(path: Path) -> None:
    """Parsing twice gives the same record (nothing reads the clock or depends on order)."""
    assert parse_path(path).to_dict() == parse_path(path).to_dict()


def test_every_sample_has_hand_checked_gold() -> None:
    """Expected YAML is produced by the tool; the .gold.yaml beside it was written by a person."""
    for path in INPUTS:
        assert path.with_name(path.stem + ".gold.yaml").exists(), path.name
