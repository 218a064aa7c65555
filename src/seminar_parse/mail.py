"""Emails: the body worth parsing and the headers that help (Subject, Date), via the stdlib parser.

``From:`` is never a speaker by itself; quoted replies and the signature are not the announcement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from itertools import pairwise

_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,40}:(?:[ \t]|$)")
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"received", b"return-path", b"message-id",
                 b"mime-version", b"content-type", b"cc", b"reply-to", b"delivered-to", b"sender"}
_CHARSET_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs",
                     "us-ascii": "utf-8", "iso-8859-1": "cp1252", "latin-1": "cp1252"}
_REPLY_INTRO = re.compile(r"^On .{5,200} wrote:\s*$|^-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Mail:
    headers: dict[str, str]
    body: str
    charset: str
    html: bool


def looks_like_mail(data: bytes) -> bool:
    """Two or more RFC 822 headers such as From/Subject/Date at the very top."""
    head = data[:4000].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"From ") and b"\n" in head:  # mbox separator line
        head = head.split(b"\n", 1)[1]
    seen = 0
    for raw in head.splitlines()[:40]:
        if not raw.strip():
            break
        if raw[:1] in b" \t":
            continue
        if not _HEADER_LINE.match(raw):
            return False
        if raw.split(b":", 1)[0].strip().lower() in _MAIL_HEADERS:
            seen += 1
    return seen >= 2


_MBOX_SEPARATOR = re.compile(rb"^From \S+.*$", re.MULTILINE)


def split_mbox(data: bytes) -> list[bytes]:
    """An mbox file (messages each opened by a ``From `` line) → one bytes per message; else ``[data]``."""
    if not data.startswith(b"From "):
        return [data]
    starts = [m.start() for m in _MBOX_SEPARATOR.finditer(data)]
    if len(starts) < 2:
        return [data]
    bounds = [*starts, len(data)]
    messages = [data[a:b] for a, b in pairwise(bounds)]
    # ">From " lines inside bodies are mboxrd escapes
    return [re.sub(rb"^>(>*From )", rb"\1", m, flags=re.MULTILINE) for m in messages if m.strip()]


def read_mail(data: bytes) -> Mail:
    if data.startswith(b"From ") and b"\n" in data[:1000]:
        data = data.split(b"\n", 1)[1]
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    headers = {key.lower(): str(value) for key, value in message.items() if key.lower() in
               ("subject", "date", "from", "to")}
    part = message.get_body(preferencelist=("plain", "html")) or message
    html = part.get_content_type() == "text/html"
    charset = (part.get_content_charset() or "utf-8").lower()
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        codec = _CHARSET_SUPERSET.get(charset, charset)
        try:
            body = payload.decode(codec, errors="replace")
        except (LookupError, UnicodeError):  # unknown charsets, and codecs such as idna that refuse text
            body = payload.decode("utf-8", errors="replace")
            codec = "utf-8"
    else:
        body, codec = str(part.get_payload()), "utf-8"
    return Mail(headers, strip_replies(body), codec, html)


def strip_replies(body: str) -> str:
    """Cut the signature (``-- ``) and quoted replies; they are not part of the announcement."""
    out: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if (line.rstrip() == "--" and line.startswith("--")) or _REPLY_INTRO.match(line.strip()):
            break
        if line.startswith(">"):
            continue
        out.append(line)
    return "\n".join(out)
