"""The app as a candidate lives in it (issue 17), in Debian chromium: the mock flow, the charts,
History, the status line, odd input, and a phone-sized screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import choose, open_page, shot, wait_empty, wait_text

pytestmark = pytest.mark.slow
PHONE = {"width": 390, "height": 844}
ANSWER = (
    "Our release checklist took two days. My task was to shorten it before the launch. I listed "
    "every step, cut the ones nobody read and scripted the rest myself. As a result the "
    "checklist took three hours, and I learned to ask which steps anyone still needs."
)



def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def _bubbles(page) -> list[str]:
    return page.locator("#chat .message").all_inner_texts()


def test_status_is_current_at_once_on_every_page_load(browser, app_url: str) -> None:
    open_page(browser, app_url).close()  # the app is warm now
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    wait_text(page, "#status", "Model:", timeout_s=10)
    status = page.inner_text("#status")
    assert "ready" in status and "indexing" not in status and "warming" not in status
    page.close()


def test_odd_input_in_ask(browser, app_url: str) -> None:
    page = open_page(browser, app_url)
    before = len(_bubbles(page))
    page.click("#ask-button")  # nothing typed
    page.wait_for_timeout(1500)
    assert len(_bubbles(page)) == before and all(b.strip() for b in _bubbles(page))
    page.fill("#ask-question textarea", "Tell me about a conflict. " + "padding " * 2500)
    page.click("#ask-button")
    wait_text(page, "#chat", "Follow-ups to expect", timeout_s=120)
    echoed = _bubbles(page)[before]
    assert len(echoed) < 600 and "20,025 characters in all" in echoed
    page.fill("#ask-question textarea", "lkjh poiu mnbv trew")
    page.click("#ask-button")
    wait_text(page, "#chat", "does not read as an interview question")
    reply = _bubbles(page)[-1]
    assert "Probes" not in reply and "add a story for it" not in reply
    question = "Describe making the release checklist process faster."
    page.fill("#ask-question textarea", question)
    page.click("#ask-button")
    wait_text(page, "#chat", "Follow-ups to expect")
    why = re.findall(r"shares the words ([^;\n]+)", _bubbles(page)[-1])
    asked = set(re.findall(r"[a-z]+", question.lower()))
    for line in why:  # words as the candidate wrote them, never stems like "proces"
        assert set(re.findall(r"[a-z]+", line.lower())) <= asked, line
    page.close()


def test_critique_question_box_and_bank_picker(browser, app_url: str) -> None:
    page = open_page(browser, app_url)
    _tab(page, "Critique")
    page.click("#critique-question textarea")
    page.keyboard.press("Enter")
    page.wait_for_timeout(800)
    assert page.input_value("#critique-question textarea").strip() == ""
    page.locator("#critique-pick input").click()
    page.locator("ul[role=listbox] li").first.click()
    page.wait_for_function(
        "document.querySelector('#critique-question textarea').value.length > 10"
    )
    page.close()


def test_mock_interview_flow_report_and_history(browser, app_url: str) -> None:
    page = open_page(browser, app_url)
    _tab(page, "Mock interview")
    labels = page.locator("#mock-principles label").all_inner_texts()
    assert "Success and Scale Bring Broad Responsibility" in labels
    assert not any(re.fullmatch(r"[a-z]+(-[a-z]+)+", label.strip()) for label in labels)
    assert page.inner_text("#mock-report").strip() == ""  # no empty table before a session
    assert page.locator("#mock-answer textarea").is_disabled()
    page.get_by_label("Ownership").check()
    page.get_by_role("spinbutton", name="number input for Questions").fill("2")
    page.get_by_role("spinbutton", name="number input for Seconds per question").fill("30")
    page.keyboard.press("Tab")
    page.locator("#mock-start").click()
    wait_text(page, "#mock-question", "Question 1 of 2")
    wait_text(page, "#mock-clock", "Time left")
    assert "⏱" not in page.inner_text("#mock-clock")
    first = page.inner_text("#mock-question")
    page.fill("#mock-answer textarea", ANSWER)
    page.click("#mock-submit")
    wait_text(page, "#mock-feedback", "Feedback on question 1")
    wait_text(page, "#mock-question", "answered")
    assert page.locator("#mock-next").is_visible()
    assert page.locator("#mock-answer textarea").is_disabled()
    wait_empty(page, "#mock-clock")  # question 2's clock has not started
    page.click("#mock-next")
    wait_text(page, "#mock-question", "Question 2 of 2")
    assert page.inner_text("#mock-question") != first
    wait_empty(page, "#mock-feedback")  # the last question's feedback is cleared
    wait_text(page, "#mock-clock", "Time is up", timeout_s=60)
    wait_text(page, "#mock-clock", "0:02 over", timeout_s=10)  # the overrun counts on
    shot(page, "mock-time-up")
    page.fill("#mock-answer textarea", ANSWER)
    page.click("#mock-submit")
    wait_text(page, "#mock-question", "Session complete")
    report = page.text_content("#mock-report")
    assert "Ownership" in report and "over" in report and "work on" in report
    assert page.locator("#mock-answer textarea").is_disabled()
    assert page.locator("#mock-submit").is_disabled()
    shot(page, "mock-report")
    _tab(page, "History")  # refreshed on opening: no Refresh click
    wait_text(page, "#history-table", "mock")
    table = page.inner_text("#history-table")
    assert table.count("Ownership") >= 2
    chart = page.inner_text("#history-chart")
    assert "Ownership" in chart and "mock interview answer" in chart
    ticks = page.evaluate(
        "[...document.querySelectorAll('#history-chart svg text')].map(t => t.textContent)"
    )
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks)  # whole numbers only
    assert page.locator("#history-chart svg rect").count() >= 2  # mock answers marked
    shot(page, "history")
    page.close()


def test_story_bank_chart_and_form(browser, app_url: str, home: Path) -> None:
    page = open_page(browser, app_url)
    _tab(page, "Story bank")
    wait_text(page, "#bank-chart", "Success and Scale Bring Broad Responsibility")
    chart = page.locator("#bank-chart")
    for key in ("strong", "thin", "supporting"):
        legend = chart.get_by_text(re.compile(f"^{key}:"))
        assert legend.is_visible()
    assert page.input_value("#story-principle input") == ""  # nothing chosen for the user
    page.fill("#story-title textarea, #story-title input", "Shortening the release checklist")
    choose(page, "#story-principle", "Invent and Simplify")
    for name, text in {
        "situation": "Our release checklist took two days.",
        "task": "I had to shorten it before the launch.",
        "action": "I cut the steps nobody read and scripted the rest.",
        "result": "The checklist took three hours.",
    }.items():
        page.fill(f"#story-{name} textarea", text)
    page.fill("#story-questions textarea", "Tell me about simplifying a process.\n")
    page.click("#story-save")
    wait_text(page, "#story-report", "Saved")
    saved = (home / "stories" / "shortening-the-release-checklist.md").read_text()
    assert "Tell me about simplifying a process." in saved
    shot(page, "story-bank")
    page.close()


def test_phone_sized_screen(browser, app_url: str) -> None:
    page = open_page(browser, app_url, PHONE)
    title = page.locator("#coach-title h1").bounding_box()
    assert title["height"] < 60  # one line, not a letter column
    assert page.locator("#status").bounding_box()["width"] > 300
    box = page.locator("#ask-question textarea").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # on the first screen
    tabs = page.locator("[role=tablist] button")
    assert tabs.count() == 6 and page.locator(".overflow-dropdown button").count() == 0
    clipped = page.evaluate(
        "[...document.querySelectorAll('[role=tablist] button')]"
        ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerText)"
    )
    assert clipped == []
    shot(page, "ask-phone")
    _tab(page, "Critique")
    page.fill("#critique-question textarea", "Tell me about a time you simplified a process.")
    page.fill("#critique-answer textarea", ANSWER)
    page.click("#critique-button")
    wait_text(page, "#critique-followups", "?")
    flags = page.locator("#critique-flags").bounding_box()
    follow = page.locator("#critique-followups").bounding_box()
    assert follow["y"] >= flags["y"] + flags["height"] - 1 and follow["width"] > 300
    chips = page.evaluate(
        "[...document.querySelectorAll('#critique-star .token')]"
        ".map(e => e.getBoundingClientRect().right)"
    )
    assert chips and max(chips) <= PHONE["width"]
    shot(page, "critique-phone")
    _tab(page, "History")
    wait_text(page, "#history-table", "score")
    header = page.locator("#history-table th", has_text="score").first.bounding_box()
    assert header["x"] + header["width"] <= PHONE["width"]
    shot(page, "history-phone")
    page.close()
