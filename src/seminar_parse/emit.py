"""Writers: YAML for people, JSON and JSON Lines for programs.

YAML keeps Chinese and accents unescaped, the schema's key order, multi-line abstract and bio as
block scalars and long titles on one line; only ``safe_dump`` is used. JSON is ``ensure_ascii=False``.
Both round-trip to the same data.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import yaml

from seminar_parse import patcache

_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it: several times faster


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """SafeDumper that writes multi-line strings as ``|`` blocks."""


# Plain scalars that a YAML 1.2 reader (ruamel.yaml, yq, Go and JS libraries) takes for a number, a boolean or
# null, while PyYAML's YAML 1.1 rules would write them unquoted: "0189", "012345678", "0o17", "1e3", ".5".
_YAML12_NOT_A_STRING = patcache.compile(
    r"[-+]?[0-9]++|0o[0-7]++|0x[0-9a-fA-F]++"
    r"|[-+]?(?:\.[0-9]++|[0-9]++(?:\.[0-9]*+)?)(?:[eE][-+]?[0-9]++)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE")


def _represent_str(dumper: yaml.representer.SafeRepresenter, value: str) -> yaml.ScalarNode:
    if "\n" in value and _block_safe(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if _YAML12_NOT_A_STRING.fullmatch(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")  # passcode: '0189'
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
    """Writes records to a text stream as they arrive, in one format.

    YAML: a stream (``---`` between records when there may be several). JSON and JSON-LD: one object for
    one input, an array for several. JSON Lines and CSV: a line per record, flushed as each is done.
    iCalendar: one calendar, written at the end.
    """

    def __init__(self, stream: TextIO, fmt: str, *, many: bool, excel: bool = False) -> None:
        self.stream = stream
        self.fmt = fmt
        self.many = many
        self.excel = excel  # CSV for Excel: a byte-order mark and CRLF
        self.count = 0
        self.held: list[dict[str, Any]] = []  # records kept back until close()

    def write(self, data: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.stream.write(to_jsonl(data) + "\n")
        elif self.fmt == "csv":
            from seminar_parse.formats import csv_header, csv_row

            header = csv_header(excel=self.excel) if self.count == 0 else ""
            self.stream.write(header + csv_row(data, excel=self.excel))
        elif self.fmt in ("json", "jsonld"):
            if not self.many:
                self.held.append(data)  # one input may still be an mbox with several records
            else:
                prefix = "[\n" if self.count == 0 else ",\n"
                self.stream.write(prefix + _indent(to_json(_shaped(data, self.fmt))))
        elif self.fmt == "ics":
            self.held.append(data)
        else:
            if self.many:
                self.stream.write("---\n")
            self.stream.write(to_yaml(data))
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.fmt in ("json", "jsonld") and self.many:
            self.stream.write("\n]\n" if self.count else "[]\n")
        elif self.fmt in ("json", "jsonld", "ics") and self.held:
            self.stream.write(render_many(self.held, self.fmt))
        elif self.fmt == "csv" and not self.count:
            from seminar_parse.formats import csv_header

            self.stream.write(csv_header(excel=self.excel))
        self.stream.flush()


def _shaped(data: dict[str, Any], fmt: str) -> dict[str, Any]:
    if fmt == "jsonld":
        from seminar_parse.formats import to_jsonld

        return to_jsonld(data)
    return data


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def render(data: dict[str, Any], fmt: str) -> str:
    """One record as a whole file's content in ``fmt``."""
    return render_many([data], fmt)


def render_many(records: list[dict[str, Any]], fmt: str, *, excel: bool = False) -> str:
    """A whole output file. Several records (an mbox) make a YAML stream, a JSON array, JSON Lines,
    CSV rows or one calendar."""
    if fmt in ("json", "jsonld"):
        shaped = [_shaped(record, fmt) for record in records]
        return to_json(shaped[0] if len(shaped) == 1 else shaped) + "\n"
    if fmt == "jsonl":
        return "".join(to_jsonl(record) + "\n" for record in records)
    if fmt == "csv":
        from seminar_parse.formats import to_csv

        return to_csv(records, excel=excel)
    if fmt == "ics":
        from seminar_parse.formats import to_ics

        return to_ics(records)
    if len(records) == 1:
        return to_yaml(records[0])
    return "".join("---\n" + to_yaml(record) for record in records)


EXTENSIONS = {"yaml": ".yaml", "json": ".json", "jsonl": ".jsonl", "jsonld": ".jsonld", "csv": ".csv", "ics": ".ics"}


def format_of_file(path: str) -> str | None:
    """The format a file name asks for by its ending (``talks.ics`` → ``ics``, ``.yml`` too), else None."""
    lowered = path.lower()
    if lowered.endswith(".yml"):
        return "yaml"
    return next((fmt for fmt, ending in EXTENSIONS.items() if lowered.endswith(ending)), None)
