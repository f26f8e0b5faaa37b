"""Whether a line of notes is a clause: a finite verb after its first word, or a subject
pronoun followed by a word that is not a function word ("When the frames arrive we run it")."""

from __future__ import annotations

import re

from coach.text.star_cues import PAST_VERB

# a finite verb somewhere after the first word, or "I"/"we" followed by one: the line is a clause
FINITE = re.compile(
    rf"(?<=\s)(?:{PAST_VERB}|is|are|was|were|am|had|has|have|did|do|does|could|would|can|will|"
    r"should|might|must|need|needs|want|wants|get|gets|got|keep|keeps|think|know|like|love|"
    r"enjoy|use|uses|make|makes|take|takes|helps?|works?|goes|came|comes)\b",
    re.IGNORECASE,
)
SUBJECT_FIRST = re.compile(
    r"(?:^(?:\w+,? )?(?:I|we)\s+(?:\w+ly\s+)?[a-z]{2,}|"
    r"\b(?:I|we|he|she|they)(?:'d|'ll|'ve|'m|'re|’d|’ll|’ve|’m|’re)\s+[a-z]{2,}|"
    # a subject pronoun later in the line, then a word that is not a function word: "When
    # receiving the frames we run it on the PC", "after a week I finally find a way"
    r"(?<=[\s,])(?-i:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+ly\s+)?(?!(?:and|or|the|a|an|to|of|"
    r"in|on|at|for|with|from|by|as|is|are|was|were|who|that|which|all|both)\b)[a-z]{2,})",
    re.IGNORECASE,
)


def is_clause(text: str) -> bool:
    """Whether a line has a verb of its own (a finite verb or a subject and its verb)."""
    return bool(FINITE.search(text) or SUBJECT_FIRST.search(text))
