"""``--explain``: evidence spans carry their field's style; the table's line numbers point at the values."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from seminar_parse.explain import FIELD_STYLES, all_evidence, highlighted_text, line_numbers, render_explain
from seminar_parse.pipeline import parse_path
from seminar_parse.record import Evidence, Record, Source, Speaker
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def record() -> Record:
    return parse_path(ROOT / "samples" / "en-flattened-table.txt")


def _console() -> Console:
    return Console(record=True, width=120, color_system="truecolor", file=io.StringIO())


def _styles_at(text: Text, start: int, end: int) -> list[Style]:
    """Styles of the spans that cover all of ``[start, end)``."""
    return [Style.parse(str(s.style)) for s in text.spans if s.start <= start and s.end >= end]


def _table_rows(exported: str) -> dict[str, tuple[str, str]]:
    """``field → (value, lines)`` from the first line of each row of the exported fields table."""
    rows: dict[str, tuple[str, str]] = {}
    for line in exported.split("\n"):
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) == 5 and cells[1] and cells[1] not in rows:
            rows[cells[1]] = (cells[2], cells[3])
    return rows


def test_speaker_evidence_is_styled_as_speaker(record: Record) -> None:
    text = highlighted_text(record)
    assert text.plain == record.cleaned_text  # offsets are the record's own
    speakers = [e for e in record.evidence if e.field == "speakers"]
    assert speakers
    for item in speakers:
        assert "Asante-Boateng" in record.cleaned_text[item.start:item.end]
        assert Style.parse(FIELD_STYLES["speakers"]) in _styles_at(text, item.start, item.end)


def test_every_evidence_span_gets_its_own_field_style(record: Record) -> None:
    text = highlighted_text(record)
    fields = {e.field for e in record.evidence}
    assert {"title", "speakers", "start", "venue", "host"} <= fields
    assert len({FIELD_STYLES[f] for f in fields}) == len(fields)  # one colour per field
    for item in record.evidence:
        assert Style.parse(FIELD_STYLES[item.field]) in _styles_at(text, item.start, item.end), item
    unstyled = record.cleaned_text.index("Category: Seminars")
    assert not _styles_at(text, unstyled, unstyled + 1)


def test_abstract_bio_and_links_are_located_in_the_text(record: Record) -> None:
    found = {e.field: e for e in all_evidence(record)}
    abstract, bio, link = found["abstract"], found["bio"], found["links"]
    assert record.cleaned_text[abstract.start:].startswith("Conformal prediction gives distribution-free")
    assert record.cleaned_text[:abstract.end].endswith("both the gains and the limits of the approach.")
    assert record.cleaned_text[bio.start:bio.end].startswith("Kwame Asante-Boateng is an Assistant Professor")
    assert record.cleaned_text[link.start:link.end] == "https://arxiv.org/abs/2403.11957"


def test_table_lists_values_with_the_lines_they_were_read_from(record: Record) -> None:
    console = _console()
    render_explain(record, console)
    rows = _table_rows(console.export_text())
    lines = record.cleaned_text.split("\n")

    value, numbers = rows["title"]
    assert value == "Conformal Prediction for Dependent Spatial Data" == record.title
    assert re.fullmatch(r"\d+", numbers)
    assert record.title in lines[int(numbers) - 1]

    value, numbers = rows["speakers"]
    assert value.startswith("Kwame Asante-Boateng")
    assert "Asante-Boateng" in lines[int(numbers) - 1]

    value, numbers = rows["venue"]
    assert "Ontario Power Building, Room OPB 253" in lines[int(numbers) - 1]
    assert rows["host"][0] == "Lindiwe Mahlangu"
    assert rows["abstract"][1] == "21–30"  # a range for a multi-line span

    assert "timezone" not in rows and "location.online" not in rows  # only fields with a value
    assert "warnings" not in rows


def test_highlighted_text_is_printed_with_line_numbers_and_colours(record: Record) -> None:
    console = _console()
    render_explain(record, console)
    exported = console.export_text(clear=False)
    assert " 8 Speaker: Dr. Kwame Asante-Boateng" in exported
    assert "legend:" in exported and " speakers " in exported
    html = console.export_html(inline_styles=True)
    speaker_css = Style.parse(FIELD_STYLES["speakers"]).get_html_style()
    assert f'<span style="{speaker_css}">Dr. Kwame Asante-Boateng</span>' in html
    title_css = Style.parse(FIELD_STYLES["title"]).get_html_style()
    assert f'<span style="{title_css}">Conformal Prediction for Dependent Spatial Data</span>' in html


def test_warnings_close_the_table() -> None:
    record = parse_path(ROOT / "samples" / "en-rescheduled.txt")
    assert record.warnings
    console = _console()
    render_explain(record, console)
    exported = console.export_text()
    rows = _table_rows(exported)
    assert "warnings" in rows
    assert list(rows)[-1] == "warnings"
    assert rows["warnings"][0].startswith(record.warnings[0][:40])


def test_line_numbers() -> None:
    text = "one\ntwo\n\nfour"
    assert line_numbers(text, 0, 3) == [1]
    assert line_numbers(text, 4, 7) == [2]
    assert line_numbers(text, 2, 6) == [1, 2]
    assert line_numbers(text, 10, 14) == [4]
    assert line_numbers(text, 3, 4) == [1]  # the newline itself belongs to the line it ends


def test_odd_records_render() -> None:
    text = "Title: [bold]not markup[/bold]\nSpeaker: Jane Roe"
    record = Record(
        source=Source(None, "0" * 64, "utf-8"),
        title="[bold]not markup[/bold]",
        speakers=(Speaker("Jane Roe"),),
        warnings=("a doubt",),
        evidence=(Evidence("title", 7, 30), Evidence("speakers", 40, 48), Evidence("venue", 90, 99),
                  Evidence("mystery", 0, 5)),
        cleaned_text=text,
    )
    console = _console()
    render_explain(record, console)
    exported = console.export_text()
    assert "[bold]not markup[/bold]" in exported  # printed literally, never read as rich markup
    rows = _table_rows(exported)
    assert rows["title"][1] == "1" and rows["speakers"][1] == "2"
    assert rows["warnings"][0] == "a doubt"
    assert "venue" not in rows  # evidence outside the text is ignored, and there is no venue value
    render_explain(Record(source=Source(None, "0" * 64, "utf-8")), _console())  # nothing at all
