"""Colleagues named outright in a text: a common first name, or a name set beside a role.

Used to warn in critique (interviewers want roles, not names) and to tell the user which of their
notes name people, so nothing private goes further than they intend.
"""

from __future__ import annotations

import re

from coach.core.paths import knowledge_dir

_ROLE_NAME = re.compile(
    r"\b(?:my|our|the|a) (?:manager|boss|lead|teammate|colleague|coworker|co-worker|director|"
    r"engineer|intern|advisor|mentor|VP|PM|peer|report|skip-level)s?,? ([A-Z][a-z]{2,})\b"
)
_NAME_FROM_TEAM = re.compile(r"\b([A-Z][a-z]{2,}) (?:from|on|in) (?:the|our|my) [\w-]+ team\b")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_CACHE: dict[str, frozenset[str]] = {}


def first_names() -> frozenset[str]:
    """Common first names (knowledge/first_names.txt), read once per knowledge folder."""
    key = str(knowledge_dir())
    if key not in _CACHE:
        try:
            lines = (knowledge_dir() / "first_names.txt").read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        _CACHE[key] = frozenset(w for ln in lines if not ln.startswith("#") for w in ln.split())
    return _CACHE[key]


def name_mentions(text: str) -> list[tuple[str, int, int, bool]]:
    """(words, start, end, is a known first name) for each person named, first mention only."""
    found: dict[str, tuple[str, int, int, bool]] = {}
    names = first_names()
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group(0))
        if word in names:
            found.setdefault(word, (word, match.start(), match.end(), True))
    for pattern in (_ROLE_NAME, _NAME_FROM_TEAM):
        for match in pattern.finditer(text):
            found.setdefault(match.group(1), (match.group(0), match.start(), match.end(), False))
    return list(found.values())


def people_named(text: str) -> list[str]:
    """The names themselves ("Dana"), in order of first mention."""
    out = []
    for said, _, _, known in name_mentions(text):
        name = said if known else said.split()[-1]
        if name not in out:
            out.append(name)
    return out
