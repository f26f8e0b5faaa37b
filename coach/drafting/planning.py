"""The plan of a draft, made without a model: which of the story's sentences fit the time
budget, part by part, and what the candidate should know about it (a missing lesson, notes too
thin for the budget)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.drafting.grounding import Embed
from coach.drafting.speaking import Material
from coach.text.question_kind import needs_lesson
from coach.text.sentences import numbers, split_sentences

SHARES = {"situation": 0.17, "task": 0.12, "action": 0.43, "result": 0.18, "lesson": 0.10}


@dataclass
class DraftPlan:
    """The story sentences chosen for each part, in order, within the time budget."""

    story: Story
    question: str
    budget_words: int
    parts: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # sentence -> the notes lines it came from
    raw: dict[str, str] = field(default_factory=dict)  # sentence -> the note line as written

    @property
    def words(self) -> int:
        return sum(len(s.split()) for part in self.parts.values() for s in part)


def _priority(sentence: str, part: str, relevance: float) -> float:
    """How much a sentence earns its place: figures, first-person actions, fit to the question."""
    score = 2.0 * relevance
    if numbers(sentence):
        score += 2.0
    if part == "action" and re.search(r"\bI\b", sentence):
        score += 1.5
    return score


def _allowances(present: dict[str, list[str]], budget: int) -> dict[str, float]:
    """Words each part may use: its share of the budget, plus the shares that parts with less
    to say leave unused, spread over the parts that have more (in proportion to their share)."""
    held = {p: sum(len(s.split()) for s in present.get(p, [])) for p in SECTION_NAMES}
    allowance = {p: SHARES[p] * budget for p in SECTION_NAMES}
    for _ in range(3):
        spare = sum(max(0.0, allowance[p] - held[p]) for p in SECTION_NAMES)
        allowance = {p: min(allowance[p], held[p]) for p in SECTION_NAMES}
        hungry = [p for p in SECTION_NAMES if held[p] > allowance[p]]
        if spare <= 0 or not hungry:
            break
        weight = sum(SHARES[p] for p in hungry)
        for p in hungry:
            allowance[p] += spare * SHARES[p] / weight
    return allowance


def budget_for(minutes: float, wpm: int) -> int:
    """Words a spoken answer of ``minutes`` holds."""
    return max(40, round(minutes * wpm))


def plan_draft(
    story: Story,
    question: str,
    minutes: float,
    wpm: int,
    embed: Embed,
    material: Material | None = None,
) -> DraftPlan:
    """Choose the strongest sentences of each part to fit ``minutes`` of speech: the speakable
    sentences of ``material`` when given, else the story's own sentences as written."""
    plan = DraftPlan(story, question, budget_words=budget_for(minutes, wpm))
    if material is not None:
        present = {p: [ln.spoken.text for ln in material.parts.get(p, [])] for p in SECTION_NAMES}
        lines = [ln for chosen in material.parts.values() for ln in chosen]
        plan.where = {ln.spoken.text: ln.where for ln in lines}
        plan.raw = {ln.spoken.text: ln.spoken.source for ln in lines}
    else:
        present = {p: split_sentences(getattr(story.sections, p)) for p in SECTION_NAMES}
        if not any(present.values()):
            present["situation"] = split_sentences(story.body)
    total = sum(len(s.split()) for part in present.values() for s in part)
    if total <= plan.budget_words * 1.1:
        plan.parts = {p: s for p, s in present.items() if s}
    else:
        question_vector = embed([question])[0]
        allowances = _allowances(present, plan.budget_words)
        for part, sentences in present.items():
            if not sentences:
                continue
            allowance = allowances[part]
            relevance = embed(sentences) @ question_vector
            ranked = sorted(
                range(len(sentences)),
                key=lambda i: -_priority(sentences[i], part, float(relevance[i])),
            )
            keep, used = set(), 0
            for i in ranked:
                if not keep or used + len(sentences[i].split()) <= allowance:
                    keep.add(i)
                    used += len(sentences[i].split())
            plan.parts[part] = [s for i, s in enumerate(sentences) if i in keep]
    if needs_lesson(question) and not plan.parts.get("lesson"):
        written = " ".join(story.sections.lesson.split())
        plan.notes.append(
            f"This question calls for a lesson at the end; your notes' lesson ('{written}') is "
            "not yet a sentence you can say, so it is listed under notes to expand: say it in "
            "your own words." if written else
            "This question calls for a lesson at the end, and your notes for this story hold "
            "none; add one in your own words."
        )  # fmt: skip
    if plan.words < 0.75 * plan.budget_words:
        plan.notes.append(
            f"Your notes for this story support about {plan.words} words "
            f"(~{plan.words / wpm * 60:.0f} seconds), short of the "
            f"{plan.budget_words}-word budget. "
            "The coach will not pad it with invented detail: add what you did, in what order, "
            "and what changed."
        )
    return plan
