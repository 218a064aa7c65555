"""The parse on a Dask cluster gives exactly the records of a local run, whatever the cluster does.

One LocalCluster of 2 worker processes serves the whole module; the generated folder holds 2,000 tiny
announcements (a few lines each) beside the samples and two bad files, so each run takes seconds.
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from seminar_parse import distributed
from seminar_parse.batch import discover, run_all
from seminar_parse.cli import app
from seminar_parse.pipeline import Options
from tests.conftest import SAMPLES, SCHEMA

OPTIONS = Options(reference_date=date(2024, 1, 1))
BAD = {"bad/empty.txt": b"", "bad/binary.txt": bytes(range(256)) * 8}
RUNNER = CliRunner()

_NAMES = ["Jane Roe", "Wei Zhang", "Amara Okafor", "Lucas Ferreira", "Priya Raman", "Ingrid Berg"]
_PLACES = ["Room 101", "Gates Hall 210", "Zoom: https://x.zoom.us/j/123456789", "Building 7, Lecture Theatre"]
_MONTHS = ["March", "April", "May", "June", "October"]


def _tiny(rng: random.Random, i: int) -> str:
    """A few lines of announcement; three layouts, so the parse does real work on each."""
    name, place, month = rng.choice(_NAMES), rng.choice(_PLACES), rng.choice(_MONTHS)
    day, hour = rng.randint(1, 28), rng.randint(9, 16)
    if i % 3 == 0:
        return (f"Speaker: Dr. {name}, MIT\nTitle: Talk number {i}\nDate: {month} {day}, 2024, {hour}:00\n"
                f"Place: {place}\n")
    if i % 3 == 1:
        return f"Seminar: Graphs and things {i}\n{name} (ETH Zürich)\n{day} {month} 2024, {hour}:30\n{place}\n"
    return (f"<html><body><h1>Colloquium {i}</h1><p>Prof. {name}</p><p>{month} {day}, 2024 at {hour} pm</p>"
            "</body></html>")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask") / "in"
    shutil.copytree(SAMPLES, root / "samples", ignore=shutil.ignore_patterns("*.yaml"))
    rng = random.Random(15)
    for i in range(2000):
        path = root / "generated" / f"{i // 250:02d}" / f"talk-{i:04d}{'.html' if i % 3 == 2 else '.txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_tiny(rng, i), encoding="utf-8")
    for rel, data in BAD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def _key(record: dict[str, Any]) -> tuple[str, str]:
    return record["source"]["path"], json.dumps(record, ensure_ascii=False, sort_keys=True)


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=_key)


@pytest.fixture(scope="module")
def local_records(corpus: Path) -> list[dict[str, Any]]:
    """The records of a local run over the same folder, sorted by path."""
    jobs, errors = discover([str(corpus)])
    assert not errors
    return _sorted([record for outcome in run_all(jobs, OPTIONS, workers=2) for record in outcome.records])


def _dask_cli(client: Client, *args: str) -> Any:
    return RUNNER.invoke(app, [*args, "--dask", client.scheduler.address, "--reference-date", "2024-01-01", "-q"])


def _parts(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for part in sorted(out.glob("part-*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]


def _failure_paths(out: Path) -> set[str]:
    rows = [json.loads(line) for line in (out / distributed.FAILURES).read_text(encoding="utf-8").splitlines()]
    assert all(row["reason"] for row in rows)
    return {row["path"] for row in rows}


def test_jsonl_parts_hold_exactly_the_local_records_and_bad_files_are_failures(
        client: Client, corpus: Path, local_records: list[dict[str, Any]], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _dask_cli(client, str(corpus), "-o", str(out), "-f", "jsonl")
    assert result.exit_code == 1, result.stderr  # as a local run: some inputs failed
    assert _sorted(_parts(out)) == local_records
    assert _failure_paths(out) == {str(corpus / rel) for rel in BAD}
    assert "empty file" in result.stderr  # each bad input still gets its line on stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == -(-len(discover([str(corpus)])[0]) // distributed.PARTITION_FILES)  # many files a task

    # a resume redoes only the missing part (not the first, which holds the bad files), leaves the others
    # alone, and keeps every failure row
    kept = {part: part.stat().st_mtime_ns for part in parts if part != parts[1]}
    missing = parts[1].read_text(encoding="utf-8")
    parts[1].unlink()
    result = _dask_cli(client, str(corpus), "-o", str(out), "-f", "jsonl", "--skip-existing")
    assert result.exit_code == 0, result.stderr
    assert parts[1].read_text(encoding="utf-8") == missing
    assert {part: part.stat().st_mtime_ns for part in parts if part != parts[1]} == kept
    assert _failure_paths(out) == {str(corpus / rel) for rel in BAD}
    assert not list(out.glob(".*.tmp"))

    # and without either flag an existing part is never overwritten
    result = _dask_cli(client, str(corpus), "-o", str(out), "-f", "jsonl")
    assert result.exit_code == 1
    assert "exists (use --force or --skip-existing)" in result.stderr


def test_parquet_dataset_reads_back_as_the_jsonl_records(
        client: Client, corpus: Path, local_records: list[dict[str, Any]], tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    folders = [str(corpus / name) for name in ("bad", "generated/00", "samples")]  # a quarter: every layout
    result = _dask_cli(client, *folders, "-o", str(out), "-f", "parquet")
    assert result.exit_code == 1, result.stderr
    local_records = [r for r in local_records if r["source"]["path"].startswith(tuple(f + "/" for f in folders))]
    assert len(local_records) > 250
    table = pq.read_table(out)  # the dataset: every part, _failures.jsonl left out by its name
    assert table.schema.field("speakers").type.value_type.names == ["name", "affiliation", "position", "email", "url"]
    assert _sorted(table.to_pylist()) == local_records
    assert _failure_paths(out) == {str(corpus / rel) for rel in BAD}


def test_a_worker_killed_mid_run_loses_no_record(
        client: Client, corpus: Path, local_records: list[dict[str, Any]]) -> None:
    jobs, problems = distributed.list_inputs([str(corpus)])
    jobs = jobs[:400] + jobs[-len(BAD):]  # the bad files sort first, the samples last: some of each
    paths = {job.path for job in jobs}
    local_records = [record for record in local_records if record["source"]["path"] in paths]
    victim = sorted(client.scheduler_info()["workers"])[0]
    done: list[int] = []
    records: list[dict[str, Any]] = []

    def advance() -> None:
        done.append(1)
        if len(done) == 2:  # two partitions back, the rest queued or running on both workers
            client.run(die_soon, workers=[victim])

    def die_soon() -> None:  # on the victim: answer the run call, then go down as a crash would
        threading.Timer(0.05, os._exit, args=(1,)).start()

    summary = distributed.run(client, jobs, OPTIONS, output=None, partition_files=20, advance=advance,
                              emit=records.extend)
    assert not problems
    assert victim not in client.scheduler_info()["workers"], "the worker was not killed"
    assert _sorted(records) == local_records
    parsed = [job.path for job in jobs if not job.path.endswith(tuple(BAD))]
    assert list(dict.fromkeys(r["source"]["path"] for r in records)) == parsed  # and in input order
    assert summary.failed == len(BAD)
    client.wait_for_workers(2, timeout=120)  # the nanny brings a fresh worker back for the next test


def test_library_bag_and_dataframe(client: Client, corpus: Path, local_records: list[dict[str, Any]]) -> None:
    samples = str(corpus / "samples")
    expected = [record for record in local_records if record["source"]["path"].startswith(samples)]
    assert _sorted(distributed.parse(samples, OPTIONS).compute()) == expected
    frame = distributed.to_dataframe(samples, OPTIONS, partition_files=10).compute()
    assert len(frame) == len(expected)
    assert sorted(frame["title"].dropna()) == sorted(r["title"] for r in expected if r["title"])
    assert list(frame.columns) == list(SCHEMA["properties"])  # the record's keys, in the schema's order


def test_fsspec_url_inputs_are_listed_and_read_through_fsspec() -> None:
    """memory:// lives in one process, so this runs the bag on the synchronous scheduler."""
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe({"/talks/a.txt": b"Speaker: Dr. Jane Roe, MIT\nDate: March 19, 2024, 3-4pm\n",
             "/talks/deeper/b.md": b"# Seminar\nSpeaker: Wei Zhang\nDate: April 2, 2024\n",
             "/talks/.hidden/c.txt": b"Speaker: Nobody\n", "/talks/notes.pdf": b"%PDF"})
    try:
        jobs, problems = distributed.list_inputs(["memory://talks"])
        found = ["memory:///talks/a.txt", "memory:///talks/deeper/b.md"]  # fsspec's own spelling of the URL
        assert [job.path for job in jobs] == found
        assert not problems
        records = distributed.parse("memory://talks/", OPTIONS).compute(scheduler="sync")
        assert [r["source"]["path"] for r in records] == found
        assert records[0]["speakers"][0]["name"] == "Jane Roe"
        assert distributed.list_inputs(["memory://nothing-here"]) == ([], [("memory://nothing-here",
                                                                            "no such file or directory")])
    finally:
        fs.rm("/talks", recursive=True)


