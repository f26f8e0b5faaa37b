"""Everything the critique measured about one answer, before any score is given."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.results import Delivery
from coach.critique.parts import Parts
from coach.critique.signals import Voice
from coach.critique.star_labeller import LabelledSentence
from coach.text.asks import Relevance
from coach.text.question_kind import Kind


@dataclass(frozen=True)
class RubricHit:
    """A listen-for line of the rubric and the answer sentence closest to it."""

    line: str
    sentence: str
    similarity: float


@dataclass
class Findings:
    """Raw measurements of an answer; ``coach.critique.rubric`` turns them into scores and flags."""

    question: str
    kind: Kind
    principle_id: str
    principle_name: str
    words: int
    seconds: int
    sentences: list[LabelledSentence]
    parts: Parts
    in_order: bool
    action_share: float
    voice: Voice
    fillers: list[str]
    blame: list[str]
    names: list[str]
    code_names: list[str]
    outcome_text: str  # the sentences that tell how it ended
    outcome_measured: bool  # a figure, a measured change or a checkable outcome among them
    before_after: bool
    relevance: Relevance | None  # None when no question was given
    principle_agreement: float  # cosine of the question's and the answer's principle rankings
    principle_rank: int  # where the probed principle ranks among those the answer shows (0 best)
    listen_hits: list[RubricHit]
    assumed: str = ""  # without a question: which principle was assumed, and why
    own_stories: bool = True  # False while the example bank stands in for the user's notes
    matched_story_id: str | None = None
    matched_story_title: str | None = None
    matched_similarity: float = 0.0
    unsupported: list[tuple[str, str]] = field(default_factory=list)  # (reason, sentence)
    left_out: list[str] = field(default_factory=list)  # strong story facts not in the answer
    delivery: Delivery | None = None  # a spoken answer's pace, pauses and fillers, from its audio

    @property
    def star(self) -> dict[str, bool]:
        return self.parts.present

    @property
    def hypothetical(self) -> list[str]:
        return self.parts.hypothetical

    @property
    def needs_lesson(self) -> bool:
        return self.kind != "standard"
