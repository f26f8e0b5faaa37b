"""``coach ask``: principles and stories for a question (drafting plugs in on top)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator

from coach.errors import CoachError
from coach.models import AskResult, PrincipleScore, StoryHit
from coach.retriever import Retriever

MAX_QUESTION_CHARS = 2000
MIN_PRINCIPLES = 3


def clean_question(text: str) -> tuple[str, list[str]]:
    """Normalise a question; empty is an error, over-long is cut with a warning."""
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())
    if not text:
        raise CoachError("The question is empty; ask something like 'Tell me about a conflict'.")
    warnings = []
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        warnings.append(
            f"The question was longer than {MAX_QUESTION_CHARS:,} characters and was cut."
        )
    return text, warnings


def ask(retriever: Retriever, question: str, k: int = 3) -> AskResult:
    """Retrieve principles and the ``k`` best stories for one question."""
    if k < 1:
        raise CoachError("-k must be at least 1.")
    text, warnings = clean_question(question)
    found = retriever.search(text, k=k)
    names = {p.id: p.name for p in retriever.kb.principles}
    return AskResult(
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


def ask_batch(retriever: Retriever, lines: Iterable[str], k: int = 3) -> Iterator[dict]:
    """One JSON-ready object per input line, in order; a bad line yields ``{"error": ...}``."""
    for number, line in enumerate(lines, start=1):
        try:
            yield ask(retriever, line, k).model_dump()
        except CoachError as exc:
            yield {"error": f"line {number}: {exc}"}


def render(result: AskResult) -> str:
    """A readable answer: principles, then stories with scores and why they matched."""
    out = [f"Question: {result.question}", "", "Principles probed:"]
    for p in result.principles[:MIN_PRINCIPLES]:
        out.append(f"  {p.score:5.0%}  {p.name}")
    out += ["", "Your best stories:"]
    for n, story in enumerate(result.stories, start=1):
        thin = "  [thin: your notes hold only a few words]" if story.thin else ""
        out.append(f"  {n}. {story.title}  (score {story.score:.2f}){thin}")
        out.append(f"     id: {story.id} | {', '.join(story.principles)}")
        out.append(f"     why: {story.why}")
    return "\n".join(out)


def to_json_line(obj: object) -> str:
    """Compact JSON for one line of JSON Lines output."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
