"""The model worker's endpoint, with a scripted engine in place of llama.cpp (fast)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from coach.drafting.backends import worker as model_worker
from coach.drafting.backends.base import ModelUnavailable
from coach.drafting.backends.http import ServerModel


class ScriptedEngine:
    """Stands in for llama_cpp.Llama: streams the words of ``reply``, slowly if asked."""

    def __init__(self, reply: str, delay: float = 0.0) -> None:
        self.reply = reply
        self.delay = delay
        self.calls: list[dict] = []

    def create_completion(self, prompt: str, stream: bool, **options):
        self.calls.append({"prompt": prompt, **options})
        for word in self.reply.split(" "):
            time.sleep(self.delay)
            yield {"choices": [{"text": word + " "}]}
        yield {"choices": [{"text": ""}]}


class ScriptedModel:
    name = "scripted.gguf"

    def __init__(self, engine: ScriptedEngine) -> None:
        self.llm = engine


@pytest.fixture
def worker(monkeypatch):
    engine = ScriptedEngine("I rebuilt the pipeline in two days.")
    monkeypatch.setattr(model_worker._Handler, "model", ScriptedModel(engine))
    server = model_worker.ThreadingHTTPServer(("127.0.0.1", 0), model_worker._Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", engine
    server.shutdown()


def test_streams_completions_with_the_requested_settings(worker) -> None:
    url, engine = worker
    model = ServerModel(url, api="completions", prompt_style="plain",
                        extra={"repeat_penalty": 1.15})  # fmt: skip
    text = "".join(model.stream("Rewrite.", "Notes: I rebuilt it.", max_tokens=40))
    assert text.strip() == "I rebuilt the pipeline in two days."
    assert model.tokens_generated == 7  # one event per piece with text; the empty one is not sent
    call = engine.calls[-1]
    assert call["max_tokens"] == 40 and call["repeat_penalty"] == 1.15
    assert call["temperature"] == 0.0 and call["stop"] == ["\n", "Notes:", "Question:"]
    assert model.first_model() == "scripted.gguf"


def test_plain_requests_and_bad_ones(worker) -> None:
    url, _ = worker
    done = httpx.post(url + "/completions", json={"prompt": "x", "max_tokens": 5})
    assert done.json()["choices"][0]["text"].startswith("I rebuilt")
    assert httpx.post(url + "/completions", content=b"not json").status_code == 400
    assert httpx.post(url + "/chat/completions", json={}).status_code == 404
    assert httpx.get(url.removesuffix("/v1") + "/health").json() == {"status": "ok"}


def test_a_second_request_waits_its_turn_without_timing_out(worker, monkeypatch) -> None:
    url, engine = worker
    engine.delay = 0.15  # ~1.1 s per answer
    monkeypatch.setattr(model_worker, "KEEPALIVE_SECONDS", 0.3)
    results: list[str] = []

    def one() -> None:
        model = ServerModel(url, api="completions", prompt_style="plain", token_timeout=0.8)
        try:
            results.append("".join(model.stream("s", "u", 20)).strip())
        except ModelUnavailable as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The second waited ~1.1 s for the first, longer than its 0.8 s deadline, yet the keep-alive
    # lines told it the worker was alive; both got the whole answer.
    assert results == ["I rebuilt the pipeline in two days."] * 2
