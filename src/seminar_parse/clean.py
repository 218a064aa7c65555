"""Stage 2: drop what is not the announcement and the markup around what is.

Page furniture (log-in links, breadcrumbs, share buttons, footers), markdown emphasis and links,
stray HTML tags, flattened tables and duplicated paragraphs. The result is plain lines of text;
link targets hidden behind markup are kept aside so the links field still sees them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from seminar_parse import patcache
from seminar_parse.fastre import fold, gated

# Markdown/HTML residue ------------------------------------------------------------------------
# `[text](target)` → text; target kept.  e.g. "[UC San Diego](#)"; escaped parens inside text.
_MD_LINK = patcache.compile(r"\[((?:[^\[\]\\\n]|\\.){1,300})\]\(\s*([^()\s]{0,2000})\s*\)")
_MD_ESCAPE = patcache.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# A bold run glued to its neighbours is a layout cell: "AI/ML**Chaoyue Liu**Postdoc".
_BOLD = patcache.compile(r"\*\*([^*\n]{1,400})\*\*")
_UNDERSCORE_BOLD = patcache.compile(r"(?<![\w])__([^_\n]{1,400})__(?![\w])")
_ITALIC = patcache.compile(r"(?<![\w*])\*([^*\s][^*\n]{0,300}?)\*(?![\w*])")
_MD_HEADING = patcache.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = patcache.compile(r"^\s{0,3}>\s?")
_BULLET_MARKS = "•·▪◦●○■□►▶➢✓✔"
_BULLET = patcache.compile(rf"^(?:[{_BULLET_MARKS}]|[-*+](?=\s))\s*")
_BULLET_STARTS = frozenset(f"{_BULLET_MARKS}-*+")  # the characters a bullet can start with
_HTML_TAG = patcache.compile(
    r"</?(?:u|b|i|em|strong|span|p|div|br|font|sup|sub|a|small|big|center|h[1-6]|li|ul|ol|tr|td|th|table)"
    r"(?:\s[^<>\n]{0,300})?\s*/?>",
    re.IGNORECASE,
)
# Possessive quantifiers: a rule line of dashes followed by 30,000 spaces must not backtrack.
_TABLE_RULE = patcache.compile(r"^\s*+\|?+\s*+:?+-{2,}+:?+\s*+(?:\|\s*+:?+-{2,}+:?+\s*+)*+\|?+\s*+$")
_INVISIBLE = patcache.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Runs of spaces to one space: a lone " " is left alone (it is already what it would become), so that a line
# with ordinary spacing costs one scan and no new string.
_SPACES = patcache.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f]")

# Page furniture -------------------------------------------------------------------------------
_NAV_WORDS = (
    r"log\s?in|log\s?out|sign\s?in|sign\s?up|sign\s?out|register|feedback\??|help|web accessibility|"
    r"search|menu|home|print|share|email|e-mail|tweet|twitter|facebook|linkedin|rss|calendar|"
    r"logo|skip to (?:main )?content|back to top|top|en|english|中文|登录|注册|登陆|退出|返回|打印|关闭|"
    r"分享|分享到|收藏|首页|网站首页|english version|ical|add to calendar|export"
)
# A line made only of navigation words and separators: "log in | register | feedback? | help".
_NAV_LINE = patcache.compile(rf"^(?:\W{{0,3}}(?:{_NAV_WORDS})\W{{0,3}}){{1,12}}$", re.IGNORECASE)
# Words of a site's menu that may also stand alone as a heading ("About", "Events"): furniture only when the
# line holds two or more menu or navigation words and nothing else ("Browse  Add your seminar  About").
_MENU_WORDS = (
    r"browse|about|about us|contact|contact us|events|news|people|research|sitemap|site map|"
    r"add (?:your|an?) (?:seminar|event|talk)|submit (?:your |an? )?(?:seminar|event|talk)"
)
_MENU_ONLY = patcache.compile(rf"^(?:\W{{0,3}}(?:{_MENU_WORDS}|{_NAV_WORDS})\W{{0,3}}){{2,12}}$", re.IGNORECASE)
_FURNITURE_PARTS = (
    r"^you are (?:not )?(?:subscribed|watching) (?:to )?this talk",
    r"^(?:share (?:on|this)|follow us|subscribe to|skip to|cookie|we use cookies)",
    # Cookie and consent banners: "Accept all cookies  Reject optional cookies  Cookie settings",
    # "Cookies on our website", "We use some essential cookies to make this website work."
    r"^(?:accept|reject|allow|deny|decline|refuse|manage|customi[sz]e)\s+(?:all\s+|optional\s+|non-essential\s+|"
    r"additional\s+|analytics\s+)?cookies\b|^cookies\s+on\s+(?:our|this|the)\s+(?:web)?site\b|"
    r"^we(?:'d| would)?\s+(?:use|like to (?:set|use))\s+(?:some\s+)?(?:\w+\s+)?cookies\b",
    r"^(?:add to (?:google |outlook |apple |my )?calendar|back to (?:all )?(?:events|news|talks|seminars)"
    r"|(?:page )?last (?:updated|modified)\b)",
    r"^(?:more information|practical information|related events?|upcoming events|"
    r"back to (?:events|list)|previous|next|上一篇|下一篇|相关新闻|相关链接)\W*$",
)
# Breadcrumbs: "首页 - 学术活动", "Home > Events > Seminars", "Home / News".
_BREADCRUMB = (r"^(?:当前位置[:：]?\s*|you are here[:：]?\s*)?(?:home|首页|主页|网站首页)\s*"
               r"(?:(?:>>|[>»›/\-–|])\s*[^>»›/\-–|\n]{1,40}){1,6}$")
# Each part above and the breadcrumb is anchored at the line's start and opens with one of a few characters:
# one gated match a line, which most lines fail at their first character.
_FURNITURE_AT_START = gated("|".join(f"(?:{p})" for p in (*_FURNITURE_PARTS, _BREADCRUMB)), re.IGNORECASE)
_DIGIT = patcache.compile(r"[0-9]")
# Parts that may match past a line's start (or start with any character), each with the words one of which
# every match holds (as IGNORECASE folds them): they are tried only on the lines that hold a word, which one
# scan of the whole text finds.
_CUED_FURNITURE = (
    (r"(?:©|\(c\)\s*\d{4}|copyright|all rights reserved|版权所有|京icp备|icp备)",
     ("©", "(c)", "copyright", "all rights reserved", "版权所有", "icp备")),
    # A page header that carries the viewing date next to 登录/log in: "2025年10月22日 星期三 登录 EN".
    (r"^.{0,40}(?:登录|登陆|log\s?in|sign\s?in)(?:\W{0,3}(?:EN|English|中文|注册|register))*\W*$",
     ("登录", "登陆", "log", "sign")),
)
_FURNITURE_CUED = patcache.compile("|".join(f"(?:{part})" for part, _ in _CUED_FURNITURE), re.IGNORECASE)
_FURNITURE_CUES = tuple(sorted({fold(word) for _, words in _CUED_FURNITURE for word in words}))
_MIN_DUPLICATE_CHARS = 60
_NOT_ALNUM = patcache.compile(r"[\W_]+")
# Bold cells become lines; adjacent cells ("****") and cells at a line's end make one break, not two.
_CELL_BREAK = "\u2029"
_CELL_BREAKS = patcache.compile("\n?\u2029+\n?")


@dataclass(frozen=True)
class Cleaned:
    text: str
    hidden_links: tuple[str, ...]  # link targets that markup hid from the text
    dropped_duplicates: int
    headings: frozenset[str] = frozenset()  # lines the source marked up as headings ("# Title", "## Abstract")
    front_matter: frozenset[str] = frozenset()  # lines of a page's YAML front matter ("---" … "---" at the top)


def clean(text: str) -> Cleaned:
    """Return the announcement as plain lines, without furniture, markup or repeated blocks."""
    # Each pass runs only when the text holds the characters its pattern needs: a scan of a 1 MB text is dear.
    if not text.isascii():  # every invisible character is outside ASCII
        text = _INVISIBLE.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub(_tag_replacement, text)
    if "&" in text:
        text = html.unescape(text)
    hidden: list[str] = []
    if "](" in text:
        text = _MD_LINK.sub(lambda m: _keep_link(m, hidden), text)
    if "**" in text:
        text = _BOLD.sub(_bold_replacement, text)
    if _CELL_BREAK in text:
        text = _CELL_BREAKS.sub("\n", text)
    if "__" in text:
        text = _UNDERSCORE_BOLD.sub(r"\1", text)
    if "*" in text:
        text = _ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)

    lines: list[str] = []
    seen: set[str] = set()
    headings: set[str] = set()
    front_raw = _front_matter(text)
    front: set[str] = set()
    dropped = 0
    if "\t" in text or "   " in text:  # the only gaps _SECOND_LABEL splits at
        text = _SECOND_LABEL.sub("\n", text)
    raws = text.split("\n")
    if "\t" in text or "  " in text:  # the gaps that columns need
        raws = _expand_column_tables(_demix_columns(raws))
        text = "\n".join(raws)
    # One pass over the whole text (_SPACES cannot match "\n": each row comes out as it would alone), skipped
    # when an ASCII text has nothing for it to rewrite
    spaced = _SPACES.sub(" ", text) if "  " in text or "\t" in text or not text.isascii() else text
    rows = spaced.split("\n") if spaced is not text else raws
    cued = _rows_holding(fold(spaced), _FURNITURE_CUES)
    for index, (raw, row) in enumerate(zip(raws, rows, strict=True)):
        line = _clean_line(row, index in cued)
        if line is None:
            continue
        if front_raw and raw in front_raw and line:
            front.add(line)
        if line and "#" in raw and _MD_HEADING.match(raw):
            headings.add(line)
        # A short ASCII line cannot give a long key (NFKC and casefold keep its length): no key to make.
        long_enough = len(line) >= _MIN_DUPLICATE_CHARS or not line.isascii()
        if long_enough and len(key := _duplicate_key(line)) >= _MIN_DUPLICATE_CHARS:
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
        lines.append(line)
    return Cleaned(_fold_blank_lines(lines), tuple(hidden), dropped, frozenset(headings), frozenset(front))


def _rows_holding(text: str, words: tuple[str, ...]) -> set[int]:
    """The indices of the rows of ``text`` (split at "\n") that hold one of ``words``: one find per row found."""
    hits: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            hits.append(at)
            end = text.find("\n", at)  # the rest of the row need not be searched
            at = text.find(word, end + 1) if end >= 0 else -1
    rows: set[int] = set()
    row = last = 0
    for at in sorted(hits):
        row += text.count("\n", last, at)
        last = at
        rows.add(row)
    return rows


def _front_matter(text: str) -> frozenset[str]:
    """The raw lines of a Jekyll/Hugo page's YAML header: between a first line "---" and the next "---"."""
    if not text.startswith("---"):
        return frozenset()
    head = text[:20_000].split("\n")
    if head[0].strip() != "---":
        return frozenset()
    end = next((i for i, line in enumerate(head[1:60], 1) if line.strip() == "---"), None)
    return frozenset(head[1:end]) if end else frozenset()


