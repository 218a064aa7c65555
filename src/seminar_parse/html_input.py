"""HTML pages → announcement text, before ``clean``.

The regex tag stripping in ``clean.py`` suits text with stray tags; a real page needs a parser, or its
menus, scripts and footers become "announcement" lines and its tables come out as aligned columns the
label reader cannot split. Here lxml prunes the page furniture and rewrites layout that inscriptis would
render badly (table rows, definition lists, list bullets); inscriptis then turns the rest into text
with headings, paragraphs and ``Label: value`` lines each on a line of their own.
"""

from __future__ import annotations

import re

from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_engine import Inscriptis
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_document_state import HtmlDocumentState
from inscriptis.model.html_element import HtmlElement as CssElement
from inscriptis.model.tag import CustomHtmlTagHandlerMapping
from lxml import etree
from lxml.html import Element, HtmlElement, HTMLParser, document_fromstring

from seminar_parse import patcache
from seminar_parse.sections import label_key

# Detection ------------------------------------------------------------------------------------
_SNIFF_CHARS = 100_000
# "<!DOCTYPE html>", "<html lang=en>", "<body>", "<head>" (after an XML declaration or comments).
_DOCUMENT_TAG = patcache.compile(r"<!doctype\s+html\b|<(?:html|head|body)(?:\s[^<>]{0,500})?>", re.IGNORECASE)
# Opening block tags: "<p>", "<div class=x>", "<br/>", "<td>"; "<u>", "<b>", "<span>" do not count.
_BLOCK_OPEN = patcache.compile(
    r"<(p|div|table|tr|td|th|ul|ol|li|h[1-6]|br|hr|section|article|main|blockquote|dl|dt|dd|pre)"
    r"(?:\s[^<>]{0,500})?/?>",
    re.IGNORECASE,
)
_BLOCK_CLOSE = patcache.compile(
    r"</(?:p|div|table|tr|td|th|ul|ol|li|h[1-6]|section|article|main|blockquote|dl|dt|dd|pre)\s*>", re.IGNORECASE
)
_MIN_BLOCK_TAGS = 3

# Pruning --------------------------------------------------------------------------------------
# Never content: code, styling, widgets, page navigation and side matter.
_DROP_TAGS = (
    "head", "script", "style", "noscript", "template", "nav", "aside", "menu", "iframe", "svg",
    "button", "select", "textarea", "input", "object", "embed", "canvas", "dialog", "map",
)
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary",
                         "dialog", "alertdialog", "toolbar"})
# class/id words of menus and side matter: "main-nav", "breadcrumbs", "site_menu", "share-links".
_FURNITURE_WORDS = frozenset({"nav", "navbar", "navigation", "menu", "menubar", "megamenu", "breadcrumb",
                              "breadcrumbs", "sidebar", "cookie", "cookies", "skip", "skiplink", "share",
                              "sharing", "social"})
_WORD_SPLIT = patcache.compile(r"[\s_\-]+")
# An element holding these is the page's content; class words like "has-sidebar" must not drop it.
_CONTENT_XPATH = "self::main or self::article or self::h1 or @role='main' or .//main or .//article or .//h1" \
                 " or .//*[@role='main']"
_MAX_DEPTH = 150  # inscriptis recurses once per level; deeper markup is flattened, its text kept
# libxml2 stops building the tree at depth 2048 (256 without huge_tree) and drops everything deeper, text
# and all: tags nested deeper than this are taken out of the source before parsing; their text stays.
_MAX_SOURCE_DEPTH = 1000
# "<div class=x>", "</span>": a tag's name and whether it closes; attributes bounded, no nesting.
_SOURCE_TAG = patcache.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?=[\s/>])[^<>]{0,2000}>")
# Tags that never nest (void) or that the parser closes by itself (a new <p> ends the last one): they do
# not make the page deeper.
_FLAT_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
                        "thead", "tbody", "tfoot", "colgroup", "rt", "rp"})

# Layout rewriting -----------------------------------------------------------------------------
_BLOCK_TAGS = frozenset({"p", "div", "table", "ul", "ol", "dl", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "pre", "section", "article", "header", "footer", "main", "hr"})
_LINE_TAGS = frozenset({"br", "tr", "td", "th", "dt", "dd", "address", "center"})
_HAS_BLOCK_XPATH = " | ".join(f".//{tag}" for tag in sorted(_BLOCK_TAGS))
_MAX_LABEL_CHARS = 40  # "Date", "Speaker(s)", "Zoom link": longer first cells are data, not labels
_SPACES = patcache.compile(r"\s+")
_BLANK_RUNS = patcache.compile(r"\n{3,}")
_LABEL_END = (":", "：")


