"""Raise tests/data/accuracy_floors.yaml to what the parser reads today (never lowers a floor).

Usage: python bench/raise_floors.py  (runs ../shared/tools/score_gold.py on each corpus named in the file)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "tests" / "data" / "accuracy_floors.yaml"
SCORER = ROOT.parent / "shared" / "tools" / "score_gold.py"


def main() -> int:
    text = FLOORS.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    floors = yaml.safe_load(text)
    program = Path(sys.executable).with_name("seminar-parse")
    for corpus, fields in floors.items():
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            subprocess.run([sys.executable, str(SCORER), "--dir", str(ROOT.parent / "shared" / "corpus" / corpus),
                            "-j", "2", "--cmd", f"{program} --format json {{file}}", "--report-json", str(report)],
                           check=True, stdout=subprocess.DEVNULL)
            per_field = json.loads(report.read_text(encoding="utf-8"))["per_field"]
        correct = {field: counts[0] for field, counts in per_field.items()}
        correct["ALL"] = sum(correct.values())
        for field in fields:
            raised = max(fields[field], correct.get(field, 0))
            if raised != fields[field]:
                print(f"{corpus} {field}: {fields[field]} -> {raised}", file=sys.stderr)
            fields[field] = raised
    FLOORS.write_text(header + yaml.safe_dump(floors, sort_keys=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
