"""Golden samples: each file in samples/ parses to exactly its NAME.expected.yaml.

Rewrite the expectations with ``make golden`` (``--update-golden``) and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from seminar_parse.emit import render_many
from seminar_parse.pipeline import Options, parse_path, parse_path_all
from tests.conftest import ROOT, SAMPLES, assert_valid

INPUTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".eml", ".html", ".htm", ".mbox"})


def _expected_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.yaml")


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_sample_matches_golden(path: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    records = [r.to_dict() for r in parse_path_all(os.path.relpath(path, ROOT), Options())]
    for record in records:
        assert_valid(record)
    expected_file = _expected_path(path)
    if update_golden:
        expected_file.write_text(render_many(records, "yaml"), encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}; run `make golden` and review it"
    assert records == list(yaml.safe_load_all(expected_file.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_parsing_is_stable(path: Path) -> None:
    """Parsing twice gives the same record (nothing reads the clock or depends on order)."""
    assert parse_path(path).to_dict() == parse_path(path).to_dict()


def test_mbox_gives_one_record_per_message() -> None:
    records = parse_path_all(SAMPLES / "mailing-list-archive.mbox")
    assert [r.title for r in records] == [
        "Spectral Methods for Network Cross-Validation",
        "随机矩阵与高维统计",
        "Fine-Grained Complexity of Edit Distance",
    ]
    assert records[1].source.encoding == "gb18030"  # a gb2312 part, decoded with its superset
    assert [s.name for s in records[2].speakers] == ["Karolina Wiśniewska"]  # not the quoted reply's speaker


def test_every_sample_has_hand_checked_gold() -> None:
    """Expected YAML is produced by the tool; the .gold.yaml beside it was written by a person."""
    for path in INPUTS:
        assert path.with_name(path.stem + ".gold.yaml").exists(), path.name