def _css() -> dict[str, CssElement]:
    """The strict (browser-like) profile, with spans kept apart and no indentation.

    Relaxed inscriptis indents every nested <div> and <ul>; announcement lines should start at the margin.
    Adjacent spans ("<span>3 pm</span><span>Room 5</span>") get a space, as in the relaxed profile.
    """
    css = CSS_PROFILES["strict"].copy()
    css["span"] = CssElement(display=Display.inline, prefix=" ", suffix=" ", limit_whitespace_affixes=True)
    for tag in ("ul", "ol", "menu"):
        css[tag] = CssElement(display=Display.block)
    for tag in ("section", "dl", "dt", "dd", "details", "summary", "caption", "center", "address"):
        css[tag] = CssElement(display=Display.block)
    return css


def _li_start(state: HtmlDocumentState, _attrs: dict[str, str]) -> None:
    """List items as plain lines: no "* " bullets for clean.py to strip again."""
    state.tags[-1].write("")


_CONFIG = ParserConfig(
    css=_css(),
    display_links=False,
    custom_html_tag_handler_mapping=CustomHtmlTagHandlerMapping({"li": _li_start}, {}),
)


def looks_like_html(text: str) -> bool:
    """True for an HTML document or fragment, false for text or markdown with a stray ``<u>`` or ``<br>``.

    Converting plain text as HTML would collapse its line breaks, so a fragment must show several block
    tags, of two kinds or closed, before it counts.
    """
    head = text[:_SNIFF_CHARS]
    if "<" not in head:
        return False
    if _DOCUMENT_TAG.search(head):
        return True
    opened = [m.group(1).lower() for m in _BLOCK_OPEN.finditer(head)]
    if len(opened) < _MIN_BLOCK_TAGS:
        return False
    return len(set(opened)) >= 2 or len(_BLOCK_CLOSE.findall(head)) >= 2


def html_to_text(html: str) -> tuple[str, tuple[str, ...]]:
    """The page's main content as lines of text, and its absolute http(s) link targets in order.

    Returns ``("", ())`` for an empty or unparseable page; never raises on bad markup.
    """
    root = _parse(html)
    if root is None:
        return "", ()
    _prune(root)
    content = _main_content(root)
    links = _links(content)
    _flatten_deep(content)
    _break_before_labels(content)
    _rewrite_definition_lists(content)
    _rewrite_tables(content)
    try:
        text = Inscriptis(content, _CONFIG).get_text()
    except RecursionError:  # pathological nesting that survived flattening: keep the words
        text = "\n".join(part.strip() for part in content.itertext())
    return _tidy(text), links


def _parse(html: str) -> HtmlElement | None:
    # lxml refuses str input that declares an encoding; decoding has been done already.
    html = re.sub(r"^\s*<\?xml[^>]{0,300}\?>", "", html, count=1)
    html = html.replace("\x00", "")
    if not html.strip():
        return None
    if html.count("<") > _MAX_SOURCE_DEPTH and _deeper_than_allowed(html):
        html = _shallow(html)
    # huge_tree: without it libxml2 stops at nesting depth 256 and silently drops the rest of the page.
    parser = HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root if isinstance(root, HtmlElement) else None


def _deeper_than_allowed(html: str) -> bool:
    """A quick look (no rewriting) whether any tag would be dropped by :func:`_shallow`; a self-closing tag
    counts as an opening one here, which can only say "deep" where _shallow then finds less."""
    depth = 0
    for closing, name in _SOURCE_TAG.findall(html):
        if name.lower() in _FLAT_TAGS:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > _MAX_SOURCE_DEPTH:
            return True
    return False


def _shallow(html: str) -> str:
    """Drop the tags nested deeper than ``_MAX_SOURCE_DEPTH`` (10,000 nested <div>s, 20,000 unclosed <b>s),
    keeping the text between them; a tag inside a comment or a script counts too, which can only flatten
    a page that deep a little more. Linear: one pass, a depth counter, no stack."""
    depth = 0

    def _keep_or_drop(match: re.Match[str]) -> str:
        nonlocal depth
        name = match.group(2).lower()
        if name in _FLAT_TAGS or match.group(0).endswith("/>"):
            return match.group(0)
        if match.group(1):  # a closing tag: the deep ones were dropped with their opening tags
            depth = max(depth - 1, 0)
            return "" if depth >= _MAX_SOURCE_DEPTH else match.group(0)
        depth += 1
        return "" if depth > _MAX_SOURCE_DEPTH else match.group(0)

    return _SOURCE_TAG.sub(_keep_or_drop, html)


def _prune(root: HtmlElement) -> None:
    """Drop code, widgets, hidden parts and page furniture (top-level header/footer, menus)."""
    page_chars = len(root.text_content())
    doomed = [element for element in root.iter() if isinstance(element.tag, str) and
              _is_furniture(root, element, page_chars)]
    for element in doomed:
        if element.getparent() is not None:  # one inside another doomed one is already detached with it
            element.drop_tree()


