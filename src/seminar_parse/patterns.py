"""Low-level patterns several stages share, so that each is written (and made safe) once."""

from __future__ import annotations

from seminar_parse import patcache

# A Chinese character (CJK unified ideographs and extension A).
CJK_CHAR = patcache.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
# An http(s) URL as printed in running text: it stops at spaces, quotes, brackets and Chinese punctuation.
URL = patcache.compile(r"https?://[^\s<>\"'()（）\[\]，。；、]{2,2000}")
EMAIL = patcache.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
