"""A model behind any OpenAI-compatible server (llama-cpp-python's, Ollama, vLLM, llama-server).

Streams ``/completions`` (the coach formats the prompt) or ``/chat/completions`` (the server applies
the model's template) over Server-Sent Events. Every failure (refused, broken off, silent past the
deadline, not the protocol) becomes ``ModelUnavailable`` with one sentence saying what happened.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any, Literal

import httpx

from coach.core.hosts import is_loopback_url
from coach.drafting.backends.base import ModelUnavailable, PromptFormat, format_prompt

Api = Literal["chat", "completions"]
CONNECT_SECONDS = 5.0


class ServerModel:
    """A model reached over HTTP; ``format`` decides how prompts are sent (``chat``: messages)."""

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        api: Api = "chat",
        api_key: str | None = None,
        token_timeout: float = 30.0,
        prompt_style: PromptFormat = "chat",
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api: Api = api
        self.format: PromptFormat = "chat" if api == "chat" else prompt_style
        self.name = model or f"model at {self.base_url}"
        self.token_timeout = token_timeout
        self.extra = extra or {}
        self.discover_name = model is None  # ask the server which model it serves, once
        self.tokens_generated = 0
        self.generation_seconds = 0.0
        self.record: list[tuple[str, list[str], int]] | None = None  # benchmarks replay prompts
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # Proxy variables are ignored for this machine's own servers: loopback stays loopback.
        self._client = httpx.Client(
            headers=headers,
            trust_env=not is_loopback_url(self.base_url),
            timeout=httpx.Timeout(token_timeout, connect=CONNECT_SECONDS),
        )
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Nothing to start: the server runs on its own."""

    def close(self) -> None:
        self._client.close()

    def describe(self) -> str:
        """Where the model runs, for the status line."""
        return f"server at {self.base_url}"

    def _discover_name(self) -> None:
        with self._lock:
            if self.discover_name:
                self.discover_name = False
                served = self.first_model()
                if served:
                    self.model = self.name = served

    def _body(self, system: str, user: str, max_tokens: int) -> tuple[str, dict[str, Any]]:
        body: dict[str, Any] = {"max_tokens": max_tokens, "temperature": 0.0, "stream": True}
        if self.model:
            body["model"] = self.model
        if self.api == "chat":
            body["messages"] = [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ]
            return "/chat/completions", body | self.extra
        prompt, stop = format_prompt(self.format, system, user)
        if self.record is not None:
            self.record.append((prompt, stop, max_tokens))
        body |= {"prompt": prompt, "stop": stop}
        return "/completions", body | self.extra

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        """Text pieces as the server sends them; raises ModelUnavailable on any failure."""
        self._discover_name()
        path, body = self._body(system, user, max_tokens)
        start = time.perf_counter()
        try:
            with self._client.stream("POST", self.base_url + path, json=body) as response:
                if response.status_code >= 400:
                    response.read()
                    raise ModelUnavailable(
                        f"The model server answered HTTP {response.status_code} "
                        f"({_short(response.text)})."
                    )
                for piece in _events(response):
                    self.tokens_generated += 1
                    yield piece
        except httpx.ConnectError as exc:
            raise ModelUnavailable(
                f"The model server at {self.base_url} is not answering."
            ) from exc
        except httpx.TimeoutException as exc:
            raise ModelUnavailable(
                f"The model gave no new words for {self.token_timeout:g} seconds."
            ) from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise ModelUnavailable("The connection to the model broke off mid-answer.") from exc
        finally:
            self.generation_seconds += time.perf_counter() - start

    def first_model(self) -> str | None:
        """The first model the server lists (what it serves when no name is given)."""
        try:
            response = self._client.get(self.base_url + "/models", timeout=CONNECT_SECONDS)
            data = response.json().get("data") or []
            return data[0].get("id") if data else None
        except (httpx.HTTPError, ValueError, AttributeError):
            return None


def _events(response: httpx.Response) -> Iterator[str]:
    """The text pieces of a Server-Sent Events stream of completion chunks.

    The protocol ends every stream with ``data: [DONE]``; a stream that stops without it was
    cut off (the server died), and what came before it is not trusted as a whole answer.
    """
    for line in response.iter_lines():
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        try:
            choice = json.loads(payload)["choices"][0]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ModelUnavailable(
                "The model server sent something that is not the OpenAI streaming protocol."
            ) from exc
        piece = choice.get("text")
        if piece is None:
            piece = (choice.get("delta") or {}).get("content")
        if piece:
            yield piece
    raise ModelUnavailable("The connection to the model broke off mid-answer.")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text[:160] + ("…" if len(text) > 160 else "") if text else "no details"
