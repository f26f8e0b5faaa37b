"""The coach note: two or three sentences on what worked and what to fix first.

Built from the computed findings only. A language model may phrase it; every sentence it writes
must keep to the findings' words and figures, else the plain template is used.
"""

from __future__ import annotations

from coach.core.results import Critique
from coach.drafting.backends.base import ModelUnavailable
from coach.drafting.prompts import render
from coach.text.sentences import numbers, special_terms, split_sentences, vocabulary
from coach.text.terms import terms

MIN_SUPPORT = 0.7  # share of a note sentence's content words found in the findings
MAX_NOTE_TOKENS = 90
_LABELS = {
    "structure": "structure", "ownership": "ownership", "impact": "impact",
    "principle_fit": "fit to the principle", "relevance": "relevance",
    "conciseness": "length", "delivery": "delivery", "authenticity": "authenticity",
    "professionalism": "professionalism", "grounding": "grounding in your notes",
}  # fmt: skip
_COACH_WORDS = set(
    terms("you your answer note fix first next time strong strength work worked good well keep "
          "add say tell try focus improve better clear clearly interviewer story result")
)  # fmt: skip


def findings_lines(result: Critique) -> list[str]:
    """The facts the note may use, one per line."""
    best = max(result.dimensions, key=lambda d: d.score)
    worst = min(result.dimensions, key=lambda d: d.score)
    lines = [
        f"Overall score: {result.overall} out of 5.",
        f"Strongest: {_LABELS[best.id]} ({best.score}/5): {best.comment}",
        f"Weakest: {_LABELS[worst.id]} ({worst.score}/5): {worst.comment}",
    ]
    lines += [f"Problem: {flag.message}" for flag in result.flags[:2]]
    lines += result.suggestions[:1]
    return lines


def template_note(result: Critique) -> str:
    """The plain note, used when no model is loaded or the model's note fails the check."""
    best = max(result.dimensions, key=lambda d: d.score)
    worst = min(result.dimensions, key=lambda d: d.score)
    parts = [f"Overall {result.overall}/5."]
    if result.overall >= 3:
        parts.append(f"Strongest: {_LABELS[best.id]} — {best.comment}")
    if result.flags:
        parts.append(f"Fix first: {result.flags[0].message}")
    elif worst.score < 5:
        parts.append(f"To reach the top: {_LABELS[worst.id]} — {worst.comment}")
    if result.suggestions:
        parts.append(f"{result.suggestions[0]} — add it to make the answer stronger.")
    return " ".join(parts)


def note_is_faithful(sentence: str, source: str) -> bool:
    """A model sentence may only use the findings' figures, names and (mostly) words."""
    if not numbers(sentence) <= numbers(source):
        return False
    if special_terms(sentence) - vocabulary(source):
        return False
    words = terms(sentence)
    allowed = set(terms(source)) | _COACH_WORDS
    return not words or sum(w in allowed for w in words) / len(words) >= MIN_SUPPORT


def write_note(result: Critique, model: object | None) -> tuple[str, str]:
    """The note and where its wording came from ("model" or "template")."""
    if model is None:
        return template_note(result), "template"
    lines = findings_lines(result)
    source = "\n".join(lines)
    prompt = render("coach_note", findings="\n".join(f"- {line}" for line in lines))
    system = render("coach_note_system").strip()
    try:
        text = "".join(model.stream(system, prompt, max_tokens=MAX_NOTE_TOKENS))  # type: ignore[attr-defined]
    except ModelUnavailable:
        return template_note(result), "template"
    sentences = [s for s in split_sentences(text) if len(s.split()) >= 4]
    kept = [s for s in sentences if note_is_faithful(s, source)]
    if not kept or len(kept) < len(sentences) / 2:
        return template_note(result), "template"
    return " ".join(kept[:3]), "model"
