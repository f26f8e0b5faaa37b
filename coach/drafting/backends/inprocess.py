"""llama-cpp-python inside the calling process: the model worker's engine, never the coach's.

A native crash here takes the calling process down with it, which is why only the worker process
(``backends.worker``) and the in-process baseline of ``bench/draft.py`` use this class.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from coach.drafting.backends.base import (
    CONTEXT_TOKENS,
    REPEAT_PENALTY,
    PromptFormat,
    format_prompt,
    prompt_format,
)
from coach.drafting.backends.gguf import read_metadata


def _silence_llama_logs() -> None:
    """Route llama.cpp's C-level log lines to nowhere (they would clutter the terminal)."""
    import llama_cpp

    if getattr(_silence_llama_logs, "callback", None) is not None:
        return

    @llama_cpp.llama_log_callback
    def _quiet(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        return None

    llama_cpp.llama_log_set(_quiet, ctypes.c_void_p(0))
    _silence_llama_logs.callback = _quiet  # type: ignore[attr-defined]  (keep it alive)


class InProcessModel:
    """One GGUF model loaded in this process; generation is serialised by a lock."""

    def __init__(
        self, path: Path, threads: int | None = None, context: int = CONTEXT_TOKENS
    ) -> None:
        from llama_cpp import Llama

        _silence_llama_logs()
        self.path = path
        self.name = path.name
        threads = threads or os.cpu_count() or 2
        self.threads = threads
        self.llm = Llama(
            model_path=str(path),
            n_ctx=context,
            n_threads=threads,
            n_threads_batch=threads,
            verbose=False,
        )
        self.format: PromptFormat = prompt_format(read_metadata(path))
        self.lock = threading.Lock()
        self.tokens_generated = 0
        self.generation_seconds = 0.0
        self.record: list[tuple[str, list[str], int]] | None = None

    def prepare(self) -> None:
        """Already loaded."""

    def set_threads(self, threads: int) -> None:
        """Generate with this many threads from the next request on."""
        if threads != self.threads:
            self.llm._ctx.set_n_threads(threads, threads)
            self.threads = threads

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        """Generate text for one instruction, yielding pieces as they come (greedy)."""
        prompt, stop = format_prompt(self.format, system, user)
        if self.record is not None:
            self.record.append((prompt, stop, max_tokens))
        with self.lock:
            start = time.perf_counter()
            for chunk in self.llm.create_completion(
                prompt, max_tokens=max_tokens, temperature=0.0, repeat_penalty=REPEAT_PENALTY,
                stop=stop, stream=True,
            ):  # fmt: skip
                piece = chunk["choices"][0]["text"]
                if piece:  # counted like the HTTP stream: pieces with text
                    self.tokens_generated += 1
                    yield piece
            self.generation_seconds += time.perf_counter() - start

    def close(self) -> None:
        self.llm.close()
