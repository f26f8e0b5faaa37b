"""Several episodes under one heading: prose bullets or paragraphs that each tell a story of
their own ("## Bottling line retrofit" with five bullets: the budget, the alarms, the fault, the
disagreement, the training) rather than the steps of one story.

A unit (a top-level bullet with what hangs under it, or a paragraph) is an episode when it is
long enough to tell something, has someone in the first person doing something, does not open
by leaning on the unit before ("Then...", "As a result...", "It..."), and shares few content
words with its neighbours. Only when every unit of the block passes is the block cut.
"""

from __future__ import annotations

import re

from coach.knowledge.notes.lines import BULLET
from coach.text.star_cues import PAST_VERB
from coach.text.terms import terms

EPISODE_WORDS = 20  # a unit shorter than this is a point of a story, not a story
PAIR_WORDS = 35  # with only two units, each must be this long
MAX_OVERLAP = 0.3  # Jaccard of content words between two units of one story is above this

# someone in the first person doing something, in the past tense ("I rang", "we quickly cut")
OWN_ACTION = re.compile(rf"\b(?:I|we)\b(?: \w+){{0,3}} {PAST_VERB}\b", re.IGNORECASE)
_LEANS_BACK = re.compile(
    r"^(?:then|after (?:that|this)|afterwards|next|finally|so|and|but|also|later|in the end|"
    r"as a result|the result|result|outcome|impact|lesson|this|that|these|those|it|they|which|"
    r"because|since|meanwhile|however)\b",
    re.IGNORECASE,
)


def _units(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(first line, text) of each top-level bullet (when bullets carry the block) or each
    paragraph."""
    content = [(n, t) for n, t in numbered if t.strip()]
    bullets = [(n, t) for n, t in content if BULLET.match(t)]
    units: list[tuple[int, list[str]]] = []
    if content and len(bullets) >= 0.6 * len(content):
        top = min(len(BULLET.match(t).group("indent").expandtabs(4)) for _, t in bullets)
        for number, text in content:
            bullet = BULLET.match(text)
            indent = len(bullet.group("indent").expandtabs(4)) if bullet else None
            body = text[bullet.end() :] if bullet else text
            if indent == top or not units:
                units.append((number, [body.strip()]))
            else:
                units[-1][1].append(body.strip())
    else:
        fresh = True
        for number, text in numbered:
            if not text.strip():
                fresh = True
                continue
            if fresh:
                units.append((number, []))
            units[-1][1].append(text.strip())
            fresh = False
    return [(number, " ".join(parts)) for number, parts in units]


TERSE_WORDS = 12  # a one-line story in shorthand: "rota broken -> wrote runbooks, pages down 60%"
# how it ended, in shorthand: a figure, "zero downtime", "no outage", "fixed same day"
_TERSE_OUTCOME = re.compile(
    r"\d|\b(zero|no|none|fixed|solved|saved|shipped|launched|renewed|won|passed|on time|same day|"
    r"next day)\b",
    re.IGNORECASE,
)
# what went on, then what was done: an arrow, or a dash or comma before a step
_TERSE_TURN = re.compile(r"(-+>|→|=>|\s[-–—]\s|,\s)")


def _terse_story(text: str) -> bool:
    """A whole story in one shorthand line: long enough, not leaning on the line before, with
    a turn (an arrow, a dash or a comma) and an ending in its second half."""
    if len(text.split()) < TERSE_WORDS or _LEANS_BACK.match(text):
        return False
    turn = _TERSE_TURN.search(text)
    return bool(turn) and bool(_TERSE_OUTCOME.search(text[len(text) // 2 :]))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def episode_starts(numbered: list[tuple[int, str]]) -> set[int]:
    """Line numbers where each episode of the block begins; empty when the block tells one
    story (or too little to say)."""
    units = _units(numbered)
    if len(units) < 2:
        return set()
    floor = PAIR_WORDS if len(units) == 2 else EPISODE_WORDS
    plain = [text.lstrip("*_ ") for _, text in units]
    told = all(
        len(t.split()) >= floor and OWN_ACTION.search(t) and not _LEANS_BACK.match(t) for t in plain
    )
    if not told and not all(_terse_story(t) for t in plain):
        return set()
    words = [set(terms(text)) for _, text in units]
    for i in range(len(words) - 1):
        if _jaccard(words[i], words[i + 1]) > MAX_OVERLAP:
            return set()
    return {number for number, _ in units}
