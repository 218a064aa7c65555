"""Line and block features, computed once per document and shared by every extractor.

A candidate is judged partly by where it sits: in the page's navigation, in a list of related or
past events, in a footer, a posting byline or an email signature, it is not this talk's value. This
module labels every line with the kind of block it belongs to and with the heading cues it carries
(markup the cleaner removed, ALL CAPS, agreement with the email subject or the breadcrumb's last item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seminar_parse import patcache
from seminar_parse.patterns import CJK_CHAR
from seminar_parse.sections import Document, label_key
from seminar_parse.vocab import BYLINE_LINE, FOOTER_HEADING, NAVIGATION_HEADING, RELATED_HEADING, SIGN_OFF

BODY, NAVIGATION, RELATED, FOOTER, BYLINE, SIGNATURE = "body", "navigation", "related", "footer", "byline", "signature"
# "Events / Upcoming", "News > Seminars", "Home | Upcoming Talks | Past Talks": a path or a menu, not a heading.
_CRUMB_MARK = patcache.compile(r"\s(?:>>|[>»›/])\s")
_CRUMB_SPLIT = patcache.compile(r"(?<!\s)\s+(?:>>|[>»›/|])\s+")
# No digits in a menu: "Thu, May 2 | 4pm | Room 5" is logistics.
_MENU_LINE = patcache.compile(r"^[^|\d\n]{1,30}(?:\s\|\s[^|\d\n]{1,30}){2,}$")
# Labels that belong to the page, not to a listed event: they end a "related events" list.
_PAGE_KEYS = frozenset({"host", "chair", "sponsor", "posted", "series", "online"})
# "11:00 AM ET / 5:00 PM CET": times in several zones, not a path.
_TIME_LIKE = patcache.compile(r"\d:\d\d|\d\s?(?:am|pm)\b", re.IGNORECASE)
# "后续讲座预告（地点均为智华楼四元厅）：": a heading with a remark in brackets after it.
_REMARK = patcache.compile(r"[（(][^()（）\n]{0,80}[)）]$")
_SIGNATURE_DASHES = patcache.compile(r"^--\s*$")


@dataclass(frozen=True)
class Layout:
    kinds: tuple[str, ...]  # one per line of the document
    headings: frozenset[int]  # lines the source marked as headings (markdown #), or short ALL CAPS lines
    crumb_last: str | None  # the last item of a breadcrumb path, which names the page
    crumbs: tuple[str, ...]  # every item of that path

    def kind(self, index: int) -> str:
        return self.kinds[index] if 0 <= index < len(self.kinds) else BODY

    def is_other(self, index: int) -> bool:
        """The line belongs to a block that is not this talk (navigation, related events, footer, ...)."""
        return self.kind(index) != BODY


def build(doc: Document, heading_texts: frozenset[str] = frozenset()) -> Layout:
    """Label each line of ``doc``; ``heading_texts`` are lines the cleaner saw marked up as headings."""
    count = len(doc.lines)
    kinds = [BODY] * count
    section_lines = {item.line for item in doc.labelled if item.key in ("abstract", "bio")}
    page_lines = {item.line for item in doc.labelled if item.key in _PAGE_KEYS}
    crumbs: tuple[str, ...] = ()
    content_seen = False
    for line in doc.lines:
        text = line.text.strip()
        if not text:
            continue
        if len(text) > 250:
            content_seen = True  # a paragraph: no byline, path or menu is this long
            continue
        if len(text) < 160 and BYLINE_LINE.search(text):
            kinds[line.index] = BYLINE
            continue
        parts = _CRUMB_SPLIT.split(text) if not crumbs and _CRUMB_MARK.search(text) else [text]
        if len(parts) >= 3 and "|" not in text and not _TIME_LIKE.search(text):
            crumbs = tuple(p.strip() for p in parts)
            kinds[line.index] = NAVIGATION
            continue
        if _MENU_LINE.match(text) or (not content_seen and NAVIGATION_HEADING.fullmatch(text.rstrip(":："))):
            kinds[line.index] = NAVIGATION
            continue
        content_seen = True
    _mark_to_end(doc, kinds, RELATED_HEADING, RELATED, section_lines | page_lines)
    _mark_to_end(doc, kinds, FOOTER_HEADING, FOOTER, section_lines)
    _mark_signature(doc, kinds)
    headings = {line.index for line in doc.lines if line.text.strip() in heading_texts}
    headings |= {line.index for line in doc.lines if _caps_heading(line.text.strip())}
    return Layout(tuple(kinds), frozenset(headings), crumbs[-1] if crumbs else None, crumbs)


def _mark_to_end(doc: Document, kinds: list[str], heading: re.Pattern[str], kind: str,
                 section_lines: set[int]) -> None:
    """From a heading such as "Upcoming talks" to the end of the page, or to a line of ``section_lines``
    (a heading of this talk's own sections, a label of the page such as "Organizers:")."""
    start = next((line.index for line in doc.lines if len(line.text.strip()) <= 60
                  and heading.fullmatch(_without_remark(line.text.strip().rstrip(":：")).strip())
                  and _content_before(doc, kinds, line.index)), None)
    if start is None:
        return
    for index in range(start, len(kinds)):
        if index in section_lines and index > start:
            return
        if kinds[index] == BODY:
            kinds[index] = kind


def _without_remark(text: str) -> str:
    return _REMARK.sub("", text) if text.endswith((")", "）")) else text  # the look first: a call per line


def _content_before(doc: Document, kinds: list[str], index: int) -> bool:
    """At least three lines of this talk come first: "Upcoming events" atop a page is its section name."""
    return sum(1 for line in doc.lines[:index] if line.text.strip() and kinds[line.index] == BODY) >= 3


def _mark_signature(doc: Document, kinds: list[str]) -> None:
    """A closing ("Best regards,", "-- ") and the few short lines after it: the sender, not the talk."""
    for line in doc.lines:
        text = line.text.strip()
        if not ((text[:2] == "--" and _SIGNATURE_DASHES.match(text)) or SIGN_OFF.match(text)):
            continue
        following = doc.lines[line.index + 1: line.index + 7]
        if sum(1 for f in following if len(f.text.strip()) > 90) > 0:
            continue  # prose follows: a "Thanks," inside the text, not a sign-off
        kinds[line.index] = SIGNATURE
        for after in following:
            if kinds[after.index] == BODY:
                kinds[after.index] = SIGNATURE


def _caps_heading(text: str) -> bool:
    return 4 <= len(text) <= 60 and text.isupper() and not CJK_CHAR.search(text) and label_key(text) is None
