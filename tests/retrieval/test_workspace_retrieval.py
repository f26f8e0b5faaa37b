"""Retrieval over a user's own notes: stories without principles get inferred ones, coverage and
drafts use notes entries like any other story."""

from pathlib import Path

from coach.drafting.ask import DraftOptions, ask
from coach.index.builder import build_index, index_root
from coach.index.store import VectorStore
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.parser import parse_notes
from coach.practice.coverage import coverage_rows
from coach.retrieval.retriever import Retriever
from tests.fakes import ToyEmbedder

NOTES = """# My interview notes

## Tell me about a time you saved money for your employer
We needed test hardware and the quote was far above our budget.
I built a test rig from spare parts we already had in the lab.
As a result the team skipped the purchase and tested two weeks earlier.

## Tell me about a time you disagreed with your manager
My manager wanted to ship the release on Friday.
I showed him the open crash reports and argued for a one-week delay.
In the end we shipped a week later with no crash reports.
"""


def _retriever(tmp_path: Path):
    kb = load_knowledge()
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    stories = parse_notes(NOTES, path, kb.principles).entries
    toy = ToyEmbedder()
    store = VectorStore(index_root(), toy.name)
    build_index(kb, stories, store, toy.encode)
    return Retriever(kb, stories, store, toy.encode), stories


def test_stories_without_principles_get_inferred_ones(tmp_path: Path) -> None:
    retriever, stories = _retriever(tmp_path)
    assert all(not s.principles for s in stories), "these notes name no principle"
    for story in retriever.stories.values():
        assert story.principles, story.title
        assert any(note.startswith("principles inferred") for note in story.inferred)
    frugal = next(s for s in retriever.stories.values() if "saved money" in s.title)
    assert frugal.primary_principle == "frugality"


def test_coverage_counts_notes_entries(tmp_path: Path) -> None:
    retriever, _ = _retriever(tmp_path)
    rows = coverage_rows(retriever.kb, list(retriever.stories.values()))
    assert sum(r["primary"] for r in rows) == 2


def test_a_draft_comes_from_the_best_story_even_without_labels(tmp_path: Path) -> None:
    retriever, _ = _retriever(tmp_path)
    result = ask(retriever, "Tell me about a time you saved money", 2, DraftOptions(model=None))
    assert result.stories[0].title.startswith("Tell me about a time you saved money")
    assert result.draft is not None
    assert result.draft.story_id == result.stories[0].id
    assert "spare parts" in result.draft.text
