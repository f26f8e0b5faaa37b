"""Answer aloud in a real browser: Chromium records from a fake microphone (a spoken answer made
by espeak-ng and sox), the app transcribes it on this machine, the candidate can correct the
transcript, and the critique shows delivery beside the scores; then a whole spoken mock
interview, and History charts pace and pauses."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.speech.synthetic import speak, tools_ready
from tests.browser import CHROMIUM, CHROMIUM_ARGS, served_app, shot, wait_ready, wait_text

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tools_ready(), reason="espeak-ng and sox (make test installs them)"),
]
ANSWER = [
    "Last year our deploys failed every week and nobody owned the pipeline.",
    "I volunteered to fix it and rewrote the release scripts over two sprints.",
    "Failed releases dropped from eight a month to one.",
]


@pytest.fixture(scope="module")
def microphone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = speak(ANSWER, words_per_minute=140, folder=tmp_path_factory.mktemp("mic"))
    assert made.seconds < 20  # recorded whole (the fake microphone then starts it again)
    return made.path


@pytest.fixture(scope="module")
def browser(microphone: Path):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing; `make test` installs it.")
    from playwright.sync_api import sync_playwright

    fake_mic = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={microphone}"]  # fmt: skip
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + fake_mic)
        yield browser
        browser.close()


def _page(browser, url: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  permissions=["microphone"])  # fmt: skip
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    return page


def _record(page, recorder: str, seconds: int = 20) -> None:
    """Record from the fake microphone until the recorder's clock shows ``seconds``."""
    page.locator(f"{recorder} button.record-button").click()
    page.wait_for_function(
        "([s, n]) => { const e = document.querySelector(s); if (!e) return false;"
        " const times = [...e.innerText.matchAll(/(\\d+):(\\d\\d)/g)]"
        "   .map(m => 60 * +m[1] + +m[2]); return times.some(t => t >= n); }",
        arg=[recorder, seconds], timeout=120_000,
    )  # fmt: skip
    page.locator(f"{recorder} button.stop-button").click()


def test_a_recorded_answer_is_transcribed_corrected_and_critiqued(browser, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with served_app(home, "--model", "none") as url:
        page = _page(browser, url)
        page.get_by_role("tab", name="Critique").click()
        page.fill("#critique-question textarea", "Tell me about a time you took ownership.")
        page.click("#critique-read")  # read aloud by espeak-ng into a player
        page.wait_for_selector("#critique-voice audio", state="attached", timeout=60_000)
        _record(page, "#critique-audio")
        wait_text(page, "#critique-hearing", "Transcribed", timeout_s=300)
        heard = page.input_value("#critique-answer textarea")
        assert "pipeline" in heard.lower() and "release" in heard.lower()
        corrected = heard + " I wrote a runbook so anyone on the team could release."
        page.fill("#critique-answer textarea", corrected)
        page.click("#critique-button")
        wait_text(page, "#critique-delivery", "words a minute", timeout_s=120)
        panel = page.inner_text("#critique-delivery")
        assert "[pause" in panel  # the silences sox put in are marked in the transcript
        assert "Length" in panel and "budget" in panel
        wait_text(page, "#critique-summary", "Overall")
        assert "runbook" in page.inner_text("#critique-star")  # the corrected text is critiqued
        shot(page, "critique-answer-aloud")
        assert not list(home.glob("recordings/*"))  # deleted once transcribed
        page.get_by_role("tab", name="History").click()
        wait_text(page, "#history-delivery", "words a minute", timeout_s=60)
        assert page.locator("#history-delivery svg circle").count() == 1
        page.close()


def test_a_spoken_mock_interview_from_question_to_report(browser, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with served_app(home, "--model", "none") as url:
        page = _page(browser, url, width=390, height=844)  # a phone
        page.get_by_role("tab", name="Mock interview").click()
        page.locator("#mock-spoken input").check()
        page.locator("#mock-keep input").check()  # this candidate keeps their recordings
        page.get_by_role("spinbutton", name="number input for Questions").fill("1")
        page.get_by_role("spinbutton", name="number input for Questions").press("Tab")
        page.click("#mock-start")
        page.wait_for_selector("#mock-voice audio", state="attached", timeout=60_000)
        _record(page, "#mock-audio")
        wait_text(page, "#mock-hearing", "Transcribed", timeout_s=300)
        assert "pipeline" in page.input_value("#mock-answer textarea").lower()
        page.click("#mock-submit")
        wait_text(page, "#mock-feedback", "How it sounded", timeout_s=120)
        wait_text(page, "#mock-report", "Your mock interview", timeout_s=60)
        shot(page, "mock-spoken-phone")
        assert len(list(home.glob("recordings/*"))) == 1
        page.close()
