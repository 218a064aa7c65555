"""Per-field accuracy of one-record-per-talk output against the `events:` lists of annotated inputs.

The shared `events_score.py` gives one figure; this reports each field of each talk (title, speakers,
start, end, venue), with the same matching (start date first, then speaker and title) and the same
field rules as `score_gold.py`, and counts records that match no listed talk. It runs the library in
this process (`--all-events`), so it needs no installed command.

    python bench/events_fields.py ../shared/corpus/wide samples
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from seminar_parse.pipeline import Options, parse_path_all

FIELDS = ("title", "speakers", "start", "end", "venue")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--tools", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "tools")
    args = parser.parse_args()
    sys.path.insert(0, str(args.tools))
    import events_score as events
    import score_gold as gold

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    extra = files = 0
    for root in args.dirs:
        cases, _ = gold.find_cases(str(root))
        for source, gold_path in cases:
            expected = yaml.load(Path(gold_path).read_text(encoding="utf-8"), Loader=gold.GoldLoader) or {}
            talks = expected.get("events")
            if not talks:
                continue
            files += 1
            records = [r.to_dict() for r in parse_path_all(source, Options(all_events=True))]
            free = list(range(len(records)))
            for talk in talks:
                best = max(free, key=lambda i: events.match_score(talk, records[i]), default=None)
                record = records[best] if best is not None and events.match_score(talk, records[best]) > 0 else {}
                if record:
                    free.remove(best)
                for key in FIELDS:
                    if key not in talk:
                        continue
                    want = events.gold_speakers(talk) if key == "speakers" else talk[key]
                    total[key] += 1
                    right[key] += bool(record) and bool(gold.score_field(key, want, record, talk))
            extra += len(free)
    print(f"{'field':10} {'right':>6} {'of':>4} {'acc':>7}")
    for key in FIELDS:
        if total[key]:
            print(f"{key:10} {right[key]:6} {total[key]:4} {100 * right[key] / total[key]:6.1f}%")
    print(f"files {files}, talks {sum(total[k] for k in ('start',))}, records matching no talk {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
