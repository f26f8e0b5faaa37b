"""Entries that point at or retell a story told elsewhere in the same file.

- A pointer ("see wedding", "Black friday queue (see above)", "Returns desk also fits here") is
  a few words naming an earlier story: it gives that story its heading's principle and place.
- A retelling list ("Recruiter prep list: 1. Cert expiry one - the weekend certificate story...")
  is a list whose items each retell a different earlier story: each item joins its story.

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
LIST_SHARE = 0.75  # most of a retelling list's items meet a story
ITEM_STEMS = 4  # a list item shorter than this ("Lambda + API Gateway") names a part, not a story
_GENERIC = frozenset("story one thing case example stori".split())


def keys(text: str) -> set[str]:
    """Four-letter stems of the content words (figures whole)."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS or word in _GENERIC or len(word) < 2:
            continue
        out.add(word[:4] if word.isalpha() else word)
    return out


@dataclass
class Vocabulary:
    """How rare each stem is among the entries of one file."""

    counts: Counter[str]
    n: int

    @classmethod
    def of(cls, texts: list[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(keys(text))
        return cls(counts, max(len(texts), 1))

    def weight(self, stems: set[str]) -> float:
        unseen = math.log(1 + self.n)
        return sum(
            math.log(1 + self.n / self.counts[k]) if self.counts[k] else unseen for k in stems
        )

    def share(self, part: set[str], whole: set[str]) -> float:
        """Weighted share of ``part``'s stems that ``whole`` also has."""
        total = self.weight(part)
        return self.weight(part & whole) / total if total else 0.0


def best_story(text: str, stories: list[tuple[str, set[str]]], vocab: Vocabulary) -> int | None:
    """Index of the story a short text retells, when one stands clearly above the rest."""
    stems = keys(text)
    if len(stems) < 2 or not stories:
        return None
    total = vocab.weight(stems)
    shares = sorted(
        (
            (vocab.weight(stems & whole) / total if len(stems & whole) >= 2 else 0.0, i)
            for i, (_, whole) in enumerate(stories)
        ),
        reverse=True,
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


def _tells(stems: set[str]) -> bool:
    """Enough words to retell a story, or a figure and a word ("11 -> 3 injuries")."""
    figures = any(any(c.isdigit() for c in stem) for stem in stems)
    return len(stems) >= ITEM_STEMS or (figures and len(stems) >= 2)


def retold_items(
    items: list[tuple[int, str]], stories: list[tuple[str, set[str]]], vocab: Vocabulary
) -> dict[int, list[int]] | None:
    """For a list retelling earlier stories: story index -> the lines retelling it. None unless
    at least two items meet two different stories and most items meet one."""
    body = [(n, t) for n, t in items if not t.rstrip().endswith(":") and _tells(keys(t))]
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


class Memory:
    """The stories told so far in one file, with what matching needs of each (computed once)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.keys: list[set[str]] = []
        self.counts: Counter[str] = Counter()

    def add(self, title: str, text: str) -> None:
        self.texts.append(text)
        self.keys.append(keys(f"{title} {text}"))
        self.counts.update(keys(text))

    def stories(self) -> list[tuple[str, set[str]]]:
        return list(zip(self.texts, self.keys, strict=True))

    def vocabulary(self, extra: str) -> Vocabulary:
        return Vocabulary(self.counts + Counter(keys(extra)), len(self.texts) + 1)

    def retold_items(self, items: list[tuple[int, str]]) -> dict[int, list[int]] | None:
        text = " ".join(t for _, t in items)
        return retold_items(items, self.stories(), self.vocabulary(text))
