"""The app in a real browser (Debian chromium driven by Playwright): every tab does its job,
and practice history survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import choose, open_page, served_app, shot, wait_ready, wait_text

pytestmark = pytest.mark.slow
QUESTION = "Tell me about a time you had to move fast with no data."
ANSWER = (
    "We had a time-sensitive task to train a gesture detection model, and we had no data at all. "
    "My task was to get a usable dataset in days, not weeks. Um, basically, you know, I escalated "
    "the need to leadership and got several people assigned. I wrote documentation on how to "
    "capture the images. As a result, in three days we collected more than 10K images."
)



@pytest.fixture
def page(browser, app_url: str):
    page = open_page(browser, app_url)
    yield page
    page.close()


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def test_ask_shows_principle_story_and_a_draft(page) -> None:
    page.fill("#ask-question textarea", QUESTION)
    page.click("#ask-button")
    wait_text(page, "#chat", "Follow-ups to expect")
    text = page.inner_text("#chat")
    assert "Probes:" in text and "Draft" in text
    assert "Building a gesture dataset" in text
    assert "10K" in text  # the notes' figure reaches the draft
    shot(page, "ask")


def test_critique_shows_score_chart_and_flags(page) -> None:
    _tab(page, "Critique")
    page.fill("#critique-question textarea", QUESTION)
    page.fill("#critique-answer textarea", ANSWER)
    page.click("#critique-button")
    wait_text(page, "#critique-flags", "filler_words")
    assert "Overall" in page.inner_text("#critique-summary")
    page.wait_for_selector("#critique-chart svg .mark-rect", timeout=30_000)  # the bars
    assert "situation" in page.inner_text("#critique-star").lower()
    wait_text(page, "#critique-followups", "?")
    dims = page.inner_text("#critique-dimensions")
    assert "ownership" in dims and "why" in dims  # each dimension's reason beside the chart
    assert "n/a" in dims  # grounding: the example bank is not the candidate's own notes
    shot(page, "critique")
    page.get_by_label("Also draft a stronger version from my story").check()
    page.fill("#critique-question textarea", "")
    page.click("#critique-button")
    wait_text(page, "#critique-summary", "No question was given, so the answer was judged as")
    wait_text(page, "#critique-rewrite", "No stronger version")


def test_one_mock_round(page) -> None:
    _tab(page, "Mock interview")
    page.get_by_role("spinbutton", name="number input for Questions").fill("1")
    page.keyboard.press("Tab")
    page.locator("#mock-start").click()
    wait_text(page, "#mock-question", "Question 1 of 1")
    wait_text(page, "#mock-clock", "left")
    first = page.inner_text("#mock-clock")
    page.wait_for_timeout(2500)
    assert page.inner_text("#mock-clock") != first  # the countdown runs
    page.fill("#mock-answer textarea", ANSWER)
    page.click("#mock-submit")
    wait_text(page, "#mock-feedback", "Overall")
    wait_text(page, "#mock-question", "Session complete")
    wait_text(page, "#mock-report", "average")
    shot(page, "mock")


def test_add_a_story_and_retrieve_it(page) -> None:
    _tab(page, "Story bank")
    page.fill("#story-title textarea, #story-title input", "Rescuing the flaky nightly build")
    choose(page, "#story-principle", "Dive Deep")
    fields = {
        "situation": "Our nightly build of the camera firmware failed one night in three.",
        "task": "I owned the build pipeline and had to make it reliable.",
        "action": "I bisected the failures, found a race in the flashing script and added a lock.",
        "result": "The nightly build has not failed since, and the team stopped re-running it.",
    }
    for name, text in fields.items():
        page.fill(f"#story-{name} textarea", text)
    page.click("#story-save")
    wait_text(page, "#story-report", "Saved")
    shot(page, "story-bank")
    page.reload()
    wait_ready(page)
    _tab(page, "Story bank")
    choose(page, "#story-pick", "Rescuing the flaky nightly build")
    page.wait_for_function(
        "document.querySelector('#story-action textarea').value.includes('bisected')"
    )  # an existing story loads back into the form for editing
    _tab(page, "Ask")
    page.fill("#ask-question textarea", "Tell me about fixing a flaky nightly build.")
    page.click("#ask-button")
    wait_text(page, "#chat", "Rescuing the flaky nightly build")


def test_history_survives_a_restart(browser, home: Path, page) -> None:
    _tab(page, "Critique")
    page.fill("#critique-question textarea", "A question only this test asks about history")
    page.fill("#critique-answer textarea", ANSWER)
    page.click("#critique-button")
    wait_text(page, "#critique-summary", "Overall")
    page.close()
    with served_app(home, "--model", "none") as url:  # a second server on the same data
        fresh = open_page(browser, url)
        _tab(fresh, "History")
        wait_text(fresh, "#history-table", "only this test asks about history")
        shot(fresh, "history")
        fresh.close()


def test_two_tabs_drafting_at_once_both_finish(browser, tmp_path_factory) -> None:
    home = tmp_path_factory.mktemp("two-tabs-home")
    with served_app(home) as url:  # the packaged default model, shared by both tabs
        pages = [browser.new_page(viewport={"width": 1280, "height": 900}) for _ in range(2)]
        for page in pages:
            page.goto(url)
            wait_ready(page)
            wait_text(page, "#status", "gemma", timeout_s=60)
        questions = [QUESTION, "Tell me about a time you disagreed with your manager."]
        for page, question in zip(pages, questions, strict=True):
            page.fill("#ask-question textarea", question)
        for page in pages:
            page.click("#ask-button")
        for page in pages:
            wait_text(page, "#chat", "Follow-ups to expect", timeout_s=180)
            assert "model: gemma" in page.inner_text("#chat").lower()
        for page in pages:
            page.close()


def test_html_in_notes_and_answers_is_shown_not_run(page) -> None:
    page.evaluate("window.__xss = undefined")
    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    _tab(page, "Story bank")
    page.fill("#story-title textarea, #story-title input", "Escaping a hostile title")
    choose(page, "#story-principle", "Earn Trust")
    for name, text in {
        "situation": f"A teammate pasted {payload} into our wiki page about onboarding.",
        "task": "I had to clean the onboarding wiki page.",
        "action": "I rewrote the onboarding wiki page and removed the pasted markup.",
        "result": "The onboarding wiki page was safe again.",
    }.items():
        page.fill(f"#story-{name} textarea", text)
    page.click("#story-save")
    wait_text(page, "#story-report", "Saved")
    _tab(page, "Ask")
    page.fill("#ask-question textarea", "Tell me about cleaning a pasted wiki page.")
    page.click("#ask-button")
    wait_text(page, "#chat", "Follow-ups to expect")
    assert "Escaping a hostile title" in page.inner_text("#chat")
    page.get_by_text("Full text of the matched stories").click()
    wait_text(page, "#full-stories", "<img src=x")  # the markup is shown as text
    _tab(page, "Critique")
    page.fill("#critique-answer textarea", f"I fixed it. {payload} As a result it was safe.")
    page.click("#critique-button")
    wait_text(page, "#critique-summary", "Overall")
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__xss") is None
    # the critique drops markup from answers; what is left is plain text, never run
    assert "window.__xss=2" in page.inner_text("#critique-star")


def test_setup_checks_are_one_click_from_the_status_line(page) -> None:
    link = page.locator("#status a[href='#setup-checks']")
    assert link.inner_text() == "setup checks"
    link.click()
    page.locator("#setup-checks").get_by_text("Setup checks").first.click()
    page.click("#checks-button")
    wait_text(page, "#setup-checks", "notes sources", 120)
    text = page.inner_text("#setup-checks")
    for check in ("packages match the lock", "model library is portable", "model generates",
                  "embedder", "index", "data directory", "offline"):  # fmt: skip
        assert check in text
    assert "no model chosen" in text  # this app was started with --model none
    shot(page, "setup-checks")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "setup-checks-phone")
