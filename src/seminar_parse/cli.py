"""The command line: a thin Typer layer over :mod:`seminar_parse.batch`; no parsing logic here.

Stdout carries records only; every message goes to stderr, one line each. Exit status: 0 all parsed,
1 some input failed (the rest are still output) or stdout could not be written, 2 usage error,
130 / 143 / 129 interrupted by SIGINT (Ctrl-C) / SIGTERM / SIGHUP.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from seminar_parse import __version__
from seminar_parse.errors import shown_path

if TYPE_CHECKING:
    from rich.console import Console

HELP = """Turn raw seminar announcements into structured records: YAML, JSON, JSON Lines,
JSON-LD (schema.org Event), CSV or iCalendar (.ics).

\b
Examples:
  seminar-parse talk.txt                     one YAML record on stdout
  seminar-parse notices/ -o records/         one file per input, same tree
  seminar-parse notices/ --format jsonl | jq -r .title
  curl -s https://example.org/talk | seminar-parse - --tz America/New_York
  seminar-parse old-mail.txt --reference-date 2024-03-01
  seminar-parse s3://bucket/talks/ --dask tcp://sched:8786 -o out/ -f parquet

\b
Exit status: 0 all parsed, 1 some input failed, 2 usage error,
130 interrupted (143 SIGTERM, 129 SIGHUP).
"""
STDIN_HINT = "seminar-parse: reading an announcement from the terminal; end it with Ctrl-D (Ctrl-Z Enter on Windows)"


class Format(StrEnum):
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    jsonld = "jsonld"
    csv = "csv"
    ics = "ics"
    parquet = "parquet"  # one file (-o records.parquet), or a dataset folder with --dask


class DateOrder(StrEnum):
    auto = "auto"
    dmy = "dmy"
    mdy = "mdy"


# max_content_width: help fits an 80-column terminal whatever width the terminal reports.
app = typer.Typer(rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seminar-parse {__version__}")
        raise typer.Exit()


def _schema(value: bool) -> None:
    if value:
        from seminar_parse import schema_text

        sys.stdout.write(schema_text())
        raise typer.Exit()


def _parse_reference(value: str | None) -> date | None:
    """The library's check, so both say the same; typer names the option in its error line."""
    from seminar_parse.errors import OptionError
    from seminar_parse.pipeline import check_reference_date

    try:
        return check_reference_date(value)
    except OptionError as error:
        raise typer.BadParameter(error.reason) from None


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    from seminar_parse.errors import OptionError
    from seminar_parse.pipeline import check_zone

    try:
        return check_zone(value)
    except OptionError as error:
        raise typer.BadParameter(error.reason) from None


