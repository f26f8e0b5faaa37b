"""``coach eval``: measure retrieval on the held-out question sets, per retrieval mode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.schema import DevQuestion, Question
from coach.knowledge.bank import load_dev_questions, load_questions
from coach.retrieval.retriever import Mode, Retriever

MODES: tuple[Mode, ...] = ("dense", "bm25", "rrf", "fused")


@dataclass
class Scores:
    """Hit rates of one retrieval mode on one question set."""

    story_top1: float
    story_top3: float
    principle_top1: float
    principle_top3: float


def evaluate(retriever: Retriever, questions: list[DevQuestion], mode: Mode) -> Scores:
    """Story and principle hit rates over the story bank (notes entries excluded)."""
    bank = [s.id for s in retriever.kb.stories]
    s1 = s3 = p1 = p3 = 0
    for q in questions:
        found = retriever.search(q.text, k=3, mode=mode, restrict=bank)
        ids = [m.story.id for m in found.matches]
        ranked = [p for p, _ in found.principles]
        s1 += ids[0] in q.stories
        s3 += any(i in q.stories for i in ids[:3])
        p1 += ranked[0] in q.principles
        p3 += any(p in q.principles for p in ranked[:3])
    n = len(questions) or 1
    return Scores(s1 / n, s3 / n, p1 / n, p3 / n)


def principle_from_question(retriever: Retriever, questions: list[Question]) -> tuple[float, float]:
    """Principle hit rates (top 1, top 3) from the question's words alone: the detector with no
    story evidence (its examples are the question bank and rubric samples, never stories)."""
    vectors = retriever.query_embed([q.text for q in questions])
    p1 = p3 = 0
    for q, vector in zip(questions, vectors, strict=True):
        ranked = [p for p, _ in retriever.detector.rank(vector)]
        p1 += ranked[0] in q.principles
        p3 += any(p in q.principles for p in ranked[:3])
    n = len(questions) or 1
    return p1 / n, p3 / n


def principle_report(retriever: Retriever, sets: dict[str, Path]) -> str:
    """Principle top 1 and top 3 from the question alone, per principle set."""
    lines = [
        "Principle from the question alone (sets labelled by what each question asks; 'dev' guided"
        " tuning, 'test' never did)",
        f"{'set':<16}{'n':>4}{'princ@1':>10}{'princ@3':>10}",
    ]
    for name, path in sets.items():
        questions = load_questions(path)
        p1, p3 = principle_from_question(retriever, questions)
        lines.append(f"{name:<16}{len(questions):>4}{p1:>10.2f}{p3:>10.2f}")
    return "\n".join(lines)


def retrieval_report(retriever: Retriever, sets: dict[str, Path]) -> str:
    """A side-by-side table: each set, each mode, the four hit rates."""
    lines = [
        "Retrieval on held-out questions (story bank only; 'dev' guided tuning, 'test' never did)",
        f"{'set':<6}{'mode':<8}{'n':>4}{'story@1':>10}{'story@3':>10}{'princ@1':>10}{'princ@3':>10}",
    ]
    for name, path in sets.items():
        questions = load_dev_questions(path)
        for mode in MODES:
            s = evaluate(retriever, questions, mode)
            lines.append(
                f"{name:<6}{mode:<8}{len(questions):>4}{s.story_top1:>10.2f}{s.story_top3:>10.2f}"
                f"{s.principle_top1:>10.2f}{s.principle_top3:>10.2f}"
            )
        p1, p3 = principle_from_question(retriever, questions)
        lines.append(f"{name:<6}{'question alone':<22}{len(questions):>4}{p1:>10.2f}{p3:>10.2f}")
    lines[1] += "   (princ@1, princ@3 on 'question alone' rows: no story evidence)"
    return "\n".join(lines)
