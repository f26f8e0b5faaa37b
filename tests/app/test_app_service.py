"""The app's service layer with a toy embedder and a scripted model (no browser, no real model)."""

from __future__ import annotations

import subprocess
import sys
import threading

from coach.app import views as app_views
from coach.app.service import CoachService
from tests.conftest import REPO
from tests.fakes import ScriptedModel

QUESTION = "Tell me about a time you had to move fast with no data."


def _service(monkeypatch) -> CoachService:
    service = CoachService("none")
    model = ScriptedModel()
    monkeypatch.setattr(service.runtime, "model", lambda: model)
    return service


def test_ask_stream_streams_then_finishes(toy_embedder, monkeypatch) -> None:
    updates = list(_service(monkeypatch).asking.ask_stream(QUESTION))
    assert updates[0].result is not None and not updates[0].sentences  # stories before the draft
    counts = [len(u.sentences) for u in updates]
    assert counts == sorted(counts) and counts[-1] > 1  # sentences arrive one by one
    last = updates[-1]
    assert last.done and last.follow_ups and last.first_words_after is not None
    text = app_views.ask_md(last.result, last.sentences, last.follow_ups, True)
    assert "Draft" in text and "Follow-ups to expect" in text


def test_two_drafts_at_once_both_finish(toy_embedder, monkeypatch) -> None:
    service = _service(monkeypatch)
    done: list[bool] = []

    def run(question: str) -> None:
        done.append(list(service.asking.ask_stream(question))[-1].done)

    threads = [threading.Thread(target=run, args=(q,)) for q in
               (QUESTION, "Tell me about a conflict with your manager.")]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert done == [True, True]


def test_critique_is_saved_and_survives(toy_embedder, monkeypatch) -> None:
    answer = "I escalated and we got 10K images."
    outcome = _service(monkeypatch).practice.critique(QUESTION, answer)
    assert outcome.saved
    rows = CoachService("none").runtime.history.critiques()
    assert rows[0]["question"] == QUESTION


def test_story_html_is_escaped_in_views() -> None:
    assert "<img" not in app_views.esc('<img src=x onerror="alert(1)">')
    assert "&lt;script&gt;" in app_views.esc("<script>")


def test_app_refuses_an_open_address_without_credentials() -> None:
    done = subprocess.run(
        [sys.executable, "app.py", "--host", "0.0.0.0", "--port", "7999"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "credentials" in done.stderr
