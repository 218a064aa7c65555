"""The same parse on a Dask cluster: listed once on the client, read and parsed on the workers.

Inputs are a folder, a glob or any fsspec URL (``s3://bucket/talks/``, ``memory://t/``). The client only
lists them; the sorted list is cut into partitions of many files (one task each, not one per file), and a
worker reads and parses its partition and, with an output folder, writes it as one part file
(``part-00007.jsonl`` or ``.parquet``) atomically. A bad input is a row of ``_failures.jsonl`` beside the
parts, never a failed task; a worker lost mid-run has its partitions rerun by the scheduler, and since a
part is written whole or not at all, a rerun leaves nothing half-done. Needs the ``dask`` extra.

Library use: :func:`parse` gives a ``dask.bag.Bag`` of record dicts, :func:`to_dataframe` a Dask
DataFrame with the Parquet schema's columns.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from seminar_parse import patcache
from seminar_parse.batch import DEFAULT_EXTENSIONS, Job, discover, run_one, write_atomic
from seminar_parse.emit import render_many
from seminar_parse.errors import InputError, shown_path
from seminar_parse.pipeline import Options

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    from distributed import Client

__all__ = ["PART_FORMATS", "Summary", "connect", "list_inputs", "parse", "run", "to_dataframe"]

PART_FORMATS = {"jsonl": ".jsonl", "parquet": ".parquet"}
"""Formats a distributed run writes, one part file per partition."""
FAILURES = "_failures.jsonl"
"""Beside the parts, one JSON line per input that gave no record: ``{"path": ..., "reason": ...}``.
The leading underscore keeps it out of the Parquet dataset (pyarrow skips such names)."""
PARTITION_FILES = 100
"""Inputs per partition: enough that scheduling costs little beside parsing, few enough to spread well."""
_LOCAL = patcache.compile(r"local(?::(\d+))?")  # "local" or "local:4": a cluster of worker processes on this machine
_GLOB = patcache.compile(r"[*?\[]")


class DaskUnavailable(Exception):
    """The Dask scheduler cannot be reached or the local cluster cannot start; one line for the user."""


# --- listing, on the client --------------------------------------------------------------------------


def _is_url(path: str) -> bool:
    return "://" in path


def list_inputs(sources: Sequence[str], *, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
                exclude: Path | None = None) -> tuple[list[Job], list[tuple[str, str]]]:
    """Jobs for folders, globs and fsspec URLs, sorted within each source; and (path, reason) for each source
    that gives nothing. Local paths are found exactly as a local run finds them (:func:`batch.discover`)."""
    jobs: list[Job] = []
    problems: list[tuple[str, str]] = []
    for source in sources:
        if _is_url(source):
            found, missing = _list_url(source, extensions)
            jobs += found
            problems += missing
            continue
        names = sorted(glob.glob(source, recursive=True)) if _GLOB.search(source) else [source]
        if not names:
            problems.append((source, "no file matches this pattern"))
        found, errors = discover(names, extensions=extensions, exclude=exclude)
        jobs += found
        problems += [_split_message(message) for message in errors]
    return jobs, problems


def _list_url(source: str, extensions: tuple[str, ...]) -> tuple[list[Job], list[tuple[str, str]]]:
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(source)
        if _GLOB.search(root):
            names = sorted(name for name in fs.glob(root) if fs.isfile(name))
            base = None
        elif fs.isdir(root):
            names = sorted(name for name in fs.find(root) if _wanted(name, root, extensions))
            base = root
        elif fs.isfile(root):
            names, base = [root], None
        else:
            return [], [(source, "no such file or directory")]
    except (OSError, ValueError, ImportError) as error:  # an unknown protocol, a missing backend, no access
        return [], [(source, f"cannot list ({error})")]
    if not names:
        return [], [(source, f"no announcements here (looked for {', '.join(extensions)})")]
    jobs = []
    for name in names:
        rel = PurePosixPath(name).relative_to(base.rstrip("/")) if base else PurePosixPath(name).name
        jobs.append(Job(fs.unstrip_protocol(name), Path(str(rel))))
    return jobs, []


def _wanted(name: str, root: str, extensions: tuple[str, ...]) -> bool:
    """Wanted ending, and no hidden folder or file on the way down (as a local folder walk skips them)."""
    parts = PurePosixPath(name).relative_to(root.rstrip("/")).parts
    return name.lower().endswith(extensions) and not any(part.startswith(".") for part in parts)


def _split_message(message: str) -> tuple[str, str]:
    """``("a/b.txt", "no such file")`` for a listing message ``"a/b.txt: no such file"``."""
    path, _, reason = message.rpartition(": ")
    return (path, reason) if path else (message, "cannot be read")


# --- one partition, on a worker ----------------------------------------------------------------------


@dataclass
class PartResult:
    """What a partition sends back: counts and failures; its records only when there is no part file."""

    index: int
    parsed: int = 0
    with_warnings: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, "PATH: reason" as shown locally)
    records: list[dict[str, Any]] | None = None


def _read_url(path: str, options: Options) -> bytes:
    """The bytes of an fsspec URL, read up to the size limit (parsing refuses anything longer)."""
    import fsspec

    try:
        with fsspec.open(path, "rb") as handle:
            return handle.read(options.max_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, ValueError) as error:
        raise InputError(path, f"cannot read ({error})") from None


def _outcomes(jobs: Sequence[Job], options: Options) -> Iterator[Any]:
    for job in jobs:
        yield run_one(job, options, read=_read_url if _is_url(job.path) else None)


def run_partition(index: int, jobs: Sequence[Job], options: Options, target: str | None,
                  fmt: str = "jsonl") -> PartResult:
    """Parse one partition; with a ``target`` write its records there (whole or not at all) instead of
    sending them back. Bad inputs become failures, never an exception."""
    result = PartResult(index)
    records: list[dict[str, Any]] = []
    for outcome in _outcomes(jobs, options):
        if outcome.error:
            result.failures.append((outcome.job.path, outcome.error))
            continue
        result.parsed += 1
        result.with_warnings += bool(outcome.warnings)
        records += outcome.records
    if target is None:
        result.records = records
    else:
        _put(target, _part_content(records, fmt))
    return result


def _part_content(records: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "parquet":
        from seminar_parse.parquet import to_parquet_bytes

        return to_parquet_bytes(records)
    return render_many(records, fmt).encode("utf-8")


def _put(target: str, content: bytes) -> None:
    """A local file by :func:`batch.write_atomic`; an fsspec URL as one whole object (a PUT, atomic on
    object stores)."""
    if not _is_url(target):
        write_atomic(Path(target), content)
        return
    import fsspec
    from fsspec.implementations.local import LocalFileSystem

    fs, path = fsspec.core.url_to_fs(target)
    if isinstance(fs, LocalFileSystem):  # file://: a local file, so the local way (temporary file, rename)
        write_atomic(Path(path), content)
        return
    fs.makedirs(fs._parent(path), exist_ok=True)
    fs.pipe_file(path, content)


def _exists(target: str) -> bool:
    if not _is_url(target):
        return os.path.lexists(target)
    import fsspec

    fs, path = fsspec.core.url_to_fs(target)
    return bool(fs.exists(path))


def _join(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}" if _is_url(folder) else str(Path(folder) / name)


def partitions(jobs: Sequence[Job], size: int = PARTITION_FILES) -> list[list[Job]]:
    """Consecutive runs of the sorted input list: the same inputs always give the same parts (resumable)."""
    return [list(jobs[start:start + size]) for start in range(0, len(jobs), size)]


# --- the client ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (``tcp://host:8786``), or of a cluster of N worker processes
    started here for ``local:N`` (``local`` alone: one per CPU). Closed (and the local cluster stopped) after."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable('--dask needs the dask extra: pip install "seminar-parse[dask]"') from None
    local = _LOCAL.fullmatch(address)
    try:
        if local:
            workers = int(local.group(1) or os.cpu_count() or 1)
            if workers < 1:
                raise DaskUnavailable(f"{address}: a local cluster needs at least one worker")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            cluster, client = None, Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskUnavailable(f"{address}: cannot reach the Dask scheduler ({error})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dashboard_link(client: Client) -> str | None:
    """The scheduler's dashboard address, when it serves one (it needs bokeh)."""
    services = client.scheduler_info().get("services", {})
    return client.dashboard_link if "dashboard" in services else None


