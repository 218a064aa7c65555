"""The compiled-pattern cache: what it gives back is what ``re.compile`` makes, and losing it costs nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import seminar_parse.pipeline  # noqa: F401 - imports every module, so every source pattern is compiled
from seminar_parse import patcache

_SAMPLE = "Speaker: Dr. Jane Roe (MIT)\nTuesday, March 5, 2024, 3:30–4:45pm, Room 101, Wean Hall\n报告人：张三 教授"


def test_every_source_pattern_read_back_equals_a_fresh_compile(tmp_path: Path) -> None:
    cache = patcache._Cache(tmp_path / "patterns.marshal")
    keys = list(patcache._CACHE.used)
    assert len(keys) > 200  # the package's patterns went through the cache
    for pattern, flags in keys:
        cache.compile(pattern, flags)
    cache.save()
    again = patcache._Cache(tmp_path / "patterns.marshal")
    for pattern, flags in keys:
        fresh = re.compile(pattern, flags)
        read_back = again.compile(pattern, flags)
        assert read_back == fresh, pattern[:80]  # same text, flags and engine code
        assert read_back.groupindex == fresh.groupindex
        assert [m.span() for m in read_back.finditer(_SAMPLE)] == [m.span() for m in fresh.finditer(_SAMPLE)]
    assert not again.dirty  # nothing new to write


def test_a_new_pattern_is_written_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "patterns.marshal"
    cache = patcache._Cache(path)
    assert cache.compile(r"(?P<h>\d{1,2}):(?P<m>\d\d)", re.I).match("4:30").group("m") == "30"
    assert cache.remember("gate", "x", 0, lambda: "(?=[x])") == "(?=[x])"
    cache.save()
    assert path.exists() and not list(path.parent.glob(".patterns-*"))  # no temporary file left
    again = patcache._Cache(path)
    assert again.remember("gate", "x", 0, lambda: pytest.fail("worked out again")) == "(?=[x])"
    assert again.compile(r"(?P<h>\d{1,2}):(?P<m>\d\d)", re.I).match("4:30").group("h") == "4"
    assert not again.dirty


@pytest.mark.parametrize("damage", [b"", b"not a cache at all", b"\0" * 32 + b"\xff\xfe", "truncate", "flip"])
def test_a_damaged_file_is_ignored(tmp_path: Path, damage: bytes | str) -> None:
    path = tmp_path / "patterns.marshal"
    good = patcache._Cache(path)
    good.compile(r"\bRoom\s\d+", 0)
    good.save()
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:40] + bytes([data[40] ^ 0xFF]) + data[41:])
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    cache = patcache._Cache(path)
    assert cache.patterns == {}
    assert cache.compile(r"\bRoom\s\d+", 0).search("in Room 12").group(0) == "Room 12"


def test_an_entry_the_engine_refuses_is_compiled_afresh(tmp_path: Path) -> None:
    cache = patcache._Cache(tmp_path / "patterns.marshal")
    cache.patterns[("abc", 0)] = (0, [999, 1, 2], 0, {}, (None,))  # not code this engine accepts
    assert cache.compile("abc", 0).search("xabc") is not None


def test_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    cache = patcache._Cache(blocker / "patterns.marshal")
    cache.compile(r"\d+", 0)
    cache.save()  # silently not written
    assert not (blocker / "patterns.marshal").exists()


def test_the_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEMINAR_PARSE_CACHE_DIR", "")
    assert patcache._cache_file() is None
    off = patcache._Cache(patcache._cache_file())
    assert off.compile(r"\d+", 0).search("a 12").group(0) == "12"
    off.save()
    monkeypatch.setenv("SEMINAR_PARSE_CACHE_DIR", str(tmp_path))
    path = patcache._cache_file()
    assert path is not None and path.parent == tmp_path and path.name.startswith("patterns-")


def test_what_the_code_derived_is_what_it_derives_today() -> None:
    """Gates, needles and venue reaches kept in the cache are keyed by their module's source version: each
    kept value is what the code works out now."""
    from seminar_parse import fastre
    from seminar_parse.fields import place

    kept = [(kind, pattern, flags, value) for (kind, pattern, flags), value in patcache._CACHE.extras.items()
            if kind.endswith((fastre._VERSION, place._VERSION))]
    assert {kind.split(":")[0] for kind, *_ in kept} >= {"gate", "needles", "reach"}
    for kind, pattern, flags, value in kept:
        if kind.startswith("gate:"):
            assert fastre.gate(pattern, flags) == value
        elif kind.startswith("needles:"):
            assert fastre._needles_of(re.compile(pattern, flags)) == value
        elif kind.startswith("reach:"):
            assert place._reach_of(pattern) == value


def test_an_edited_module_keys_its_values_afresh(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("A = 1\n")
    before = patcache.source_version(str(source))
    source.write_text("A = 2\n")
    assert patcache.source_version(str(source)) != before


def test_every_module_level_pattern_goes_through_the_cache() -> None:
    """A pattern compiled with re.compile at import time is compiled afresh at every start; patterns built
    from input text (inside functions) and bytes patterns stay with re."""
    import ast

    source_root = Path(patcache.__file__).parent
    stray = []
    for path in sorted(source_root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_functions = {id(node) for top in ast.walk(tree)
                            if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                            for node in ast.walk(top)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and id(node) not in inside_functions and path.name != "patcache.py"
                    and not (node.args and isinstance(node.args[0], ast.Constant)
                             and isinstance(node.args[0].value, bytes))):
                stray.append(f"{path.relative_to(source_root)}:{node.lineno}")
    assert not stray, stray
