"""Fakes that keep unit tests fast: a deterministic toy embedder."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from coach.text.terms import terms


class ToyEmbedder:
    """Bag of stemmed words hashed into 64 dimensions; counts how many texts it embedded."""

    name = "toy-embedder"

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in terms(text) or ["empty"]:
                out[row, int(hashlib.md5(term.encode()).hexdigest(), 16) % 64] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class ScriptedModel:
    """A stand-in for LocalModel: rewrites each part by a rule, optionally adding inventions.

    ``extra`` maps a part name to sentences the model slips into that part.
    """

    name = "scripted-model"
    format = "chatml"

    def __init__(self, extra: dict[str, list[str]] | None = None) -> None:
        self.extra = extra or {}
        self.prompts: list[str] = []

    def stream(self, system: str, user: str, max_tokens: int):
        self.prompts.append(user)
        part = re.search(r"The (\w+) part of the answer", user).group(1)
        notes = [line[2:] for line in user.splitlines() if line.startswith("- ")]
        for sentence in [*notes, *self.extra.get(part, [])]:
            yield sentence + " "
