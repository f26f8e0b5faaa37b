"""``coach ask``: principles and stories for a question (drafting plugs in on top)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from coach.core.errors import CoachError
from coach.core.results import AskResult, NoFit, PrincipleScore, StoryHit
from coach.drafting.backends.base import TextModel
from coach.drafting.draft import DraftWriter, Emit
from coach.retrieval.retriever import Retriever
from coach.text.sentences import visible_text

MAX_QUESTION_CHARS = 2000
MIN_PRINCIPLES = 3
NO_FIT_BELOW = 0.30  # best cosine of any story view; below it no story answers the question
WEAK_FIT_BELOW = 0.40


def clean_question(text: str) -> tuple[str, list[str]]:
    """Normalise a question; empty is an error, over-long is cut with a warning."""
    text = visible_text(text)
    if not text:
        raise CoachError("The question is empty; ask something like 'Tell me about a conflict'.")
    warnings = []
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        warnings.append(
            f"The question was longer than {MAX_QUESTION_CHARS:,} characters and was cut."
        )
    return text, warnings


@dataclass
class DraftOptions:
    """How to draft: the model (None for notes-only), minutes, and where to stream sentences."""

    model: TextModel | None = None
    minutes: float = 2.0
    words_per_minute: int = 140
    emit: Emit | None = None
    story_rank: int = 0  # 0 drafts from the best story, 1 from the second...
    on_retrieved: Callable[[AskResult], None] | None = None  # called before drafting starts


def ask(
    retriever: Retriever, question: str, k: int = 3, drafting: DraftOptions | None = None
) -> AskResult:
    """Principles and the ``k`` best stories for one question, and a draft when asked for."""
    if k < 1:
        raise CoachError("-k must be at least 1.")
    text, warnings = clean_question(question)
    if not retriever.stories:
        raise CoachError(
            "Your sources hold no story right now (a notes file may have moved); "
            "run 'coach sources list' to see them, or add one with 'coach sources add FILE'."
        )
    found = retriever.search(text, k=k)
    names = {p.id: p.name for p in retriever.kb.principles}
    result = AskResult(
        question=text,
        principles=[
            PrincipleScore(id=pid, name=names[pid], score=round(score, 4))
            for pid, score in found.principles[: max(MIN_PRINCIPLES, 5)]
        ],
        stories=[
            StoryHit(
                id=m.story.id,
                title=m.story.title,
                score=m.score,
                principles=m.story.principles,
                text=m.story.text(),
                similarity=m.dense,
                why=m.why(),
                thin=m.story.thin,
                origin=m.story.origin,
                source=m.story.source,
            )
            for m in found.matches
        ],
        warnings=warnings,
    )
    if drafting is None or not found.matches:
        return result
    if drafting.on_retrieved:
        drafting.on_retrieved(result)
    best = found.matches[0]
    if best.dense < NO_FIT_BELOW:
        top = names[found.principles[0][0]]
        result.no_fit = NoFit(
            message=(
                f"None of your stories fits this question well (best similarity {best.dense:.2f}), "
                f"so no draft was written. It probes {top}: add a story for it to your notes."
            ),
            closest=[m.story.title for m in found.matches],
            principle=found.principles[0][0],
        )
        return result
    if best.dense < WEAK_FIT_BELOW:
        result.warnings.append(
            f"The best story is only a loose fit (similarity {best.dense:.2f}); check it answers "
            "the question before you rehearse it."
        )
    ranked = found.matches[min(drafting.story_rank, len(found.matches) - 1) :]
    chosen = ranked[0]
    writer = DraftWriter(drafting.model, retriever.query_embed, drafting.emit)
    principle = next((p for p, _ in found.principles if p in chosen.story.principles), None)
    result.draft = writer.write(
        text,
        chosen.story,
        names[principle or found.principles[0][0]],
        drafting.minutes,
        drafting.words_per_minute,
    )
    return result


def ask_batch(
    retriever: Retriever, lines: Iterable[str], k: int = 3, drafting: DraftOptions | None = None
) -> Iterator[dict]:
    """One JSON-ready object per input line, in order; a bad line yields ``{"error": ...}``."""
    for number, line in enumerate(lines, start=1):
        try:
            yield ask(retriever, line, k, drafting).model_dump()
        except CoachError as exc:
            yield {"error": f"line {number}: {exc}"}
