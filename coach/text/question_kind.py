"""What kind of question this is: failure, conflict and criticism questions expect a lesson."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["standard", "failure", "conflict", "criticism"]
_KINDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("criticism", re.compile(
        r"\b(critici[sz]\w*|critical feedback|negative feedback|hard feedback|tough feedback|"
        r"feedback (you|that) (got|received|didn't)|received feedback|got feedback)", re.I)),
    ("failure", re.compile(
        r"\b(fail\w*|mistake\w*|wrong|regret\w*|error in judg\w*|didn't go|did not go|"
        r"missed|fell short|not proud|went badly|lesson|slipped|differently|not good enough|"
        r"rebuild\w* [\w' ]*trust)", re.I)),
    ("conflict", re.compile(
        r"\b(conflict\w*|disagree\w*|argument\w*|tension|push(ed)? back|difficult (person|"
        r"colleague|coworker|co-worker|manager|customer|stakeholder|teammate)|persuade|convince|"
        r"challenged? (a|your|the) (decision|manager|leader)|feedback|argued|mediat\w*|"
        r"disrespect\w*|others wanted)", re.I)),
)  # fmt: skip


def question_kind(question: str) -> Kind:
    """Failure, conflict or criticism from the question's wording, else standard."""
    for kind, pattern in _KINDS:
        if pattern.search(question):
            return kind
    return "standard"


def needs_lesson(question: str) -> bool:
    """Conflict, failure and criticism questions must end with what was learned."""
    return question_kind(question) != "standard"
