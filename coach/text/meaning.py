"""Whether a rewrite keeps the meaning of the notes sentence it rewrites.

Figures and names are checked elsewhere (``claims``, ``drafting.grounding``); this module checks
what a small model silently flips: polarity (a dropped "no" is an invented fact), direction (a
rise told as a fall, "from X to Y" reversed), the actor (what "I" did told as "we" did or as
nobody's doing, what the team did claimed as "I") and modality (a projection told as measured).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from coach.text.claims import PROJECTION_WORDS, claimed

_NEGATION = re.compile(
    r"\b(no|not|never|none|nobody|nothing|nowhere|neither|nor|without|cannot|no longer|"
    r"unable|failed to|lacked|lacking)\b|n't\b",
    re.IGNORECASE,
)
_UP = re.compile(
    r"\b(rose|rise[sn]?|rising|increas\w*|grew|grow(s|n|ing)?|gain\w*|higher|more|doubl\w*|"
    r"tripl\w*|improv\w*|boost\w*|expand\w*|went up|up by)\b",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(fell|fall(s|en|ing)?|dropp\w*|drops?|decreas\w*|declin\w*|reduc\w*|cut|lower\w*|fewer|"
    r"less|halv\w*|shr[aiu]nk\w*|went down|down by|worse\w*)\b",
    re.IGNORECASE,
)
_FROM_TO = re.compile(r"\bfrom\s+([^,;.]{1,30}?)\s+to\s+([^,;.]{1,30}?)(?=[\s,;.]|$)", re.I)
_I = re.compile(r"\b(I|I'm|I've|I'd|I'll|myself)\b")
_WE = re.compile(r"\b(we|we're|we've|we'd|we'll|us|our team)\b", re.IGNORECASE)
_OTHERS = re.compile(
    r"\b(he|she|they|the (other )?team|my (manager|boss|colleague|teammate|lead)|the vendor)\b",
    re.IGNORECASE,
)


def negated(text: str) -> bool:
    """Whether the sentence says something is not so."""
    return bool(_NEGATION.search(text))


def direction(text: str) -> frozenset[str]:
    """The directions of change a sentence states: "up", "down", both or none."""
    found = set()
    if _UP.search(text):
        found.add("up")
    if _DOWN.search(text):
        found.add("down")
    return frozenset(found)


def actor(text: str) -> str | None:
    """Who acts: "I", "we", "others", or None when nobody is named."""
    if _I.search(text):
        return "I"
    if _WE.search(text):
        return "we"
    if _OTHERS.search(text):
        return "others"
    return None


def _span(text: str) -> tuple[str, str] | None:
    match = _FROM_TO.search(text)
    if not match:
        return None
    ends = tuple(sorted(claimed(part)) or [part.strip().lower()] for part in match.groups())
    return ends  # type: ignore[return-value]


_TOKEN = re.compile(r"[\w'%.-]+|[,;:()—–]")
_BREAK = frozenset(",;:()—–")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.rstrip(" .!?"))]


def joins_clauses(source: str, rewrite: str) -> bool:
    """Whether the rewrite cuts words out of the middle of the notes' sentence across a clause
    break, gluing the ends of two clauses into one that says neither ("they did not trust our
    [bug reports, they say our] steps are not clear"). A cut that is a whole aside (", which
    was old,") or that keeps the break does not count."""
    before, after = _tokens(source), _tokens(rewrite)
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, _ in matcher.get_opcodes():
        if op != "delete" or i1 == 0 or i2 == len(before) or j1 == 0:
            continue
        cut = before[i1:i2]
        inner = any(t in _BREAK for t in cut[1:-1]) or (len(cut) > 1 and cut[-1] in _BREAK)
        aside = cut[0] in _BREAK and cut[-1] in _BREAK
        if inner and not aside and cut[0] not in _BREAK:
            return True
    return False


def meaning_changes(source: str, rewrite: str) -> list[str]:
    """Why ``rewrite`` does not say what ``source`` says (empty when it keeps the meaning)."""
    reasons = []
    if negated(source) and not negated(rewrite):
        reasons.append("drops a negation the notes have")
    elif negated(rewrite) and not negated(source):
        reasons.append("adds a negation the notes do not have")
    before, after = direction(source), direction(rewrite)
    if before and after and before != after:
        reasons.append(
            f"changes the direction ({'/'.join(sorted(before))} in the notes, "
            f"{'/'.join(sorted(after))} here)"
        )
    span_before, span_after = _span(source), _span(rewrite)
    if span_before and span_after and span_before == tuple(reversed(span_after)):
        reasons.append("reverses the 'from ... to ...' of the notes")
    who_before, who_after = actor(source), actor(rewrite)
    if who_before == "I" and who_after != "I":
        reasons.append(f"changes who acted (I in the notes, {who_after or 'nobody'} here)")
    elif who_before in {"we", "others"} and who_after == "I":
        reasons.append(f"claims for you what the notes give to {who_before}")
    elif who_before is None and who_after == "I":
        reasons.append("puts you into a sentence where the notes name nobody")
    if joins_clauses(source, rewrite):
        reasons.append("cuts the middle out of a sentence of the notes, joining two clauses")
    projected_before = bool(PROJECTION_WORDS.search(source))
    projected_after = bool(PROJECTION_WORDS.search(rewrite))
    if projected_before and not projected_after:
        reasons.append("states a projection as a measured result")
    elif projected_after and not projected_before:
        reasons.append("turns a measured result into a projection")
    return reasons
