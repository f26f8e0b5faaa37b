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
        r"(did not|didn'?t) go (as planned|to plan|well|right|the way)|went wrong|"
        r"rebuild\w* [\w' ]*trust|(did not|didn'?t|could not|couldn'?t) (meet|hit|reach|make|"
        r"achieve)|not meet|let (\w+ ){0,2}down|(deal|sale|bid|pitch|tender|contract|client|"
        r"customer|account|case)s? (that )?(you )?lost|lost (a|an|the|your) (deal|sale|bid|"
        r"pitch|tender|contract|client|customer|account|case))", re.I)),
    ("conflict", re.compile(
        r"\b(conflict\w*|disagree\w*|argument\w*|tension|push(ed)? back|"
        # a difficult person of any kind: client, guest, parent, tenant; not a difficult task
        r"difficult (?!(problem|decision|situation|task|project|choice|time|period|question|bug|"
        r"goal|deadline|target|skill|subject|change|case|thing|job|year|day|week|launch|"
        r"technical|one|part)s?\b)[a-z-]{3,}|"
        r"challenged? (a|your|the) (decision|manager|leader)|feedback|argued|mediat\w*|"
        r"disrespect\w*|others wanted)", re.I)),
)  # fmt: skip


def question_kind(question: str) -> Kind:
    """Failure, conflict or criticism from the question's wording, else standard."""
    from coach.text.asks import OTHERS_MISTAKE

    question = OTHERS_MISTAKE.sub(" ", question)
    for kind, pattern in _KINDS:
        if pattern.search(question):
            return kind
    return "standard"


def needs_lesson(question: str) -> bool:
    """Conflict, failure and criticism questions must end with what was learned."""
    return question_kind(question) != "standard"


# Questions about the candidate in general, not about one event: their answers are not stories
# ("Tell me about yourself", "Why this company?", "What is your greatest weakness?").
_CATCH_ALL = re.compile(
    r"\b(about yourself|introduce yourself|walk me through your (resume|cv|background|career)|"
    r"your (background|resume|career so far)|why (do you want|would you like|are you interested|"
    r"amazon|this (company|role|job|team|position)|us\b|our company|here)|why should we hire|"
    r"^\W*(what('s| is| are| would you say is) )?(your )?(greatest |biggest |main |top )?"
    r"(strengths?|weakness(es)?)\W*$|your (greatest |biggest |main )?(strengths?|weakness(es)?)"
    r"( and (strengths?|weakness(es)?))?\W*$|where do you (want|see|hope)( yourself| to be)|"
    r"(career|long[- ]term|five[- ]year) (goals?|plans?)|what motivates you|"
    r"questions? for (me|us))",
    re.I,
)
_ONE_EVENT = re.compile(r"\b(a time|time when|when you|project|example|situation)\b", re.I)


def is_catch_all(question: str) -> bool:
    """A question about the candidate in general rather than one event they lived."""
    return bool(_CATCH_ALL.search(question)) and not _ONE_EVENT.search(question)