def test_partitions_are_fixed_runs_of_the_listing() -> None:
    jobs, _ = discover([str(SAMPLES)])
    parts = distributed.partitions(jobs, 10)
    assert [job for part in parts for job in part] == jobs
    assert [len(part) for part in parts[:-1]] == [10] * (len(parts) - 1)
    assert distributed.partitions(jobs, 10) == parts  # the same inputs, the same parts: resumable


def test_dask_refuses_formats_it_cannot_write_as_parts(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, [str(SAMPLES), "--dask", "local:1", "-o", str(tmp_path / "o"), "-f", "yaml"])
    assert result.exit_code == 2
    assert "jsonl or parquet" in result.stderr


def test_a_file_url_output_is_written_like_a_local_folder(client: Client, tmp_path: Path) -> None:
    jobs, _ = distributed.list_inputs([str(SAMPLES)])
    summary = distributed.run(client, jobs, OPTIONS, output=f"file://{tmp_path}/out", partition_files=10)
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    assert len(parts) == summary.parts == -(-len(jobs) // 10)
    assert summary.parsed == len(jobs) and not summary.failed
    assert (tmp_path / "out" / distributed.FAILURES).read_text(encoding="utf-8") == ""
    assert not list((tmp_path / "out").glob(".*"))  # renamed into place: no temporary left
