"""How ``coach ask`` reads in a terminal: principles, stories with why they matched, and the
footer after a streamed draft (length, provenance, removed sentences, notes)."""

from __future__ import annotations

from coach.core.results import AskResult
from coach.drafting.ask import MIN_PRINCIPLES

MATES_SHOWN = 3  # other entries of a story's project named under its card


def render(result: AskResult) -> str:
    """A readable answer: principles, then stories with scores and why they matched."""
    out = [f"Question: {result.question}", ""]
    out += [f"Note: {warning}" for warning in result.warnings]  # the fit warning comes first
    out += ["Principles probed:"]
    for p in result.principles[:MIN_PRINCIPLES]:
        out.append(f"  {p.score:5.0%}  {p.name}")
    out += ["", "Your best stories:"]
    for n, story in enumerate(result.stories, start=1):
        note = story.thin_note or "your notes hold only a few words"
        thin = f"  [thin: {note}]" if story.thin else ""
        out.append(f"  {n}. {story.title}  (similarity {story.similarity:.2f}){thin}")
        out.append(f"     id: {story.id} | {', '.join(story.principles)}")
        out.append(f"     why: {story.why}")
        if story.project_mates:
            mates = "; ".join(m.title for m in story.project_mates[:MATES_SHOWN])
            more = len(story.project_mates) - MATES_SHOWN
            tail = f" (and {more} more)" if more > 0 else ""
            out.append(f"     also in your notes about {story.project}: {mates}{tail}")
    if result.no_fit:
        out += ["", result.no_fit.message]
    return "\n".join(out)


def render_draft_footer(result: AskResult) -> str:
    """After a streamed draft: length against budget, provenance, removed sentences, advice."""
    draft = result.draft
    if draft is None:
        return ""
    counts = {source: sum(s.source == source for s in draft.sentences) for source in
              ("model", "notes", "template")}  # fmt: skip
    lines = [
        f"({draft.words} words, ~{draft.words / 140 * 60:.0f} s spoken; budget {draft.budget_words}"
        f" words. Model: {draft.model}. {counts['model']} sentences phrased by the model and "
        f"checked, {counts['notes']} in your notes' own words, {counts['template']} connective.)"
    ]
    if draft.removed:
        lines.append("Removed (your notes' own words stand in):")
        lines += [f"  - {r.sentence}  [{r.reason}]" for r in draft.removed]
    lines += [f"Note: {note}" for note in draft.notes]
    if draft.to_expand:
        lines.append("Notes to expand (not read out; say each as a full sentence in your notes):")
        lines += [f"  - {x}" for x in draft.to_expand]
    if draft.changes:
        lines.append("Changes made to your notes' words: " + "; ".join(draft.changes))
    return "\n".join(lines)
