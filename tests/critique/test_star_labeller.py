"""STAR labelling of typed answers (groundwork for the critique): cues, order, presence."""

import pytest

from coach.critique.star_labeller import LABELS, StarLabeller, training_examples
from coach.knowledge.bank import load_knowledge
from tests.fakes import ToyEmbedder

KB = load_knowledge()


@pytest.fixture(scope="module")
def labeller() -> StarLabeller:
    return StarLabeller.from_stories(KB.stories, ToyEmbedder().encode)


ANSWER = (
    "At my last company our checkout service kept timing out during sales. "
    "My job was to make it survive the next holiday peak. "
    "I profiled the slowest queries and rewrote the cache layer. "
    "I also set up load tests that ran every night. "
    "As a result, timeouts dropped by 90% during the next sale. "
    "I learned to measure before optimising anything."
)


def test_a_complete_answer_gets_every_part_in_order(labeller: StarLabeller) -> None:
    labels = [s.label for s in labeller.label(ANSWER)]
    assert labels == ["situation", "task", "action", "action", "result", "lesson"]
    assert all(labeller.present(labeller.label(ANSWER)).values())


def test_missing_parts_are_reported(labeller: StarLabeller) -> None:
    present = labeller.present(labeller.label("I rewrote the cache layer. I set up load tests."))
    assert present["action"] and not present["result"] and not present["lesson"]


def test_filler_and_fragments_are_other(labeller: StarLabeller) -> None:
    labelled = labeller.label("Fine. Thank you. I rewrote the cache layer last week.")
    assert [s.label for s in labelled][:2] == ["other", "other"]
    assert set(LABELS) >= {s.label for s in labelled}


def test_training_examples_come_from_bank_sections() -> None:
    examples = training_examples(KB.stories)
    assert len(examples) > 300
    assert {section for _, section, _ in examples} == {
        "situation",
        "task",
        "action",
        "result",
        "lesson",
    }
