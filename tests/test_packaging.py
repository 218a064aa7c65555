"""What a packager relies on: a complete sdist, one version, declared imports, the schema in the package.

The full check (build the sdist and wheel, install each in a fresh venv, run this suite there) takes
minutes and lives in ``bench/check_dist.sh`` (``make dist-check``); here the sdist's file list is worked
out from MANIFEST.in by setuptools' own template reader, without building.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seminar_parse
from seminar_parse.cli import app
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = ROOT / "src" / "seminar_parse"
# What the unpacked sdist's tests, README check and CI script read, beside the package itself.
NEEDED_TOP = ("LICENSE", "CHANGELOG.md", "README.md", "Makefile", "pyproject.toml", ".ci/run")
NEEDED_TREES = ("schemas", "samples", "tests", "bench")


def _sdist_files() -> set[str]:
    """The files MANIFEST.in puts in the sdist (setuptools adds the packages and pyproject itself)."""
    egg_info = pytest.importorskip("setuptools.command.egg_info", reason="setuptools reads MANIFEST.in")
    files = egg_info.FileList()
    files.findall(str(ROOT))
    for line in (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            files.process_template_line(line)
    return {Path(name).relative_to(ROOT).as_posix() if Path(name).is_absolute() else name for name in files.files}


def _wanted(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not any(part in ("__pycache__", ".pytest_cache", ".hypothesis", "out") for part in parts) \
        and path.suffix not in (".pyc", ".pyo")


def test_sdist_holds_everything_its_tests_need() -> None:
    shipped = _sdist_files()
    needed = {name for name in NEEDED_TOP}
    for tree in NEEDED_TREES:
        needed |= {p.relative_to(ROOT).as_posix() for p in (ROOT / tree).rglob("*") if p.is_file() and _wanted(p)}
    missing = sorted(needed - shipped)
    assert not missing, f"not in the sdist (see MANIFEST.in): {missing[:20]}"
    assert "tests/conftest.py" in shipped and "schemas/seminar-record.schema.json" in shipped


def test_wheel_ships_the_schema_and_py_typed() -> None:
    data = PYPROJECT["tool"]["setuptools"]["package-data"]["seminar_parse"]
    for name in ("py.typed", seminar_parse.SCHEMA_FILE):
        assert name in data
        assert (PACKAGE / name).is_file()


def test_the_package_schema_is_the_schemas_file() -> None:
    top = (ROOT / "schemas" / "seminar-record.schema.json").read_bytes()
    assert (PACKAGE / seminar_parse.SCHEMA_FILE).read_bytes() == top
    assert seminar_parse.schema_text().encode("utf-8") == top
    assert seminar_parse.schema() == json.loads(top)
    copy = seminar_parse.schema()
    copy["title"] = "changed"
    assert seminar_parse.schema()["title"] != "changed"  # each call a fresh copy


def test_schema_option_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["--schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == seminar_parse.schema()


def test_one_source_for_the_version() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "seminar_parse.__version__"}
    assert importlib.metadata.version("seminar-parse") == seminar_parse.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:\S*)", seminar_parse.__version__)


def test_license_changelog_and_urls() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "keepachangelog.com" in changelog and "## [Unreleased]" in changelog
    assert f"## [{seminar_parse.__version__}]" in changelog or "## [Unreleased]" in changelog
    urls = PYPROJECT["project"]["urls"]
    assert {"Homepage", "Changelog", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


def _imported_top_modules() -> set[str]:
    names: set[str] = set()
    for file in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"seminar_parse", "__future__"}


def test_every_imported_package_is_declared() -> None:
    # the core dependencies, and the extras for the optional modules (distributed.py, parquet.py: [dask])
    specs = [*PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"]["dask"]]
    declared = {re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0].lower().replace("_", "-") for spec in specs}
    providers = importlib.metadata.packages_distributions()
    undeclared = {}
    for module in sorted(_imported_top_modules()):
        dists = {d.lower().replace("_", "-") for d in providers.get(module, [module])}
        if not dists & declared:
            undeclared[module] = sorted(dists)
    assert not undeclared, f"imported but not declared (dependencies or the dask extra): {undeclared}"
    assert "lxml" in _imported_top_modules()
