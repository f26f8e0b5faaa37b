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
    "sit": "situation",
    "task": "task",
    "problem": "task",
    "challenge": "task",
    "conflict": "task",
    "goal": "task",
    "tsk": "task",
    "action": "action",
    "actions": "action",
    "solution": "action",
    "approach": "action",
    "act": "action",
    "did": "action",
    "result": "result",
    "results": "result",
    "impact": "result",
    "outcome": "result",
    "res": "result",
    "metrics": "result",
    "numbers": "result",
    "lesson": "lesson",
    "lessons": "lesson",
    "learning": "lesson",
    "learnings": "lesson",
    "reflection": "lesson",
    "takeaway": "lesson",
    "takeaways": "lesson",
    "learned": "lesson",
    "learnt": "lesson",
}

# One-letter labels ("- S: ...", "**S (Situation):**"). "S" is resolved by the segmenter: the
# situation first, the solution (action) when it follows a problem, as SPSIL notes write it.
LETTERS: dict[str, str] = {
    "S": "situation",
    "T": "task",
    "P": "task",
    "A": "action",
    "R": "result",
    "I": "result",
    "L": "lesson",
}

_MIN_SIMILARITY = 80
# short forms matched exactly, never by similarity ("Earn", "Rest" and "Site" are no labels)
_EXACT_ONLY = frozenset({"sit", "tsk", "act", "did", "res", "learned", "learnt"})
# labels of a few words ("What I did:", "My role:", "What I learned:"), matched exactly
_LABEL_PHRASE = re.compile(
    r"^(?:\*\*|\*|__)?\s*(?P<phrase>what happened|(?:the|my) (?:role|goal|ask)|"
    r"what I (?:had|needed) to do|what I did|(?:my|the) actions?|how I did it|"
    r"(?:the )?end result|how it ended|what I learn(?:ed|t)|(?:my )?lessons? learn(?:ed|t)|"
    r"what I(?:'d| would) do differently|(?:what I'd change )?next time)"
    r"\s*(?:(?:\*\*|\*|__)\s*:|:\s*(?:\*\*|\*|__)?)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PHRASE_SECTIONS = {"what": "situation", "role": "task", "goal": "task", "ask": "task",
                    "to do": "task", "did": "action", "action": "action", "how i did": "action",
                    "result": "result", "ended": "result", "learn": "lesson",
                    "differently": "lesson", "next time": "lesson"}  # fmt: skip

# "**Situation:** text", "**Situation**: text", "**Situation** text", "Situation: text"
_LEADING_LABEL = re.compile(
    r"^(?:\*\*|\*|__)?\s*(?P<word>[A-Za-z]{3,12})\s*(?:(?:\*\*|\*|__)\s*:?|:\s*(?:\*\*|\*|__)?)\s*(?P<rest>.*)$"
)
# "S: text", "**S (Situation):** text", "S (Situation) - text", "**S** - text"
_LETTER_LABEL = re.compile(
    r"^(?:\*\*|__)?\s*(?P<letter>[STARLPI])\s*(?:\(\s*(?P<word>[A-Za-z]{3,12})\s*\))?\s*"
    r"(?:\*\*|__)?\s*(?::|\s[-–—]\s|(?:\*\*|__)\s*:)\s*(?:\*\*|__)?\s*(?P<rest>.*)$"
)
# "S- text", "A - text": a letter and a dash, trusted only where a block uses several of them
_DASH_LETTER = re.compile(
    r"^(?:\*\*|__)?\s*(?P<letter>[STARLPI])(?:\*\*|__)?(?:\s[-–—]\s*|[-–—]\s)\s*(?P<rest>\S.*)$"
)
# "Situation - text", "Situation – text" (exact label words only: a dash is weaker than a colon)
_DASH_LABEL = re.compile(r"^(?P<word>[A-Za-z]{4,12})\s*(?:-{1,3}>?|–|—)(?:\s+(?P<rest>.*))?$")
# "text (*Situation*)", "text *(Situation)*", "text (*Task)", "(*outcome*)"
_INLINE_TAG = re.compile(r"\*?\(\s*\*?\s*(?P<word>[A-Za-z]{3,12})\s*\*?\s*\)\*?")


