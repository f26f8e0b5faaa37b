"""The right kind of story: a failure question gets a failure story, or an honest 'none'."""

from __future__ import annotations

from pathlib import Path

from coach.drafting.ask import DraftOptions, ask
from coach.index.builder import build_index, index_root
from coach.index.store import VectorStore
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.parser import parse_notes
from coach.retrieval.retriever import Retriever
from tests.fakes import ToyEmbedder

SUCCESS = """## Tell me about a time you launched a release
I led the release of the new booking page for our clinic chain.
My goal was to move every clinic to it within a month.
I trained the front-desk staff and ran a pilot in two clinics first.
All twelve clinics moved within the month and bookings rose by a fifth.
"""
FAILURE = """## A release that went wrong
I pushed the booking page release on a Friday without a rollback plan.
The release broke online payments for a whole weekend, and it was my mistake.
I rolled it back on Monday, apologised to the clinic managers and wrote a release checklist.
I learned never to release on a Friday without a way back.
"""
QUESTION = "Tell me about a time you failed at a release."


def _retriever(tmp_path: Path, text: str) -> Retriever:
    kb = load_knowledge()
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    stories = parse_notes(text, path, kb.principles).entries
    toy = ToyEmbedder()
    store = VectorStore(index_root(), toy.name)
    build_index(kb, stories, store, toy.encode)
    return Retriever(kb, stories, store, toy.encode)


def test_a_failure_question_gets_the_failure_story(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path, SUCCESS + "\n" + FAILURE)
    result = ask(retriever, QUESTION, 2, DraftOptions(model=None))
    assert result.stories[0].title.startswith("A release that went wrong")
    assert result.draft is not None and result.draft.story_id == result.stories[0].id
    assert "mistake" in result.draft.text


def test_without_a_failure_story_the_coach_says_so_and_drafts_nothing(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path, SUCCESS)
    result = ask(retriever, QUESTION, 1, DraftOptions(model=None))
    assert result.draft is None and result.no_fit is not None
    assert "a failure or mistake" in result.no_fit.message
    assert "launched a release" in result.no_fit.message  # names the closest story


def test_a_story_that_names_the_asked_event_is_not_refused(tmp_path: Path) -> None:
    from coach.drafting.ask import _names_the_event

    notes = """## Acceptance test
Disagreed with my manager about skipping the acceptance test to save a week. I showed him the
issues it caught last time. We kept a shorter test, and it caught a miswired stop button.

## Alarms
The night crew ignored a real alarm on day one. I rewrote the alarm texts with each crew.
"""
    kb = load_knowledge()
    path = tmp_path / "notes.md"
    path.write_text(notes, encoding="utf-8")
    stories = parse_notes(notes, path, kb.principles).entries
    disagreed = next(s for s in stories if "Disagreed" in s.text())
    alarm = next(s for s in stories if "alarm" in s.text())
    assert _names_the_event(disagreed, "Tell me about a time you disagreed with a colleague.")
    assert not _names_the_event(alarm, "Tell me about a time you disagreed with a colleague.")
    assert not _names_the_event(alarm, "Tell me about a time you made a mistake.")
    assert not _names_the_event(disagreed, "Tell me about a time you delivered under pressure.")
