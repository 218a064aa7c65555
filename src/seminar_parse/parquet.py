"""Parquet output: the record's JSON Schema turned into an Arrow schema, and an atomic part writer.

The Arrow schema is derived from ``schemas/seminar-record.schema.json`` (shipped in the package), never
written by hand, so a field added to the record reaches Parquet with no second edit: objects become
structs (``source``, ``location``, ``location.online``), arrays become lists (``speakers`` is a list of
structs, ``links`` and ``warnings`` lists of strings), every scalar is a string. Needs pyarrow (the
``dask`` extra).
"""

from __future__ import annotations

import io
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["arrow_schema", "record_table", "to_parquet_bytes", "write_parquet"]

_SCALARS = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool_"}


@cache
def record_json_schema() -> dict[str, Any]:
    """The record's JSON Schema, as shipped beside this module."""
    return json.loads(files("seminar_parse").joinpath("seminar-record.schema.json").read_text(encoding="utf-8"))


def arrow_schema(json_schema: dict[str, Any] | None = None) -> pa.Schema:
    """The Arrow schema of a record: one top-level column per property, in the JSON Schema's order."""
    import pyarrow as pa

    root = json_schema if json_schema is not None else record_json_schema()
    struct = _arrow_type(root, root)
    return pa.schema(list(struct))


def _arrow_type(node: dict[str, Any], root: dict[str, Any]) -> pa.DataType:
    """Map one JSON Schema node; a null alternative only makes the column nullable (Arrow columns are)."""
    import pyarrow as pa

    if "$ref" in node:
        return _arrow_type(_resolve(node["$ref"], root), root)
    if "anyOf" in node:
        alternatives = [option for option in node["anyOf"] if option.get("type") != "null"]
        if len(alternatives) != 1:
            raise ValueError(f"no single Arrow type for anyOf {node['anyOf']!r}")
        return _arrow_type(alternatives[0], root)
    if "const" in node or "enum" in node:
        values = [node["const"]] if "const" in node else [v for v in node["enum"] if v is not None]
        kinds = {type(value) for value in values}
        if kinds != {str}:
            raise ValueError(f"only text enums map to Arrow here, not {sorted(k.__name__ for k in kinds)}")
        return pa.string()
    kind = node.get("type")
    if kind == "object":
        return pa.struct([pa.field(name, _arrow_type(sub, root)) for name, sub in node["properties"].items()])
    if kind == "array":
        return pa.list_(_arrow_type(node["items"], root))
    if kind in _SCALARS:
        return getattr(pa, _SCALARS[kind])()
    raise ValueError(f"no Arrow type for JSON Schema node {node!r}")


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def record_table(records: list[dict[str, Any]]) -> pa.Table:
    """Records (as :meth:`Record.to_dict` gives them) as an Arrow table of the record schema."""
    import pyarrow as pa

    return pa.Table.from_pylist(records, schema=arrow_schema())


def to_parquet_bytes(records: list[dict[str, Any]]) -> bytes:
    """One Parquet file's bytes (zstd-compressed), for writers that put whole objects (object stores)."""
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(record_table(records), buffer, compression="zstd")
    return buffer.getvalue()


def write_parquet(target: Path, records: list[dict[str, Any]], *, overwrite: bool = True) -> None:
    """Write one Parquet file atomically (complete or absent), by the same rules as every other output."""
    from seminar_parse.batch import write_atomic

    write_atomic(target, to_parquet_bytes(records), overwrite=overwrite)


class ParquetWriter:
    """Collects a local run's records and writes them as one Parquet file at :meth:`close` (atomically:
    an interrupted run leaves no half file). Same ``write``/``close`` surface as :class:`emit.StreamWriter`."""

    def __init__(self, target: Path, *, overwrite: bool) -> None:
        self.target, self.overwrite = target, overwrite
        self.records: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.records.append(record)

    def close(self) -> None:
        write_parquet(self.target, self.records, overwrite=self.overwrite)