@app.command(help=HELP)
def main_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.",
                                                show_default=False, metavar="PATH")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="A folder: one file per input in it (with --dask: one part per partition). A file "
        "ending in .yaml, .json, .jsonl, .jsonld, .csv, .ics or .parquet: every record in that one file.")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="Output format (default: yaml, or what -o FILE "
                                                                      "ends in).", show_default=False)] = None,
    tz: Annotated[str | None, typer.Option("--tz", help="IANA zone for announcements that state none.",
                                           callback=_check_zone)] = None,
    reference_date: Annotated[date | None, typer.Option(
        "--reference-date", help="YYYY-MM-DD used to give a year to dates printed without one.",
        parser=_parse_reference, metavar="YYYY-MM-DD")] = None,
    date_order: Annotated[DateOrder, typer.Option(
        "--date-order", help="How to read 3/4/2024: dmy, mdy, or auto (decided by the page).")] = DateOrder.auto,
    all_events: Annotated[bool, typer.Option(
        "--all-events", help="One record per talk of a digest or series page (default: the first).")] = False,
    since: Annotated[date | None, typer.Option(
        "--since", help="YYYY-MM-DD: of an input's several talks, only those from this day on.",
        parser=_parse_reference, metavar="YYYY-MM-DD")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1,
                                             help="Parallel worker processes (default: CPU count).")] = None,
    dedupe: Annotated[bool, typer.Option("--dedupe", help="Merge records of the same talk (same talk_id), the most "
                                         "recent winning; to stdout or -o FILE.")] = False,
    csv_excel: Annotated[bool, typer.Option("--csv-excel", help="CSV for Excel: a byte-order mark and CRLF.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
    skip_existing: Annotated[bool, typer.Option("--skip-existing",
                                                help="Leave inputs whose output exists (resume a run).")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this.")] = 5242880,
    ext: Annotated[list[str] | None, typer.Option(
        "--ext", help="File endings to pick up in folders (repeatable; default "
        ".txt .md .html .htm .eml .mbox).")] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Instead of records, show each announcement with the evidence for every field.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List each file's warnings.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    schema: Annotated[bool, typer.Option("--schema", callback=_schema, is_eager=True,
                                         help="Print the records' JSON Schema and exit.")] = False,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="ADDRESS", help="Run on a Dask cluster: a scheduler (tcp://host:8786) or local[:N]"
        " worker processes. PATH may then be a glob or an fsspec URL (s3://, gcs://...).")] = None,
) -> None:
    from seminar_parse.batch import DEFAULT_EXTENSIONS, discover, stop_on_signals
    from seminar_parse.pipeline import Options

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # records are UTF-8 whatever the locale says

    if force and skip_existing:
        raise typer.BadParameter("--force and --skip-existing contradict each other")
    from seminar_parse.emit import format_of_file

    asked = format_of_file(str(output)) if output is not None and not output.is_dir() else None
    one_file = asked is not None
    if output is not None and asked is not None:
        if fmt is not None and fmt.value != asked:
            raise typer.BadParameter(f"--format {fmt.value} but the file {shown_path(str(output))} ends in "
                                     f"{output.suffix}; give one or the other", param_hint="'--output'")
        fmt = Format(asked)
    if fmt is None and output is not None and output.suffix.lower() == ".parquet":
        fmt = Format.parquet  # a Parquet file, or with --dask a dataset folder
    fmt = fmt or Format.yaml
    if fmt is Format.parquet and output is None:
        raise typer.BadParameter("Parquet is written to a file or folder: give -o (e.g. -o records.parquet)",
                                 param_hint="'--format'")
    if csv_excel and fmt is not Format.csv:
        raise typer.BadParameter("--csv-excel is for --format csv (or -o FILE.csv)", param_hint="'--csv-excel'")
    if dedupe and output is not None and not one_file:
        raise typer.BadParameter("--dedupe merges records into one output: write to stdout or -o FILE "
                                 "(e.g. -o talks.ics), not to a folder", param_hint="'--dedupe'")
    options = Options(reference_date=reference_date, tz=tz,
                      date_order=None if date_order is DateOrder.auto else date_order.value, max_bytes=max_bytes,
                      all_events=all_events, since=since)
    extensions = tuple(e if e.startswith(".") else f".{e}" for e in ext) if ext else DEFAULT_EXTENSIONS
    if dask is not None:
        raise typer.Exit(_dask_run(inputs, options, dask, output, fmt.value, force, skip_existing,
                                   tuple(e.lower() for e in extensions),
                                   _Reporter(quiet=quiet, verbose=verbose, debug=debug)))
    found, input_errors = discover(inputs, extensions=tuple(e.lower() for e in extensions), exclude=output)
    reporter = _Reporter(quiet=quiet, verbose=verbose, debug=debug)
    for message in input_errors:
        reporter.error(message)
    if input_errors and fail_fast:
        raise typer.Exit(1)
    try:
        with stop_on_signals():
            # stdin is read up to the limit, not to its end: `cat /dev/zero | seminar-parse -` ends too
            stdin_data = None
            if any(j.path == "-" for j in found):
                if sys.stdin.isatty() and not quiet:  # someone typed `seminar-parse -` and waits for it
                    reporter.error(STDIN_HINT)
                stdin_data = sys.stdin.buffer.read(max_bytes + 1)
            if explain:
                raise typer.Exit(_explain(found, options, stdin_data, reporter) or (1 if input_errors else 0))
            workers = jobs or os.cpu_count() or 1
            runner = _Run(found, options, fmt.value, output, workers, force, skip_existing, fail_fast, reporter,
                          stdin_data, many=len(inputs) > 1 or any(Path(p).is_dir() for p in inputs if p != "-"),
                          one_file=one_file, dedupe=dedupe, excel=csv_excel)
            runner.failed = len(input_errors)  # the summary counts inputs that could not even be found
            failed = runner.go()
    except KeyboardInterrupt as stop:  # before the run started (reading stdin) or after it ended
        reporter.error("interrupted")
        raise typer.Exit(getattr(stop, "exit_code", 130)) from None
    raise typer.Exit(1 if failed else 0)


class _Reporter:
    """Messages, progress and the summary, all on stderr."""

    def __init__(self, *, quiet: bool, verbose: bool, debug: bool) -> None:
        self.quiet, self.verbose, self.debug = quiet, verbose, debug
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, no_color="NO_COLOR" in os.environ)
        return self._console

    def error(self, message: str, trace: str | None = None) -> None:
        sys.stderr.write(message + "\n")
        if trace and self.debug:
            sys.stderr.write(trace)
        sys.stderr.flush()

    def note(self, message: str) -> None:
        if not self.quiet:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()

    def progress_wanted(self, total: int) -> bool:
        return not self.quiet and total > 1 and sys.stderr.isatty()


