"""Batch work: finding inputs, parsing them (in parallel when asked), writing outputs atomically.

No terminal concerns here: the CLI passes callbacks for progress and messages.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seminar_parse.errors import InputError, is_utf8_name, shown_path
from seminar_parse.pipeline import Options, parse_bytes_all, parse_path_all

DEFAULT_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".eml", ".mbox")
STDIN = "-"
# Signals that end a run the way Ctrl-C does: finished outputs kept, no temporary file left, exit 128 + N.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
NOT_UTF8_NAME = "the file name is not valid UTF-8: source.path shows its bytes as \\xNN"


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop by a signal (SIGINT, SIGTERM or SIGHUP); ``exit_code`` is 128 + its number."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


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
            found = 0
            for file, problem in _walk(path, extensions, excluded):
                found += 1
                if problem:
                    errors.append(f"{shown_path(file)}: {problem}")
                else:
                    jobs.append(Job(str(file), file.relative_to(path)))
            if not found:
                errors.append(f"{shown_path(raw)}: no announcements here (looked for {', '.join(extensions)})")
        elif path.exists() or path.is_symlink():
            # Named on the command line: a pipe or a device is read too (``<(zcat talk.gz)``), up to --max-bytes.
            jobs.append(Job(raw, Path(path.name)))
        else:
            errors.append(f"{shown_path(raw)}: no such file or directory")
    return jobs, errors


def _walk(root: Path, extensions: tuple[str, ...], excluded: Path | None) -> Iterator[tuple[Path, str | None]]:
    """Files in a folder with a wanted ending, and why one cannot be read (None when it can).

    Only regular files (or links to them) are read from folders: a FIFO would wait for a writer for ever,
    a link to ``/dev/zero`` never ends.
    """
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _is_excluded(here / d, excluded))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(extensions):
                yield here / name, _not_readable(here / name)


def _not_readable(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "no such file"
    except OSError as error:
        return f"cannot read ({error.strerror or error})"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _is_excluded(path: Path, excluded: Path | None) -> bool:
    return excluded is not None and path.resolve() == excluded


def run_one(job: Job, options: Options, stdin_data: bytes | None = None,
            read: Callable[[str, Options], bytes] | None = None) -> Outcome:
    """Parse one job; never raises for bad input (that becomes ``Outcome.error``). ``read`` fetches the bytes
    of a path the local file system does not hold (an fsspec URL); it raises :class:`InputError`."""
    try:
        if job.path == STDIN:
            records = parse_bytes_all(stdin_data or b"", None, options)
        elif read is not None:
            records = parse_bytes_all(read(job.path, options), job.path, options)
        else:
            records = parse_path_all(job.path, options)
        return Outcome(job, [_shown_source(record.to_dict(), job.path) for record in records], None)
    except InputError as error:
        return Outcome(job, [], str(error))
    except RecursionError:
        return Outcome(job, [], f"{shown_path(job.path)}: input too deeply nested to parse")
    except Exception as error:  # a bug must not stop the batch: it is reported with its traceback
        return Outcome(job, [], f"{shown_path(job.path)}: internal error: {type(error).__name__}: {error}",
                       traceback.format_exc())


def _shown_source(record: dict[str, Any], path: str) -> dict[str, Any]:
    """A file name that is not UTF-8 is read and written under its own bytes, but the record, which is
    UTF-8 text, shows it escaped (``b-caf\\xe9.txt``) and says so."""
    if path == STDIN or is_utf8_name(path):
        return record
    record["source"] = {**record["source"], "path": shown_path(path)}
    record["warnings"] = [*record["warnings"], NOT_UTF8_NAME]
    return record


def run_all(jobs: list[Job], options: Options, *, workers: int,
            stdin_data: bytes | None = None) -> Iterator[Outcome]:
    """Outcomes in input order; with ``workers > 1`` parsing happens in a process pool."""
    if workers <= 1 or len(jobs) < 4:
        for job in jobs:
            yield run_one(job, options, stdin_data)
        return
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))
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
        # An early stop (a signal, --fail-fast, a closed pipe) cancels what is queued; either way the pool is
        # waited for (a file or two, milliseconds), so that nothing of it is left running at exit.
        with _interrupts_deferred():
            executor.shutdown(wait=True, cancel_futures=not finished)


_PR_SET_PDEATHSIG = 1


def _worker_start(parent: int) -> None:
    """Workers leave SIGINT, SIGTERM and SIGHUP to the parent, which stops the run, keeps what is done and
    reports it; and they die with the parent, even one killed outright (Linux), instead of outliving it."""
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent went before prctl took effect
        os._exit(1)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread, as SIGINT raises KeyboardInterrupt,
    so they end the run the same careful way (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _stop(number: int, _frame: object) -> None:
        raise Interrupted(number)

    previous = {number: signal.signal(number, _stop) for number in STOP_SIGNALS if number != signal.SIGINT}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


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


def write_atomic(target: Path, content: str | bytes, *, overwrite: bool = True) -> None:
    """Write to a temporary file beside ``target`` and move it into place: complete or absent.

    With ``overwrite=False`` the move is a hard link, which fails with :class:`FileExistsError` when
    ``target`` exists by then (another run may have written it since the run started): create-or-fail,
    never a silent overwrite. A signal (Ctrl-C, SIGTERM, SIGHUP) during the write is held back until the
    file is in place (or cleaned away), so an interrupted run leaves no temporary files either.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with _interrupts_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
            with os.fdopen(fd, "wb") as handle:  # text is UTF-8 with "\n" line ends, as written
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
                handle.flush()
                os.fsync(handle.fileno())
            if overwrite:
                if target.is_symlink():
                    target.unlink()  # never write through a link planted in the output tree
                os.replace(tmp, target)
            else:
                _link_new(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _link_new(tmp: str, target: Path) -> None:
    """Give the finished ``tmp`` the name ``target`` unless that name exists (a link counts too)."""
    try:
        os.link(tmp, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: reserve the name first, then rename over the reservation
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        os.replace(tmp, target)
    else:
        os.unlink(tmp)


TEMP_SUFFIX = ".tmp"
_TEMP_RANDOM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")  # mkstemp's 8 characters between the two


def remove_stale_temporaries(targets: list[Path]) -> int:
    """Remove temporary files an earlier, killed run left beside these outputs (``.b.yaml.k2j4x9_q.tmp``);
    only names of exactly this tool's making are touched. Returns how many were removed."""
    wanted: dict[Path, set[str]] = {}
    for target in targets:
        wanted.setdefault(target.parent, set()).add(target.name)
    removed = 0
    for folder, names in wanted.items():
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            if _temporary_of(entry) in names:
                with contextlib.suppress(OSError):
                    os.unlink(folder / entry)
                    removed += 1
    return removed


def _temporary_of(entry: str) -> str | None:
    """``b.yaml`` for ``.b.yaml.k2j4x9_q.tmp`` (a name write_atomic makes), else None."""
    head, random, suffix = entry[:-13], entry[-12:-4], entry[-4:]
    if suffix != TEMP_SUFFIX or entry[-13:-12] != "." or not head.startswith(".") or len(head) < 2 \
            or not _TEMP_RANDOM.issuperset(random):
        return None
    return head[1:]


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP for the duration of the block, then deliver the first as
    :class:`Interrupted` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda number, _frame: received.append(number))
                for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise Interrupted(received[0])


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


def dedupe(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """One record per talk: records with the same ``talk_id`` (an announcement and its reminder or update)
    are merged, the most recent information winning (more updates first, then the later send date, then the
    later input); what it lacks is taken from the others. Returns the records in the order each talk first
    appears, and one message per merge naming the inputs."""
    from seminar_parse.formats import record_talk_id

    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for position, record in enumerate(records):
        groups.setdefault(record_talk_id(record), []).append((position, record))
    merged: list[dict[str, Any]] = []
    messages: list[str] = []
    for key, group in groups.items():
        if len(group) == 1:
            merged.append(group[0][1])
            continue
        ranked = [record for _, record in sorted(group, key=_recency, reverse=True)]
        winner = _merged(ranked)
        inputs = list(dict.fromkeys(_origin(record) for record in ranked))
        said = (f"merged {len(group)} records of one talk (talk_id {key}) from {', '.join(inputs)};"
                f" {inputs[0]} is the most recent")
        winner["warnings"] = [*winner.get("warnings", []), said]
        merged.append(winner)
        messages.append(said)
    return merged, messages


def _recency(item: tuple[int, dict[str, Any]]) -> tuple[int, str, int]:
    position, record = item
    return int(record.get("sequence") or 0), record.get("sent") or "", position


def _merged(ranked: list[dict[str, Any]]) -> dict[str, Any]:
    """The most recent record, its empty values filled from the older ones (newest first); links and
    warnings are the union."""
    winner = {**ranked[0]}
    for older in ranked[1:]:
        for key, value in older.items():
            if key == "location":
                location = {**(winner.get("location") or {})}
                for part, item in (value or {}).items():
                    if location.get(part) in (None, [], "") and item not in (None, [], ""):
                        location[part] = item
                winner["location"] = location
            elif key in ("links", "warnings"):
                winner[key] = list(dict.fromkeys([*(winner.get(key) or []), *(value or [])]))
            elif winner.get(key) in (None, [], "") and value not in (None, [], ""):
                winner[key] = value
    return winner


def _origin(record: dict[str, Any]) -> str:
    return (record.get("source") or {}).get("path") or "<stdin>"
