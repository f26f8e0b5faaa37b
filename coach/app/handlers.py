"""One handler per job of the app; the Gradio callbacks only call these."""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from coach.app.runtime import Runtime
from coach.core.errors import CoachError
from coach.core.history import HistoryUnavailable
from coach.core.paths import data_dir, is_shared_server
from coach.core.results import AskResult, Critique, DraftSentence, Transcript
from coach.core.schema import Story
from coach.critique.critic import CritiqueOptions
from coach.critique.follow_ups import principle_follow_ups
from coach.critique.spoken import critique_transcript, said_this
from coach.critique.stronger import Stronger
from coach.drafting.ask import DraftOptions, ask
from coach.drafting.backends.queue import WAIT_LISTENER
from coach.knowledge.bank import load_knowledge
from coach.knowledge.story_list import set_aside
from coach.knowledge.user_stories import StoryForm, load_user_stories, save_story
from coach.knowledge.workspace import (
    SourceRow,
    add_sources,
    import_notes_file,
    list_sources,
    remove_sources,
    workspace_summary,
)
from coach.practice.coverage import coverage_rows, principles_without_strong_story, thin_stories
from coach.practice.mock import MockSession, draw_questions, interview_report, session_report

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
    waiting: int | None = None  # number in line for the shared model, while waiting


class AskHandler:
    """The Ask tab: retrieval first, then the draft sentence by sentence."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def ask_stream(
        self, question: str, minutes: float = 2.0, story_rank: int = 0
    ) -> Iterator[AskUpdate]:
        """Retrieval first, then the draft sentence by sentence as the model writes it."""
        start = time.perf_counter()
        events: queue.Queue = queue.Queue()
        options = DraftOptions(
            model=self.runtime.model(),
            minutes=minutes,
            words_per_minute=self.runtime.settings.words_per_minute,
            emit=lambda sentence: events.put(("sentence", sentence)),
            story_rank=story_rank,
            on_retrieved=lambda found: events.put(("retrieved", found)),
            time_limit=self.runtime.settings.llm_timeout,
        )
        outcome: dict[str, object] = {}

        def work() -> None:
            WAIT_LISTENER.set(lambda number: events.put(("waiting", number)))
            try:
                outcome["result"] = ask(self.runtime.retriever, question, 3, options)
            except Exception as exc:  # shown to the user as one sentence
                outcome["error"] = exc
            events.put((_DONE, None))

        # the worker sees this request's context: on a server with accounts, the user's workspace
        threading.Thread(target=contextvars.copy_context().run, args=(work,), daemon=True).start()
        update = AskUpdate(result=None)
        while True:
            kind, payload = events.get()
            if kind is _DONE:
                break
            if kind == "retrieved":
                update.result = payload  # type: ignore[assignment]
            elif kind == "waiting":
                update.waiting = payload  # type: ignore[assignment]
            elif kind == "sentence":
                update.waiting = None
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
        if result.draft is not None and result.draft.principle:
            top = result.draft.principle  # follow-ups for what the drafted story speaks to
        update.follow_ups = principle_follow_ups(top)
        update.done = True
        yield replace(update)


class PracticeHandler:
    """The Critique and Mock tabs, and the History export: every critique is saved."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def critique(
        self,
        question: str,
        answer: str,
        session: int | None = None,
        principle: str | None = None,
        spoken: Transcript | None = None,
    ) -> CritiqueOutcome:
        """Score an answer and save it to the history (coaching goes on if saving fails);
        ``principle``: the one the question was set for (a mock's), else detected; ``spoken``:
        the recording's transcript when the answer was said aloud (``answer`` is then the
        transcript as the candidate corrected it, and delivery comes from the audio)."""
        options = CritiqueOptions(principle=principle)
        if spoken is not None and not said_this(spoken, answer):
            spoken = None  # the box now holds another answer, typed: no delivery from old audio
        if spoken is not None:
            result = critique_transcript(self.runtime.critic, question or None, spoken, answer,
                                         options)  # fmt: skip
        else:
            result = self.runtime.critic.critique(question or None, answer, options)
        try:
            self.runtime.history.save_critique(result, answer, session)
        except HistoryUnavailable as exc:
            return CritiqueOutcome(result, False, str(exc))
        return CritiqueOutcome(result, True, " ".join(self.runtime.history.notices))

    def stronger(self, result: Critique) -> Stronger:
        """A stronger version of a critiqued answer, from the candidate's words and notes."""
        return self.runtime.critic.stronger(result)

    def principle_names(self) -> dict[str, str]:
        """Principle id to name, from the shipped knowledge (no index needed)."""
        return {p.id: p.name for p in load_knowledge().principles}

    def bank_questions(self) -> list[str]:
        """The question bank, for picking a question to practise (no index needed)."""
        return [q.text for q in load_knowledge().questions]

    def start_mock(self, principles: list[str], count: int, seconds: int) -> MockSession:
        session = MockSession(draw_questions(self.runtime.retriever.kb, principles, count), seconds)
        try:
            session.history_id = self.runtime.history.start_session(
                principles, [q.text for q in session.questions]
            )
        except HistoryUnavailable:
            session.history_id = None
        return session

    def answer_mock(
        self, session: MockSession, answer: str, spoken: Transcript | None = None
    ) -> CritiqueOutcome:
        question = session.current
        if question is None:
            raise CoachError("This mock interview is over; start a new one.")
        outcome = self.critique(question.text, answer, session=session.history_id,
                                principle=question.principles[0], spoken=spoken)  # fmt: skip
        session.record(outcome.result)
        if session.finished and session.history_id is not None:
            try:
                report = (
                    interview_report(session) if session.interviews else session_report(session)
                )
                self.runtime.history.finish_session(session.history_id, report)
            except HistoryUnavailable as exc:
                outcome.notice = str(exc)
        return outcome

    def export(self, kind: str) -> Path:
        """Write the history as Markdown or CSV into the data directory; returns the file."""
        folder = data_dir() / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        if kind == "csv":
            path = folder / f"practice-{stamp}.csv"
            path.write_text(self.runtime.history.export_csv(), encoding="utf-8")
        else:
            path = folder / f"practice-{stamp}.md"
            path.write_text(self.runtime.history.export_markdown(), encoding="utf-8")
        return path


