"""App benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/app.py

Measures, with the packaged default model and Debian chromium driven by Playwright:
- cold start: launching `app.py` (index already built, as after the first `make run`) until the
  page is served, median of several launches; and until the status line says the stories are
  indexed and the model is loaded;
- in the browser: from clicking Ask to the first draft words on screen, and to the finished
  draft, median over several questions; and the same for the first question asked right after
  the status line says "ready", once per launch.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from scratch import scratch_dir

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, wait_text  # noqa: E402

LAUNCHES = 3
QUESTIONS = [
    "Tell me about a time you had to move fast with no data.",
    "Tell me about a time you disagreed with your manager.",
    "Describe a time you raised the quality bar on a product.",
    "Tell me about a time you saved money with a creative solution.",
    "Tell me about a time you failed.",
]
FIRST_WORDS_JS = """() => {
  const chat = document.querySelector('#chat');
  if (!chat) return false;
  const text = chat.innerText;
  const at = text.lastIndexOf('Draft');
  return at >= 0 && text.slice(at).replace('(writing…)', '').replace('…', '').trim().length > 40;
}"""


def _launch(home: str) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=REPO, env={**os.environ, "COACH_HOME": home},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc, url, time.perf_counter() - start
        except OSError:
            time.sleep(0.1)


def _ask(page, question: str) -> tuple[float, float]:
    """Seconds from clicking Ask to the first draft words and to the finished draft."""
    page.fill("#ask-question textarea", question)
    start = time.perf_counter()
    page.click("#ask-button")
    page.wait_for_function(FIRST_WORDS_JS, timeout=60_000)
    words = time.perf_counter() - start
    wait_text(page, "#chat", "Follow-ups to expect", 120)
    return words, time.perf_counter() - start


def main() -> None:
    from playwright.sync_api import sync_playwright

    home = scratch_dir("coach-bench-app-")
    subprocess.run([sys.executable, "-m", "coach.cli", "index"], cwd=REPO, check=True,
                   env={**os.environ, "COACH_HOME": home},
                   capture_output=True)  # fmt: skip
    served: list[float] = []
    warm: list[float] = []
    first: list[float] = []
    whole: list[float] = []
    after_ready: list[tuple[float, float]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in range(LAUNCHES):
            launched = time.perf_counter()
            proc, url, seconds = _launch(home)
            served.append(seconds)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            wait_text(page, "#status", "· ready", 120)
            warm.append(time.perf_counter() - launched)
            words, done = _ask(page, QUESTIONS[n % len(QUESTIONS)])  # the first after "ready"
            after_ready.append((words, done))
            if n == LAUNCHES - 1:
                for question in QUESTIONS:
                    page.reload()  # an empty chat, so only this answer is measured
                    wait_text(page, "#status", "· ready", 120)
                    words, done = _ask(page, question)
                    first.append(words)
                    whole.append(done)
            page.close()
            proc.terminate()
            proc.wait(timeout=15)
        browser.close()
    print(f"cold start to a served page: median {statistics.median(served):.1f} s over {LAUNCHES} "
          f"launches ({', '.join(f'{s:.1f}' for s in served)})")  # fmt: skip
    print(f"cold start until the status line says ready (index, encoder and model warm): median "
          f"{statistics.median(warm):.1f} s")  # fmt: skip
    print(f"Ask -> first draft words on screen: median {statistics.median(first):.2f} s, "
          f"max {max(first):.2f} s over {len(first)} questions (default model, warm): "
          f"{', '.join(f'{v:.2f}' for v in first)}")  # fmt: skip
    print(f"Ask -> finished draft on screen: median {statistics.median(whole):.2f} s")
    print("first question right after 'ready' (one per launch): first words "
          + ", ".join(f"{w:.2f}" for w, _ in after_ready) + " s; finished draft "
          + ", ".join(f"{d:.2f}" for _, d in after_ready) + " s")
    _service_level(home)


def _service_level(home: str) -> None:
    """The same questions through the app's service in this process: when the opening line and
    when the first sentence of the story itself (model-phrased or the notes' words) arrive."""
    os.environ["COACH_HOME"] = home
    from coach.app.service import CoachService

    service = CoachService()
    service.runtime.warm_up()
    opening, story = [], []
    for question in QUESTIONS:
        start = time.perf_counter()
        seen: dict[int, float] = {}
        for update in service.asking.ask_stream(question):
            for count in (1, 2):
                if len(update.sentences) >= count and count not in seen:
                    seen[count] = time.perf_counter() - start
        opening.append(seen[1])
        story.append(seen[2])
    print(f"service level: opening line median {statistics.median(opening):.2f} s; first story "
          f"sentence median {statistics.median(story):.2f} s, max {max(story):.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
