"""Is a draft something a candidate can say out loud? The checks of issue 25, one place.

A sentence is speakable when it starts with a capital, ends with a full stop, question or
exclamation mark, has 4 to 45 words and no note-to-self residue (arrows, "mention", TODO, an
unclosed bracket, a ``Label:`` stub, "e.g.", shorthand such as "w/"). A draft is clean when
every sentence is speakable, it is in the first person, it names no figure and no name the
notes do not hold, it does not tell the candidate not to rehearse it, and it says at least 60 %
of what the time budget or the notes allow (whichever is less).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.results import Draft
from coach.text.claims import ClaimsChecker
from coach.text.sentences import special_terms, split_sentences, vocabulary
from coach.text.spoken import sentence_problems

LENGTH_SHARE = 0.6
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd|me|my|mine|we|our|us)\b")
_SECOND_PERSON = re.compile(r"(?<![-\w])(you|your)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“][^\"”]*[\"”]")
_HARMLESS = set("so first then finally after as at in on when that this what my we our it the a an "
                "but and because here".split())  # fmt: skip

@dataclass
class DraftVerdict:
    """What a draft gets right and wrong by the checks above."""

    sentences: int = 0
    speakable: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems


def judge_draft(
    draft: Draft, notes_text: str, notes_words: int, projected: list[str]
) -> DraftVerdict:
    """Check one draft against the notes it may draw on (``notes_text``: the story and any
    project entries it combined; ``notes_words``: how many words those notes hold)."""
    verdict = DraftVerdict()
    for sentence in split_sentences(draft.text):
        verdict.sentences += 1
        if not sentence_problems(sentence):
            verdict.speakable += 1
    if verdict.speakable < verdict.sentences:
        verdict.problems.append(f"{verdict.sentences - verdict.speakable} unspeakable sentence(s)")
    spoken = _QUOTE.sub(" ", draft.text)
    if not _FIRST_PERSON.search(spoken) or _SECOND_PERSON.search(spoken):
        verdict.problems.append("not in the first person")
    invented = ClaimsChecker(notes_text, projected).invented(draft.text)
    if invented:
        verdict.problems.append("figures not in the notes: " + ", ".join(invented))
    known = vocabulary(notes_text)
    names = {t for s in split_sentences(draft.text) for t in special_terms(s)} - known - _HARMLESS
    principle = vocabulary(draft.principle.replace("-", " "))  # "earths" for "Earth's"
    names = {n for n in names if n.replace("'", "").replace("’", "") not in principle}
    if names:
        verdict.problems.append("names not in the notes: " + ", ".join(sorted(names)))
    if any("do not rehearse" in note for note in draft.notes):
        verdict.problems.append("told not to rehearse")
    floor = LENGTH_SHARE * min(draft.budget_words, notes_words)
    if draft.words < floor:
        verdict.problems.append(f"{draft.words} words, under {floor:.0f}")
    return verdict


@dataclass
class DraftTally:
    """Totals over many drafts of one model on one set of notes."""

    drafts: int = 0
    clean: int = 0
    sentences: int = 0
    speakable: int = 0
    invented: int = 0  # drafts with a figure or a name the notes do not hold
    negations: int = 0  # model sentences shown whose meaning differs from their notes sentence
    repeats: int = 0  # near-duplicate sentences shown
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, draft: Draft, verdict: DraftVerdict, negations: int, repeats: int) -> None:
        self.drafts += 1
        self.clean += verdict.clean
        self.sentences += verdict.sentences
        self.speakable += verdict.speakable
        self.invented += any(p.startswith(("figures", "names")) for p in verdict.problems)
        self.negations += negations
        self.repeats += repeats
        self.seconds.append(draft.seconds)
        if not verdict.clean:
            self.failures.append("; ".join(verdict.problems))
