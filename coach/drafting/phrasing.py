"""Phrase each story's spoken version once, in the background, with a slow model.

A 1.5B model writes fluent sentences on 2 cores at about 4-15 tokens a second: 20-30 s before
a whole part is written, too slow to wait for at question time. So after ingest a background
worker phrases every story's body once (the same plan, prompts and sentence-by-sentence checks
as a live draft) and keeps the checked result, keyed by the story's text, its project's entries,
the model and the prompts. At question time the draft joins the question's opening, the cached
body and a closing; a story not phrased yet is drafted from its speakable notes at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from coach.core.paths import data_dir, prompts_dir
from coach.core.results import DraftSentence, RemovedSentence
from coach.core.schema import Story
from coach.drafting.backends.base import TextModel
from coach.drafting.draft import DraftWriter
from coach.drafting.framing import without_repeats
from coach.drafting.grounding import Embed, GroundingChecker
from coach.drafting.planning import budget_for, plan_draft
from coach.drafting.speaking import prepare
from coach.text.spoken import Glossary

BACKGROUND_BYTES = 500_000_000  # a local model file at least this big phrases in the background
MINUTES = 2.0  # the spoken length a phrased body is planned for
_SENTENCES = TypeAdapter(list[DraftSentence])
_REMOVED = TypeAdapter(list[RemovedSentence])


def in_background(model: TextModel | None) -> bool:
    """Whether drafts with this model come from background phrasing (a model too slow to wait
    for: a local file of 500 MB or more)."""
    path = getattr(model, "path", None) or getattr(getattr(model, "inner", None), "path", None)
    try:
        return path is not None and Path(path).stat().st_size >= BACKGROUND_BYTES
    except OSError:
        return False


# the code that plans, makes speakable and checks a body: a fix to any of it phrases again
_CHECKED_BY = (
    "drafting/draft.py",
    "drafting/planning.py",
    "drafting/speaking.py",
    "drafting/grounding.py",
    "text/meaning.py",
    "text/spoken.py",
    "text/claims.py",
)


@cache
def _prompts_hash() -> str:
    """The prompts and the checking code a phrased body depends on."""
    digest = hashlib.sha256()
    for path in sorted(prompts_dir().glob("draft_*.txt")):
        digest.update(path.read_bytes())
    package = Path(__file__).resolve().parents[1]
    for name in _CHECKED_BY:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Phrased:
    """One story's body, phrased by a model and checked."""

    sentences: list[DraftSentence]
    removed: list[RemovedSentence] = field(default_factory=list)
    model: str = ""
    seconds: float = 0.0
    combined: list[str] = field(default_factory=list)  # ids of the project entries it drew on


class PhraseCache:
    """Phrased bodies on disk (``$COACH_HOME/phrased``), one small JSON file each."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "phrased"

    @staticmethod
    def key(story: Story, mates: list[Story], model_name: str) -> str:
        payload = json.dumps(
            [story.id, story.title, story.text(), [m.text() for m in mates], model_name,
             _prompts_hash()],
            ensure_ascii=False,
        )  # fmt: skip
        return hashlib.sha256(payload.encode()).hexdigest()[:24]

    def get(self, story: Story, mates: list[Story], model_name: str) -> Phrased | None:
        path = self.folder / f"{self.key(story, mates, model_name)}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Phrased(
                _SENTENCES.validate_python(data["sentences"]),
                _REMOVED.validate_python(data["removed"]),
                data["model"],
                float(data["seconds"]),
                [str(i) for i in data.get("combined", [])],
            )
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return None

    def put(self, story: Story, mates: list[Story], model_name: str, phrased: Phrased) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {
            "story_id": story.id,
            "model": phrased.model,
            "seconds": phrased.seconds,
            "sentences": _SENTENCES.dump_python(phrased.sentences, mode="json"),
            "removed": _REMOVED.dump_python(phrased.removed, mode="json"),
            "combined": phrased.combined,
        }
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".phrased-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, self.folder / f"{self.key(story, mates, model_name)}.json")


def phrase_story(
    model: TextModel, story: Story, mates: list[Story], glossary: Glossary, embed: Embed
) -> Phrased:
    """The story's body as the model phrases it, every sentence checked (failures fall back to
    the notes' own speakable words), planned for a two-minute answer."""
    start = time.perf_counter()
    question = story.title
    budget = budget_for(MINUTES, 140)
    material = prepare(story, question, glossary, budget, embed, mates)
    plan = plan_draft(story, question, MINUTES, 140, embed, material)
    checker = GroundingChecker(story, question, embed, material.extra(), material.projected())
    writer = DraftWriter(model, embed)
    out: list[DraftSentence] = []
    removed: list[RemovedSentence] = []
    writer.phrase_parts(question, plan, checker, removed, out)
    return Phrased(without_repeats(out), removed, model.name, time.perf_counter() - start,
                   [m.id for m in material.combined])  # fmt: skip


class BackgroundPhraser:
    """Phrases, one at a time in a daemon thread, every story that has no cached body yet."""

    def __init__(
        self,
        stories: list[Story],
        mates: dict[str, list[Story]],
        glossary: Glossary,
        embed: Embed,
        model: TextModel,
        cache: PhraseCache | None = None,
    ) -> None:
        self.stories = stories
        self.mates = mates
        self.glossary = glossary
        self.embed = embed
        self.model = model
        self.cache = cache or PhraseCache()
        self.done = 0
        self.current = ""
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def total(self) -> int:
        return len(self.stories)

    def pending(self) -> list[Story]:
        return [
            s for s in self.stories
            if self.cache.get(s, self.mates.get(s.id, []), self.model.name) is None
        ]  # fmt: skip

    def run(self, progress=None) -> None:
        """Phrase what is pending, in this thread; ``progress`` gets one line per story."""
        todo = self.pending()
        self.done = self.total - len(todo)
        for story in todo:
            if self._stop.is_set():
                return
            self.current = story.title
            mates = self.mates.get(story.id, [])
            try:
                phrased = phrase_story(self.model, story, mates, self.glossary, self.embed)
            except Exception as exc:
                self.failures.append(f"{story.title}: {type(exc).__name__}")
                continue
            self.cache.put(story, mates, self.model.name, phrased)
            self.done += 1
            if progress:
                progress(f"{self.done}/{self.total} phrased ({phrased.seconds:.0f} s): "
                         f"{story.title[:60]}")  # fmt: skip
        self.current = ""

    def start(self) -> None:
        """Run in a daemon thread (the app calls this after warming up)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self.run, daemon=True, name="phrasing")
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def describe(self) -> str:
        """Progress in words, for the status line."""
        if self.done >= self.total:
            return f"all {self.total} stories phrased"
        return f"phrasing your stories in the background: {self.done} of {self.total}"
