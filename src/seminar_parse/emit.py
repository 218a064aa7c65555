"""Writers: YAML for people, JSON and JSON Lines for programs.

YAML keeps Chinese and accents unescaped, the schema's key order, multi-line abstract and bio as
block scalars and long titles on one line; only ``safe_dump`` is used. JSON is ``ensure_ascii=False``.
Both round-trip to the same data.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import yaml

_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it: several times faster


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """SafeDumper that writes multi-line strings as ``|`` blocks."""


def _represent_str(dumper: yaml.representer.SafeRepresenter, value: str) -> yaml.ScalarNode:
    if "\n" in value and _block_safe(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _block_safe(value: str) -> bool:
    """Block scalars cannot carry trailing spaces on a line or some control characters faithfully."""
    return not any(line != line.rstrip(" \t") for line in value.split("\n")) and value == value.strip("\n") \
        and not any(ord(ch) < 32 and ch not in "\n\t" for ch in value) and "\t" not in value


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**31 - 1,
                     default_flow_style=False, explicit_start=False)


def to_json(data: Any, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def to_jsonl(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class StreamWriter:
    """Writes records to a text stream in one format as they arrive (YAML stream, JSON array, JSONL)."""

    def __init__(self, stream: TextIO, fmt: str, *, many: bool) -> None:
        self.stream = stream
        self.fmt = fmt
        self.many = many
        self.count = 0

    def write(self, data: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.stream.write(to_jsonl(data) + "\n")
        elif self.fmt == "json":
            if self.many:
                prefix = "[\n" if self.count == 0 else ",\n"
                self.stream.write(prefix + _indent(to_json(data)))
            else:
                self.stream.write(to_json(data) + "\n")
        else:
            if self.many:
                self.stream.write("---\n")
            self.stream.write(to_yaml(data))
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.fmt == "json" and self.many:
            self.stream.write("\n]\n" if self.count else "[]\n")
            self.stream.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def render(data: dict[str, Any], fmt: str) -> str:
    """One record as a whole file's content in ``fmt``."""
    if fmt == "json":
        return to_json(data) + "\n"
    if fmt == "jsonl":
        return to_jsonl(data) + "\n"
    return to_yaml(data)


def render_many(records: list[dict[str, Any]], fmt: str) -> str:
    """A whole output file: one record as usual; several (an mbox) as a YAML stream, JSON array or JSON Lines."""
    if len(records) == 1:
        return render(records[0], fmt)
    if fmt == "json":
        return to_json(records) + "\n"
    if fmt == "jsonl":
        return "".join(to_jsonl(record) + "\n" for record in records)
    return "".join("---\n" + to_yaml(record) for record in records)


EXTENSIONS = {"yaml": ".yaml", "json": ".json", "jsonl": ".jsonl"}