class _Run:
    def __init__(self, jobs, options, fmt, output, workers, force, skip_existing, fail_fast, reporter,  # type: ignore[no-untyped-def]
                 stdin_data, *, many: bool, one_file: bool = False, dedupe: bool = False, excel: bool = False) -> None:
        self.jobs, self.options, self.fmt = jobs, options, fmt
        self.workers, self.force, self.skip_existing, self.fail_fast = workers, force, skip_existing, fail_fast
        self.reporter, self.stdin_data, self.many = reporter, stdin_data, many
        self.excel, self.dedupe = excel, dedupe
        # -o FILE: every record into that one file (written at the end, atomically); -o DIR: one file per input
        self.file = output if one_file else None
        self.output = None if one_file else output
        self.held: list = []  # records kept for -o FILE or --dedupe
        self.parsed = self.failed = self.with_warnings = self.skipped = 0
        self.targets: dict[Any, Path] = {}  # job → output path, when writing files

    def go(self) -> int:
        from seminar_parse.batch import plan_outputs, remove_stale_temporaries, run_all
        from seminar_parse.emit import EXTENSIONS, StreamWriter

        started = time.monotonic()
        todo = self.jobs
        parquet_file = self.output if self.fmt == "parquet" else None  # one file for the whole run
        parquet = parquet_file is not None
        if parquet_file is not None and parquet_file.exists() and not self.force:
            todo = []
            if self.skip_existing:
                self.skipped = len(self.jobs)
            else:
                self.reporter.error(f"{shown_path(parquet_file)}: exists (use --force or --skip-existing)")
                self.failed += 1
        elif self.output is not None and not parquet:
            targets, errors = plan_outputs(self.output, self.jobs, EXTENSIONS[self.fmt])
            for message in errors:
                self.reporter.error(message)
            self.failed += len(errors)
            if self.skip_existing:  # a resume: what a killed run left half-written goes first
                stale = remove_stale_temporaries(list(targets.values()))
                if stale:
                    self.reporter.note(f"removed {stale} temporary file{'s' * (stale != 1)} left by an earlier run")
            todo = []
            existing = 0
            for index, job in enumerate(self.jobs):
                target = targets.get(index)
                if target is None:
                    continue
                if target.exists() and not self.force:
                    if self.skip_existing:
                        self.skipped += 1
                    else:
                        existing += 1
                    continue
                self.targets[job] = target
                todo.append(job)
            if existing:
                self._report_existing(existing, len(targets))
        elif self.file is not None and self.file.exists() and not self.force:
            if self.skip_existing:
                self.reporter.note(f"{shown_path(str(self.file))} exists: nothing to do (--skip-existing)")
                return self.failed
            self.reporter.error(f"{shown_path(str(self.file))}: output exists (--force overwrites it)")
            return self.failed + 1
        to_stdout = self.output is None and self.file is None and not self.dedupe
        writer: Any = StreamWriter(sys.stdout, self.fmt, many=self.many, excel=self.excel) if to_stdout else None
        if parquet_file is not None and todo:
            from seminar_parse.parquet import ParquetWriter

            writer = ParquetWriter(parquet_file, overwrite=self.force)
        progress = self._progress(len(todo))
        interrupted = 0
        try:
            for outcome in run_all(todo, self.options, workers=self.workers, stdin_data=self.stdin_data):
                self._handle(outcome, writer)
                if progress:
                    progress[0].update(progress[1], advance=1, failures=self.failed)
                if self.fail_fast and self.failed:
                    break
            if parquet and writer:
                self._close_file(writer)
            elif writer:
                _to_stdout(writer.close)
            elif not interrupted and (self.file is not None or self.dedupe):
                self._write_held()
        except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM / SIGHUP (batch.Interrupted)
            interrupted = getattr(stop, "exit_code", 130)
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except _StdoutFailed as failure:  # a full disk (> /dev/full), a closed descriptor, an I/O error
            _silence_stdout()
            if progress:
                progress[0].stop()
            self.reporter.error(f"stdout: cannot write ({failure.error.strerror or failure.error})")
            raise typer.Exit(1) from None
        finally:
            if progress:
                progress[0].stop()
        self._summary(time.monotonic() - started)
        if interrupted:
            self.reporter.error("interrupted")
            raise typer.Exit(interrupted)
        return self.failed

    def _handle(self, outcome, writer) -> None:  # type: ignore[no-untyped-def]
        from seminar_parse.batch import write_atomic
        from seminar_parse.emit import render_many

        if outcome.error:
            self.failed += 1
            self.reporter.error(outcome.error, outcome.trace)
            return
        if outcome.warnings:
            self.with_warnings += 1
            if self.reporter.verbose:
                for warning in outcome.warnings:
                    self.reporter.note(f"{outcome.job.path}: warning: {warning}")
        if writer is not None:
            for record in outcome.records:
                _to_stdout(writer.write, record)
        elif self.output is None:
            self.held.extend(outcome.records)
        else:
            target = self.targets[outcome.job]
            try:
                write_atomic(target, render_many(outcome.records, self.fmt, excel=self.excel), overwrite=self.force)
            except FileExistsError:  # written by someone else since the run started: never overwritten
                if self.skip_existing:
                    self.skipped += 1
                    return
                self.failed += 1
                self.reporter.error(f"{shown_path(outcome.job.path)}: output {shown_path(target)} exists"
                                    " (use --force or --skip-existing)")
                return
            except OSError as error:
                self.failed += 1
                self.reporter.error(f"{shown_path(outcome.job.path)}: cannot write output ({error.strerror or error})")
                return
        self.parsed += 1

    def _report_existing(self, existing: int, total: int) -> None:
        """A re-run into a finished folder: one line for all the outputs that are there, not one per file. A
        folder where every output exists is finished, not failed (exit 0); when only some exist, the inputs
        not written count as failed."""
        where = shown_path(str(self.output))
        every = "all " if existing == total else ""
        self.reporter.error(f"{where}: {every}{existing} of {total} outputs exist; --force overwrites them, "
                            "--skip-existing keeps them and writes only the missing ones")
        if existing != total:
            self.failed += existing

    def _write_held(self) -> None:
        """The records kept back (for -o FILE or --dedupe), merged when asked, to the file or to stdout."""
        from seminar_parse.batch import dedupe, write_atomic
        from seminar_parse.emit import StreamWriter

        records = self.held
        if self.dedupe:
            records, merges = dedupe(records)
            for message in merges:
                self.reporter.error(f"warning: {message}")
        if self.file is None:
            writer = StreamWriter(sys.stdout, self.fmt, many=self.many, excel=self.excel)
            for record in records:
                _to_stdout(writer.write, record)
            _to_stdout(writer.close)
            return
        buffer = io.StringIO()  # the file gets what stdout would have got
        writer = StreamWriter(buffer, self.fmt, many=self.many, excel=self.excel)
        for record in records:
            writer.write(record)
        writer.close()
        content = buffer.getvalue()
        try:
            write_atomic(self.file, content, overwrite=self.force)
        except FileExistsError:
            self.failed += 1
            self.reporter.error(f"{shown_path(str(self.file))}: output exists (--force overwrites it)")
        except OSError as error:
            self.failed += 1
            self.reporter.error(f"{shown_path(str(self.file))}: cannot write output ({error.strerror or error})")

    def _close_file(self, writer) -> None:  # type: ignore[no-untyped-def]
        """Write the one output file of the run (Parquet); its inputs count as failed if it cannot be."""
        try:
            writer.close()
        except FileExistsError:
            self.reporter.error(f"{shown_path(str(self.output))}: exists (use --force or --skip-existing)")
            self.failed, self.parsed = self.failed + self.parsed, 0
        except OSError as error:
            self.reporter.error(f"{shown_path(str(self.output))}: cannot write output ({error.strerror or error})")
            self.failed, self.parsed = self.failed + self.parsed, 0

    def _progress(self, total: int):  # type: ignore[no-untyped-def]
        if not self.reporter.progress_wanted(total):
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task):  # type: ignore[no-untyped-def]
                return Text(f"{task.speed or 0:.0f} files/s")

        progress = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                            TextColumn("failed: {task.fields[failures]}"), TimeRemainingColumn(),
                            console=self.reporter.console, transient=True)
        task = progress.add_task("parse", total=total, failures=0)
        progress.start()
        return progress, task

    def _summary(self, seconds: float) -> None:
        if not (self.many or self.output is not None or self.file is not None) or self.reporter.quiet:
            return
        parts = [f"parsed {self.parsed}", f"failed {self.failed}", f"with warnings {self.with_warnings}"]
        if self.skipped:
            parts.append(f"skipped {self.skipped}")
        self.reporter.note(f"{', '.join(parts)} in {seconds:.1f}s")


