"""``--explain``: the cleaned announcement with each value's evidence highlighted, then a table of values.

A wrong value is debugged by seeing where it was read: the text shows the spans (one colour per field,
with a legend; where the console shows no colour, under NO_COLOR or in a pipe, each span is also
bracketed ``⟦field: …⟧``), the table gives each value and the line numbers of its evidence, and the parser's
warnings close it. Only this module (imported lazily by the CLI) needs rich at import time.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from seminar_parse.record import Evidence, Record

# One style per evidence field; black on a background reads on dark and light terminals alike. The short
# fields are underlined too, so a reader who cannot tell the colours apart still sees where a value is.
FIELD_STYLES: dict[str, str] = {
    "title": "bold underline black on yellow",
    "speakers": "bold underline black on cyan",
    "start": "underline black on green",
    "end": "underline black on bright_green",
    "venue": "underline black on magenta",
    "online": "underline black on bright_blue",
    "host": "underline black on bright_red",
    "series": "underline black on bright_yellow",
    "abstract": "italic bright_white on grey23",
    "bio": "italic bright_white on grey35",
    "links": "underline blue",
}
_OTHER_STYLE = "underline black on white"
# Without colour (NO_COLOR, a pipe, a dumb terminal) every span is bracketed: "⟦title: Deep Nets⟧".
OPEN_MARK, CLOSE_MARK = "⟦", "⟧"  # a field an extractor may add later, before it gets its own colour
# Where each table row's lines come from: the end time is usually read in the same span as the start.
_EVIDENCE_FOR = {"end": ("end", "start"), "location.online": ("online",)}
_PREVIEW_CHARS = 160
_ANCHOR_CHARS = 40  # characters matched at each end when finding the abstract/bio in the cleaned text


def field_style(field: str) -> str:
    return FIELD_STYLES.get(field, _OTHER_STYLE)


def all_evidence(record: Record) -> tuple[Evidence, ...]:
    """The extractors' evidence, plus the abstract, bio and links located in the cleaned text (they carry none)."""
    found = [e for e in record.evidence if 0 <= e.start < e.end <= len(record.cleaned_text)]
    for field, value in (("abstract", record.abstract), ("bio", record.bio)):
        span = _locate(value, record.cleaned_text) if value else None
        if span:
            found.append(Evidence(field, *span))
    for link in record.links:  # links hidden by markup ("[paper](url)") are not in the text: no span
        at = record.cleaned_text.find(link)
        if at >= 0:
            found.append(Evidence("links", at, at + len(link)))
    return tuple(found)


def highlighted_text(record: Record) -> Text:
    """``record.cleaned_text`` with every evidence span styled by its field (offsets unchanged)."""
    text = Text(record.cleaned_text)
    # Long prose first, so a name inside the bio keeps its own colour on top.
    for item in sorted(all_evidence(record), key=lambda e: e.start - e.end):
        text.stylize(field_style(item.field), item.start, item.end)
    return text


def marked_text(record: Record) -> Text:
    """``record.cleaned_text`` with every evidence span bracketed and named, ``⟦venue: Room 5⟧``, for a
    console that shows no colour. Brackets hold no newline, so line numbers stay the record's."""
    text = record.cleaned_text
    inserts: list[tuple[int, int, str]] = []  # (offset, order, mark): closes before opens at one offset
    for item in all_evidence(record):
        inserts.append((item.start, 1, f"{OPEN_MARK}{item.field}: "))
        inserts.append((item.end, 0, CLOSE_MARK))
    out: list[str] = []
    at = 0
    for offset, _, mark in sorted(inserts, key=lambda i: (i[0], i[1])):
        out.append(text[at:offset])
        out.append(mark)
        at = offset
    out.append(text[at:])
    return Text("".join(out))


def line_numbers(text: str, start: int, end: int) -> list[int]:
    """1-based numbers of the lines that ``text[start:end]`` touches."""
    starts = _line_starts(text)
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_right(starts, max(start, end - 1)) - 1
    return list(range(first + 1, last + 2))


def render_explain(record: Record, console: Console) -> None:
    """Print the highlighted text with line numbers, a legend, and the value table with warnings."""
    evidence = all_evidence(record)
    console.print(Rule("cleaned text"))
    plain = console.no_color or console.color_system is None
    console.print(_numbered(marked_text(record) if plain else highlighted_text(record)))
    console.print(_legend(evidence))
    console.print(Rule("fields"))
    console.print(_table(record, evidence))
    if record.choices:
        console.print(Rule("decisions"))
        console.print(_decisions(record))


def _numbered(text: Text) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for number, line in enumerate(text.split("\n", allow_blank=True), start=1):
        grid.add_row(str(number), line)
    return grid


