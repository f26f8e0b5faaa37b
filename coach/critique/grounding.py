"""Grounding of a typed answer in the candidate's own matched story: figures the notes do not
hold, projections told as results, and strong facts of the story the answer leaves out."""

from __future__ import annotations

from coach.core.schema import Story
from coach.critique import signals
from coach.text.claims import ClaimsChecker
from coach.text.sentences import split_sentences
from coach.text.terms import terms

LEFT_OUT_SHOWN = 3


def story_checker(story: Story) -> ClaimsChecker:
    """The claims checker of one story: its text, title and which figures are projections."""
    return ClaimsChecker(
        f"{story.title}. {story.text()}", (m.value for m in story.metrics if not m.measured)
    )


def unsupported_claims(sentences: list[str], story: Story) -> list[tuple[str, str]]:
    """Figures the story does not hold, and projected figures told as results."""
    checker = story_checker(story)
    out = []
    for sentence in sentences:
        invented = checker.invented(sentence)
        if invented:
            out.append((
                f"Your notes for '{story.title}' do not hold the figure(s) "
                + ", ".join(invented) + "; only claim what you can back up.",
                sentence,
            ))  # fmt: skip
        elif checker.projection_as_result(sentence):
            out.append(("Your notes call this figure a projection, not a result.", sentence))
    return out


TOLD_SHARE = 0.6  # an answer holding this share of a sentence's content words already tells it


def left_out_facts(answer: str, story: Story) -> list[str]:
    """Story sentences with figures the answer never mentions (strongest first, at most 3),
    leaving out a sentence the answer already tells in its own words ("one whole shift" for
    "a full shift at 1 ms"): suggesting it back would only repeat the answer."""
    said = signals.claim_figures(answer)
    answered = set(terms(answer))
    facts = []
    for part in ("result", "action", "situation", "task"):
        for sentence in split_sentences(getattr(story.sections, part)):
            figures = signals.claim_figures(sentence)
            wanted = set(terms(sentence))
            told = len(wanted & answered) / len(wanted) if wanted else 0.0
            if figures and not figures & said and told < TOLD_SHARE:
                facts.append(sentence)
    return facts[:LEFT_OUT_SHOWN]
