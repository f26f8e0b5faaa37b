"""The figures a sentence claims, checked against the notes: one checker for drafting (a model's
sentences) and critique (a typed answer), so both hold a claim to the same rule.

A figure is a claim when it is written in digits or number words ("three weeks" claims 3), except
the words "one", "once" and "single", which rarely state a measurement. A figure the notes call a
projection must be told as one ("we projected", "an estimated"), never as a result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coach.text.sentences import figure_mentions

_NOT_CLAIMS = {"one", "once", "single"}
PROJECTION_WORDS = re.compile(
    r"\b(projected|projections?|projecting|(?:we|I|they) project|estimat\w*|forecast\w*|"
    r"could save|would save|napkin|expected|expect(?:s|ing)? to|potential(?:ly)?)\b",
    re.IGNORECASE,
)


def claimed(text: str) -> dict[str, str]:
    """Figures the text claims, normalised, with the words that stated each one."""
    return {
        value: said for value, said in figure_mentions(text).items()
        if said.lower() not in _NOT_CLAIMS
    }  # fmt: skip


class ClaimsChecker:
    """What one source (the notes of one story) backs up: its figures, and which are projections."""

    def __init__(self, source: str, projected: Iterable[str] = ()) -> None:
        self.known = set(figure_mentions(source))
        self.projected = {value for text in projected for value in claimed(text)}

    def invented(self, sentence: str) -> list[str]:
        """The sentence's figures that the source does not hold, as the sentence wrote them."""
        return [said for value, said in claimed(sentence).items() if value not in self.known]

    def projection_as_result(self, sentence: str) -> bool:
        """Whether the sentence states a projected figure without calling it a projection."""
        return bool(set(claimed(sentence)) & self.projected) and not PROJECTION_WORDS.search(
            sentence
        )
