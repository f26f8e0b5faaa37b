"""The Loop plan tab in a real browser: plan a loop on the candidate's notes, read the checks and
the cheat sheet, grow a thin story in the workshop, then rehearse the loop in the Mock tab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import REPO, open_page, served_app, shot, wait_text
from tests.practice.test_plan_workshop import ANSWERS, NOTES

pytestmark = pytest.mark.slow


def test_plan_workshop_and_mock_of_a_loop(browser, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "COACH_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "coach.cli", "sources", "add", str(notes)],
                   cwd=REPO, env=env, check=True, capture_output=True)  # fmt: skip
    with served_app(home, "--model", "none") as url:
        page = open_page(browser, url)
        page.get_by_role("tab", name="Loop plan").click()
        page.click("#loop-plan")
        wait_text(page, "#loop-table", "Called the angry clinic customer")
        checks = page.inner_text("#loop-checks")
        assert "Gaps" in checks and "Frugality" in checks  # the notes hold no frugality story
        assert "try-on" not in page.inner_text("#loop-table").lower()  # only the user's stories
        shot(page, "loop-plan")

        page.locator("#workshop-story input").click()
        page.get_by_role("option", name="Fixed the flaky nightly build (thin)").click()
        page.click("#workshop-start")
        wait_text(page, "#workshop-view", "Question 1")
        assert "Why:" in page.inner_text("#workshop-view")
        for number, key in enumerate(("own_action", "result_figure"), start=2):
            page.fill("#workshop-answer textarea", ANSWERS[key])
            page.click("#workshop-send")
            # the next answer is typed only once this one is taken (a busy machine lags)
            wait_text(page, "#workshop-view", f"Question {number}")
        shot(page, "workshop")
        page.click("#workshop-save")
        wait_text(page, "#workshop-view", "Saved")
        assert "After" in page.inner_text("#workshop-view")

        page.get_by_role("tab", name="Mock interview").click()
        page.locator("#mock-loop input").click()
        page.get_by_role("option", name="phone-screen").click()
        page.click("#mock-start")
        wait_text(page, "#mock-question", "Interview 1")
        for number in (1, 2, 3):
            page.fill("#mock-answer textarea", ANSWERS["result_figure"])
            page.click("#mock-submit")
            wanted = "answered" if number < 3 else "Session complete"
            wait_text(page, "#mock-question", wanted, timeout_s=120)
            wait_text(page, "#mock-feedback", f"Feedback on question {number}")
            if number < 3:
                page.click("#mock-next")
                wait_text(page, "#mock-question", f"Question {number + 1} of 3")
        assert "Overall" in page.inner_text("#mock-feedback")
        wait_text(page, "#mock-report", "told the planned story")
        shot(page, "mock-loop-report")
        page.get_by_role("tab", name="Loop plan").click()
        page.set_viewport_size({"width": 390, "height": 844})
        wait_text(page, "#loop-table", "Called the angry clinic customer")
        shot(page, "loop-plan-phone")
        page.close()
    assert notes.read_text(encoding="utf-8") == NOTES  # the notes file was never touched
