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
