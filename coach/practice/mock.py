"""Mock interviews: questions drawn from the bank without repeats, and a report per principle."""

from __future__ import annotations

import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.core.errors import CoachError
from coach.core.results import Critique
from coach.core.schema import KnowledgeBase, Question

if TYPE_CHECKING:
    from coach.practice.plan import Plan

MAX_QUESTIONS = 20
DEFAULT_SECONDS = 180  # a countdown per question: three minutes to answer


@dataclass
class MockSession:
    """One mock interview: its questions, the critiques so far, and where it stands."""

    questions: list[Question]
    seconds: int = DEFAULT_SECONDS
    critiques: list[Critique] = field(default_factory=list)
    history_id: int | None = None
    question_started: float = field(default_factory=time.monotonic)
    interviews: list[int] = field(default_factory=list)  # per question, for a mock of a loop plan
    planned: list[str | None] = field(default_factory=list)  # the plan's story per question
    used: list[int] = field(default_factory=list)  # seconds taken by each answer
    paused: bool = False  # between an answer's feedback and the next question

    def record(self, critique: Critique) -> None:
        """Keep the critique of the current answer and the time it took; the next question
        waits (its clock stopped) until ``resume``."""
        self.used.append(self.seconds_used())
        self.critiques.append(critique)
        self.question_started = time.monotonic()
        self.paused = not self.finished

    def resume(self) -> None:
        """Show the next question and start its clock."""
        self.paused = False
        self.question_started = time.monotonic()

    def seconds_used(self) -> int:
        """Seconds since the current question was shown (0 while paused)."""
        return 0 if self.paused else round(time.monotonic() - self.question_started)

    def seconds_left(self) -> int:
        """Seconds left on the current question's countdown (never below zero)."""
        return max(0, self.seconds - self.seconds_used())

    def seconds_over(self) -> int:
        """Seconds past the countdown on the current question (0 while within it)."""
        return max(0, self.seconds_used() - self.seconds)

    def overruns(self) -> list[int]:
        """Per answered question, the seconds it ran past the countdown."""
        return [max(0, used - self.seconds) for used in self.used]

    @property
    def index(self) -> int:
        return len(self.critiques)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.questions[self.index]


def draw_questions(
    kb: KnowledgeBase, principles: list[str] | None, count: int, seed: int | None = None
) -> list[Question]:
    """``count`` distinct questions. A full loop (no principles) spreads them over principles;
    otherwise each question probes one of the chosen principles first."""
    if not 1 <= count <= MAX_QUESTIONS:
        raise CoachError(f"Choose between 1 and {MAX_QUESTIONS} questions.")
    rng = random.Random(seed)
    wanted = principles or [p.id for p in kb.principles]
    pools = {p: [q for q in kb.questions if q.principles[0] == p] for p in wanted}
    for pool in pools.values():
        rng.shuffle(pool)
    order = list(wanted)
    rng.shuffle(order)
    picked: list[Question] = []
    seen: set[str] = set()
    while len(picked) < count and any(pools.values()):
        for principle in order:
            pool = pools[principle]
            while pool and pool[-1].text in seen:
                pool.pop()
            if pool and len(picked) < count:
                question = pool.pop()
                seen.add(question.text)
                picked.append(question)
    if len(picked) < count:
        raise CoachError(f"The question bank holds only {len(picked)} questions for that choice.")
    return picked


_ASK_A_TIME = re.compile(
    r"^(tell me about|describe|give me an example of|share|walk me through)\s+"
    r"(a|an|one)\s+(time|situation|example|occasion|moment|instance)\b",
    re.IGNORECASE,
)


def another_time(question: str) -> str:
    """The interviewer's "tell me about another time" for a question already answered."""
    match = _ASK_A_TIME.match(question)
    if match:
        return f"{match.group(1).capitalize()} another {match.group(3)}{question[match.end() :]}"
    return f"Can you give me another example? {question}"


def plan_questions(kb: KnowledgeBase, plan: Plan, seed: int | None = None) -> MockSession:
    """A mock of the whole loop: per interview, one question per principle, then "another time"
    for its main principle, which the plan's backup story answers."""
    session = MockSession(questions=[])
    for interview in plan.interviews:
        principles = [a.principle for a in interview.assignments]
        drawn = draw_questions(kb, principles, len(principles), seed)
        by_principle = {q.principles[0]: q for q in drawn}
        for a in interview.assignments:
            question = by_principle.get(a.principle) or drawn[0]
            session.questions.append(question)
            session.interviews.append(interview.n)
            session.planned.append(a.story_id)
        main = interview.assignments[0]
        first = by_principle.get(main.principle) or drawn[0]
        session.questions.append(first.model_copy(update={"text": another_time(first.text)}))
        session.interviews.append(interview.n)
        session.planned.append(main.backup_id)
    return session


def interview_report(session: MockSession) -> list[dict]:
    """Per interview of a loop mock: answers, average score, the weakest dimension, and how many
    answers told the story the plan set for that question."""
    report = []
    for n in dict.fromkeys(session.interviews):
        rows = [i for i, m in enumerate(session.interviews) if m == n and i < session.index]
        if not rows:
            continue
        results = [session.critiques[i] for i in rows]
        totals: dict[str, int] = defaultdict(int)
        for result in results:
            for dim in result.dimensions:
                totals[dim.id] += dim.score
        on_plan = sum(
            1 for i in rows
            if session.planned[i] and session.critiques[i].matched_story
            and session.critiques[i].matched_story.id == session.planned[i]
        )  # fmt: skip
        report.append({
            "interview": n,
            "principles": list(dict.fromkeys(session.questions[i].principles[0] for i in rows)),
            "answers": len(results),
            "average": round(sum(r.overall for r in results) / len(results), 1),
            "weakest": min(totals, key=lambda d: totals[d]) if totals else "",
            "planned_story_told": on_plan,
        })  # fmt: skip
    return report


def session_report(session: MockSession) -> list[dict]:
    """Average overall score per principle probed, with the weakest dimension of each."""
    grouped: dict[str, list[Critique]] = defaultdict(list)
    for question, result in zip(session.questions, session.critiques, strict=False):
        grouped[question.principles[0]].append(result)
    report = []
    for principle, results in sorted(grouped.items()):
        totals: dict[str, int] = defaultdict(int)
        for result in results:
            for dim in result.dimensions:
                totals[dim.id] += dim.score
        weakest = min(totals, key=lambda d: totals[d]) if totals else ""
        report.append({
            "principle": principle,
            "answers": len(results),
            "average": round(sum(r.overall for r in results) / len(results), 1),
            "weakest": weakest,
        })  # fmt: skip
    return report
