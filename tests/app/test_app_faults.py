"""Faults while the app is serving: the index or the notes change under it."""

from __future__ import annotations

import shutil
from pathlib import Path

from coach.app.service import CoachService
from coach.cli.main import main
from coach.index.builder import index_root
from coach.knowledge.user_stories import StoryForm
from tests.conftest import FIXTURES

QUESTION = "Tell me about a time you had to move fast with no data."


def _best(service: CoachService, question: str = QUESTION) -> str:
    return list(service.asking.ask_stream(question))[-1].result.stories[0].id


def test_index_deleted_while_serving_is_rebuilt(toy_embedder) -> None:
    service = CoachService("none")
    before = _best(service)
    shutil.rmtree(index_root())
    assert _best(service) == before
    assert service.runtime.critic.critique(QUESTION, "I escalated and got 10K images.").overall >= 1


def test_index_corrupted_while_serving_is_rebuilt(toy_embedder) -> None:
    service = CoachService("none")
    before = _best(service)
    (index_root() / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 1000)
    assert _best(service) == before
    assert any("rebuilt" in notice for notice in service.runtime.notices)
    assert "rebuilt" in service.runtime.status()


def test_removed_notes_file_leaves_no_stale_story(toy_embedder, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    shutil.copy(FIXTURES / "notes_small.md", notes)
    assert main(["ingest", str(notes)]) == 0
    service = CoachService("none")
    before = {s for s in service.runtime.retriever.stories if s.startswith("notes")}
    assert before
    notes.rename(tmp_path / "renamed.md")
    after = {s for s in service.runtime.retriever.stories if s.startswith("notes")}
    assert after == set()


def test_removed_user_story_disappears(toy_embedder) -> None:
    service = CoachService("none")
    form = StoryForm("Rescuing the flaky nightly build", "dive-deep", "It failed nightly.",
                     "I owned the build.", "I fixed a race in the flashing script.",
                     "It never failed again.")  # fmt: skip
    service.stories.add_story(form)
    assert "rescuing-the-flaky-nightly-build" in service.runtime.retriever.stories
    stories = service.runtime.retriever.stories
    for path in (Path(stories["rescuing-the-flaky-nightly-build"].source),):
        path.unlink()
    assert "rescuing-the-flaky-nightly-build" not in service.runtime.retriever.stories
