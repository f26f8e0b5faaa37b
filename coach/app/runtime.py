"""The app's shared runtime: one per server process, built once and shared by every tab."""

from __future__ import annotations

import threading

from coach.app.model_slot import ModelSlot
from coach.core.history_pg import open_history
from coach.core.settings import load_settings
from coach.critique.critic import Critic
from coach.drafting.ask import DraftOptions, ask
from coach.knowledge.corpus import corpus_signature, uses_example_bank
from coach.retrieval.opening import open_retriever
from coach.retrieval.retriever import Retriever


class Runtime:
    """What every tab shares: the retriever and critic (rebuilt when the index is damaged or the
    stories change), the model slot, the history and settings; warm-up and the status line."""

    def __init__(self, model: str | None = None, models: ModelSlot | None = None) -> None:
        """``models``: a model slot to share (one model process for every account)."""
        self._lock = threading.RLock()
        self._retriever: Retriever | None = None
        self._critic: Critic | None = None
        self.models = models or ModelSlot(model)
        self.history = open_history()  # PostgreSQL when DATABASE_URL names one
        self.settings = load_settings()
        self.notices: list[str] = []
        self._signature: tuple = ()
        self.warm = False
        self.phraser = None  # a BackgroundPhraser while a slow model phrases the stories

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
                if self.phraser is not None:  # new or changed stories: phrase them too
                    self.phrase_in_background()
            return self._retriever

    @property
    def critic(self) -> Critic:
        with self._lock:
            retriever = self.retriever  # may rebuild, which drops the old critic
            if self._critic is None:
                self._critic = Critic(retriever)
            return self._critic

    def model(self):
        """The app's model (None for notes-only drafts)."""
        return self.models.get()

    def switch_model(self, name: str) -> str:
        """Use another model from now on; returns the status line."""
        self.models.switch(name)
        if self.warm:
            self.phrase_in_background()
        return self.status()

    def warm_up(self) -> None:
        """Build the index, the critic and the faster encoder ahead of the first request."""
        from coach.index import embedding

        self.critic  # noqa: B018 (builds retriever and critic)
        embedding.index_embedder().encode(["warm up"])
        self.critic.critique("Tell me about a time you failed.", "I shipped it and learned.")
        # the whole ask path once, without the model: search, story kind, grounding, framing
        ask(self.retriever, "Tell me about a time you had to move fast.", 3,
            DraftOptions(model=None))  # fmt: skip
        self.models.warm()
        self.warm = True
        self.phrase_in_background()

    def phrase_in_background(self) -> None:
        """With a model too slow to wait for, phrase every story's body in a background thread
        (cached; a story not phrased yet is drafted from its speakable notes at once)."""
        from coach.drafting.phrasing import BackgroundPhraser, in_background

        model = self.model()
        if self.phraser is not None:
            self.phraser.stop()
            self.phraser = None
        if not in_background(model):
            return
        retriever = self.retriever
        own = [s for s in retriever.stories.values() if s.origin != "bank"] or list(
            retriever.stories.values()
        )
        mates = {s.id: retriever.project_mates(s.id) for s in own}
        self.phraser = BackgroundPhraser(
            own, mates, retriever.glossary(), retriever.query_embed, model
        )
        self.phraser.start()

    def status(self) -> str:
        """Model in use, stories indexed, offline. Never waits for the index to be built."""
        model = self.models.describe()
        ready = self._retriever is not None
        whose = "the example bank" if uses_example_bank() else "your own sources"
        count = len(self._retriever.stories) if self._retriever is not None else 0
        stories = (
            f"{count} {'story' if count == 1 else 'stories'} indexed from {whose}"
            if ready
            else "indexing…"
        )
        ready = "ready" if self.warm else "warming up…"
        if self.phraser is not None:
            ready += f" · {self.phraser.describe()}"
        line = (
            f"Model: **{model}** · {stories} · {ready} · Offline: nothing leaves this machine · "
            "[setup checks](#setup-checks)"
        )
        notices = [*self.notices, *self.history.notices]
        return line + (f"  \n⚠️ {notices[-1]}" if notices else "")

    def setup_checks(self) -> list:
        """The same checks as ``coach doctor``, with the model the app is using."""
        from coach.health.doctor import run_checks

        return run_checks(choice=self.models.choice)

    def invalidate(self) -> None:
        """Forget the retriever and critic; the next use re-indexes (only changed stories)."""
        with self._lock:
            self._retriever = self._critic = None
