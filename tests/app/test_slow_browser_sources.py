"""A new user in a real browser: from the example bank to coaching on their own notes file,
without leaving the app (upload, see the stories with their lines, ask, remove)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import choose, open_page, served_app, shot, wait_text
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow


def test_a_new_user_coaches_on_their_own_notes_file(browser, tmp_path: Path) -> None:
    notes = tmp_path / "my teaching notes.md"
    shutil.copyfile(FIXTURES / "notes" / "teacher_prose.md", notes)
    before = notes.read_bytes()
    home = tmp_path / "home"
    home.mkdir()
    with served_app(home, "--model", "none") as url:
        page = open_page(browser, url)
        assert "example bank" in page.inner_text("#status")
        page.get_by_role("tab", name="Story bank").click()
        wait_text(page, "#bank-summary", "example bank")
        page.locator("#bank-upload input[type=file]").set_input_files(str(notes))
        wait_text(page, "#bank-report", "stories (", timeout_s=120)
        wait_text(page, "#bank-sources", "my-teaching-notes.md")
        wait_text(page, "#bank-summary", "your own sources only")
        stories = page.inner_text("#bank-stories")
        assert "Lab kits in shoeboxes" in stories
        assert "my-teaching-notes.md 16-18" in stories  # file and lines of the story (no title)
        assert "Grading" in stories and "bus duty" in stories
        page.get_by_text("What ingest could not place or kept out").click()
        wait_text(page, "#bank-unplaced", "Kept out as advice or definitions (2)")
        shot(page, "story-bank-sources")
        page.get_by_role("tab", name="Ask").click()
        page.fill("#ask-question textarea", "Describe making lesson preparation faster.")
        page.click("#ask-button")
        wait_text(page, "#chat", "Lab kits in shoeboxes")
        wait_text(page, "#chat", "Follow-ups to expect")
        chat = page.inner_text("#chat")
        assert "try-on" not in chat.lower()  # nothing from the example bank
        page.get_by_role("tab", name="Story bank").click()
        choose(page, "#bank-remove-pick", "my-teaching-notes.md")
        page.click("#bank-remove")
        wait_text(page, "#bank-report", "removed from your sources", timeout_s=120)
        wait_text(page, "#bank-summary", "example bank")
        page.close()
    assert notes.read_bytes() == before  # the user's own file was never touched


def test_the_score_comes_first_and_a_stronger_version_follows(browser, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with served_app(home, "--model", "none") as url:
        page = open_page(browser, url)
        page.get_by_role("tab", name="Story bank").click()
        page.fill(
            "#bank-path textarea, #bank-path input", str(FIXTURES / "notes" / "teacher_prose.md")
        )
        page.click("#bank-add")
        wait_text(page, "#bank-report", "stories (", timeout_s=120)
        page.get_by_role("tab", name="Critique").click()
        page.fill("#critique-question textarea", "Tell me about a time you made something simpler.")
        page.fill(
            "#critique-answer textarea",
            "Um, so our labs took half the period to set up, basically. I packed one shoebox per "
            "group with everything for the experiment. It went fine after that and I think "
            "setup was 45 times faster.",
        )
        page.get_by_label("Also draft a stronger version from my story").check()
        page.click("#critique-button")
        wait_text(page, "#critique-summary", "Overall")
        wait_text(page, "#critique-rewrite", "A stronger version", timeout_s=60)
        wait_text(page, "#critique-rewrite", "twenty minutes to five", timeout_s=60)  # streamed
        rewrite = page.inner_text("#critique-rewrite")
        assert "I packed one shoebox per group" in rewrite  # the candidate's own words
        assert "twenty minutes to five" in rewrite  # a fact the notes add
        assert "45" not in rewrite.split("Left out")[0]  # not in the notes: dropped, said why
        shot(page, "critique-stronger")
        page.close()
