"""Plain-text rendering of a critique for the terminal, and batch critiques as JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from coach.core.errors import CoachError
from coach.core.results import Critique
from coach.critique.critic import Critic, CritiqueOptions

_BAR = "█"


def render_critique(result: Critique) -> str:
    """Overall, a bar per dimension, STAR parts, flags with evidence, follow-ups and the note."""
    top = result.principles[0].name if result.principles else "?"
    out = [
        f"Overall: {result.overall}/5  ({result.points:.0f} points)   Probes: {top}   "
        f"{result.words} words, ~{result.speaking_seconds} s spoken",
        "",
    ]
    for warning in result.warnings:
        out += [f"Note: {warning}", ""]
    for dim in result.dimensions:
        bar = _BAR * dim.score + "·" * (5 - dim.score)
        shown = f"{bar} {dim.score}" if dim.applicable else "n/a    "
        out.append(f"  {dim.id:<16}{shown}  {dim.comment}")
    parts = "  ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in result.star.items())
    out += ["", f"STAR parts: {parts}"]
    if result.matched_story:
        out.append(f"Matches your story: {result.matched_story.title}")
    if result.flags:
        out += ["", "Flags:"]
        for flag in result.flags:
            out.append(f"  [{flag.code}] {flag.message}")
            if flag.evidence:
                out.append(f'      "{flag.evidence}"')
    if result.suggestions:
        out += ["", "From your notes, to make it stronger:"]
        out += [f"  - {s}" for s in result.suggestions]
    out += ["", "Follow-up questions:"] + [f"  - {q}" for q in result.follow_ups]
    out += ["", f"Coach: {result.coach_note}"]
    if result.rewrite is not None:
        out += ["", f"A stronger version: your own words, with the facts your notes add "
                f"(story '{result.rewrite.story_id}'):", "", result.rewrite.text]  # fmt: skip
        out += [f"  {note}" for note in result.rewrite.notes]
    elif result.rewrite_note:
        out += ["", f"No stronger version: {result.rewrite_note}"]
    return "\n".join(out)


def critique_batch(
    critic: Critic, lines: Iterable[str], options: CritiqueOptions | None = None
) -> Iterator[dict]:
    """One object per JSON line in, in order; a bad line yields ``{"error": ...}``."""
    for number, line in enumerate(lines, start=1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            yield {"error": f"line {number}: not a JSON object"}
            continue
        if not isinstance(item, dict) or not isinstance(item.get("answer"), str):
            yield {"error": f'line {number}: needs {{"question": "...", "answer": "..."}}'}
            continue
        question = item.get("question")
        try:
            result = critic.critique(question if isinstance(question, str) else None,
                                     item["answer"], options)  # fmt: skip
            yield result.model_dump()
        except CoachError as exc:
            yield {"error": f"line {number}: {exc}"}