@dataclass
class Summary:
    parsed: int = 0
    failed: int = 0
    with_warnings: int = 0
    skipped: int = 0
    parts: int = 0  # partitions run (written, or sent back)


def run(client: Client, jobs: Sequence[Job], options: Options, *, output: str | None, fmt: str = "jsonl",
        force: bool = False, skip_existing: bool = False, partition_files: int = PARTITION_FILES,
        known_failures: Sequence[tuple[str, str]] = (), error: Callable[[str], None] = lambda message: None,
        started: Callable[[int], None] = lambda total: None, advance: Callable[[], None] = lambda: None,
        emit: Callable[[list[dict[str, Any]]], None] = lambda records: None) -> Summary:
    """Parse ``jobs`` on the cluster. With ``output`` each partition becomes a part file there, and
    ``_failures.jsonl`` lists the inputs that gave no record (``known_failures`` from listing included);
    without, records come back and go to ``emit`` in input order. ``error`` gets one line per problem,
    ``started`` the number of partitions to run, ``advance`` a call per partition done."""
    from distributed import as_completed

    summary = Summary()
    parts = partitions(jobs, partition_files)
    failures: list[tuple[str, str]] = list(known_failures)
    kept: list[dict[str, str]] = []  # rows of an earlier _failures.jsonl for parts this run leaves alone
    targets: dict[int, str | None] = {}
    left_alone: set[str] = set()  # inputs of parts not run now: their rows of _failures.jsonl are kept
    for index, part in enumerate(parts):
        target = _join(output, f"part-{index:05d}{PART_FORMATS[fmt]}") if output is not None else None
        if target is not None and not force and _exists(target):
            left_alone.update(shown_path(job.path) for job in part)
            if skip_existing:
                summary.skipped += len(part)
                continue
            error(f"{shown_path(target)}: exists (use --force or --skip-existing)")
            summary.failed += len(part)
            continue
        targets[index] = target
    if output is not None and left_alone:
        kept = [row for row in _read_failures(_join(output, FAILURES)) if row.get("path") in left_alone]
    started(len(targets))
    futures = {client.submit(run_partition, index, parts[index], options, target, fmt,
                             key=f"seminar-parse-part-{index:05d}-{_token(parts[index], options, target, fmt)}",
                             pure=False, retries=2): index for index, target in targets.items()}
    waiting: dict[int, list[dict[str, Any]]] = {}
    next_out = 0
    for future in as_completed(futures):
        index = futures[future]
        try:
            result: PartResult = future.result()
        except Exception as failure:  # not written (a full disk, no access) or its workers kept dying: its inputs fail
            where = targets[index] or f"partition {index}"
            reason = f"{type(failure).__name__}: {failure}"
            error(f"{shown_path(where)}: partition failed ({reason})")
            summary.failed += len(parts[index])
            failures += [(job.path, f"{job.path}: partition failed ({reason})") for job in parts[index]]
            result = PartResult(index, records=[])
        summary.parsed += result.parsed
        summary.with_warnings += result.with_warnings
        summary.failed += len(result.failures)
        summary.parts += 1
        for _path, message in result.failures:
            error(message)
        failures += result.failures
        if output is None:
            waiting[index] = result.records or []
            while next_out in waiting:  # parts finish in any order; records go out in input order
                emit(waiting.pop(next_out))
                next_out += 1
        advance()
    if output is not None:
        rows = kept + [{"path": shown_path(path), "reason": _reason(path, message)} for path, message in failures]
        rows.sort(key=lambda row: row["path"])
        _put(_join(output, FAILURES), "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode())
    return summary


def _token(part: Sequence[Job], options: Options, target: str | None, fmt: str) -> str:
    from dask.base import tokenize

    return tokenize([job.path for job in part], options, target, fmt)


def _reason(path: str, message: str) -> str:
    prefix = f"{shown_path(path)}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _read_failures(target: str) -> list[dict[str, str]]:
    if not _exists(target):
        return []
    if _is_url(target):
        import fsspec

        with fsspec.open(target, "rt", encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = Path(target).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- library -------------------------------------------------------------------------------------------


def _jobs_bag(paths_or_bag: str | Sequence[str] | dask.bag.Bag, partition_files: int) -> dask.bag.Bag:
    import dask.bag as db

    if isinstance(paths_or_bag, db.Bag):
        return paths_or_bag.map(lambda path: Job(str(path), Path(PurePosixPath(str(path)).name)))
    sources = [paths_or_bag] if isinstance(paths_or_bag, str) else list(paths_or_bag)
    jobs, problems = list_inputs(sources)
    if problems and not jobs:
        raise InputError(*problems[0])
    return db.from_sequence(jobs, partition_size=partition_files)


def _records(jobs: Sequence[Job], options: Options) -> list[dict[str, Any]]:
    return [record for outcome in _outcomes(jobs, options) for record in outcome.records]


def parse(paths_or_bag: str | Sequence[str] | dask.bag.Bag, options: Options | None = None, *,
          partition_files: int = PARTITION_FILES) -> dask.bag.Bag:
    """A lazy Bag of record dicts (as :meth:`Record.to_dict` gives them) for folders, globs, fsspec URLs, or
    a Bag of paths. Inputs that give no record are left out; the CLI's ``_failures.jsonl`` names them."""
    return _jobs_bag(paths_or_bag, partition_files).map_partitions(_records, options or Options())


def to_dataframe(paths_or_bag: str | Sequence[str] | dask.bag.Bag, options: Options | None = None, *,
                 partition_files: int = PARTITION_FILES) -> dask.dataframe.DataFrame:
    """The records as a Dask DataFrame with the Parquet columns (speakers, source, location as nested
    values), for users who go on in Dask or pandas (``.compute()`` gives a pandas DataFrame)."""
    import dask
    import dask.dataframe as dd

    from seminar_parse.parquet import arrow_schema

    bag = parse(paths_or_bag, options, partition_files=partition_files)
    frames = [dask.delayed(_frame)(part) for part in bag.to_delayed()]
    return dd.from_delayed(frames, meta=arrow_schema().empty_table().to_pandas(), verify_meta=False)


def _frame(records: list[dict[str, Any]]) -> Any:
    from seminar_parse.parquet import record_table

    return record_table(list(records)).to_pandas()
