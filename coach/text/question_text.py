"""Strip the interview framing from a question so that only its content is compared."""

from __future__ import annotations

import re

_FRAMING = re.compile(
    r"^\s*(?:(?:can|could) you\s+)?(?:please\s+)?"
    r"(?:tell me about|tell me|describe|give (?:me )?an example of|give me|walk me through|"
    r"talk (?:me )?about|share|explain|what(?:'s| is| was) an? example of)\s+"
    r"(?:(?:a|an|the|one)\s+)?(?:time|moment|situation|instance|occasion|case|example)?\s*"
    r"(?:when|where|that|in which|from|of)?\s*",
    re.IGNORECASE,
)
_WH_FRAMING = re.compile(
    r"^\s*(?:how|what|when|why|where)\s+(?:did|do|have|would|were|was)\s+you\s+", re.IGNORECASE
)


def question_content(question: str) -> str:
    """The question without its opening formula; the question itself if nothing is left."""
    stripped = _WH_FRAMING.sub("", _FRAMING.sub("", question, count=1), count=1).strip(" ?.")
    return stripped if len(stripped.split()) >= 2 else question.strip()


_EXPERIENCE = re.compile(
    r"\b(?:a|an|one|the last|another|the most|the best|the hardest)\s+(?:\w+\s+)?"
    r"(?:time|moment|situation|instance|occasion|example|project|story|decision|mistake|"
    r"failure|conflict)\b|\b(?:how|what|when|why)\s+(?:did|have|had)\s+you\b|"
    r"\bhave you ever\b|\b(?:tell me about|walk me through|describe)\b",
    re.IGNORECASE,
)


def asks_for_experience(question: str) -> bool:
    """Whether the question asks for something the candidate did (a behavioral question), not
    for an opinion or a fact ("What is your favourite pizza topping?")."""
    return bool(_EXPERIENCE.search(question))


QUESTION_LIKENESS_MIN = 0.33  # chosen on tests/data/off_topic/off_topic_dev.yaml only
_MOTIVE = re.compile(
    r"\bwhy (?:do you want|this|our|us|[A-Z]\w+)\b|\babout yourself\b|"
    r"\byour (?:resume|background|strengths?|weakness(?:es)?|career|last manager)\b",
    re.IGNORECASE,
)


def reads_as_question(question: str, likeness: float) -> bool:
    """Whether the text reads as an interview question: close to the labelled questions, or
    asking for an experience, or one of the usual motivation questions ("Why Amazon?")."""
    return (
        likeness >= QUESTION_LIKENESS_MIN
        or asks_for_experience(question)
        or bool(_MOTIVE.search(question))
    )
