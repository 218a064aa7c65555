"""HTML pages → announcement text: detection, furniture removal, table rows as labels, links, robustness."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminar_parse.html_input import html_to_text, looks_like_html
from tests.conftest import SAMPLES


def _lines(html: str) -> list[str]:
    return html_to_text(html)[0].split("\n")


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>x</title></head><body>{body}</body></html>"


# looks_like_html --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "<!DOCTYPE html>\n<html><body>Talk</body></html>",
    "<!doctype HTML><title>x</title>",
    "<html lang='en'>\n<p>Talk</p>",
    '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    "<body>\nSpeaker: Jane Roe\n</body>",
    "<p>Speaker: Jane Roe</p>\n<p>Date: March 19</p>\n<p>Room 5</p>",
    "<div class='event'>Speaker: Jane Roe<br>Date: March 19<br/>Room 5</div>",
    "<table><tr><td>Date</td><td>March 19</td></tr></table>",
    "<H1>Talk</H1><P>Speaker: Jane</P><P>Room 5</P>",
], ids=["doctype", "doctype-lower", "html-tag", "xhtml", "body", "paragraphs", "div-and-br", "table", "upper-case"])
def test_looks_like_html_true(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    "",
    "Speaker: Jane Roe\nDate: March 19, 2024\nRoom 5",
    "**Speaker:** Jane Roe\n\n<u>Title:</u> Sparse models\n\nAbstract: we show that a < b and c > d.",
    "Speaker: Jane Roe<br>\nDate: March 19<br>\nRoom 5",
    "Title: <b>Sparse</b> models, <i>really</i> <span>sparse</span>",
    "See the <p> tag docs; x<y and y>z.",
    "讲座主题：单原子催化剂\n主讲人：何嘉禾<br>",
], ids=["empty", "plain", "markdown-with-u", "stray-br", "inline-tags-only", "prose-about-tags", "chinese-br"])
def test_looks_like_html_false(text: str) -> None:
    assert not looks_like_html(text)


# The sample pages -------------------------------------------------------------------------------

def test_department_page_keeps_the_talk_and_drops_the_furniture() -> None:
    text, links = html_to_text((SAMPLES / "html-department-page.html").read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert "Learning Dynamics of Sparse Mixture-of-Experts Models" in lines  # <h1> on a line of its own
    assert "Distinguished Lecture Series in Machine Learning" in lines  # the <article>'s own <header> stays
    assert "Speaker: Dr. Priya Natarajan-Holt, Carnegie Mellon University" in lines  # <strong> label, one line
    assert "Date: Friday, June 7, 2024" in lines
    assert "Time: 11:00 am – 12:15 pm" in lines  # &nbsp;&ndash;&nbsp; decoded
    assert "Location: Halvorsen Hall, Room 1120" in lines
    assert "Host: Prof. Tomasz Wierzbicki" in lines
    assert "Abstract" in lines and "Speaker Bio" in lines
    assert any(line.startswith("Sparse mixture-of-experts layers let") for line in lines)
    assert any(line.startswith("In this talk I will present a tractable model") for line in lines)
    for furniture in (
        "gtag", "dataLayer", "Speaker: Nobody", "font-weight",  # <script>, <style>
        "Skip to main content", "cookies", "Log in", "Search",  # skip link, cookie banner, site header, form
        "PhD Program", "Academics", "Colloquium",  # menu and breadcrumb <nav>
        "Share on", "Upcoming Events", "June 14", "Theory Seminar",  # share links, sidebar <aside>
        "Add to calendar", "All rights reserved", "Campus Drive", "Twitter",  # article and site footers
    ):
        assert furniture not in text, furniture
    assert links == ("https://arxiv.org/abs/2405.01234",)


def test_table_layout_page_rows_become_label_lines() -> None:
    text, links = html_to_text((SAMPLES / "html-table-layout.html").read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert "Applied Mathematics Seminar" in lines
    for row in (
        "Title: Mixing Times of Stochastic Gradient Langevin Dynamics on Non-Convex Landscapes",
        "Speaker: Prof. Henrik Solberg-Aas",
        "Affiliation: Norwegian University of Science and Technology",
        "Date: Tuesday, March 19, 2024",
        "Time: 4:00 pm - 5:00 pm (tea at 3:30 pm in the lounge)",  # <BR> in a cell: a space, one line
        "Room: Eckhart Hall, Room 308",
        "Organizer: Prof. Marguerite Beaumont",
    ):
        assert row in lines, row
    assert "Abstract" in lines and "Biography" in lines
    assert lines.index("Date: Tuesday, March 19, 2024") == lines.index("Speaker: Prof. Henrik Solberg-Aas") + 2
    assert "Home > Seminars > Applied Mathematics" in lines  # a breadcrumb in <FONT>: clean.py's to drop
    for furniture in ("popup", "background-color", "People", "Courses", "Contact", "Last modified", "webmaster"):
        assert furniture not in text, furniture  # script, style, menu cell, full-width footer row
    assert links == ("https://www.ntnu.example.no/solberg-aas/talks",)  # no mailto:, javascript:, relative


def test_sample_pages_are_detected() -> None:
    for name in ("html-department-page.html", "html-table-layout.html"):
        assert looks_like_html((SAMPLES / name).read_text(encoding="utf-8")), name


# Snippets ---------------------------------------------------------------------------------------

def test_navigation_scripts_and_footer_are_dropped() -> None:
    text, _ = html_to_text(_page(
        "<nav><a href='/'>Home</a> | <a href='/events'>Events</a></nav>"
        "<script>var speaker = 'Speaker: Nobody';</script><style>p { color: red }</style>"
        "<noscript>Enable JavaScript</noscript>"
        "<h1>Sparse Models</h1><p>Speaker: Jane Roe</p>"
        "<footer>Contact the webmaster</footer>"
    ))
    assert text == "Sparse Models\n\nSpeaker: Jane Roe"


def test_two_cell_rows_become_label_lines_and_wider_rows_keep_cells() -> None:
    lines = _lines(_page(
        "<table>"
        "<tr><th>Date</th><td>Tuesday, March 19, 2024</td></tr>"
        "<tr><td>Time:</td><td>3:00 - 4:00 pm</td></tr>"
        "<tr><td></td><td></td></tr>"
        "<tr><td colspan=2>Refreshments served</td></tr>"
        "<tr><td>Mar 26</td><td>Jane Roe</td><td>Sparse Models</td></tr>"
        "</table>"
    ))
    assert lines == ["Date: Tuesday, March 19, 2024", "Time: 3:00 - 4:00 pm", "Refreshments served",
                     "Mar 26 | Jane Roe | Sparse Models"]


def test_layout_cells_with_paragraphs_stay_paragraphs_under_their_label() -> None:
    lines = _lines(_page(
        "<table><tr><td>Speaker</td><td>Jane Roe</td></tr>"
        "<tr><td>Abstract</td><td><p>First paragraph.</p><p>Second paragraph.</p></td></tr></table>"
    ))
    assert [line for line in lines if line] == ["Speaker: Jane Roe", "Abstract:", "First paragraph.",
                                                "Second paragraph."]


def test_nested_data_table_inside_a_layout_table() -> None:
    text, _ = html_to_text(_page(
        "<table><tr><td class='left'><p>Welcome</p></td><td>"
        "<h1>Sparse Models</h1><table><tr><td>Venue</td><td>Room 5</td></tr></table>"
        "</td></tr></table>"
    ))
    assert "Venue: Room 5" in text.split("\n")
    assert "Sparse Models" in text.split("\n")


def test_headings_lists_and_definition_lists() -> None:
    lines = _lines(_page(
        "<h2>Schedule</h2><ul><li>Coffee</li><li>Talk <ol><li>Part one</li></ol></li></ul>"
        "<dl><dt>Host</dt><dd>Prof. Bob Hale</dd></dl>"
    ))
    assert [line for line in lines if line] == ["Schedule", "Coffee", "Talk", "Part one", "Host: Prof. Bob Hale"]


def test_bold_labels_run_together_start_their_own_lines() -> None:
    lines = _lines(_page(
        "<p><strong>Speaker:</strong> Jane Roe, MIT <b>Date:</b> March 19, 2024 <b>Note:</b> bring a mug</p>"
    ))
    assert lines == ["Speaker: Jane Roe, MIT", "Date: March 19, 2024 Note: bring a mug"]  # only known labels


def test_links_are_absolute_unique_and_in_order() -> None:
    _, links = html_to_text(_page(
        "<p><a href='https://b.example/paper'>paper</a> <a href='/relative'>rel</a> "
        "<a href='mailto:x@example.org'>mail</a> <a href=' https://a.example/zoom '>zoom</a> "
        "<a href='https://b.example/paper'>again</a> <a>no href</a> <a href='HTTP://c.example'>c</a></p>"
    ))
    assert links == ("https://b.example/paper", "https://a.example/zoom", "HTTP://c.example")


def test_main_content_is_preferred_but_not_without_the_title() -> None:
    text, _ = html_to_text(_page("<div>Unrelated promo</div><main><h1>Talk</h1><p>Speaker: Jane</p></main>"))
    assert text == "Talk\n\nSpeaker: Jane"
    text, _ = html_to_text(_page("<div><h1>Talk</h1></div><main><p>Speaker: Jane</p></main>"))
    assert "Talk" in text and "Speaker: Jane" in text


def test_content_survives_greedy_furniture_guesses() -> None:
    # A page-level <header> holding the only <h1>, a body class "has-sidebar", an ASP.NET page-wide <form>.
    text, _ = html_to_text(
        "<html><body class='has-sidebar'><form id='aspnetForm'><header><h1>Sparse Models</h1></header>"
        "<div class='sidebar-menu'>Menu item</div><p>Speaker: Jane Roe</p></form></body></html>"
    )
    assert text == "Sparse Models\n\nSpeaker: Jane Roe"


def test_hidden_elements_are_dropped() -> None:
    text, _ = html_to_text(_page(
        "<p>Speaker: Jane</p><div hidden>Speaker: Ghost</div><div style='display:none'>Speaker: Phantom</div>"
        "<span aria-hidden='true'>★</span>"
    ))
    assert text == "Speaker: Jane"


def test_chinese_page() -> None:
    lines = _lines(_page(
        "<div class='breadcrumb'>首页 &gt; 学术讲座</div><h1>单原子催化剂的精准构筑</h1>"
        "<table><tr><td>主讲人：</td><td>何嘉禾　研究员</td></tr>"
        "<tr><td>时间</td><td>2024年3月19日 14:00</td></tr></table>"
    ))
    # The full-width colon is kept; the ideographic space becomes " ", as inscriptis does in running text.
    assert lines == ["单原子催化剂的精准构筑", "", "主讲人： 何嘉禾 研究员", "时间: 2024年3月19日 14:00"]


# Robustness -------------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "", "   \n ", "<!-- nothing -->", "<html></html>", "<html><head><script>x()</script></head></html>",
    "<nav>Home</nav><footer>(c)</footer>",
])
def test_empty_documents_give_empty_text(html: str) -> None:
    assert html_to_text(html) == ("", ())


@pytest.mark.parametrize(("html", "expected"), [
    ("<p><div><table><tr><td>Speaker: Jane", "Speaker: Jane"),
    ("<p>Speaker: Jane</b></i></table></html></p>", "Speaker: Jane"),
    ('<?xml version="1.0" encoding="utf-8"?><html><body><p>Speaker: Jane</p></body></html>', "Speaker: Jane"),
    ("<p>Speaker:\x00 Jane</p>", "Speaker: Jane"),
    ("<<<>>> <p>Speaker: Jane", "<<<>>>\n\nSpeaker: Jane"),
    ("<table><tr><td>Date</td></tr><tr></tr><td>orphan</td><p>stray</p>text</table>", "Date\norphan\n\nstray\n\ntext"),
])
def test_malformed_html(html: str, expected: str) -> None:
    assert html_to_text(html)[0] == expected


def test_deep_nesting_keeps_the_text() -> None:
    text, _ = html_to_text(_page("<p>before</p>" + "<div>" * 1500 + "deep" + "</div>" * 1500 + "<p>after</p>"))
    assert text.split() == ["before", "deep", "after"]


def test_huge_document() -> None:
    rows = "".join(f"<p>Paragraph {i} &amp; words.</p><table><tr><td>Row {i}</td><td>v</td></tr></table>"
                   for i in range(15_000))
    started = time.perf_counter()
    text, _ = html_to_text(_page(f"<main>{rows}<p>The end.</p></main>"))
    assert time.perf_counter() - started < 30
    assert text.endswith("Row 14999: v\n\nThe end.")


_PIECES = [*"<>/=\"' abp&;#\x00\n", "<p>", "</td>", "<td>", "<table>", "<tr>", "<br>", "<script>", "<!--", "-->",
           "<h1>", "<b>Date:</b>", "<dt>", "<dd>", "<nav>", "<main>", "<?xml ?>", "&amp;", "é中", "https://x.org"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_never_raises(html: str) -> None:
    text, links = html_to_text(html)
    assert isinstance(text, str) and isinstance(links, tuple)
    looks_like_html(html)