# "Place:    3313 DH      Date and time : Friday": two header fields typed on one line, split at the gap.
_SECOND_LABEL = patcache.compile(r"(?<=\S)(?:\t+| {3,})(?=[A-Z][A-Za-z/&]{1,20}(?: [A-Za-z/&]{1,20}){0,3} ?: )")
_COLUMN_NAMES = frozenset({"date", "day", "time", "room", "place", "location", "venue", "speaker", "speakers",
                           "presenter", "topic", "title", "host", "who", "when", "where", "affiliation"})
_COLUMN_GAP = patcache.compile(r"(?<! ) *\t[\t ]*| {2,}")  # a tab (with any spaces round it) or two spaces or more


def _expand_column_tables(lines: list[str]) -> list[str]:
    """A schedule typed as columns under a header row ("DATE  ROOM  TIME  SPEAKER  TOPIC") becomes
    labelled lines, one block per row, so that "HH B131" is read as a room and "Dr. John Bares" as a speaker."""
    out: list[str] = []
    header: list[str] | None = None
    for raw in lines:
        cells = [c.strip() for c in _COLUMN_GAP.split(raw.strip())] if "\t" in raw or "  " in raw.strip() else []
        if len(cells) >= 3 and all(c.casefold().rstrip(":") in _COLUMN_NAMES for c in cells):
            header = [c.rstrip(":").capitalize() for c in cells]
            continue
        if header and len(cells) == len(header) and all(cells):
            out.extend([*(f"{name}: {cell}" for name, cell in zip(header, cells, strict=True)), ""])
            continue
        if header and raw.strip():
            header = None if len(cells) < 2 else header  # a wrapped cell line ends nothing; prose ends the table
        out.append(raw)
    return out


