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


def _until(condition, ceiling: float = 30.0) -> None:
    """Wait for ``condition`` to hold (a generous ceiling; no fixed sleep)."""
    deadline = time.monotonic() + ceiling
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


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
    for arrived, name in enumerate("abcd"):
        thread = threading.Thread(target=_draft, args=(model, name, told[name], out))
        thread.start()
        threads.append(thread)
        _until(lambda n=arrived: model.load() == (1, n))  # in line before the next arrives
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
    _until(lambda: model.load() == (1, 0))
    second.start()
    _until(lambda: model.load() == (1, 1))
    with pytest.raises(ModelBusy, match="busy"):
        "".join(model.stream("s", "c", 5))
    assert inner.served == [] and model.load() == (1, 1)  # refused while the line still waits
    inner.gate.set()
    first.join(10)
    second.join(10)
    assert out == {"a": "a", "b": "b"}


def test_the_ask_stream_shows_the_wait(monkeypatch, toy_embedder) -> None:
    """The order is controlled, not timed: the first draft holds the model until the second
    request has been told its place in line."""
    import queue

    from coach.app import views
    from coach.app.service import CoachService
    from tests.fakes import ScriptedModel

    holding, release = threading.Event(), threading.Event()

    class HeldScripted(ScriptedModel):
        def stream(self, system, user, max_tokens):
            if not holding.is_set():  # the first call holds the model until released
                holding.set()
                release.wait(60)
            yield from super().stream(system, user, max_tokens)

    shared = QueuedModel(HeldScripted(), active=1, waiting=4)
    first, second = CoachService("none"), CoachService("none")
    for service in (first, second):
        monkeypatch.setattr(service.runtime, "model", lambda: shared)
    question = "Tell me about the honeybee bug"
    background = threading.Thread(target=lambda: list(first.asking.ask_stream(question)))
    background.start()
    assert holding.wait(60)  # the first draft holds the model
    seen: queue.Queue = queue.Queue()

    def second_ask() -> None:
        for update in second.asking.ask_stream(question):
            seen.put(update)
        seen.put(None)

    threading.Thread(target=second_ask).start()
    updates = []
    while (update := seen.get(timeout=60)) is not None:
        updates.append(update)
        if update.waiting:
            release.set()  # told its place: now let the first draft go on
    background.join(60)
    waits = [u.waiting for u in updates if u.waiting]
    assert waits and waits[0] == 1
    shown = [views.ask_md(u.result, u.sentences, u.follow_ups, u.done, u.waiting)
             for u in updates if u.waiting]  # fmt: skip
    assert "your request is number 1 in line" in shown[0]
    assert updates[-1].done and updates[-1].result.draft is not None
