"""How ordinary an English word is, from a well-kept spelling dictionary (pyspellchecker's
160,000 words with their frequencies): common words, rare words and misspellings."""

from __future__ import annotations

import math
from functools import cache
from typing import Any


@cache
def speller() -> Any:
    """The spelling dictionary (loaded once, about 0.2 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)  # distance 2 costs up to a second per unknown word


def frequency(word: str) -> float:
    """Share of English text this word makes up (0.0 when the dictionary does not know it)."""
    return float(speller().word_usage_frequency(word.lower()))


def is_known(word: str) -> bool:
    """Whether the spelling dictionary knows the word."""
    return word.lower() in speller()


def is_typo(word: str) -> bool:
    """A misspelling of a word the dictionary knows ("finnaly" for "finally", "dashbord" for
    "dashboard"): unknown to it, with a known word one edit away (a letter added, dropped,
    changed or two swapped)."""
    lowered = word.lower()
    if len(lowered) < 4 or is_known(lowered) or not lowered.isalpha():
        return False
    fixed = speller().correction(lowered)
    return bool(fixed) and fixed != lowered


@cache
def rarity(word: str) -> float:
    """0.0 for the commonest words, 1.0 for rare ones and words the dictionary does not know
    (names, jargon): how much a shared word says that two texts are about the same thing."""
    share = frequency(word)
    if share <= 0.0:
        return 1.0
    # about 1e-4 ("data", "team") -> 0, 1e-7 and rarer ("kestrel", "phishing") -> 1
    return min(1.0, max(0.0, (-math.log10(share) - 4.0) / 3.0))
