"""A stronger version of a typed answer, built from the candidate's own words and notes only.

Every sentence the candidate typed that their matched story supports is kept (spoken fillers
taken out, nothing else changed); hypotheticals and figures the notes do not hold are dropped,
each with its reason; the facts of the story that the answer leaves out are added where their
part of the story belongs. No language model is involved, so nothing can be invented; the result
is offered only when a fresh critique scores it higher and finds no unsupported claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.ids import SECTION_NAMES
from coach.core.results import AnswerSentence, Draft, DraftSentence
from coach.core.schema import Story
from coach.critique import signals
from coach.critique.grounding import story_checker
from coach.critique.parts import is_hypothetical
from coach.text.sentences import split_sentences
from coach.text.terms import terms

WORDS_PER_MINUTE = 140
COVERED = 0.5  # a story sentence sharing this much of its content words is already said
CONTAINED = 0.8  # a typed sentence this much inside a notes sentence is that sentence, shorter
_FILLER = re.compile(
    r"(,\s*)?\b(um+|uh+|erm|you know|basically|literally|kind of|kinda|sort of|sorta|I mean|"
    r"I guess|so yeah|or something|or whatever)\b(\s*,)?|(?<=,)\s*like\s*,",
    re.IGNORECASE,
)


@dataclass
class Stronger:
    """The stronger version, or why none is offered, and what changed."""

    draft: Draft | None
    reason: str = ""
    kept: int = 0
    added: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (sentence, why)


def without_fillers(sentence: str) -> str:
    """The sentence with spoken fillers removed; every other word stays as typed."""
    text = _FILLER.sub(lambda m: ", " if m.group(1) and m.group(3) else " ", sentence)
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = re.sub(r"^[,;\s]+", "", text)
    return text[:1].upper() + text[1:] if text else text


def _covered(fact: str, said: list[str]) -> bool:
    """Whether the answer already says this story sentence (its figures, or most of its words)."""
    figures = signals.claim_figures(fact)
    spoken = " ".join(said)
    if figures:
        return figures <= signals.claim_figures(spoken)
    words = set(terms(fact))
    return bool(words) and len(words & set(terms(spoken))) / len(words) >= COVERED


def _contains(fact: str, typed: str) -> bool:
    """Whether a notes sentence holds everything a typed sentence says (its figures and nearly
    all its words), so taking the notes' fuller wording drops nothing the candidate said."""
    words = set(terms(typed))
    if not words or not signals.claim_figures(typed) <= signals.claim_figures(fact):
        return False
    return len(words & set(terms(fact))) / len(words) >= CONTAINED


def _story_parts(story: Story) -> dict[str, list[str]]:
    present = {p: split_sentences(getattr(story.sections, p)) for p in SECTION_NAMES}
    if not any(present.values()):
        present["situation"] = split_sentences(story.body)
    return present


def build_stronger(
    question: str, sentences: list[AnswerSentence], story: Story, needs_lesson: bool
) -> Stronger:
    """The candidate's supported sentences plus the story's missing facts, in STAR order."""
    checker = story_checker(story)
    out = Stronger(draft=None)
    kept: dict[str, list[str]] = {p: [] for p in SECTION_NAMES}
    for item in sentences:
        text = item.text.strip()
        if len(text.split()) < 3:
            continue
        if is_hypothetical(text):
            out.dropped.append((text, "says what you would do, not what you did"))
            continue
        invented = checker.invented(text)
        if invented:
            out.dropped.append((text, f"your notes do not hold {', '.join(invented)}"))
            continue
        if checker.projection_as_result(text):
            out.dropped.append((text, "your notes call this figure a projection"))
            continue
        part = item.part if item.part in kept else "situation" if not any(kept.values()) else ""
        if part:
            kept[part].append(without_fillers(text))
            out.kept += 1
    story_parts = _story_parts(story)
    said = [s for part in kept.values() for s in part]
    final: list[DraftSentence] = []
    for part in SECTION_NAMES:
        if part == "lesson" and not (needs_lesson or kept["lesson"] or story_parts["lesson"]):
            continue
        sentences_here = [DraftSentence(text=t, part=part, source="answer") for t in kept[part]]
        for fact in story_parts[part]:
            if _covered(fact, said):
                continue
            fuller = next((i for i, s in enumerate(sentences_here)
                           if s.source == "answer" and _contains(fact, s.text)), None)  # fmt: skip
            if fuller is not None:  # the notes say the same thing with more: take their words
                sentences_here[fuller] = DraftSentence(text=fact, part=part, source="notes")
            else:
                sentences_here.append(DraftSentence(text=fact, part=part, source="notes"))
            out.added.append(fact)
            said.append(fact)
        final += sentences_here
    if not out.added and not out.dropped:
        out.reason = "Your answer already holds every fact your notes have for this story."
        return out
    text = " ".join(s.text for s in final)
    words = len(text.split())
    out.draft = Draft(
        text=text,
        sections={p: " ".join(s.text for s in final if s.part == p) or None for p in SECTION_NAMES},
        story_id=story.id,
        model="none",
        grounded=True,
        unsupported=[],
        words=words,
        seconds=round(words / WORDS_PER_MINUTE * 60, 1),
        budget_words=words,
        minutes=round(words / WORDS_PER_MINUTE, 2),
        sentences=final,
        notes=[f"Left out: “{s}” ({why})." for s, why in out.dropped],
    )
    return out
