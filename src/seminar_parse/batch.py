"""Batch work: finding inputs, parsing them (in parallel when asked), writing outputs atomically.

No terminal concerns here: the CLI passes callbacks for progress and messages.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
import traceback
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seminar_parse.errors import InputError
from seminar_parse.pipeline import Options, parse_bytes_all, parse_path_all

DEFAULT_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".eml", ".mbox")
STDIN = "-"


@dataclass(frozen=True)
class Job:
    """One input: a file path (``rel`` is its path below the folder it was found in) or stdin."""

    path: str
    rel: Path


@dataclass(frozen=True)
class Outcome:
    job: Job
    records: list[dict[str, Any]]  # one, or several for an mbox file
    error: str | None  # "PATH: reason", one line
    trace: str | None = None  # traceback of an unexpected error, shown with --debug

    @property
    def warnings(self) -> list[str]:
        return [warning for record in self.records for warning in record.get("warnings", [])]


def discover(inputs: list[str], *, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
             exclude: Path | None = None) -> tuple[list[Job], list[str]]:
    """Expand files and folders (recursively, sorted) into jobs; return them and input errors."""
    jobs: list[Job] = []
    errors: list[str] = []
    excluded = exclude.resolve() if exclude else None
    for raw in inputs:
        if raw == STDIN:
            jobs.append(Job(STDIN, Path("stdin")))
            continue
        path = Path(raw)
        if path.is_dir():
            found = list(_walk(path, extensions, excluded))
            if not found:
                errors.append(f"{raw}: no announcements here (looked for {', '.join(extensions)})")
            jobs.extend(Job(str(p), p.relative_to(path)) for p in found)
        elif path.exists() or path.is_symlink():
            jobs.append(Job(raw, Path(path.name)))
        else:
            errors.append(f"{raw}: no such file or directory")
    return jobs, errors


def _walk(root: Path, extensions: tuple[str, ...], excluded: Path | None) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _is_excluded(here / d, excluded))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(extensions):
                yield here / name


def _is_excluded(path: Path, excluded: Path | None) -> bool:
    return excluded is not None and path.resolve() == excluded


def run_one(job: Job, options: Options, stdin_data: bytes | None = None) -> Outcome:
    """Parse one job; never raises for bad input (that becomes ``Outcome.error``)."""
    try:
        if job.path == STDIN:
            records = parse_bytes_all(stdin_data or b"", None, options)
        else:
            records = parse_path_all(job.path, options)
        return Outcome(job, [record.to_dict() for record in records], None)
    except InputError as error:
        return Outcome(job, [], str(error))
    except RecursionError:
        return Outcome(job, [], f"{job.path}: input too deeply nested to parse")
    except Exception as error:  # a bug must not stop the batch: it is reported with its traceback
        return Outcome(job, [], f"{job.path}: internal error: {type(error).__name__}: {error}",
                       traceback.format_exc())


def run_all(jobs: list[Job], options: Options, *, workers: int,
            stdin_data: bytes | None = None) -> Iterator[Outcome]:
    """Outcomes in input order; with ``workers > 1`` parsing happens in a process pool."""
    if workers <= 1 or len(jobs) < 4:
        for job in jobs:
            yield run_one(job, options, stdin_data)
        return
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_leave_ctrl_c_to_the_parent)
    finished = False
    try:
        pending: list[Future[Outcome]] = []
        window = workers * 8  # bounded read-ahead keeps memory flat on huge folders
        iterator = iter(jobs)
        for job in iterator:
            pending.append(executor.submit(run_one, job, options, stdin_data))
            if len(pending) >= window:
                break
        while pending:
            outcome = pending.pop(0).result()
            nxt = next(iterator, None)
            if nxt is not None:
                pending.append(executor.submit(run_one, nxt, options, stdin_data))
            yield outcome
        finished = True
    finally:
        # An early stop (Ctrl-C, --fail-fast, a closed pipe) cancels what is queued; either way the pool is
        # waited for (a file or two, milliseconds), so that nothing of it is left running at exit.
        executor.shutdown(wait=True, cancel_futures=not finished)


def _leave_ctrl_c_to_the_parent() -> None:
    """Workers ignore SIGINT: the parent stops the run, keeps what is done and reports it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class UnsafeOutput(Exception):
    """The output path would land outside the output folder."""


def output_path(out_dir: Path, job: Job, extension: str) -> Path:
    """``OUT/a/b.yaml`` for input ``a/b.txt``; refuses anything that would escape ``OUT``."""
    rel = job.rel.with_suffix(extension)
    if rel.is_absolute() or ".." in rel.parts:
        raise UnsafeOutput(f"{job.path}: refusing to write outside the output folder")
    target = out_dir / rel
    root = out_dir.resolve()
    parent = target.parent.resolve() if target.parent.exists() else _resolve_existing(target.parent)
    if parent != root and root not in parent.parents:
        raise UnsafeOutput(f"{job.path}: output folder {target.parent} leads outside {out_dir}")
    return target


def _resolve_existing(path: Path) -> Path:
    """Resolve the part of ``path`` that exists, then append the rest (mkdir will create it)."""
    existing, rest = path, []
    while not existing.exists() and existing != existing.parent:
        rest.append(existing.name)
        existing = existing.parent
    resolved = existing.resolve()
    for name in reversed(rest):
        resolved = resolved / name
    return resolved


def write_atomic(target: Path, content: str) -> None:
    """Write to a temporary file beside ``target`` and rename it into place: complete or absent.

    Ctrl-C during the write is held back until the file is in place (or cleaned away), so an interrupted
    run leaves no temporary files either.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with _interrupts_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            if target.is_symlink():
                target.unlink()  # never write through a link planted in the output tree
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT for the duration of the block, then deliver it (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: received.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def plan_outputs(out_dir: Path, jobs: list[Job], extension: str) -> tuple[dict[int, Path], list[str]]:
    """The output path of each job (by position), and errors for jobs that cannot have one: a path that
    would leave ``out_dir``, or two inputs that would write the same file (``a/b.txt`` and ``a/b.md``)."""
    targets: dict[int, Path] = {}
    owners: dict[Path, str] = {}
    errors: list[str] = []
    for index, job in enumerate(jobs):
        try:
            target = output_path(out_dir, job, extension)
        except UnsafeOutput as error:
            errors.append(str(error))
            continue
        if target in owners:
            errors.append(f"{job.path}: its output {target} would overwrite the output of {owners[target]}")
            continue
        owners[target] = job.path
        targets[index] = target
    return targets, errors
