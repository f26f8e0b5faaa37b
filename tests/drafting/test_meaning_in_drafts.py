"""A model sentence that flips the meaning of the notes is removed, reported with its reason,
and the notes' own words stand in; a draft never says the same thing twice."""

from __future__ import annotations

import pytest

from coach.core.results import DraftSentence
from coach.core.schema import Sections, Story
from coach.drafting.draft import DraftWriter
from coach.drafting.framing import opening_sentence, without_repeats
from tests.fakes import ToyEmbedder

STORY = Story(
    id="release-freeze",
    title="Shipping the fix before the freeze",
    primary_principle="bias-for-action",
    sections=Sections(
        situation="Two weeks before the code freeze, snapshots came out badly exposed.",
        task="There was no room for reinventing the pipeline or long debugging.",
        action="I planned a backup and moved the model to the DSP myself.",
        result="Complaints fell from forty a week to three, and we shipped on time.",
    ),
)
QUESTION = "Tell me about a decision you made under time pressure."


class Flipping:
    """Repeats each notes sentence, except that one is replaced by a flipped version."""

    name = "flipping-model"
    format = "chatml"

    def __init__(self, flips: dict[str, str]) -> None:
        self.flips = flips

    def stream(self, system: str, user: str, max_tokens: int):
        for line in user.splitlines():
            if line.startswith("- "):
                sentence = line[2:].strip()
                yield self.flips.get(sentence, sentence) + " "


FLIPS = {
    "polarity": ("There was no room for reinventing the pipeline or long debugging.",
                 "There was room for reinventing the pipeline or long debugging."),
    "direction": ("Complaints fell from forty a week to three, and we shipped on time.",
                  "Complaints rose from three a week to forty, and we shipped on time."),
    "actor": ("I planned a backup and moved the model to the DSP myself.",
              "A backup was in place and the model was moved to the DSP."),
    "modality": ("Complaints fell from forty a week to three, and we shipped on time.",
                 "Complaints were expected to fall from forty a week to three."),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(FLIPS))
def test_a_flipped_sentence_is_removed_with_its_reason(kind: str) -> None:
    original, flipped = FLIPS[kind]
    draft = DraftWriter(Flipping({original: flipped}), ToyEmbedder().encode).write(
        QUESTION, STORY, "Bias for Action", 1.0
    )
    assert flipped not in draft.text
    assert original in draft.text  # the notes' own words stand in
    assert [r.sentence for r in draft.removed] == [flipped]
    assert draft.removed[0].reason
    assert draft.unsupported == [flipped]


def test_faithful_wording_removes_nothing() -> None:
    draft = DraftWriter(Flipping({}), ToyEmbedder().encode).write(
        QUESTION, STORY, "Bias for Action", 1.0
    )
    assert draft.removed == [] and draft.grounded


def test_no_sentence_is_said_twice() -> None:
    said = [
        DraftSentence(text="We had built two versions of the detector.", part="situation",
                      source="model"),
        DraftSentence(text="We had built two versions of the detector, one for the DSP and one "
                      "for the CPU.", part="situation", source="notes"),
        DraftSentence(text="I moved the model to the DSP.", part="action", source="model"),
    ]  # fmt: skip
    kept = without_repeats(said)
    assert [s.text for s in kept] == [said[1].text, said[2].text]  # the fuller one stays


def test_the_coach_lines_repeat_nothing_and_are_never_dropped() -> None:
    said = [
        DraftSentence(text="It took us a month to collect the data.", part="situation",
                      source="notes"),
        DraftSentence(text="That is what I took from it.", part="lesson", source="template"),
        DraftSentence(text="It took us a month to collect data.", part="result", source="model"),
    ]  # fmt: skip
    kept = without_repeats(said)
    assert [s.text for s in kept] == [said[0].text, said[1].text]  # the fact said again goes


def test_openings_fit_the_question_and_never_read_out_a_title() -> None:
    failure = opening_sentence("Tell me about a time you failed.")
    conflict = opening_sentence("Tell me about a time you disagreed with your manager.")
    assert failure != conflict
    assert "fail" in failure.lower() or "wrong" in failure.lower()
    assert "disagree" in conflict.lower() or "did not agree" in conflict.lower()
    questions = ("Tell me about your proudest project.", "What is your biggest accomplishment?",
                 "Describe a complex problem you solved.", "Tell me about a time you led a team.")
    general = {opening_sentence(q) for q in questions}
    assert len(general) >= 2  # varied