def _is_furniture(root: HtmlElement, element: HtmlElement, page_chars: int) -> bool:
    tag = element.tag.lower()
    if tag in ("html", "body"):
        return False
    if tag in _DROP_TAGS or element.get("role", "").strip().lower() in _DROP_ROLES:
        return True
    if tag == "form":  # ASP.NET pages wrap the whole page in one <form>: keep that one
        return not element.xpath(_CONTENT_XPATH)
    if tag == "footer":  # the page's, or an article's: tags, share and calendar links, never the talk
        return True
    if tag == "header":  # the site banner; a page without <main> may put its <h1> in <header>
        return not _inside_content(element) and not _sole_headline(root, element)
    hidden = element.get("hidden") is not None or element.get("aria-hidden", "").strip().lower() == "true"
    if not (hidden or _furniture_class(element)):
        return False
    # Guesses from attributes must not take the content with them ("<div class='has-sidebar'>").
    return not element.xpath(_CONTENT_XPATH) and len(element.text_content()) <= page_chars / 2


def _sole_headline(root: HtmlElement, header: HtmlElement) -> bool:
    inside = len(header.xpath(".//h1"))
    return inside > 0 and inside == len(root.xpath("//h1"))


def _inside_content(element: HtmlElement) -> bool:
    return any(a.tag in ("article", "main") or a.get("role") == "main" for a in element.iterancestors())


def _furniture_class(element: HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return bool(names.strip()) and not _FURNITURE_WORDS.isdisjoint(_WORD_SPLIT.split(names))


def _main_content(root: HtmlElement) -> HtmlElement:
    """<main> (or role=main, or a lone <article>) when it holds the page's headline, else <body>."""
    body = root.find("body")
    page = body if body is not None else root
    mains = page.xpath(".//main | .//*[@role='main']")
    articles = page.xpath(".//article")
    if mains:
        best = mains[0]  # document order: the outermost
    elif len(articles) == 1:
        best = articles[0]
    else:
        return page
    if len(best.xpath(".//h1")) < len(page.xpath(".//h1")):
        return page  # the title sits outside <main>: narrowing would lose it
    return best


def _links(content: HtmlElement) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for anchor in content.iter("a"):
        href = _SPACES.sub("", anchor.get("href") or "")
        if href.lower().startswith(("http://", "https://")) and len(href) > len("https://"):
            found.setdefault(href, None)
    return tuple(found)


def _flatten_deep(content: HtmlElement) -> None:
    """Elements nested deeper than inscriptis can recurse become plain text inside the last level it can
    reach: their words stay in place, a block or a cell still starts a line (one ``<pre>`` of lines), spans
    keep a space apart. Rebuilt in one pass per subtree (unwrapping one element at a time was quadratic: lxml looks each
    one up among its siblings)."""
    boundary: list[HtmlElement] = []
    stack: list[tuple[HtmlElement, int]] = [(content, 0)]
    while stack:
        element, depth = stack.pop()
        if depth == _MAX_DEPTH:
            if len(element):
                boundary.append(element)
            continue
        stack.extend((child, depth + 1) for child in element if isinstance(child.tag, str))
    for element in boundary:
        _as_text_lines(element)


def _as_text_lines(element: HtmlElement) -> None:
    pieces: list[str | None] = []  # None: a line break
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if node is element:
            if event == "start":
                pieces.append(node.text or "")
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS or tag in _LINE_TAGS:
                pieces.append(None)
            pieces.append(" " if tag == "span" else "")
            pieces.append((node.text or "") if tag else "")
        else:
            pieces.append(" " if tag == "span" else "")
            if tag in _BLOCK_TAGS:
                pieces.append(None)
            pieces.append(node.tail or "")
    lines: list[str] = []
    run: list[str] = []
    for piece in [*pieces, None]:
        if piece is not None:
            run.append(piece)
            continue
        line = _SPACES.sub(" ", "".join(run)).strip()
        if line or (lines and lines[-1]):
            lines.append(line)
        run = []
    del element[:]
    element.text = None
    element.append(_element("pre", "\n".join(lines)))  # one element, however many lines, for inscriptis


def _break_before_labels(content: HtmlElement) -> None:
    """``<b>Date:</b> …`` run on after other text in one paragraph starts a line, as it does on screen."""
    for bold in list(content.iter("strong", "b")):
        label = bold.text_content().strip()
        if not label.endswith(_LABEL_END) or label_key(label.rstrip(":：").strip()) is None:
            continue
        previous = bold.getprevious()
        parent = bold.getparent()
        if previous is not None:
            preceded = previous.tag != "br" and (previous.tag not in _BLOCK_TAGS or bool((previous.tail or "").strip()))
        else:
            preceded = parent is not None and bool((parent.text or "").strip())
        if preceded:
            bold.addprevious(_element("br"))


def _rewrite_definition_lists(content: HtmlElement) -> None:
    """``<dt>Date</dt><dd>March 19</dd>`` → ``Date: March 19`` when the term and its value are short."""
    for term in list(content.iter("dt")):
        value = term.getnext()
        if value is None or value.tag != "dd" or value.xpath(_HAS_BLOCK_XPATH):
            continue
        label, text = _cell_text(term), _cell_text(value)
        if label and len(label) <= _MAX_LABEL_CHARS:
            line = _element("div", _label_line([label, text]))
            line.tail = value.tail
            term.addprevious(line)
            term.drop_tree()
            value.drop_tree()


def _rewrite_tables(content: HtmlElement) -> None:
    """Tables → one line per data row (``Date: Tuesday`` or ``a | b | c``), layout cells → blocks.

    inscriptis would draw each table as aligned columns ("Date   Tuesday") that no label reader can
    split, and a page laid out in a table would interleave its cells. Innermost tables go first, so a
    layout cell holding a data table sees already rewritten rows. Rows are rewritten in place, so stray
    content that libxml2 leaves inside a table (a <p>, text, a cell outside any row) is kept.
    """
    for table in reversed(list(content.iter("table"))):
        rows = list(table.iter("tr"))
        kept = set(_content_rows(rows))
        for row in rows:
            _replace(row, _row_blocks(_cells(row)) if row in kept else [])
        for cell in list(table.iter("td", "th")):  # cells outside any row
            _replace(cell, _row_blocks([cell]))
        for part in list(table.iter("table", "thead", "tbody", "tfoot", "caption", "colgroup", "col")):
            part.tag = "div"


def _replace(element: HtmlElement, blocks: list[HtmlElement]) -> None:
    if element.getparent() is None:
        return
    for block in blocks:
        element.addprevious(block)
    element.drop_tree()  # keeps the tail text


def _content_rows(rows: list[HtmlElement]) -> list[HtmlElement]:
    """Rows of a page laid out in a table, without its banner and footer rows.

    In such a table (some cell holds paragraphs or headings) a first or last row that is one cell spanning
    the columns, with no blocks in it, is the page's banner or its "Last modified · webmaster" footer.
    """
    if not any(cell.xpath(_HAS_BLOCK_XPATH) for row in rows for cell in _cells(row)):
        return rows
    while rows and _spanning_bar(rows[-1]):
        rows = rows[:-1]
    while rows and _spanning_bar(rows[0]):
        rows = rows[1:]
    return rows


def _spanning_bar(row: HtmlElement) -> bool:
    cells = _cells(row)
    return len(cells) == 1 and cells[0].get("colspan", "1").strip() not in ("", "1") and \
        not cells[0].xpath(_HAS_BLOCK_XPATH)


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]


