"""What the app does, as plain functions over the coach; the Gradio callbacks only call these.

One service per server process: the index, the critic and the model are built once and shared
by every tab; the model sits behind its own lock, so two drafts at once both finish.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from coach.ask import DraftOptions, ask
from coach.corpus import corpus_signature
from coach.coverage import coverage_rows, principles_without_strong_story, thin_stories
from coach.critique import Critic, CritiqueOptions
from coach.errors import CoachError
from coach.follow_ups import principle_follow_ups
from coach.history import History, HistoryUnavailable
from coach.knowledge import load_knowledge
from coach.llm import ModelChoice, ModelUnavailable, choose_model, load_model
from coach.mock import MockSession, draw_questions, session_report
from coach.models import AskResult, Critique, DraftSentence
from coach.paths import data_dir
from coach.retriever import Retriever
from coach.service import open_retriever
from coach.settings import load_settings
from coach.user_stories import StoryForm, load_user_stories, save_story

_DONE = object()


@dataclass
class CritiqueOutcome:
    """A critique and what happened to saving it."""

    result: Critique
    saved: bool
    notice: str = ""


@dataclass
class AskUpdate:
    """One step of a streamed ask: the retrieval, the sentences so far, and whether it is done."""

    result: AskResult | None
    sentences: list[DraftSentence] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    done: bool = False
    first_words_after: float | None = None


class CoachService:
    """The shared coach behind the app."""

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

    # ---- shared pieces -------------------------------------------------------------------
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
        from coach import service

        self.critic  # noqa: B018 (builds retriever and critic)
        service.index_embedder().encode(["warm up"])
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
        from coach.doctor import run_checks

        return run_checks(choice=self._model_choice)

    def model_names(self) -> list[str]:
        """The models the app offers to switch to (any GGUF path can be typed too)."""
        return ["gemma3-270m", "smollm2", "none"]

    def model_label(self) -> str:
        """The chosen model as the switcher shows it."""
        return self._model_choice.name

    # ---- ask -----------------------------------------------------------------------------
    def ask_stream(
        self, question: str, minutes: float = 2.0, story_rank: int = 0
    ) -> Iterator[AskUpdate]:
        """Retrieval first, then the draft sentence by sentence as the model writes it."""
        start = time.perf_counter()
        events: queue.Queue = queue.Queue()
        options = DraftOptions(
            model=self.model(),
            minutes=minutes,
            words_per_minute=self.settings.words_per_minute,
            emit=lambda sentence: events.put(("sentence", sentence)),
            story_rank=story_rank,
            on_retrieved=lambda found: events.put(("retrieved", found)),
        )
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["result"] = ask(self.retriever, question, 3, options)
            except Exception as exc:  # shown to the user as one sentence
                outcome["error"] = exc
            events.put((_DONE, None))

        threading.Thread(target=work, daemon=True).start()
        update = AskUpdate(result=None)
        while True:
            kind, payload = events.get()
            if kind is _DONE:
                break
            if kind == "retrieved":
                update.result = payload  # type: ignore[assignment]
            elif kind == "sentence":
                if update.first_words_after is None:
                    update.first_words_after = time.perf_counter() - start
                update.sentences = [*update.sentences, payload]  # type: ignore[list-item]
            yield replace(update)  # a snapshot: callers may keep earlier updates
        if "error" in outcome:
            error = outcome["error"]
            raise (
                error
                if isinstance(error, CoachError)
                else CoachError(f"Something went wrong while drafting ({type(error).__name__}).")
            )
        result = outcome["result"]
        assert isinstance(result, AskResult)
        update.result = result
        if result.draft is not None:
            update.sentences = result.draft.sentences
        top = result.principles[0].id if result.principles else ""
        update.follow_ups = principle_follow_ups(top)
        update.done = True
        yield replace(update)

    # ---- critique ------------------------------------------------------------------------
    def critique(
        self, question: str, answer: str, rewrite: bool = False, session: int | None = None
    ) -> CritiqueOutcome:
        """Score an answer and save it to the history (coaching goes on if saving fails)."""
        options = CritiqueOptions()
        if rewrite:
            options.rewrite = DraftOptions(model=self.model(), minutes=self.settings.minutes)
        result = self.critic.critique(question or None, answer, options)
        try:
            self.history.save_critique(result, answer, session)
        except HistoryUnavailable as exc:
            return CritiqueOutcome(result, False, str(exc))
        return CritiqueOutcome(result, True, " ".join(self.history.notices))

    def bank_questions(self) -> list[str]:
        """The question bank, for picking a question to practise (no index needed)."""
        return [q.text for q in load_knowledge().questions]

    # ---- mock interview ------------------------------------------------------------------
    def start_mock(self, principles: list[str], count: int, seconds: int) -> MockSession:
        session = MockSession(draw_questions(self.retriever.kb, principles, count), seconds)
        try:
            session.history_id = self.history.start_session(
                principles, [q.text for q in session.questions]
            )
        except HistoryUnavailable:
            session.history_id = None
        return session

    def answer_mock(self, session: MockSession, answer: str) -> CritiqueOutcome:
        question = session.current
        if question is None:
            raise CoachError("This mock interview is over; start a new one.")
        outcome = self.critique(question.text, answer, session=session.history_id)
        session.record(outcome.result)
        if session.finished and session.history_id is not None:
            try:
                self.history.finish_session(session.history_id, session_report(session))
            except HistoryUnavailable as exc:
                outcome.notice = str(exc)
        return outcome

    # ---- story bank ----------------------------------------------------------------------
    def coverage(self) -> tuple[list[dict], list[str], list[str]]:
        kb = self.retriever.kb
        stories = [s for s in self.retriever.stories.values() if s.origin != "notes"]
        thin = [s.title for s in thin_stories(stories)]
        return coverage_rows(kb, stories), principles_without_strong_story(kb, stories), thin

    def add_story(self, form: StoryForm, overwrite: bool = False) -> str:
        """Save the story into the user's folder and re-index; returns a one-line report."""
        bank_ids = {s.id for s in self.retriever.kb.stories}
        story = save_story(form, bank_ids, overwrite)
        with self._lock:
            self._retriever = self._critic = None
        self.retriever  # noqa: B018 (re-indexes now: only the new story is embedded)
        return f"Saved '{story.title}' to {Path(story.source).name} and indexed it."

    def user_story_titles(self) -> list[str]:
        """Stories the candidate added in the app, by title, for editing."""
        return [s.title for s in load_user_stories()]

    def user_story_form(self, title: str) -> StoryForm | None:
        """The form values of one of the candidate's own stories."""
        for story in load_user_stories():
            if story.title == title:
                s = story.sections
                return StoryForm(story.title, story.primary_principle or "", s.situation, s.task,
                                 s.action, s.result, s.lesson,
                                 tuple(story.secondary_principles))  # fmt: skip
        return None

    # ---- history -------------------------------------------------------------------------
    def export(self, kind: str) -> Path:
        """Write the history as Markdown or CSV into the data directory; returns the file."""
        folder = data_dir() / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        if kind == "csv":
            path = folder / f"practice-{stamp}.csv"
            path.write_text(self.history.export_csv(), encoding="utf-8")
        else:
            path = folder / f"practice-{stamp}.md"
            path.write_text(self.history.export_markdown(), encoding="utf-8")
        return path
