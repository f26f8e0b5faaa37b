"""Markdown and table views of the coach's results, for the app. Everything from the user's notes
or answers is HTML-escaped before it reaches the page."""

from __future__ import annotations

import html

from coach.models import AskResult, Critique, DraftSentence, StoryHit

LEGEND = "Plain text: phrased by the model and checked against your notes. *Italic*: your notes' own words."


def esc(text: str) -> str:
    """Text safe to put inside Markdown rendered as HTML."""
    return html.escape(text, quote=False).replace("*", "\\*").replace("_", "\\_")


def principles_md(result: AskResult) -> str:
    """The principles a question probes, strongest first."""
    parts = [f"**{esc(p.name)}** {p.score:.0%}" for p in result.principles[:3]]
    return "Probes: " + " · ".join(parts)


def story_card_md(hit: StoryHit, rank: int, full: bool = False) -> str:
    """A story as a card: title, principles, why it matched, thin warning, text on demand."""
    lines = [
        f"### {rank}. {esc(hit.title)}",
        f"Principles: {esc(', '.join(hit.principles)) or 'none'} · match {hit.score:.2f}",
        f"Why: {esc(hit.why)}",
    ]
    if hit.thin:
        lines.append("⚠️ Thin story: your notes hold only a few words for it; add detail to use it "
                     "in an interview.")  # fmt: skip
    if full:
        lines += ["", esc(hit.text).replace("\n", "  \n")]
    return "\n\n".join(lines)


def draft_md(sentences: list[DraftSentence]) -> str:
    """The draft so far, notes' own words in italics, model wording plain."""
    out = []
    for sentence in sentences:
        text = esc(sentence.text)
        out.append(f"*{text}*" if sentence.source == "notes" else text)
    return " ".join(out)


def ask_md(
    result: AskResult | None, sentences: list[DraftSentence], follow_ups: list[str], done: bool
) -> str:
    """The whole assistant reply for the chat, as it grows."""
    if result is None:
        return "Finding your stories…"
    parts = [principles_md(result)]
    if result.stories:
        parts.append(story_card_md(result.stories[0], 1))
        others = ", ".join(f"{n}. {esc(s.title)}" for n, s in enumerate(result.stories[1:], 2))
        if others:
            parts.append(f"Also fits: {others}")
    if result.no_fit is not None:
        parts.append(f"**{esc(result.no_fit.message)}**")
        return "\n\n".join(parts)
    parts.append("**Draft**" + ("" if done else " (writing…)"))
    parts.append(draft_md(sentences) or "…")
    if done and result.draft is not None:
        draft = result.draft
        parts.append(f"_{draft.words} words, about {draft.words / 140 * 60:.0f} s spoken · "
                     f"model: {esc(draft.model)}_ · {LEGEND}")  # fmt: skip
        parts += [f"Note: {esc(note)}" for note in draft.notes]
        if draft.unsupported:
            parts.append(f"Removed {len(draft.unsupported)} model sentences your notes do not "
                         "support.")  # fmt: skip
    if done and follow_ups:
        parts.append("**Follow-ups to expect**\n" + "\n".join(f"- {esc(q)}" for q in follow_ups))
    for warning in result.warnings:
        parts.append(f"⚠️ {esc(warning)}")
    return "\n\n".join(parts)


def critique_summary_md(result: Critique) -> str:
    """Overall score, principle, length, matched story."""
    top = result.principles[0].name if result.principles else "?"
    story = (
        f" · matches your story **{esc(result.matched_story.title)}**"
        if result.matched_story
        else " · matches none of your stories"
    )
    return (
        f"## Overall {result.overall}/5\n\nProbes **{esc(top)}** · {result.words} words, "
        f"about {result.speaking_seconds} s spoken{story}"
    )


def dimension_rows(result: Critique) -> list[dict]:
    """Rows for the dimensions chart."""
    return [{"dimension": d.id, "score": d.score, "comment": d.comment} for d in result.dimensions]


def flags_md(result: Critique) -> str:
    """Every flag with its quoted evidence."""
    if not result.flags:
        return "No flags."
    lines = []
    for flag in result.flags:
        lines.append(f"- **{flag.code}**: {esc(flag.message)}")
        if flag.evidence:
            lines.append(f"  > “{esc(flag.evidence)}”")
    return "\n".join(lines)


def highlighted(result: Critique) -> list[tuple[str, str | None]]:
    """The answer's sentences with their STAR part, for highlighting."""
    return [(s.text + " ", None if s.part == "other" else s.part) for s in result.sentences]


def follow_ups_md(questions: list[str]) -> str:
    """A bullet list of follow-up questions."""
    return "\n".join(f"- {esc(q)}" for q in questions)


def suggestions_md(result: Critique) -> str:
    """The coach note and facts from the notes that would strengthen the answer."""
    lines = [esc(result.coach_note)]
    lines += [f"- {esc(s)}" for s in result.suggestions]
    return "\n\n".join(lines)
