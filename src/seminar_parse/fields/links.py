"""Links: every URL in the announcement except the meeting link, in order, once each."""

from __future__ import annotations

import re

from seminar_parse import patcache
from seminar_parse.sections import Document

_URL = patcache.compile(r"(?:https?://|www\.)[^\s<>\"'，。；、（）]{2,2000}")
_TRAILING = ".,;:!?)]}>'\"”’"


def extract(doc: Document, *, exclude: set[str]) -> list[str]:
    found: list[str] = []
    for raw in [m.group(0) for m in _URL.finditer(doc.text)] + list(doc.hidden_links):
        url = _tidy(raw)
        if url and url not in found and url not in exclude:
            found.append(url)
    return found


def _tidy(raw: str) -> str | None:
    url = raw
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    if url.startswith("www."):
        url = "https://" + url
    if not re.match(r"^https?://[\w.-]+\.\w{2,}", url):
        return None
    return url
