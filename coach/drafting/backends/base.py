"""What every model backend offers the drafting code, and the prompt formats of local models.

A backend only phrases text: it streams pieces for a system and a user instruction, and raises
``ModelUnavailable`` (one sentence why) when it cannot, so the draft can carry on from the notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, Protocol

PromptFormat = Literal["chatml", "gemma-chat", "plain", "chat"]
CONTEXT_TOKENS = 2048
REPEAT_PENALTY = 1.15


class ModelUnavailable(Exception):
    """The model could not phrase this request (crashed, hung, unreachable); one sentence why."""


class TextModel(Protocol):
    """What drafting needs from a model: a name, a prompt style and a token stream."""

    name: str
    format: PromptFormat
    tokens_generated: int
    generation_seconds: float

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        """Text pieces as they are generated (greedy); raises ModelUnavailable on failure."""
        ...

    def prepare(self) -> None:
        """Start whatever the model needs in the background, so the first request is quick."""
        ...


def prompt_format(metadata: dict[str, str], filename: str = "") -> PromptFormat:
    """The prompt format for a model, from its GGUF metadata (chat template)."""
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
