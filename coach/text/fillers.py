"""Filler and hedge words, as written or as transcribed ("um", "you know", "basically")."""

from __future__ import annotations

import re

FILLERS = re.compile(
    r"\b(um+|uh+|erm|er|you know|basically|literally|kind of|kinda|sort of|sorta|I mean|I guess|"
    r"so yeah|or something|or whatever|stuff like that)\b|(?<=,)\s*like\s*(?=,)|\blike,|"
    r"(?<=\s)like(?= \w+ (who|which|that)\b)",
    re.IGNORECASE,
)
HEDGES = re.compile(r"\b(maybe|probably|perhaps)\b", re.IGNORECASE)


def filler_words(text: str) -> list[str]:
    """Filler and hedge words, in order of appearance, as they were written."""
    found = [(m.start(), m.group(0).strip(" ,")) for m in FILLERS.finditer(text)]
    found += [(m.start(), m.group(0)) for m in HEDGES.finditer(text)]
    return [word for _, word in sorted(found)]
