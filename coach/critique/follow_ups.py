"""Two to four follow-up questions an interviewer would ask next, aimed at the weak spots."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coach.core.paths import knowledge_dir
from coach.core.results import DimensionScore, Flag
from coach.critique.findings import Findings
from coach.critique.rubric import FLAG_PRIORITY
from coach.knowledge.bank import load_follow_ups

MAX_FOLLOW_UPS = 4
TARGET = 3  # flags and weak dimensions fill up to three; one principle probe always follows


@cache
def _table(folder: str) -> dict[str, dict[str, list[str]]]:
    return load_follow_ups(Path(folder))


def follow_ups(f: Findings, dims: list[DimensionScore], raised: list[Flag]) -> list[str]:
    """Questions for the most serious flags, then the weakest dimensions, then the principle."""
    table = _table(str(knowledge_dir()))
    picked: list[str] = []

    def take(questions: list[str]) -> None:
        for question in questions:
            if question not in picked and len(picked) < MAX_FOLLOW_UPS - 1:
                picked.append(question)
                return

    codes = {flag.code for flag in raised}
    for code in FLAG_PRIORITY:
        if code in codes:
            take(table["flags"].get(code, []))
    for dim in sorted(dims, key=lambda d: d.score):
        if dim.id == "conciseness" and "too_short" in codes:
            continue  # "what is the short version?" is for long answers
        if dim.id == "impact" and f.outcome_measured:
            continue  # the result already has its number: asking for one again rings false
        if dim.id == "structure" and dim.score <= 3:
            take(_structure_question(f, table))
        elif dim.score <= 3:
            take(table["dimensions"].get(dim.id, []))
    for probes, question in enumerate(table["principles"].get(f.principle_id, [])):
        if len(picked) >= MAX_FOLLOW_UPS or (len(picked) >= TARGET and probes):
            break
        picked.append(question)
    return picked


def _structure_question(f: Findings, table: dict[str, dict[str, list[str]]]) -> list[str]:
    """For a weak structure, ask for the first STAR part the answer leaves out; when every part
    is there (the order or the balance is what is weak), ask for the story in order. Never a
    question about a part the answer already tells."""
    for part, present in f.star.items():
        if not present and (part != "lesson" or f.needs_lesson):
            return table["flags"].get(f"missing_{part}", [])
    return table["dimensions"].get("structure", [])


def principle_follow_ups(principle_id: str) -> list[str]:
    """What an interviewer probing this principle tends to ask after any answer."""
    return list(_table(str(knowledge_dir()))["principles"].get(principle_id, []))