def _clean_line(row: str, cued: bool = True) -> str | None:
    """One line (its runs of spaces already collapsed) cleaned; ``None`` when the whole line is furniture or a
    table rule. ``cued``: the row holds a word of _CUED_FURNITURE (a scan of the whole text tells)."""
    line = row.strip()
    if not line:
        return ""
    if "--" in line and _TABLE_RULE.match(line):
        return None
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if ">" in line:
        line = _MD_QUOTE.sub("", line)
    if line[:1] in _BULLET_STARTS:
        line = _BULLET.sub("", line)
    if "|" in line and (line.startswith("|") or (line.count("|") >= 2 and line.endswith("|"))):
        line = _table_row(line)
        cued = True  # cells joined anew may hold a word the row did not
    if _is_furniture(line, cued):
        return None
    return line.strip()


def _is_furniture(line: str, cued: bool = True) -> bool:
    """Whether ``line`` is page furniture; ``cued`` False: it holds no word of _CUED_FURNITURE."""
    if len(line) > 160:
        return False
    if _FURNITURE_AT_START.match(line) or (cued and _FURNITURE_CUED.search(line)):
        return True
    # a digit is a word character of no menu word: a line with one is no menu (the test is cheaper)
    return len(line) <= 120 and not _DIGIT.search(line) and bool(_NAV_LINE.match(line) or _MENU_ONLY.match(line))


