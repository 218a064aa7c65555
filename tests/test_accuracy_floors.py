"""Per-field accuracy on the annotated corpora never falls below the floors in tests/data/accuracy_floors.yaml.

The wide corpus (``../shared/corpus/wide``) holds announcements the parser was not written from; the floors
record what it reads today, so a change that helps one layout and breaks another fails here, per field.
Skipped when ``../shared`` is absent (an unpacked sdist).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, ROOT, SHARED

SCORER = SHARED / "tools" / "score_gold.py"
FLOORS = yaml.safe_load((DATA / "accuracy_floors.yaml").read_text(encoding="utf-8"))


def _command() -> str:
    script = Path(sys.executable).with_name("seminar-parse")
    program = str(script) if script.exists() else f"{sys.executable} -m seminar_parse"
    return f"{program} --format json {{file}}"


def _per_field(folder: Path, tmp_path: Path) -> dict[str, int]:
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, str(SCORER), "--dir", str(folder), "--cmd", _command(), "-j", "2",
         "--report-json", str(report)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert report.exists(), result.stdout + result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    correct = {field: counts[0] for field, counts in data["per_field"].items()}
    correct["ALL"] = sum(correct.values())
    return correct


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_no_field_below_its_floor(corpus: str, tmp_path: Path) -> None:
    folder = SHARED / "corpus" / corpus
    if not folder.is_dir() or not SCORER.exists():
        pytest.skip(f"no ../shared/corpus/{corpus}")
    correct = _per_field(folder, tmp_path)
    below = {field: (correct.get(field, 0), floor) for field, floor in FLOORS[corpus].items()
             if correct.get(field, 0) < floor}
    assert not below, f"{corpus}: fields below their floor (correct, floor): {below}"
