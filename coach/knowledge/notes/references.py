"""Entries that point at or retell a story told elsewhere in the same file.

- A pointer ("see wedding", "Black friday queue (see above)", "Returns desk also fits here") is
  a few words naming an earlier story: it gives that story its heading's principle and place.
- A retelling list ("Recruiter prep list: 1. Cert expiry one - the weekend certificate story...")
  is a list whose items each retell a different earlier story: each item joins its story.
- A retold copy is an entry whose words are nearly all in one earlier, longer story.

Matching uses the file's own words: four-letter word stems weighted by how rare they are among
the file's entries, so a candidate's shorthand ("cert expiry" for "TLS certs ... expire")
still meets its story, while words every entry uses count for little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from coach.text.terms import STOPWORDS

_WORD = re.compile(r"[a-z0-9%$]+")
_POINTER_WORDS = re.compile(
    r"\b(?:see|same as|same story|again|also fits|fits here|as above|see above|above|cont(?:inued)?"
    r"|here too|also)\b",
    re.IGNORECASE,
)
POINTER_WORDS = 15  # an entry this short that names an earlier story points at it
_NAME_MATCH = 85
RETOLD_SHARE = 0.3  # weighted share of an item's words found in its story
RETOLD_MARGIN = 1.5  # ... and this many times the share found in the next best story
COPY_SHARE = 0.7  # a whole entry whose words are this much inside one longer story is a copy
COPY_STEMS = 8  # ... when it says enough to be a telling at all
LIST_SHARE = 0.75  # most of a retelling list's items meet a story
ITEM_STEMS = 4  # a list item shorter than this ("Lambda + API Gateway") names a part, not a story
_GENERIC = frozenset("story one thing case example stori".split())


def keys(text: str) -> set[str]:
    """Four-letter stems of the content words (figures whole)."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS or word in _GENERIC or len(word) < 2:
            continue
        out.add(word if any(ch.isdigit() for ch in word) else word[:4])
    return out


@dataclass
class Vocabulary:
    """How rare each stem is among the entries of one file."""

    weights: dict[str, float]

    @classmethod
    def of(cls, texts: list[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(keys(text))
        n = max(len(texts), 1)
        return cls({k: math.log(1 + n / c) for k, c in counts.items()})

    def weight(self, stems: set[str]) -> float:
        return sum(self.weights.get(k, math.log(2 + len(self.weights))) for k in stems)

    def share(self, part: set[str], whole: set[str]) -> float:
        """Weighted share of ``part``'s stems that ``whole`` also has."""
        total = self.weight(part)
        return self.weight(part & whole) / total if total else 0.0


def best_story(text: str, stories: list[tuple[str, set[str]]], vocab: Vocabulary) -> int | None:
    """Index of the story a short text retells, when one stands clearly above the rest."""
    stems = keys(text)
    if len(stems) < 2 or not stories:
        return None
    shares = sorted(
        ((vocab.share(stems, whole), i) for i, (_, whole) in enumerate(stories)), reverse=True
    )
    first, index = shares[0]
    second = shares[1][0] if len(shares) > 1 else 0.0
    if first >= RETOLD_SHARE and first >= RETOLD_MARGIN * second:
        return index
    return None


def pointed_at(text: str, names: list[str]) -> int | None:
    """Index of the earlier story a short pointer entry names ("see wedding"), or None."""
    words = text.split()
    if not words or len(words) > POINTER_WORDS:
        return None
    if not _POINTER_WORDS.search(text):
        return None
    bare = _POINTER_WORDS.sub(" ", re.sub(r"[()\[\].,:;!-]", " ", text)).strip().lower()
    if not bare:
        return None
    best, score = None, 0.0
    for i, name in enumerate(names):
        lowered = name.lower()
        if not lowered:
            continue
        similarity = fuzz.partial_ratio(bare, lowered) if len(bare) >= 4 else 0.0
        opening = fuzz.ratio(bare[: len(lowered)], lowered)
        named = fuzz.partial_ratio(lowered, bare) if len(lowered) <= len(bare) else 0.0
        similarity = max(similarity, opening, named)
        if similarity > score:
            best, score = i, similarity
    return best if score >= _NAME_MATCH else None


def retold_items(
    items: list[tuple[int, str]], stories: list[tuple[str, set[str]]], vocab: Vocabulary
) -> dict[int, list[int]] | None:
    """For a list retelling earlier stories: story index -> the lines retelling it. None unless
    at least two items meet two different stories and most items meet one."""
    body = [(n, t) for n, t in items if not t.rstrip().endswith(":") and len(keys(t)) >= ITEM_STEMS]
    if len(body) < 2:
        return None
    found: dict[int, list[int]] = {}
    for number, text in body:
        index = best_story(text, stories, vocab)
        if index is not None:
            found.setdefault(index, []).append(number)
    matched = sum(len(lines) for lines in found.values())
    if len(found) >= 2 and matched >= LIST_SHARE * len(body):
        return found
    return None


def copy_of(text: str, stories: list[tuple[str, set[str]]], vocab: Vocabulary) -> int | None:
    """Index of a longer earlier story that holds nearly all of this entry's words."""
    stems = keys(text)
    if len(stems) < COPY_STEMS:
        return None
    for i, (whole_text, whole) in enumerate(stories):
        if len(whole_text.split()) >= len(text.split()) and vocab.share(stems, whole) >= COPY_SHARE:
            return i
    return None
