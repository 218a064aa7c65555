"""The annotated real announcements in ../shared/corpus/dev stay at 100 % (skipped when absent).

Runs the shared scorer exactly as a reviewer would, through the installed console script.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, SHARED

SCORER = SHARED / "tools" / "score_gold.py"


def _command() -> str:
    script = Path(sys.executable).with_name("seminar-parse")
    program = str(script) if script.exists() else f"{sys.executable} -m seminar_parse"
    return f"{program} --format json {{file}}"


def _score(folder: Path) -> tuple[float, str]:
    result = subprocess.run([sys.executable, str(SCORER), "--dir", str(folder), "--cmd", _command(), "-v"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    match = re.search(r"GOLD score=([\d.]+)%", result.stdout)
    assert match, result.stdout + result.stderr
    return float(match.group(1)), result.stdout


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir() or not SCORER.exists(), reason="no ../shared corpus")
def test_dev_corpus_is_perfect() -> None:
    score, report = _score(SHARED / "corpus" / "dev")
    assert score == 100.0, report


@pytest.mark.skipif(not SCORER.exists(), reason="no ../shared scorer")
def test_samples_hand_checked_gold_is_perfect() -> None:
    """The hand-written samples/*.gold.yaml, scored by the same tool as the real corpus."""
    score, report = _score(SAMPLES)
    assert score == 100.0, report
