"""The primary language of the announcement: Chinese when Chinese characters outweigh Latin words."""

from __future__ import annotations

from seminar_parse import patcache
from seminar_parse.patterns import CJK_CHAR

_LATIN_WORD = patcache.compile(r"[A-Za-zÀ-ÿ]{2,}")
_KANA = patcache.compile(r"[\u3040-\u30ff]")
_HANGUL = patcache.compile(r"[\uac00-\ud7af]")


def detect(text: str, labels: tuple[str, ...] = ()) -> str | None:
    """``"zh"``, ``"ja"``, ``"ko"`` or ``"en"``; None for text with no letters at all.

    ``labels`` are the printed labels of the announcement ("报告人", "Speaker"): a notice whose labels are
    Chinese is a Chinese notice, even when its title and abstract are in English.
    """
    sample = text[:20_000]
    chinese_labels = sum(1 for label in labels if CJK_CHAR.search(label))
    chinese_first = bool(labels) and bool(CJK_CHAR.search(labels[0]))  # a bilingual notice, Chinese first
    if chinese_labels >= 2 and (chinese_labels * 2 > len(labels) or chinese_first) and not _KANA.search(sample):
        return "zh"
    cjk = len(CJK_CHAR.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    words = len(_LATIN_WORD.findall(sample))
    if hangul > words and hangul > cjk:
        return "ko"
    if kana > 20 and kana + cjk > words:
        return "ja"
    # A Chinese character carries about as much as an English word; weigh them half to be safe.
    if cjk / 2 > words:
        return "zh"
    if words:
        return "en"
    return "zh" if cjk else None
