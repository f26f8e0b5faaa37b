"""Retrieval over the real story bank with a toy embedder (fast, no model)."""

import pytest

from coach.core.ids import PRINCIPLE_IDS
from coach.core.schema import Story
from coach.index.builder import build_index, index_root
from coach.index.store import VectorStore
from coach.knowledge.bank import load_knowledge
from coach.retrieval.retriever import Retriever
from tests.fakes import ToyEmbedder


@pytest.fixture
def kb():
    return load_knowledge()


def _retriever(kb, stories, toy: ToyEmbedder) -> Retriever:
    store = VectorStore(index_root(), toy.name)
    report = build_index(kb, stories, store, toy.encode)
    return Retriever(kb, stories, store, toy.encode, report)


def test_search_returns_k_stories_and_all_principles(kb) -> None:
    retriever = _retriever(kb, kb.stories, ToyEmbedder())
    found = retriever.search("Tell me about the honeybee in the lipstick photo", k=4)
    assert len(found.matches) == 4
    assert found.matches[0].story.id == "tryon-models-and-honeybee-bug"
    assert [m.score for m in found.matches] == sorted(
        (m.score for m in found.matches), reverse=True
    )
    assert {p for p, _ in found.principles} == set(PRINCIPLE_IDS)
    assert abs(sum(score for _, score in found.principles) - 1.0) < 1e-5
    assert "honeybee" in found.matches[0].why()


def test_modes_and_restriction(kb) -> None:
    retriever = _retriever(kb, kb.stories, ToyEmbedder())
    question = "Tell me about the honeybee in the lipstick photo"
    for mode in ("dense", "bm25", "fused"):
        assert retriever.search(question, k=3, mode=mode).matches
    only = ["flare-removal-veiling-glare", "documentation-workshop"]
    found = retriever.search(question, k=3, restrict=only)
    assert [m.story.id for m in found.matches] == only or {
        m.story.id for m in found.matches
    } == set(only)


def test_unchanged_bank_is_not_re_embedded_across_processes(kb) -> None:
    first = ToyEmbedder()
    _retriever(kb, kb.stories, first)
    assert first.texts > 0
    second = ToyEmbedder()
    retriever = _retriever(kb, kb.stories, second)
    assert second.texts == 0
    assert retriever.report.stories.unchanged == len(kb.stories)


def test_edited_and_deleted_stories_leave_no_stale_entries(kb) -> None:
    toy = ToyEmbedder()
    _retriever(kb, kb.stories, toy)
    edited = kb.stories[0].model_copy(update={"title": "A brand new zebra title"})
    remaining = [edited, *kb.stories[2:]]
    retriever = _retriever(kb, remaining, toy)
    report = retriever.report.stories
    assert report.changed == [edited.id] and report.removed == [kb.stories[1].id]
    ids = {m.story.id for m in retriever.search("zebra", k=60).matches}
    assert kb.stories[1].id not in ids and edited.id in ids
    assert retriever.search("zebra", k=1).matches[0].story.id == edited.id


def test_notes_entry_that_retells_a_bank_story_is_folded(kb) -> None:
    bank = next(s for s in kb.stories if s.id == "tryon-models-and-honeybee-bug")
    retelling = Story(
        id="notes-abc123-honeybee", title=bank.title, sections=bank.sections,
        questions=bank.questions, origin="notes", source="notes.md:1",
    )  # fmt: skip
    retriever = _retriever(kb, [*kb.stories, retelling], ToyEmbedder())
    ids = [m.story.id for m in retriever.search("honeybee lipstick photo bug", k=3).matches]
    assert bank.id in ids and retelling.id not in ids
