# Two entry points: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint bench bench-compare golden floors heldout events-score dist-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Parse every bundled sample and print the records (a YAML stream) on stdout.
demo: $(STAMP)
	@$(BIN)/seminar-parse samples/

## Lint, then the whole test suite (golden samples, extractor tables, properties, CLI, dev corpus).
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

## Rewrite samples/*.expected.yaml from the current parser (review the diff before committing).
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden

## Raise tests/data/accuracy_floors.yaml to today's per-field accuracy on the annotated corpora (never lowers).
floors: $(STAMP)
	$(BIN)/python bench/raise_floors.py

## Per-field accuracy on the held-out announcements (tests/data/heldout, see its README), today's figure.
heldout: $(STAMP)
	$(BIN)/python ../shared/tools/score_gold.py --dir tests/data/heldout -j 2 --cmd "$(BIN)/seminar-parse --format json {file}"

## Per-field accuracy of --all-events against the `events:` lists of the annotated corpora and the samples.
events-score: $(STAMP)
	$(BIN)/python bench/events_fields.py ../shared/corpus/wide samples

## Speed benchmark (not part of the tests).
bench: $(STAMP)
	$(BIN)/python bench/run.py

## Speed of an older build beside this one (same inputs, one run, Markdown table):
## make bench-compare OLD=/path/to/old/.venv/bin/seminar-parse
OLD ?=
bench-compare: $(STAMP)
	@test -n "$(OLD)" || { echo "usage: make bench-compare OLD=/path/to/old/seminar-parse" >&2; exit 2; }
	$(BIN)/python bench/compare.py --tool old=$(OLD) --tool now=$(BIN)/seminar-parse

## Build the sdist and wheel, install each in a fresh venv, run the sdist's tests and the README's commands there.
dist-check:
	bench/check_dist.sh

clean:
	rm -rf $(VENV) demo-out .pytest_cache .ruff_cache
