"""The story workshop: grow a thin story with facts from the candidate, never from a model.

The coach looks at what the story lacks (an action of the candidate's own, a figure in the
result, the stakes, the goal, a lesson, enough words for the time budget) and asks one targeted
question at a time, each with the reason it asks. Each answer goes, in the candidate's own words,
into the part of the story the question is about. The grown story is written into the
candidate's stories folder (never into a notes file), with a link to the entry it supersedes; the
entry is hidden while the grown story exists, and nothing of it is lost.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.knowledge.bank import load_story_file
from coach.knowledge.user_stories import StoryForm, render_story, user_stories_dir, write_checked
from coach.text.sentences import figure_mentions, split_sentences
from coach.text.star_cues import cue_sections

MAX_ANSWER_CHARS = 3000
SHORT_SITUATION = 25  # words: a situation this short does not say what was at stake
VAGUE_ACTION = 15  # words: "I looked into it" says that I acted, not what I did
SHORT_ACTION = 80  # words: the action is ~40 % of a two-minute answer
ENOUGH = 0.9  # of the budget: the story is long enough, stop asking for more words
_SKIP = re.compile(r"^\s*(skip|pass|n/?a|none|no idea|i don'?t know|dunno|-+|\.+)?\W*$", re.I)
_I = re.compile(r"\b(I|I'm|I've|I'd|me|my)\b")

Labeller = Callable[[str], list[tuple[str, str]]]  # text -> (sentence, STAR part) in order


@dataclass(frozen=True)
class Profile:
    """What a story supports: its length in spoken seconds, its STAR parts and its figures."""

    words: int
    seconds: int
    parts: list[str]
    figures: list[str]

    def as_json(self) -> dict:
        return {"words": self.words, "seconds": self.seconds, "parts": self.parts,
                "figures": self.figures}  # fmt: skip


@dataclass(frozen=True)
class Prompt:
    """One workshop question: what it asks, why, and which part the answer goes into."""

    key: str
    part: str
    text: str
    why: str


@dataclass
class Exchange:
    prompt: Prompt
    answer: str  # "" when skipped


def _words(text: str) -> int:
    return len(text.split())


def _has_figure(text: str) -> bool:
    return bool(figure_mentions(text))


def _rules(parts: dict[str, str], budget: int) -> list[tuple[bool, Prompt]]:
    """Every question the workshop knows, in the order it asks, with whether it applies now."""
    total = sum(_words(t) for t in parts.values())
    action, result, situation = parts["action"], parts["result"], parts["situation"]
    short = total < ENOUGH * budget
    return [
        (not action or not _I.search(action) or _words(action) < VAGUE_ACTION, Prompt(
            "own_action", "action",
            "What exactly did you do yourself? Walk through your steps in order.",
            "Interviewers score what you did, not what the team did; "
            + ("your notes hold no action yet." if not action
               else "your notes say what happened but not what you did." if not _I.search(action)
               else f"your notes say only \"{action}\""))),
        (not result or not _has_figure(result), Prompt(
            "result_figure", "result",
            "What changed because of it, and by how much? A number, a before and after, a date, "
            "or what someone said.",
            "A result with a figure is what interviewers remember; "
            + ("your notes hold no result yet." if not result
               else "your result gives no figure."))),
        (_words(situation) < SHORT_SITUATION, Prompt(
            "stakes", "situation",
            "What was at stake, and for whom? What would have happened if nobody had acted?",
            "The situation tells why the story matters; "
            + ("your notes have none." if not situation
               else f"yours is {_words(situation)} words."))),
        (not parts["task"], Prompt(
            "goal", "task",
            "What exactly was your responsibility or goal, and by when?",
            "The task says what you owned; your notes do not state it.")),
        (_words(action) < SHORT_ACTION, Prompt(
            "obstacle", "action",
            "What was the hardest part, and how did you get past it? Who did you have to "
            "convince, and how?",
            f"The action is the longest part of a good answer (about 40 %); yours is "
            f"{_words(action)} words.")),
        (not parts["lesson"], Prompt(
            "lesson", "lesson",
            "What did you learn, and what would you do differently next time?",
            "Failure, mistake and feedback questions expect a lesson; your notes hold none.")),
        (short, Prompt(
            "options", "action",
            "What other options did you consider, and why did you choose this one?",
            "It shows judgment, and interviewers often ask it as a follow-up; the story is "
            "still short of the time budget.")),
        (short, Prompt(
            "afterwards", "result",
            "What happened afterwards? Did the change last, who used it, what did others say?",
            "The story is still short of the time budget, and a lasting result is worth telling.")),
    ]  # fmt: skip


def story_parts(story: Story, labeller: Labeller | None = None) -> dict[str, str]:
    """The story's text by STAR part: its labels, else the labeller's (or cue-based) split."""
    if story.labelled:
        return {p: " ".join(getattr(story.sections, p).split()) for p in SECTION_NAMES}
    parts = dict.fromkeys(SECTION_NAMES, "")
    body = " ".join(story.body.split())
    if labeller is not None:
        last = "situation"
        for sentence, part in labeller(body):
            last = part if part in parts else last
            parts[last] = f"{parts[last]} {sentence}".strip()
        return parts
    split = cue_sections(body)
    if split is None:
        parts["situation"] = body
        return parts
    return {p: " ".join(split.get(p, "").split()) for p in SECTION_NAMES}


def profile(parts: dict[str, str], words_per_minute: int) -> Profile:
    """How many seconds the parts support, which parts there are, and the figures they hold."""
    words = sum(_words(t) for t in parts.values())
    text = " ".join(parts.values())
    return Profile(
        words=words,
        seconds=round(words / words_per_minute * 60),
        parts=[p for p in SECTION_NAMES if parts[p]],
        figures=list(figure_mentions(text).values()),
    )


def _as_sentences(answer: str) -> str:
    text = " ".join(answer.split())
    if text and text[-1] not in ".!?\"”')":
        text += "."
    return text[0].upper() + text[1:] if text else text


@dataclass
class Workshop:
    """One workshop on one story: the questions asked so far, the answers, the grown story."""

    story: Story
    minutes: float = 2.0
    words_per_minute: int = 140
    labeller: Labeller | None = None
    exchanges: list[Exchange] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)
    before: Profile | None = None

    def __post_init__(self) -> None:
        if self.story.origin == "bank":
            raise CoachError("The workshop grows your own stories; add your notes first "
                             "(coach sources add FILE), then pick one of them.")  # fmt: skip
        if not self.parts:
            self.parts = story_parts(self.story, self.labeller)
        self.before = profile(self.parts, self.words_per_minute)

    @property
    def budget(self) -> int:
        return round(self.minutes * self.words_per_minute)

    def current(self) -> Prompt | None:
        """The next question to ask, or None when the story holds what it needs."""
        asked = {e.prompt.key for e in self.exchanges}
        for applies, prompt in _rules(self.parts, self.budget):
            if applies and prompt.key not in asked:
                return prompt
        return None

    def answer(self, text: str) -> Prompt | None:
        """Record the answer to the current question (blank or 'skip' skips it); the next one."""
        prompt = self.current()
        if prompt is None:
            raise CoachError("The workshop has no open question; save the story.")
        if len(text) > MAX_ANSWER_CHARS:
            raise CoachError(f"That answer is longer than {MAX_ANSWER_CHARS:,} characters; "
                             "split it over the questions.")  # fmt: skip
        said = "" if _SKIP.match(text) else _as_sentences(text)
        self.exchanges.append(Exchange(prompt, said))
        if said:
            self.parts[prompt.part] = f"{self.parts[prompt.part]} {said}".strip()
        return self.current()

    def after(self) -> Profile:
        return profile(self.parts, self.words_per_minute)

    def answered(self) -> list[Exchange]:
        return [e for e in self.exchanges if e.answer]

    def grown(self) -> Story:
        """The story as it stands, with the answers in place (not yet saved)."""
        return self.story.model_copy(update={
            "sections": self.story.sections.model_copy(update=dict(self.parts)),
            "body": "", "thin": False, "missing": [], "origin": "user",
            "supersedes": self.story.supersedes or self.story.id,
            "supersedes_where": self.story.supersedes_where or self.story.spans,
        })  # fmt: skip

    def save(self) -> Path:
        """Write the grown story into the stories folder; an earlier version is kept aside."""
        if not self.answered():
            raise CoachError("Nothing to save: answer at least one question first.")
        story = self.grown()
        if not story.primary_principle:
            raise CoachError("This story has no principle yet; file it under one in your notes.")
        folder = user_stories_dir().resolve()
        path = folder / f"{story.id}.md"
        if path.exists():
            kept = folder / ".versions"
            kept.mkdir(exist_ok=True)
            shutil.copy2(path, kept / f"{story.id}.{time.strftime('%Y%m%d-%H%M%S')}.md")
        form = StoryForm(
            title=story.title,
            primary_principle=story.primary_principle,
            secondary_principles=tuple(story.secondary_principles),
            **{p: self.parts[p] for p in SECTION_NAMES},
        )
        extra = {
            "questions": story.questions,
            "tags": story.tags,
            "supersedes": story.supersedes,
            "supersedes_where": story.supersedes_where,
        }
        write_checked(path, render_story(form, story.id, {k: v for k, v in extra.items() if v}))
        return path

    def as_json(self, saved: Path | None = None) -> dict:
        return {
            "story_id": self.story.id,
            "title": self.story.title,
            "questions": [{"key": e.prompt.key, "part": e.prompt.part, "question": e.prompt.text,
                           "why": e.prompt.why, "answer": e.answer or None}
                          for e in self.exchanges],
            "before": self.before.as_json() if self.before else None,
            "after": self.after().as_json(),
            "budget_seconds": round(self.minutes * 60),
            "saved": str(saved) if saved else None,
            "supersedes": self.story.supersedes or self.story.id,
        }  # fmt: skip


def new_facts(before: Story, after: Story) -> list[str]:
    """Sentences of the grown story that the original did not hold (for checks and display)."""
    old = set(split_sentences(before.text()))
    return [s for s in split_sentences(after.text()) if s not in old]


def loaded(path: Path) -> Story:
    """A saved workshop story, as every stage will read it."""
    return load_story_file(path).model_copy(update={"origin": "user"})
