"""Recognise the section labels people write in STAR/SPSIL notes, typos included."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

# Each label word people use, mapped to the story section it fills (SPSIL: Problem->task, ...).
LABEL_WORDS: dict[str, str] = {
    "situation": "situation",
    "scenario": "situation",
    "context": "situation",
    "background": "situation",
    "task": "task",
    "problem": "task",
    "challenge": "task",
    "conflict": "task",
    "goal": "task",
    "action": "action",
    "actions": "action",
    "solution": "action",
    "approach": "action",
    "result": "result",
    "results": "result",
    "impact": "result",
    "outcome": "result",
    "lesson": "lesson",
    "lessons": "lesson",
    "learning": "lesson",
    "learnings": "lesson",
    "reflection": "lesson",
    "takeaway": "lesson",
}

_MIN_SIMILARITY = 80

# "**Situation:** text", "**Situation**: text", "**Situation** text", "Situation: text"
_LEADING_LABEL = re.compile(
    r"^(?:\*\*|\*|__)?\s*(?P<word>[A-Za-z]{3,12})\s*(?:(?:\*\*|\*|__)\s*:?|:\s*(?:\*\*|\*|__)?)\s*(?P<rest>.*)$"
)
# "text (*Situation*)", "text *(Situation)*", "text (*Task)", "(*outcome*)"
_INLINE_TAG = re.compile(r"\*?\(\s*\*?\s*(?P<word>[A-Za-z]{3,12})\s*\*?\s*\)\*?")


def section_for(word: str) -> str | None:
    """The section a label word stands for, tolerating typos ("Situaton", "Leesson"); else None."""
    lowered = word.lower()
    if lowered in LABEL_WORDS:
        return LABEL_WORDS[lowered]
    best, score = None, 0.0
    for label, section in LABEL_WORDS.items():
        similarity = fuzz.ratio(lowered, label)
        if similarity > score:
            best, score = section, similarity
    return best if score >= _MIN_SIMILARITY and len(lowered) >= 4 else None


def leading_label(line: str) -> tuple[str, str] | None:
    """If a line opens with a section label, return (section, rest of the line)."""
    match = _LEADING_LABEL.match(line.strip())
    if not match:
        return None
    section = section_for(match.group("word"))
    return (section, match.group("rest").strip()) if section else None


def inline_tags(text: str) -> list[tuple[int, int, str]]:
    """Positions (start, end, section) of inline tags such as ``(*Situation*)`` in a text."""
    tags = []
    for match in _INLINE_TAG.finditer(text):
        section = section_for(match.group("word"))
        if section:
            tags.append((match.start(), match.end(), section))
    return tags
