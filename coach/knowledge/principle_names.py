"""Match how people name a principle in their notes ("Ownesrship(STAR)", "Deliver") to its id."""

from __future__ import annotations

import re
from functools import cache

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


@cache
def _normalised_names(names: tuple[str, ...]) -> list[str]:
    return [normalise(n) for n in names]


def _names(principle: Principle) -> list[str]:
    return _normalised_names((principle.name, principle.id.replace("-", " "), *principle.aliases))


def match_principle(heading: str, principles: list[Principle]) -> str | None:
    """The principle id a heading names, or None. Exact or near-exact names win over prefixes."""
    key = (heading, tuple((p.id, p.name, *p.aliases) for p in principles))
    if key not in _MATCHED:
        _MATCHED[key] = _match(heading, principles)
    return _MATCHED[key]


_MATCHED: dict[tuple, str | None] = {}  # headings repeat across a file and across files


def _match(heading: str, principles: list[Principle]) -> str | None:
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


def is_principle_name(text: str, principles: list[Principle]) -> bool:
    """Whether the whole text is a principle's name (typos allowed), not a title that merely
    starts with one ("Mentoring an intern")."""
    plain = normalise(text)
    return any(
        fuzz.ratio(plain, name) >= _MIN_SIMILARITY for p in principles for name in _names(p) if name
    )


_LIST_SEPARATORS = re.compile(r"\s*(?:/|,|;|\||\+|&(?!\s*be\b)|\band\b(?= [A-Z]))\s*")


def match_principles(text: str, principles: list[Principle]) -> list[str]:
    """Every principle a short line names ("Ownership / Bias for action", "Earn trust; Dive
    deep"), in order; the whole line first, so "Learn and Be Curious" stays one name."""
    whole = match_principle(text, principles)
    parts = [part for part in _LIST_SEPARATORS.split(_BRACKETED.sub(" ", text)) if part.strip()]
    found = [match_principle(part, principles) for part in parts] if len(parts) > 1 else []
    ordered = [p for p in [whole, *found] if p]
    return list(dict.fromkeys(ordered))


_TAG = re.compile(
    r"\s*(?:\[(?P<square>[^\]]+)\]|\((?P<round>[^)]+)\)|(?<![\w#@])[#@](?P<hash>[A-Za-z][\w-]+))"
)


def principle_tags(text: str, principles: list[Principle]) -> tuple[str, list[str]]:
    """A title and the principles its bracketed tags or hashtags name ("Peak week jam [Bias for
    Action, Deliver Results]", "... #bias-for-action" or "... @earn-trust" -> "Peak week jam",
    the ids); tags naming anything else stay."""
    named: list[str] = []

    def tag(match: re.Match[str]) -> str:
        inner = match.group("square") or match.group("round") or match.group("hash")
        if match.group("hash"):  # "#earn-trust", "#bias_for_action"
            inner = re.sub(r"[-_]+", " ", inner)
        found = names_only_principles(inner, principles)
        named.extend(p for p in found if p not in named)
        return " " if found else match.group(0)

    title = " ".join(_TAG.sub(tag, text).split()).strip(" -–—:")
    tail = _DASH_TAIL.search(title)  # "Checkout redesign — Customer Obsession, Dive Deep"
    if tail and (listed := exact_principles(tail.group("tail"), principles)):
        named.extend(p for p in listed if p not in named)
        title = title[: tail.start()].strip(" -–—:")
    return title, named


_DASH_TAIL = re.compile(r"\s[—–-]\s(?P<tail>[^—–]+)$")


def names_only_principles(text: str, principles: list[Principle]) -> list[str]:
    """The principles a line names when the line is nothing but principle names (a plain
    competency line such as "Ownership / Bias for action" standing in for a heading); else []."""
    plain = _BRACKETED.sub(" ", text).strip().strip("*_#:").strip()
    if not plain or len(plain.split()) > 10 or plain.endswith((".", "?", "!")):
        return []
    whole = match_principle(plain, principles)
    if whole and is_principle_name(plain, principles):  # "Are Right, A Lot" has a comma
        return [whole]
    parts = [p for p in _LIST_SEPARATORS.split(plain) if p.strip()]
    named = [match_principle(part, principles) for part in parts]
    if not named or named[0] is None:
        return []
    # other parts may be a word of the candidate's own ("disagree"), but not a sentence
    if any(p is None and len(part.split()) > 2 for p, part in zip(named, parts, strict=True)):
        return []
    if any(p and words_after_name(part, principles) for p, part in
           zip(named, parts, strict=True)):  # fmt: skip
        return []  # "Mentoring a new hire through on-call" is a story's title, not a principle
    return match_principles(plain, principles)


_WORDS_AFTER_NAME = 2  # "Customer Obsession examples", "Bias for Action (two stories)"


def words_after_name(part: str, principles: list[Principle]) -> bool:
    """Whether more than a couple of words follow the principle name a part starts with
    ("Mentoring a new hire through on-call"; not "Ownership examples" or a name itself)."""
    if is_principle_name(part, principles):
        return False
    text = normalise(part)
    after = [len(text[len(name) :].split()) for p in principles for name in _names(p)
             if name and text.startswith(name + " ")]  # fmt: skip
    return min(after, default=0) > _WORDS_AFTER_NAME


def exact_principles(text: str, principles: list[Principle]) -> list[str]:
    """The principles a short text names when it is a principle's name, or a list of names
    ("Ownership / Dive Deep"); [] when a part only sounds like one ("Develop Adaptability")."""
    plain = text.strip().strip("*_:").strip()
    parts = [part for part in re.split(r"\s*[/,;|&+]\s*|\s+and\s+(?=[A-Z])", plain) if part]
    whole = is_principle_name(plain, principles)
    if not whole and not all(is_principle_name(part, principles) for part in parts):
        return []
    return names_only_principles(plain, principles)