def _legend(evidence: Iterable[Evidence]) -> Text:
    fields = list(dict.fromkeys(item.field for item in evidence))
    legend = Text("legend: ", style="bold")
    for field in fields:
        legend.append(f" {field} ", style=field_style(field))
        legend.append(" ")
    if not fields:
        legend.append("no evidence recorded", style="dim")
    else:
        legend.append(f"(without colour: {OPEN_MARK}field: …{CLOSE_MARK})", style="dim")
    return legend


def _table(record: Record, evidence: tuple[Evidence, ...]) -> Table:
    table = Table(show_lines=False, expand=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold", max_width=80)
    table.add_column("line(s)", justify="right", no_wrap=True)
    for field, value in _values(record):
        key, lines = _evidence_lines(record.cleaned_text, evidence, field)
        style = field_style(key) if key else "bold"  # the colour of the spans it was read from, if any
        table.add_row(Text(field, style=style), Text(value), lines)
    if record.warnings:
        table.add_section()
        table.add_row(Text("warnings", style="bold yellow"), Text("\n".join(record.warnings), style="yellow"), "")
    return table


def _decisions(record: Record) -> Table:
    """Each resolved field: the winner and the runners-up, with the rule, the score and the weights behind it."""
    table = Table(show_lines=False, expand=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("candidate", overflow="fold", max_width=50)
    table.add_column("why (rule and features, with their weights)", overflow="fold", max_width=60)
    for choice in record.choices:
        rows = [("✔ chosen", choice.winner)] if choice.winner else []
        rows += [("✘ lost", item) for item in choice.runners_up]
        if not rows:
            continue
        for number, (mark, item) in enumerate(rows):
            table.add_row(choice.field if number == 0 else "", mark, f"{item.score:g}", _preview(item.value) or "",
                          item.why() or f"rule:{item.rule}")
        table.add_section()
    return table


def _values(record: Record) -> list[tuple[str, str]]:
    """(field, shown value) for every field that has a value, in the record's order."""
    online = record.location.online
    speakers = "\n".join(
        ", ".join(part for part in (s.name, s.position, s.affiliation, s.email, s.url) if part)
        for s in record.speakers
    )
    # one line per channel, each with its own id and passcode: "meeting: Tencent Meeting, ID 852331709, passcode 1205"
    online_text = "\n".join(
        f"{channel.role}: " + ", ".join(p for p in (channel.platform, channel.url,
                                                   channel.meeting_id and f"ID {channel.meeting_id}",
                                                   channel.passcode and f"passcode {channel.passcode}") if p)
        for channel in online) or None
    rows = [
        ("language", record.language), ("event_type", record.event_type), ("series", record.series),
        ("title", record.title), ("speakers", speakers or None), ("start", record.start), ("end", record.end),
        ("timezone", record.timezone), ("attendance", record.attendance), ("venue", record.location.venue),
        ("location.online", online_text), ("host", record.host),
        ("abstract", _preview(record.abstract)), ("bio", _preview(record.bio)),
        ("links", "\n".join(record.links) or None),
    ]
    return [(field, value) for field, value in rows if value]


def _evidence_lines(cleaned: str, evidence: tuple[Evidence, ...], field: str) -> tuple[str | None, str]:
    """The evidence field a table row was read from and its line numbers, or ``(None, "–")``."""
    for key in _EVIDENCE_FOR.get(field, (field,)):
        numbers = sorted({n for e in evidence if e.field == key for n in line_numbers(cleaned, e.start, e.end)})
        if numbers:
            return key, _ranges(numbers)
    return None, "–"


def _ranges(numbers: list[int]) -> str:
    """``[3, 7, 8, 9]`` → ``3, 7–9``."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _preview(value: str | None) -> str | None:
    if not value:
        return None
    flat = " ".join(value.split())
    return flat if len(flat) <= _PREVIEW_CHARS else flat[: _PREVIEW_CHARS - 1].rstrip() + "…"


@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines begin; cached, as every table row asks again about the same text."""
    return (0, *(m.end() for m in re.finditer("\n", text)))


def _locate(value: str, cleaned: str) -> tuple[int, int] | None:
    """Span of a joined section in the cleaned text, where it is not a substring: wrapped lines were
    rejoined with a space (or, for Chinese, with nothing). Its first and last characters, whitespace
    ignored, anchor the two ends; the span must be long enough to hold all of the value's characters.
    """
    chars = "".join(value.split())
    if not chars:
        return None
    head = _spaced_pattern(chars[:_ANCHOR_CHARS])
    tail = _spaced_pattern(chars[-_ANCHOR_CHARS:])
    first = head.search(cleaned)
    if not first:
        return None
    shortest_end = first.start() + len(chars)
    last = next((m for m in tail.finditer(cleaned, first.start()) if m.end() >= shortest_end), None)
    return (first.start(), last.end()) if last else None


def _spaced_pattern(chars: str) -> re.Pattern[str]:
    """``"ab"`` → ``a\\s*b``: each literal is followed by a literal, so it cannot backtrack badly."""
    return re.compile(r"\s*".join(re.escape(char) for char in chars))
