"""The app's one model: chosen at start, loaded on first use, switchable, its state in words."""

from __future__ import annotations

import threading

from coach.core.settings import load_settings
from coach.drafting.backends.base import ModelUnavailable, TextModel
from coach.drafting.backends.choice import ModelChoice, choose_model, load_model
from coach.drafting.backends.queue import QueuedModel

# any GGUF path or server model can be typed too
OFFERED = ["gemma3-270m", "smollm2", "qwen2.5-coder-1.5b", "none"]


class ModelSlot:
    """Holds the chosen model; its process starts on first use and is stopped on a switch."""

    def __init__(self, name: str | None = None) -> None:
        self._lock = threading.Lock()
        self.choice: ModelChoice = choose_model(name)
        self._model: TextModel | None = None
        self._loaded = False
        self.problem: str | None = None

    def get(self) -> TextModel | None:
        """The model (None for notes-only drafts), made once; its process starts at once."""
        with self._lock:
            if not self._loaded:
                self._model, self.problem = load_model(self.choice)
                self._loaded = True
                if self._model is not None:  # one line for everyone who drafts at once
                    settings = load_settings()
                    self._model = QueuedModel(self._model, settings.model_concurrency,
                                              settings.model_queue)  # fmt: skip
                    self._model.prepare()  # it loads while the index is checked
            return self._model

    def switch(self, name: str) -> None:
        """Use another model from now on; the old one's process is stopped."""
        with self._lock:
            old, self._model, self._loaded = self._model, None, False
            self.choice = choose_model(name)
        close = getattr(old, "close", None)
        if close:
            close()
        self.get()

    def warm(self) -> None:
        """Pay the first generation's one-off costs now, not on the candidate's first question."""
        model = self.get()
        if model is None:
            return
        try:
            for _ in model.stream("You are brief.", "Say hi.", max_tokens=2):
                pass
        except ModelUnavailable:
            pass  # describe() says what happened; drafts carry on from the notes

    def describe(self) -> str:
        """The model and its state, for the status line."""
        if not self._loaded:
            return f"{self.choice.name} (loading…)"
        if self._model is None:
            text = "none (notes-only drafts)"
        else:
            text = self._model.name
            describe = getattr(self._model, "describe", None)
            if describe:
                text += f" ({describe()})"
        return text + (f" — {self.problem}" if self.problem else "")

    def names(self) -> list[str]:
        """The models the app offers to switch to."""
        return list(OFFERED)

    def label(self) -> str:
        """The chosen model as the switcher shows it."""
        return self.choice.name
