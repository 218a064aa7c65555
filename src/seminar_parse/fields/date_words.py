"""Words of the date grammar, English and Chinese, kept as data: number words, relative days, parts of
the day. ``when.py`` builds its patterns from these tables; adding a word is a change here only."""

from __future__ import annotations

import re

# English number words for days of the month and clock hours: "twenty one", "twenty-first", "third".
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_UNIT_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
_TEEN_ORDINALS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth")

EN_NUMBERS: dict[str, int] = {}
for _value, (_card, _ord) in enumerate(zip(_UNITS, _UNIT_ORDINALS, strict=True), start=1):
    EN_NUMBERS[_card] = EN_NUMBERS[_ord] = _value
for _value, (_card, _ord) in enumerate(zip(_TEENS, _TEEN_ORDINALS, strict=True), start=10):
    EN_NUMBERS[_card] = EN_NUMBERS[_ord] = _value
EN_NUMBERS.update({"twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30})
for _tens_word, _tens in (("twenty", 20), ("thirty", 30)):
    for _value, (_card, _ord) in enumerate(zip(_UNITS, _UNIT_ORDINALS, strict=True), start=1):
        if _tens + _value <= 31:
            for _gap in (" ", "-"):
                EN_NUMBERS[f"{_tens_word}{_gap}{_card}"] = EN_NUMBERS[f"{_tens_word}{_gap}{_ord}"] = _tens + _value

# Longest first, so "twenty one" wins over "twenty"; "one" never matches inside "someone" (\b).
EN_NUMBER_WORD = r"(?:" + "|".join(sorted((re.escape(w) for w in EN_NUMBERS), key=len, reverse=True)) + r")"
# Hours as words: "four o'clock", "half past four"
EN_HOUR_WORD = r"(?:" + "|".join(sorted((*_UNITS, "ten", "eleven", "twelve"), key=len, reverse=True)) + r")"


def en_number(raw: str) -> int | None:
    """"21" → 21, "twenty-first" → 21, "Third" → 3."""
    raw = raw.strip().casefold()
    if raw.isdigit():
        return int(raw)
    return EN_NUMBERS.get(re.sub(r"\s+", " ", raw))


# Days named relative to the reference date (posting date, mail Date:, --reference-date): offset in days.
EN_RELATIVE_DAYS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "later today": 0,
    "tomorrow": 1, "tomorrow morning": 1, "tomorrow afternoon": 1, "tomorrow evening": 1, "tomorrow night": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2,
}
ZH_RELATIVE_DAYS: dict[str, int] = {
    "今天": 0, "今日": 0, "今晚": 0, "今早": 0, "今天下午": 0, "当天": 0, "本日": 0,
    "明天": 1, "明日": 1, "明晚": 1, "明早": 1, "后天": 2, "後天": 2, "大后天": 3, "大後天": 3,
}
# Words that put a weekday in this week or the next: "本周五", "下週一", "this Friday", "next Tuesday".
ZH_WEEK_WORDS: dict[str, int] = {"本": 0, "这": 0, "這": 0, "这个": 0, "這個": 0, "本个": 0, "下": 1, "下个": 1,
                                 "下個": 1, "下下": 2}
EN_WEEKDAY_FULL = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

# Parts of the day that set the meridiem of a bare clock: "in the afternoon at 4" (16:00),
# "Saturday morning 7-9" (07:00-09:00), "this evening at 6" (18:00).
EN_PARTS_OF_DAY: dict[str, str] = {
    "morning": "am", "afternoon": "pm", "evening": "pm", "tonight": "pm", "night": "pm", "lunchtime": "pm",
}
EN_PART_OF_DAY = r"(?:" + "|".join(EN_PARTS_OF_DAY) + r")"
# Chinese parts of the day: which ones move an hour below 12 into the afternoon.
ZH_PM_PERIODS = frozenset({"下午", "晚上", "晚间", "晚間", "傍晚", "晚", "午后", "午後", "今晚", "明晚", "夜间",
                           "夜間"})
ZH_PERIODS = ("上午", "下午", "中午", "晚上", "晚间", "晚間", "傍晚", "早上", "早晨", "凌晨", "午后", "午後",
              "夜间", "夜間", "晚", "早")
