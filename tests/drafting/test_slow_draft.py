"""Slow tests with the real default GGUF model and the real embedding model."""

from __future__ import annotations

import re

import pytest

from coach.drafting.ask import DraftOptions, ask
from coach.drafting.backends.choice import choose_model, load_model
from coach.evaluation.sets import sets_in
from coach.knowledge.bank import load_dev_questions
from coach.text.sentences import numbers
from tests.conftest import DATA

SETS = sets_in(DATA)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def setup(module_home):
    from coach.retrieval.opening import open_retriever

    model, problem = load_model(choose_model())
    assert problem is None and model is not None
    return open_retriever(include_notes=False), model


def test_real_drafts_are_grounded_complete_and_first_person(setup) -> None:
    retriever, model = setup
    questions = load_dev_questions(SETS.retrieval["dev"])[:6]
    for q in questions:
        result = ask(retriever, q.text, 3, DraftOptions(model=model))
        draft = result.draft
        assert draft is not None and draft.grounded, q.text
        story = retriever.stories[draft.story_id]
        assert numbers(draft.text) <= numbers(story.title + " " + story.text()), q.text
        assert all(draft.sections[p] for p in ("situation", "task", "action", "result"))
        assert not re.search(r"\b(you|your|the candidate)\b", draft.text, re.IGNORECASE), draft.text
        assert draft.model == model.name


def test_real_off_topic_question_gets_no_draft(setup) -> None:
    retriever, model = setup
    result = ask(retriever, "What is your favourite pizza topping?", 3, DraftOptions(model=model))
    assert result.draft is None and result.no_fit is not None


def test_gibberish_and_chit_chat_are_not_read_as_interview_questions(setup) -> None:
    """Held-out set (never used to choose the threshold): at least 85 % judged right, and what
    is judged off topic gets no draft and says so instead of naming a principle."""
    from coach.evaluation.off_topic import judged

    retriever, model = setup
    right, total, misses = judged(retriever, DATA / "off_topic" / "off_topic_test.yaml")
    assert right / total >= 0.85, misses
    result = ask(retriever, "lkjh poiu mnbv", 3, DraftOptions(model=model))
    assert result.off_topic and result.draft is None
    assert "does not read as an interview question" in result.no_fit.message
    assert not ask(retriever, "Tell me about a time you missed a deadline.", 3).off_topic