def _explain(jobs, options, stdin_data, reporter) -> int:  # type: ignore[no-untyped-def]
    """The --explain view on stdout, one announcement after another; returns the number that failed."""
    from rich.console import Console

    from seminar_parse.errors import InputError
    from seminar_parse.explain import render_explain
    from seminar_parse.pipeline import parse_bytes_all, parse_path_all

    console = Console(highlight=False, no_color="NO_COLOR" in os.environ)
    failed = 0
    try:
        for job in jobs:
            try:
                records = parse_bytes_all(stdin_data or b"", None, options) if job.path == "-" else \
                    parse_path_all(job.path, options)
            except InputError as error:
                reporter.error(str(error))
                failed += 1
                continue
            for record in records:
                console.rule(shown_path(job.path))
                render_explain(record, console)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        _silence_stdout()
        reporter.error(f"stdout: cannot write ({error.strerror or error})")
        return failed + 1
    return failed


def _dask_run(inputs, options, address, output, fmt, force, skip_existing, extensions, reporter) -> int:  # type: ignore[no-untyped-def]
    """--dask: inputs listed here, parsed on the cluster (:mod:`seminar_parse.distributed`); the exit status."""
    from seminar_parse import distributed
    from seminar_parse.batch import stop_on_signals
    from seminar_parse.emit import StreamWriter

    if output is not None and fmt not in distributed.PART_FORMATS:
        raise typer.BadParameter(f"with --dask, -o writes {' or '.join(distributed.PART_FORMATS)} parts",
                                 param_hint="'--format'")
    if "-" in inputs:
        raise typer.BadParameter("with --dask the workers read the inputs: stdin cannot be one", param_hint="PATH")
    # An fsspec URL given to -o (s3://bucket/out) arrives as a Path, which folds "//" into "/".
    out = None if output is None else re.sub(r"^([A-Za-z][\w+.-]+):/(?!/)", r"\1://", str(output))
    started = time.monotonic()
    jobs, problems = distributed.list_inputs(inputs, extensions=extensions,
                                             exclude=output if out and "://" not in out else None)
    for path, reason in problems:
        reporter.error(f"{shown_path(path)}: {reason}")
    writer = StreamWriter(sys.stdout, fmt, many=True) if output is None else None
    bar: list = []

    def begin(total: int) -> None:
        if reporter.progress_wanted(total):
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            progress = Progress(TextColumn("partitions"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=reporter.console, transient=True)
            bar.extend([progress, progress.add_task("parts", total=total)])
            progress.start()

    def _advance() -> None:
        if bar:
            bar[0].update(bar[1], advance=1)

    def emit(records: list) -> None:
        for record in records:
            _to_stdout(writer.write, record)  # type: ignore[union-attr]

    try:
        with stop_on_signals(), distributed.connect(address) as client:
            link = distributed.dashboard_link(client)
            reporter.note(f"dask: {len(jobs)} inputs on {address}" + (f"; dashboard: {link}" if link else ""))
            summary = distributed.run(client, jobs, options, output=out, fmt=fmt, force=force,
                                      skip_existing=skip_existing, known_failures=problems, error=reporter.error,
                                      started=begin, advance=_advance,
                                      emit=emit)
            if writer:
                _to_stdout(writer.close)
    except distributed.DaskUnavailable as error:
        reporter.error(str(error))
        return 1
    except KeyboardInterrupt as stop:
        reporter.error("interrupted")
        return getattr(stop, "exit_code", 130)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except _StdoutFailed as failure:
        _silence_stdout()
        reporter.error(f"stdout: cannot write ({failure.error.strerror or failure.error})")
        return 1
    finally:
        if bar:
            bar[0].stop()
    if not reporter.quiet:
        parts = [f"parsed {summary.parsed}", f"failed {summary.failed + len(problems)}",
                 f"with warnings {summary.with_warnings}"] + ([f"skipped {summary.skipped}"] if summary.skipped else [])
        reporter.note(f"{', '.join(parts)} in {time.monotonic() - started:.1f}s ({summary.parts} partitions)")
    return 1 if summary.failed or problems else 0


class _StdoutFailed(Exception):
    """Writing records to stdout failed (not a closed pipe): told apart from other OSErrors of a run."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _to_stdout(write, *args) -> None:  # type: ignore[no-untyped-def]
    try:
        write(*args)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _StdoutFailed(error) from error


def _silence_stdout() -> None:
    """After the reader went away (``| head``), let Python's exit flush into /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point."""
    app(prog_name="seminar-parse")


if __name__ == "__main__":  # ``python -m seminar_parse.cli`` as well as ``python -m seminar_parse``
    main()