def _table_row(line: str) -> str:
    """``| Date | 15.02.2021 |`` → ``Date: 15.02.2021``; wider rows keep ``|`` between cells."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    cells = [c for c in cells if c]
    if len(cells) == 2 and len(cells[0]) <= 40 and not cells[0].endswith((":", "：")):
        return f"{cells[0]}: {cells[1]}"
    return " | ".join(cells)


def _tag_replacement(match: re.Match[str]) -> str:
    tag = match.group(0).lower()
    block = re.match(r"</?(?:br|p|div|h[1-6]|li|ul|ol|tr|table|center)\b", tag)
    return "\n" if block else ""


def _keep_link(match: re.Match[str], hidden: list[str]) -> str:
    label, target = match.group(1), match.group(2)
    if target.lower().startswith(("http://", "https://", "www.")):
        hidden.append(target)
    return label


def _bold_replacement(match: re.Match[str]) -> str:
    """Bold glued to text on either side marks a layout cell: put it on its own line."""
    text, whole = match.string, match.group(1).strip()
    before = text[match.start() - 1] if match.start() > 0 else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    glued = (before == "\n" or not before.isspace()) and (after == "\n" or not after.isspace())
    if whole.endswith((":", "：")):
        return f"{_CELL_BREAK}{whole} "  # "**Date:** Friday" starts a labelled line of its own
    if after in ":：":
        return f"{_CELL_BREAK}{whole}"  # "**报告人**：周明远": the colon outside the bold still ends the label
    return f"{_CELL_BREAK}{whole}{_CELL_BREAK}" if glued else whole


# For ASCII, NFKC changes nothing, casefold is lower and [\W_] is what is not alphanumeric: one translate
_ASCII_NOT_ALNUM = str.maketrans("", "", "".join(chr(code) for code in range(128) if not chr(code).isalnum()))


def _duplicate_key(line: str) -> str:
    if line.isascii():
        return line.lower().translate(_ASCII_NOT_ALNUM)
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", line).casefold())


_BLANK_RUN = patcache.compile(r"\n{3,}")


def _fold_blank_lines(lines: list[str]) -> str:
    """Lines joined, without blank ones at either end and one blank line for a run of them. Every line is
    stripped, so a blank one is empty: a run of blank lines is a run of three "\n" or more."""
    text = "\n".join(lines)
    return (_BLANK_RUN.sub("\n\n", text) if "\n\n\n" in text else text).strip("\n")


# Two columns side by side, as `pdftotext -layout` renders a flyer: each paragraph's lines hold a left and
# a right part, the right one starting at the same column. Read column by column, each whole.
_GUTTER = patcache.compile(r"\S(?P<gap> {4,})(?=\S)")
_MIN_RIGHT_COLUMN = 24  # characters from the line's start: a label's value ("Time:     3:30") starts before
_MIN_SIDE_BY_SIDE = 3  # lines of one paragraph with both parts at that column
_HYPHEN_BREAK = patcache.compile(r"(?<=[a-z])-$")


def _demix_columns(lines: list[str]) -> list[str]:
    """Paragraphs of two side-by-side columns become the left column's lines, then the right one's."""
    if not any("    " in line for line in lines):  # a gutter is four spaces or more
        return lines
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        out.extend(_demix_block(block))
        block = []
        out.append(line)
    return out[:-1]


def _demix_block(block: list[str]) -> list[str]:
    column = _right_column(block)
    if column is None:
        return block
    left, right = [], []
    for line in block:
        head, tail = line[:column], line[column:]
        if head.strip() and tail.strip() and not head.endswith(" "):
            return block  # a word runs across the gutter: not two columns after all
        if head.strip():
            left.append(head.strip())
        if tail.strip():
            right.append(tail.strip())
    return [*_unhyphenate(left), "", *_unhyphenate(right)]


def _right_column(block: list[str]) -> int | None:
    """The column where a right-hand part starts on enough lines of ``block``, or None."""
    starts: dict[int, int] = {}
    for line in block:
        for gap in _GUTTER.finditer(line):
            begin = gap.end("gap")
            if begin >= _MIN_RIGHT_COLUMN:
                starts[begin] = starts.get(begin, 0) + 1
    if not starts:
        return None
    column, count = max(starts.items(), key=lambda item: (item[1], -item[0]))
    if count < _MIN_SIDE_BY_SIDE and not (count >= 2 and count == len(block)):
        return None
    return column


def _unhyphenate(lines: list[str]) -> list[str]:
    """"Engi-" / "neering" → "Engineering": a word a narrow column broke at its end."""
    out: list[str] = []
    for line in lines:
        if out and _HYPHEN_BREAK.search(out[-1]) and line[:1].islower():
            out[-1] = out[-1][:-1] + line
            continue
        out.append(line)
    return out
