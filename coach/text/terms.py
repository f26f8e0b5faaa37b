"""Content words of a text: lower-cased, stop words dropped, one common suffix stripped.

Shared by keyword search, the grounding check and the critique, so all three see the same words.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should
    so some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    yours tell time describe give example share walk
    """.split()
)
_SUFFIXES = ("ations", "ation", "ingly", "ing", "edly", "ed", "iest", "ier", "ies", "es", "ly", "s")
_TO_Y = ("iest", "ier", "ies")
_ES_AFTER = ("s", "x", "z", "ch", "sh")


def stem(word: str) -> str:
    """Strip one common English suffix; short words are left alone."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "es" and not base.endswith(_ES_AFTER):
                continue  # "deadlines" is deadline+s, "boxes" is box+es
            return base + ("y" if suffix in _TO_Y else "")
    return word


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words of a text."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def words_for_terms(text: str, wanted: set[str]) -> list[str]:
    """The words of ``text`` as written (lower case, first spelling) whose stems are in ``wanted``:
    what a person reads instead of a stem like "proces"."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if word not in STOPWORDS and (root := stem(word)) in wanted:
            out.setdefault(root, word)
    return list(out.values())
