"""The STAR labeller with the real MiniLM encoder, measured leave-one-story-out on the bank."""

import pytest

from coach.critique.star_labeller import StarLabeller, leave_one_story_out_accuracy
from coach.index.embedding import numpy_embedder
from coach.knowledge.bank import load_knowledge

pytestmark = pytest.mark.slow


def test_sentence_labels_match_the_bank_sections_most_of_the_time() -> None:
    stories = load_knowledge().stories
    labeller = StarLabeller.from_stories(stories, numpy_embedder().encode)
    assert leave_one_story_out_accuracy(labeller, stories) >= 0.65
