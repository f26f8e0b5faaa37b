"""What the coach returns: the CONTRACT.md shapes of ask and critique (fields may be added, never
renamed or removed)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class PrincipleScore(BaseModel):
    """A principle and how strongly the question probes it (scores sum to 1 over all sixteen)."""

    id: str
    name: str
    score: float


class StoryRef(BaseModel):
    """Another story, named by id and title."""

    id: str
    title: str


class StoryHit(BaseModel):
    """A story returned for a question, with its full text and why it matched."""

    id: str
    title: str
    score: float = Field(description="Fused retrieval score in (0, 1); the ranking follows it.")
    principles: list[str]
    text: str
    similarity: float = Field(description="Best cosine similarity of any view of the story.")
    why: str
    thin: bool
    thin_note: str = Field("", description="Why the story is thin, in plain words.")
    origin: str
    source: str
    project: str = Field("", description="The project of the notes this story tells part of.")
    project_mates: list[StoryRef] = Field(
        default_factory=list,
        description="Other entries of the same project: also in your notes about this project.",
    )


class DraftSentence(BaseModel):
    """One sentence of a draft and where its wording came from."""

    text: str
    part: str
    where: str = Field(
        "", description="The notes lines the sentence comes from ('FILE:FIRST-LAST'), if any."
    )
    source: Literal["model", "notes", "template", "answer"] = Field(
        description="model: phrased by the LLM and checked; notes: the story's own words; "
        "template: fact-free connective; answer: the candidate's own typed words (a stronger "
        "version keeps them)."
    )


class RemovedSentence(BaseModel):
    """A sentence the model wrote that the checks removed, and why."""

    sentence: str
    reason: str


class Draft(BaseModel):
    """A spoken STAR answer built from one story (CONTRACT.md ``draft``)."""

    text: str
    sections: dict[str, str | None]
    story_id: str
    model: str
    grounded: bool
    unsupported: list[str]
    words: int
    seconds: float
    budget_words: int
    minutes: float
    sentences: list[DraftSentence]
    notes: list[str] = Field(default_factory=list)
    principle: str = Field("", description="The principle id the draft speaks to.")
    removed: list[RemovedSentence] = Field(
        default_factory=list,
        description="Every model sentence the checks removed, with its reason (the notes' own "
        "words stand in its place).",
    )
    to_expand: list[str] = Field(
        default_factory=list,
        description="Fragments of the notes the coach could not turn into a sentence without "
        "guessing: listed for the candidate to expand, never read out.",
    )
    changes: list[str] = Field(
        default_factory=list,
        description="Every change made to the notes' own words to make them speakable "
        "(a label dropped, 'I' added, an acronym spelt out, a spelling fixed).",
    )
    combined: list[StoryRef] = Field(
        default_factory=list,
        description="Other entries of the same project whose facts the draft also tells.",
    )


class NoFit(BaseModel):
    """Why no draft was written: no story in the notes fits the question well enough."""

    message: str
    closest: list[str]
    principle: str


class AskResult(BaseModel):
    """The answer to ``coach ask``."""

    question: str
    principles: list[PrincipleScore]
    stories: list[StoryHit]
    draft: Draft | None = None
    no_fit: NoFit | None = None
    warnings: list[str] = Field(default_factory=list)
    off_topic: bool = False  # the text does not read as an interview question: nothing drafted


class DimensionScore(BaseModel):
    """One rubric dimension, scored 1 to 5 with a one-line reason."""

    id: str
    score: int = Field(ge=1, le=5)
    comment: str
    applicable: bool = Field(
        True, description="False when this answer cannot be judged on it (it then keeps a score "
        "but does not count toward overall), e.g. grounding with no story of your own."
    )


class Flag(BaseModel):
    """A specific problem, with the answer's own words that show it."""

    code: str
    message: str
    evidence: str = Field(description="Quoted words from the answer (empty when something is "
                                      "missing rather than present).")  # fmt: skip


class MatchedStory(BaseModel):
    """The story from the user's notes that the answer tells."""

    id: str
    title: str
    similarity: float


class AnswerSentence(BaseModel):
    """A sentence of the answer and the STAR part the labeller gave it."""

    text: str
    part: str


class TimedWord(BaseModel):
    """One transcribed word and when it was said, in seconds from the start."""

    word: str
    start: float
    end: float


class Transcript(BaseModel):
    """What was said, as transcribed on this machine (CONTRACT.md ``coach transcribe``)."""

    text: str
    seconds: float = Field(description="Length of the recording.")
    words: list[TimedWord] = Field(default_factory=list)
    speech: list[tuple[float, float]] = Field(
        default_factory=list,
        description="When the candidate was speaking (start, end in seconds), from the audio.",
    )


class Pause(BaseModel):
    """A silence of 1.5 s or more between two words."""

    start: float
    seconds: float


class Delivery(BaseModel):
    """How a spoken answer came across, from its audio (CONTRACT.md ``delivery``)."""

    seconds: float
    words: int
    words_per_minute: float = Field(
        description="Words per minute of speaking, long pauses excluded."
    )
    pauses: list[Pause] = Field(default_factory=list)
    fillers: dict[str, int] = Field(default_factory=dict)
    fillers_note: str = ""
    opening_seconds: float = Field(0.0, description="Time until the story's first sentence.")


class Critique(BaseModel):
    """The answer to ``coach critique`` (CONTRACT.md shape plus extra fields)."""

    question: str
    principles: list[PrincipleScore]
    overall: int = Field(ge=1, le=5)
    dimensions: list[DimensionScore]
    star: dict[str, bool]
    flags: list[Flag]
    matched_story: MatchedStory | None
    follow_ups: list[str]
    coach_note: str
    words: int
    speaking_seconds: int
    points: float = Field(description="The overall score before rounding, 0-100, for ranking.")
    kind: str = Field(description="standard, failure, conflict or criticism.")
    sentences: list[AnswerSentence]
    suggestions: list[str] = Field(
        default_factory=list, description="Facts from the matched story the answer leaves out."
    )
    coach_note_source: Literal["template", "model"] = "template"
    rewrite: Draft | None = None
    rewrite_note: str = Field("", description="Why no stronger version is offered, if none is.")
    warnings: list[str] = Field(default_factory=list)
    transcript: str | None = Field(None, description="A spoken answer's words, as transcribed.")
    delivery: Delivery | None = Field(None, description="A spoken answer's pace, pauses...")

