"""The user's own sources are the story bank; the example bank stands in only while there are
none."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from coach.cli.main import main
from coach.core.paths import knowledge_dir
from coach.knowledge.bank import load_knowledge
from coach.knowledge.corpus import all_stories, uses_example_bank
from coach.knowledge.user_stories import StoryForm, save_story
from coach.knowledge.workspace import add_sources, remove_sources
from tests.conftest import FIXTURES

KB = load_knowledge()
BANK = {s.id for s in KB.stories}


def _notes(tmp_path: Path) -> Path:
    notes = tmp_path / "my-notes.md"
    shutil.copy(FIXTURES / "notes_small.md", notes)
    return notes


def test_a_fresh_workspace_uses_the_example_bank() -> None:
    assert uses_example_bank()
    assert {s.id for s in all_stories()} == BANK


def test_own_notes_replace_the_example_bank_until_it_is_added_on_purpose(tmp_path) -> None:
    notes = _notes(tmp_path)
    digest = hashlib.sha256(notes.read_bytes()).hexdigest()
    add_sources([notes])
    own = all_stories()
    assert own and not uses_example_bank()
    assert not {s.id for s in own} & BANK  # nothing of another person's life is mixed in
    assert {s.origin for s in own} == {"notes"}
    add_sources([knowledge_dir() / "stories"])
    both = {s.id for s in all_stories()}
    assert both >= BANK and {s.id for s in own} <= both
    remove_sources([notes])
    assert {s.id for s in all_stories()} == BANK  # the bank, now as the user's own choice
    remove_sources([knowledge_dir() / "stories"])
    assert uses_example_bank()
    assert hashlib.sha256(notes.read_bytes()).hexdigest() == digest  # notes never written


def test_a_story_added_in_the_app_is_own_material() -> None:
    save_story(StoryForm("Fixing the flaky nightly build", "ownership",
                         "Our nightly build failed one night in three.", "I owned the build.",
                         "I bisected the failures and pinned the test runner.",
                         "The build passed 30 nights in a row."), BANK)  # fmt: skip
    stories = all_stories()
    assert [s.origin for s in stories] == ["user"] and not uses_example_bank()
    from coach.health.doctor import check_sources

    assert "written in the app" in check_sources().detail  # doctor agrees with the status line


def test_sources_command(tmp_path, capsys, toy_embedder) -> None:
    notes = _notes(tmp_path)
    assert main(["sources", "add", str(notes)]) == 0
    assert "my-notes.md" in capsys.readouterr().out
    assert main(["sources", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["example_bank"] is False
    assert [(r["kind"], r["exists"], r["path"]) for r in listed["sources"]] == [
        ("notes", True, str(notes.resolve()))
    ]
    assert listed["sources"][0]["stories"] > 0
    assert main(["sources", "remove", str(tmp_path / "other.md")]) == 2
    assert "is not one of your sources" in capsys.readouterr().err
    assert main(["sources", "add", str(tmp_path / "missing.md")]) == 2
    assert main(["sources", "add"]) == 2
    notes.rename(tmp_path / "moved.md")  # the only source is gone: one sentence, exit 2
    assert main(["ask", "Tell me about a conflict", "--retrieve-only"]) == 2
    assert "hold no story right now" in capsys.readouterr().err


def test_a_spreadsheet_of_stories_can_be_uploaded_but_data_files_are_refused(tmp_path) -> None:
    import pytest

    from coach.core.errors import CoachError
    from coach.knowledge.sources import registered_sources
    from coach.knowledge.workspace import import_notes_file

    sheet = tmp_path / "upload.tmp"
    sheet.write_text("Title,LP,Situation,Action,Result\nLeak,Ownership,A pipe burst.,I shut it.,"
                     "Nothing lost.\n")  # fmt: skip
    import_notes_file(sheet, "my stories.csv")
    assert [p.name for p in registered_sources()] == ["my-stories.csv"]
    titles = [s.title for s in all_stories(load_knowledge()) if s.origin != "bank"]
    assert titles == ["Leak"]
    with pytest.raises(CoachError, match="spreadsheet saved as CSV"):
        import_notes_file(sheet, "photo.png")
