"""Match how people name a principle in their notes ("Ownesrship(STAR)", "Deliver") to its id."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from coach.core.schema import Principle

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_NOISE_WORDS = {"section", "principle", "the", "questions", "star", "spsil"}
_MIN_SIMILARITY = 85


def normalise(text: str) -> str:
    """Lower-case words only: no brackets, punctuation, apostrophes or filler words."""
    text = _BRACKETED.sub(" ", text.lower()).replace("’", "").replace("'", "")
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(word for word in words if word not in _NOISE_WORDS)


def _names(principle: Principle) -> list[str]:
    return [
        normalise(n) for n in (principle.name, principle.id.replace("-", " "), *principle.aliases)
    ]


def match_principle(heading: str, principles: list[Principle]) -> str | None:
    """The principle id a heading names, or None. Exact or near-exact names win over prefixes."""
    text = normalise(heading)
    if not text:
        return None
    best, score = None, 0.0
    for principle in principles:
        for name in _names(principle):
            if not name:
                continue
            similarity = fuzz.ratio(text, name)
            if text.startswith(name + " ") and len(name) >= 6:
                similarity = max(similarity, 90.0)
            if similarity > score:
                best, score = principle.id, similarity
    return best if score >= _MIN_SIMILARITY else None