class StoryBankHandler:
    """The Story bank tab: coverage per principle, and the candidate's own stories."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def coverage(self) -> tuple[list[dict], list[str], list[str]]:
        kb = self.runtime.retriever.kb
        stories = list(self.runtime.retriever.stories.values())
        thin = [s.title for s in thin_stories(stories)]
        return coverage_rows(kb, stories), principles_without_strong_story(kb, stories), thin

    def sources(self) -> tuple[str, list[SourceRow]]:
        """Whose stories the coach uses, and every registered source with its story count."""
        return workspace_summary(), list_sources()

    def add_source(self, path_text: str) -> str:
        """Add a notes file or story folder on this machine by its path; the report, one line
        per source (problems with line numbers)."""
        if is_shared_server():  # a path here names the server's files, not the candidate's
            raise CoachError("On a shared server, upload your notes file instead of giving a "
                             "path.")  # fmt: skip
        if not path_text or not path_text.strip():
            raise CoachError("Type the path of a notes file or a story folder on this computer.")
        report = add_sources([Path(path_text.strip().strip('"')).expanduser()])
        return self._reindexed(report)

    def upload_notes(self, uploaded: str, name: str) -> str:
        """Keep a copy of an uploaded notes file in the data folder and add it as a source."""
        return self._reindexed(import_notes_file(Path(uploaded), name))

    def remove_source(self, path_text: str) -> str:
        """Take a source out (its files are never touched)."""
        if not path_text:
            raise CoachError("Choose the source to remove.")
        return self._reindexed(remove_sources([Path(path_text)]))

    def _reindexed(self, lines: list[str]) -> str:
        self.runtime.invalidate()
        self.runtime.retriever  # noqa: B018 (indexes now: only new or changed stories are embedded)
        return "\n".join(lines)

    def workspace_stories(self) -> list[Story]:
        """Every story the coach searches, with what the detector inferred, by source order."""
        return list(self.runtime.retriever.stories.values())

    def set_aside(self) -> list[tuple[Path, int, str, str]]:
        """What ingest could not place in the registered notes files, and what it kept out."""
        return set_aside(self.runtime.retriever.kb.principles)

    def add_story(self, form: StoryForm, overwrite: bool = False) -> str:
        """Save the story into the user's folder and re-index; returns a one-line report."""
        bank_ids = {s.id for s in self.runtime.retriever.kb.stories}
        story = save_story(form, bank_ids, overwrite)
        self.runtime.invalidate()
        self.runtime.retriever  # noqa: B018 (re-indexes now: only the new story is embedded)
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
                                 tuple(story.secondary_principles),
                                 tuple(story.questions))  # fmt: skip
        return None