def _row_blocks(cells: list[HtmlElement]) -> list[HtmlElement]:
    cells = [cell for cell in cells if _cell_text(cell)]
    if not cells:
        return []
    layout = [bool(cell.xpath(_HAS_BLOCK_XPATH)) for cell in cells]
    if not any(layout):
        return [_element("div", _label_line([_cell_text(cell) for cell in cells]))]
    blocks: list[HtmlElement] = []
    label = _cell_text(cells[0])
    if len(cells) == 2 and not layout[0] and len(label) <= _MAX_LABEL_CHARS:
        # "Abstract | <p>…</p><p>…</p>": the label on its own line, the paragraphs under it.
        blocks.append(_element("p", label if label.endswith(_LABEL_END) else f"{label}:"))
        cells = cells[1:]
    for cell in cells:
        block = _element("div")
        block.text = cell.text
        block.extend(list(cell))
        blocks.append(block)
    return blocks


def _label_line(cells: list[str]) -> str:
    """``["Date", "Tuesday"]`` → ``Date: Tuesday``; wider rows keep ``|`` between cells (as clean.py does)."""
    cells = [cell for cell in cells if cell]
    if len(cells) == 2 and len(cells[0]) <= _MAX_LABEL_CHARS:
        label = cells[0] if cells[0].endswith(_LABEL_END) else f"{cells[0]}:"
        return f"{label} {cells[1]}"
    return " | ".join(cells)


def _cell_text(element: HtmlElement) -> str:
    """The cell's words on one line; ``<br>`` counts as a space, not as nothing."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            parts.append(" " if node.tag == "br" else node.text or "")
        elif node is not element:
            parts.append(node.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _element(tag: str, text: str | None = None) -> HtmlElement:
    element: HtmlElement = Element(tag)
    element.text = text
    return element


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
