"""The shared model's line: first come, first served, numbers in line told, a full line refused
at once, and the Ask stream showing the wait (scripted models, no real one)."""

from __future__ import annotations

import threading
import time

import pytest

from coach.drafting.backends.base import ModelUnavailable
from coach.drafting.backends.queue import WAIT_LISTENER, ModelBusy, QueuedModel


class GatedModel:
    """Yields one token per call once its gate opens; remembers the order it served."""

    name = "gated"
    format = "chatml"

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.served: list[str] = []

    def stream(self, system: str, user: str, max_tokens: int):
        self.gate.wait(10)
        self.served.append(user)
        yield user


def _draft(model, user: str, told: list[int], out: dict) -> None:
    WAIT_LISTENER.set(told.append)
    try:
        out[user] = "".join(model.stream("s", user, 5))
    except ModelUnavailable as exc:
        out[user] = exc


def test_first_come_first_served_with_numbers_in_line() -> None:
    inner = GatedModel()
    model = QueuedModel(inner, active=1, waiting=5)
    told = {name: [] for name in "abcd"}
    out: dict = {}
    threads = []
    for name in "abcd":
        thread = threading.Thread(target=_draft, args=(model, name, told[name], out))
        thread.start()
        threads.append(thread)
        time.sleep(0.15)  # arrive in this order
    assert model.load() == (1, 3)
    assert told["a"] == [] and told["b"] == [1] and told["c"] == [2] and told["d"] == [3]
    inner.gate.set()
    for thread in threads:
        thread.join(10)
    assert inner.served == list("abcd") and out == {n: n for n in "abcd"}
    assert told["d"][0] == 3 and told["d"] == sorted(told["d"], reverse=True)  # goes down
    assert model.load() == (0, 0)


def test_a_full_line_is_refused_at_once() -> None:
    inner = GatedModel()
    model = QueuedModel(inner, active=1, waiting=1)
    out: dict = {}
    first = threading.Thread(target=_draft, args=(model, "a", [], out))
    second = threading.Thread(target=_draft, args=(model, "b", [], out))
    first.start()
    time.sleep(0.15)
    second.start()
    time.sleep(0.15)
    started = time.perf_counter()
    with pytest.raises(ModelBusy, match="busy"):
        "".join(model.stream("s", "c", 5))
    assert time.perf_counter() - started < 0.5  # refused, not timed out
    inner.gate.set()
    first.join(10)
    second.join(10)
    assert out == {"a": "a", "b": "b"}


def test_the_ask_stream_shows_the_wait(monkeypatch, toy_embedder) -> None:
    from coach.app import views
    from coach.app.service import CoachService
    from tests.fakes import ScriptedModel

    class SlowScripted(ScriptedModel):
        def stream(self, system, user, max_tokens):
            time.sleep(0.4)
            yield from super().stream(system, user, max_tokens)

    shared = QueuedModel(SlowScripted(), active=1, waiting=4)
    first, second = CoachService("none"), CoachService("none")
    for service in (first, second):
        monkeypatch.setattr(service.runtime, "model", lambda: shared)
    question = "Tell me about the honeybee bug"
    background = threading.Thread(target=lambda: list(first.asking.ask_stream(question)))
    background.start()
    time.sleep(0.6)  # the first draft holds the model
    updates = list(second.asking.ask_stream(question))
    background.join(30)
    waits = [u.waiting for u in updates if u.waiting]
    assert waits and waits[0] == 1
    shown = [views.ask_md(u.result, u.sentences, u.follow_ups, u.done, u.waiting)
             for u in updates if u.waiting]  # fmt: skip
    assert "your request is number 1 in line" in shown[0]
    assert updates[-1].done and updates[-1].result.draft is not None
