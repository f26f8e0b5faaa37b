"""The workshop end to end with the real embedder and the real default model: after a candidate
answers its questions on a thin notes entry, the question's draft reaches the two-minute budget
within 25 %, and every figure it adds comes from the candidate's answers."""

from __future__ import annotations

import pytest
import yaml

from coach.drafting.ask import DraftOptions, ask
from coach.drafting.backends.choice import choose_model, load_model
from coach.knowledge.sources import register
from coach.practice.workshop import Workshop
from coach.retrieval.opening import open_retriever
from coach.text.sentences import numbers
from tests.conftest import DATA

pytestmark = pytest.mark.slow
SESSIONS = yaml.safe_load((DATA / "workshop_scripts.yaml").read_text(encoding="utf-8"))["sessions"]
BUDGET = 280  # two minutes at 140 words a minute


@pytest.fixture(scope="module")
def model():
    found, problem = load_model(choose_model())
    assert problem is None and found is not None
    return found


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["name"])
def test_answers_grow_a_thin_story_into_a_full_draft(session, model, tmp_path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(session["notes"], encoding="utf-8")
    register(notes)
    thin = next(iter(open_retriever().stories.values()))
    workshop = Workshop(thin)
    while (prompt := workshop.current()) is not None:
        workshop.answer(session["answers"][prompt.key])
    workshop.save()
    result = ask(open_retriever(), session["question"], 3, DraftOptions(model=model))
    draft = result.draft
    assert draft is not None and draft.story_id == thin.id, result.no_fit
    assert abs(draft.words - BUDGET) <= 0.25 * BUDGET, draft.words
    answers = " ".join(session["answers"].values())
    assert numbers(draft.text) - numbers(thin.text()) <= numbers(answers)
    assert draft.grounded
    assert notes.read_text(encoding="utf-8") == session["notes"]
