"""Everything the critique measured about one answer, before any score is given."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.critique.signals import Voice
from coach.critique.star_labeller import LabelledSentence
from coach.text.question_kind import Kind


@dataclass(frozen=True)
class RubricHit:
    """A listen-for line of the rubric and the answer sentence closest to it."""

    line: str
    sentence: str
    similarity: float


@dataclass
class Findings:
    """Raw measurements of an answer; ``coach.rubric`` turns them into scores and flags."""

    question: str
    kind: Kind
    principle_id: str
    principle_name: str
    words: int
    seconds: int
    sentences: list[LabelledSentence]
    star: dict[str, bool]
    in_order: bool
    action_share: float
    voice: Voice
    fillers: list[str]
    hypothetical: list[str]
    blame: list[str]
    names: list[str]
    code_names: list[str]
    result_text: str
    result_quantified: bool
    before_after: bool
    relevance: float | None  # None when no question was given
    principle_rank: int  # where the probed principle ranks among those the answer shows (0 best)
    listen_hits: list[RubricHit]
    matched_story_id: str | None = None
    matched_story_title: str | None = None
    matched_similarity: float = 0.0
    unsupported: list[tuple[str, str]] = field(default_factory=list)  # (reason, sentence)
    left_out: list[str] = field(default_factory=list)  # strong story facts not in the answer

    @property
    def needs_lesson(self) -> bool:
        return self.kind != "standard"
