"""Slow: a real OpenAI-compatible server (llama-cpp-python's) on loopback as the coach's model.

This is how a user runs a bigger model (Ollama, vLLM, llama-server): point ``llm_url`` or
``OPENAI_BASE_URL`` at it. The drafts go through exactly the same grounding checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest

from coach.drafting.ask import DraftOptions, ask
from coach.drafting.backends.choice import (
    choose_model,
    close_models,
    load_model,
    packaged_model_path,
)
from coach.drafting.backends.http import ServerModel
from coach.drafting.backends.process import free_loopback_port
from coach.text.sentences import numbers

pytestmark = pytest.mark.slow
ALIAS = "smollm2-135m-on-loopback"
QUESTION = "Tell me about a time you had to act without your manager's approval"


@pytest.fixture(scope="module")
def server_url(module_home):
    port = free_loopback_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(packaged_model_path("smollm2")),
         "--model_alias", ALIAS, "--host", "127.0.0.1", "--port", str(port),
         "--verbose", "False", "--logits_all", "False"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/models", timeout=2, trust_env=False).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_drafts_through_the_server_with_the_same_checks(server_url, monkeypatch) -> None:
    from coach.retrieval.opening import open_retriever

    monkeypatch.setenv("OPENAI_BASE_URL", server_url)
    choice = choose_model()
    assert choice.kind == "server" and choice.url == server_url
    model, problem = load_model(choice)
    assert problem is None and isinstance(model, ServerModel)
    retriever = open_retriever(include_notes=False)
    try:
        draft = ask(retriever, QUESTION, 3, DraftOptions(model=model)).draft
    finally:
        close_models()
    assert draft is not None
    assert draft.model == ALIAS  # the name the server reports, not "none"
    assert model.tokens_generated > 0
    story = retriever.stories[draft.story_id]
    assert numbers(draft.text) <= numbers(story.title + " " + story.text())
    assert all(draft.sections[p] for p in ("situation", "task", "action", "result"))
    written = sum(s.source == "model" for s in draft.sentences) + len(draft.unsupported)
    assert written > 0  # the server did phrase sentences, and each one was checked


def test_cli_ask_uses_the_server_named_in_the_environment(server_url) -> None:
    import os

    env = {**os.environ, "COACH_LLM_URL": server_url}
    done = subprocess.run(
        [sys.executable, "-m", "coach.cli", "ask", QUESTION, "--json"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    draft = json.loads(done.stdout)["draft"]
    assert draft["model"] == ALIAS and draft["text"]