def section_for(word: str) -> str | None:
    """The section a label word stands for, tolerating typos ("Situaton", "Leesson"); else None."""
    lowered = word.lower()
    if lowered in LABEL_WORDS:
        return LABEL_WORDS[lowered]
    best, score = None, 0.0
    for label, section in LABEL_WORDS.items():
        if label in _EXACT_ONLY:
            continue
        if len(lowered) >= 4 and sorted(lowered) == sorted(label):
            return section  # two letters swapped: "Taks", "Reuslt"
        similarity = fuzz.ratio(lowered, label)
        if similarity > score:
            best, score = section, similarity
    return best if score >= _MIN_SIMILARITY and len(lowered) >= 4 else None


def leading_label(line: str) -> tuple[str, str] | None:
    """If a line opens with a section label, return (section, rest of the line)."""
    phrase = _LABEL_PHRASE.match(line.strip())
    if phrase:
        said = phrase["phrase"].lower()
        section = next(s for key, s in reversed(_PHRASE_SECTIONS.items()) if key in said)
        return section, phrase["rest"].strip()
    match = _LEADING_LABEL.match(line.strip())
    if not match:
        return None
    section = section_for(match.group("word"))
    return (section, match.group("rest").strip()) if section else None


def letter_label(line: str) -> tuple[str, str, str | None] | None:
    """A one-letter label: (letter, rest, section named in parentheses or None)."""
    match = _LETTER_LABEL.match(line.strip())
    if not match:
        return None
    word = match.group("word")
    named = section_for(word) if word else None
    if (word and not named) or (not word and ":" not in line.strip()[: match.start("rest")]):
        return None  # a bare letter needs a colon ("I - think" is a sentence)
    return match.group("letter"), match.group("rest").strip(), named


def dash_letter(line: str) -> tuple[str, str] | None:
    """ "S- text" or "A - text": (letter, rest). Only meaningful where a block writes several
    such letters (``uses_dash_letters``), since "I - think" is a sentence."""
    match = _DASH_LETTER.match(line.strip())
    return (match.group("letter"), match.group("rest").strip()) if match else None


def uses_dash_letters(lines: list[str]) -> bool:
    """Whether a block labels its parts with dash letters: two or more distinct STAR/SPSIL
    letters (not counting "I", which opens sentences) written as "S- ...", "A - ..."."""
    letters = set()
    for line in lines:
        found = dash_letter(re.sub(r"^\s*(?:[-*+•]|\d+[.)])\s+", "", line))
        if found:
            letters.add(found[0])
    return len(letters - {"I"}) >= 2


def dash_label(line: str) -> tuple[str, str] | None:
    """ "Situation - text": only exact label words, since dashes start ordinary lines too."""
    match = _DASH_LABEL.match(line.strip())
    if not match or match.group("word").lower() not in LABEL_WORDS:
        return None
    return LABEL_WORDS[match.group("word").lower()], (match.group("rest") or "").strip()


# "... on a night shift [S]. ... [A].": one-letter tags in brackets, trusted where two differ
_LETTER_TAG = re.compile(r"\[\s*(?P<letter>[STARL])\s*\]|\(\s*(?P<round>[STARL])\s*\)(?=[\s.,;]|$)")


def inline_tags(text: str) -> list[tuple[int, int, str]]:
    """Positions (start, end, section) of inline tags such as ``(*Situation*)`` in a text, and
    of one-letter tags (``[S]``, ``(A)``) where the text holds two or more different ones."""
    tags = []
    for match in _INLINE_TAG.finditer(text):
        section = section_for(match.group("word"))
        if section:
            tags.append((match.start(), match.end(), section))
    letters = [(m.start(), m.end(), LETTERS[m["letter"] or m["round"]])
               for m in _LETTER_TAG.finditer(text)]  # fmt: skip
    if len({section for _, _, section in letters}) >= 2:
        tags = sorted([*tags, *letters])
    return tags
