"""Shared fixtures: the schema validator, the repository paths, the golden-update flag."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

# The compiled-pattern cache of the runs under test (this process and the CLI subprocesses) is kept out of
# the user's own cache; set before seminar_parse is first imported.
_TEST_CACHE = Path(tempfile.gettempdir()) / f"seminar-parse-tests-{os.getuid()}"
os.environ.setdefault("SEMINAR_PARSE_CACHE_DIR", str(_TEST_CACHE))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SCHEMA = json.loads((ROOT / "schemas" / "seminar-record.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite samples/*.expected.yaml")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def assert_valid(record: dict) -> None:
    """Fail with every schema violation listed, not just the first."""
    errors = sorted(VALIDATOR.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
