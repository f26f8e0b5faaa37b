"""The app's shared runtime: one per server process, built once and shared by every tab."""

from __future__ import annotations

import threading

from coach.core.settings import load_settings
from coach.critique.critic import Critic
from coach.drafting.backends.base import ModelUnavailable
from coach.drafting.backends.choice import ModelChoice, choose_model, load_model
from coach.knowledge.corpus import corpus_signature
from coach.practice.history import History
from coach.retrieval.opening import open_retriever
from coach.retrieval.retriever import Retriever


class Runtime:
    """What every tab shares: the index and retriever (rebuilt when damaged or when the stories
    change), the critic, the model (loaded once, switchable), the history, warm-up and status."""

    def __init__(self, model: str | None = None) -> None:
        self._lock = threading.RLock()
        self._retriever: Retriever | None = None
        self._critic: Critic | None = None
        self._model_choice: ModelChoice = choose_model(model)
        self._model = None
        self._model_loaded = False
        self.model_problem: str | None = None
        self.history = History()
        self.settings = load_settings()
        self.notices: list[str] = []
        self._signature: tuple = ()
        self.warm = False

    @property
    def retriever(self) -> Retriever:
        """The shared retriever, rebuilt when the index files were damaged or deleted, or a
        story file was added, changed or removed since it was built."""
        with self._lock:
            if self._retriever is not None:
                if not self._retriever.store.files_intact():
                    self.notices.append("The search index was damaged; it was rebuilt from your "
                                        "notes.")  # fmt: skip
                    self._retriever = self._critic = None
                elif corpus_signature() != self._signature:
                    self._retriever = self._critic = None
            if self._retriever is None:
                self._signature = corpus_signature()
                self._retriever = open_retriever()
                self.notices += self._retriever.report.notices
            return self._retriever

    @property
    def critic(self) -> Critic:
        with self._lock:
            retriever = self.retriever  # may rebuild, which drops the old critic
            if self._critic is None:
                self._critic = Critic(retriever)
            return self._critic

    def model(self):
        """The loaded model (None for notes-only drafts); loaded once, on first use."""
        with self._lock:
            if not self._model_loaded:
                self._model, self.model_problem = load_model(self._model_choice)
                self._model_loaded = True
                if self._model is not None:
                    self._model.prepare()  # its process loads while the index is checked
            return self._model

    def switch_model(self, name: str) -> str:
        """Use another model from now on; returns the status line."""
        with self._lock:
            old = self._model
            self._model_choice = choose_model(name)
            self._model, self._model_loaded = None, False
        close = getattr(old, "close", None)
        if close:
            close()  # its process is stopped; it would start again if chosen again
        self.model()
        return self.status()

    def warm_up(self) -> None:
        """Build the index, the critic and the faster encoder ahead of the first request."""
        from coach.index import embedding

        self.critic  # noqa: B018 (builds retriever and critic)
        embedding.index_embedder().encode(["warm up"])
        self.critic.critique("Tell me about a time you failed.", "I shipped it and learned.")
        model = self.model()
        if model is not None:  # the first generation pays one-off costs; pay them now
            try:
                for _ in model.stream("You are brief.", "Say hi.", max_tokens=2):
                    pass
            except ModelUnavailable:
                pass  # the status line says what happened (model.describe()); drafts go on
        self.warm = True

    def status(self) -> str:
        """Model in use, stories indexed, offline. Never waits for the index to be built."""
        if not self._model_loaded:
            model = f"{self._model_choice.name} (loading…)"
        else:
            model = self._model.name if self._model is not None else "none (notes-only drafts)"
            describe = getattr(self._model, "describe", None)
            if describe:
                model += f" ({describe()})"
        if self.model_problem:
            model += f" — {self.model_problem}"
        ready = self._retriever is not None
        stories = f"{len(self._retriever.stories)} stories indexed" if ready else "indexing…"
        ready = "ready" if self.warm else "warming up…"
        line = (
            f"Model: **{model}** · {stories} · {ready} · Offline: nothing leaves this machine · "
            "[setup checks](#setup-checks)"
        )
        notices = [*self.notices, *self.history.notices]
        return line + (f"  \n⚠️ {notices[-1]}" if notices else "")

    def setup_checks(self) -> list:
        """The same checks as ``coach doctor``, with the model the app is using."""
        from coach.health.doctor import run_checks

        return run_checks(choice=self._model_choice)

    def model_names(self) -> list[str]:
        """The models the app offers to switch to (any GGUF path can be typed too)."""
        return ["gemma3-270m", "smollm2", "none"]

    def model_label(self) -> str:
        """The chosen model as the switcher shows it."""
        return self._model_choice.name

    def invalidate(self) -> None:
        """Forget the retriever and critic; the next use re-indexes (only changed stories)."""
        with self._lock:
            self._retriever = self._critic = None
