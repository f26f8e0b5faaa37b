"""Markdown and table views of the coach's results, for the app. Everything from the user's notes
or answers is HTML-escaped before it reaches the page."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from coach.core.results import AskResult, Critique, Draft, DraftSentence, StoryHit
from coach.core.schema import Story

LEGEND = (
    "Plain text: phrased by the model and checked against your notes. "
    "*Italic*: your notes' own words."
)
NOTES_ONLY_LEGEND = (
    "Plain text: the coach's connecting words, which state no fact. *Italic*: your notes' own "
    "words."
)


def legend(sentences: list[DraftSentence]) -> str:
    """What plain and italic text mean in this draft (no model sentence: plain is connective)."""
    return LEGEND if any(s.source == "model" for s in sentences) else NOTES_ONLY_LEGEND


WELCOME = (
    "Ask me any behavioral question, even one your notes never list. I will name the principle "
    "it probes, find your best stories and draft an answer from your own facts."
)


def esc(text: str) -> str:
    """Text safe to put inside Markdown rendered as HTML."""
    return html.escape(text, quote=False).replace("*", "\\*").replace("_", "\\_")


ECHO_CHARS = 300
PROJECT_MATES_SHOWN = 4


def echo_md(text: str, limit: int = ECHO_CHARS) -> str:
    """The candidate's message as the chat shows it: a long paste is summarised, not echoed."""
    text = text.strip()
    if len(text) <= limit:
        return esc(text)
    head = text[:limit].rsplit(" ", 1)[0]
    return f"{esc(head)}… _({len(text):,} characters in all; a question is read up to 2,000)_"


def principles_md(result: AskResult) -> str:
    """The principles a question probes, strongest first."""
    parts = [f"**{esc(p.name)}** {p.score:.0%}" for p in result.principles[:3]]
    return "Probes: " + " · ".join(parts)


def story_card_md(hit: StoryHit, rank: int, full: bool = False) -> str:
    """A story as a card: title, principles, why it matched, thin warning, text on demand."""
    lines = [
        f"### {rank}. {esc(hit.title)}",
        f"Principles: {esc(', '.join(hit.principles)) or 'none'} · similarity "
        f"{hit.similarity:.2f}",
        f"Why: {esc(hit.why)}",
    ]
    if hit.thin:
        note = hit.thin_note or "your notes hold only a few words for it"
        lines.append(f"⚠️ Thin story: {esc(note)}; add detail to use it in an interview.")
    if hit.project_mates:
        mates = "; ".join(esc(m.title) for m in hit.project_mates[:PROJECT_MATES_SHOWN])
        more = len(hit.project_mates) - PROJECT_MATES_SHOWN
        lines.append(f"Also in your notes about {esc(hit.project)}: {mates}"
                     + (f" (and {more} more)" if more > 0 else ""))  # fmt: skip
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
    result: AskResult | None,
    sentences: list[DraftSentence],
    follow_ups: list[str],
    done: bool,
    waiting: int | None = None,
) -> str:
    """The whole assistant reply for the chat, as it grows."""
    if result is None:
        return "Finding your stories…"
    if result.off_topic and result.no_fit is not None:
        return esc(result.no_fit.message)  # no principle guessed, no story offered
    parts = [principles_md(result)]
    parts += [f"⚠️ {esc(warning)}" for warning in result.warnings]  # the fit warning comes first
    if result.stories:
        parts.append(story_card_md(result.stories[0], 1))
        others = ", ".join(f"{n}. {esc(s.title)}" for n, s in enumerate(result.stories[1:], 2))
        if others:
            parts.append(f"Also fits: {others}")
    if result.no_fit is not None:
        parts.append(f"**{esc(result.no_fit.message)}**")
        return "\n\n".join(parts)
    parts.append("**Draft**" + ("" if done else " (writing…)"))
    if waiting and not done:
        parts.append(f"⏳ The model is busy: your request is number {waiting} in line. Your "
                     "draft goes on as soon as it is your turn.")  # fmt: skip
    parts.append(draft_md(sentences) or "…")
    if done and result.draft is not None:
        draft = result.draft
        parts.append(f"_{draft.words} words, about {draft.words / 140 * 60:.0f} s spoken · "
                     f"model: {esc(draft.model)}_ · {legend(draft.sentences)}")  # fmt: skip
        parts += [f"Note: {esc(note)}" for note in draft.notes]
        if draft.removed:
            parts.append(f"**Removed {len(draft.removed)} model sentence(s)**, your notes' own "
                         "words stand in:\n" + "\n".join(
                             f"- “{esc(r.sentence)}”: {esc(r.reason)}" for r in draft.removed))
        parts += draft_extras_md(draft)
    if done and follow_ups:
        parts.append("**Follow-ups to expect**\n" + "\n".join(f"- {esc(q)}" for q in follow_ups))
    return "\n\n".join(parts)


def draft_extras_md(draft: Draft) -> list[str]:
    """What the coach did to the notes' words, what it set aside, and what it combined."""
    parts = []
    if draft.to_expand:
        parts.append("**Notes to expand** (not read out: say each as a full sentence in your "
                     "notes):\n" + "\n".join(f"- {esc(x)}" for x in draft.to_expand))  # fmt: skip
    if draft.changes:
        listed = "\n".join(f"- {esc(c)}" for c in draft.changes)
        parts.append(f"<details><summary>Changes made to your notes' words "
                     f"({len(draft.changes)})</summary>\n\n{listed}\n</details>")  # fmt: skip
    if draft.combined:
        parts.append("Also told from your notes about the same project: "
                     + "; ".join(esc(c.title) for c in draft.combined))  # fmt: skip
    return parts


def critique_summary_md(result: Critique) -> str:
    """Overall score, principle, length, matched story."""
    top = result.principles[0].name if result.principles else "?"
    story = (
        f" · matches your story **{esc(result.matched_story.title)}**"
        if result.matched_story
        else " · matches none of your stories"
    )
    notes = "".join(f"\n\nℹ️ {esc(w)}" for w in result.warnings)
    return (
        f"## Overall {result.overall}/5\n\nProbes **{esc(top)}** · {result.words} words, "
        f"about {result.speaking_seconds} s spoken{story}{notes}"
    )


def dimension_rows(result: Critique) -> list[dict]:
    """Rows for the dimensions chart (a dimension that does not apply is left at 0)."""
    return [{"dimension": d.id, "score": d.score if d.applicable else 0, "comment": d.comment}
            for d in result.dimensions]  # fmt: skip


def dimensions_md(result: Critique) -> str:
    """Each dimension's score and the reason for it, next to the chart."""
    lines = ["| dimension | score | why |", "|---|---|---|"]
    for d in result.dimensions:
        score = f"{d.score}/5" if d.applicable else "n/a"
        lines.append(f"| {d.id.replace('_', ' ')} | {score} | {esc(d.comment)} |")
    return "\n".join(lines)


def flags_md(result: Critique) -> str:
    """Every flag with its quoted evidence."""
    if not result.flags:
        return "No flags."
    lines = []
    for flag in result.flags:
        lines.append(f"- **{flag.code}**: {esc(flag.message)}")
        if flag.evidence:
            quoted = flag.evidence if flag.evidence.startswith('"') else f"“{flag.evidence}”"
            lines.append(f"  > {esc(quoted)}")
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


def gaps_md(gaps: list[str], thin: list[str]) -> str:
    """Principles with no strong story, and thin stories to flesh out."""
    lines = ["### Principles with no strong story"]
    lines += [f"- {esc(p)}" for p in gaps] or ["- none: every principle has a strong story"]
    lines += ["", "### Thin stories (add detail to your notes)"]
    lines += [f"- {esc(t)}" for t in thin] or ["- none"]
    return "\n".join(lines)


def history_rows(history) -> tuple[list[dict], str]:
    """The saved critiques, or a one-line notice when the history cannot be read."""
    from coach.core.history import HistoryUnavailable

    try:
        rows = history.critiques()
    except HistoryUnavailable as exc:
        return [], f"⚠️ {esc(str(exc))}"
    return rows, " ".join(esc(n) for n in history.notices)


def delivery_rows(history) -> list[dict]:
    """Pace and pauses of every spoken answer, oldest first (none when the history is down)."""
    from coach.core.history import HistoryUnavailable

    try:
        return history.deliveries()
    except HistoryUnavailable:
        return []


def progress_rows(rows: list[dict]) -> list[dict]:
    """Score per attempt, oldest first, for the progress chart; mock answers marked."""
    ordered = list(reversed(rows))
    return [{"attempt": n, "overall": r["overall"], "principle": r["principle"] or "none",
             "mock": r["session"] is not None} for n, r in enumerate(ordered, 1)]  # fmt: skip


def table_rows(rows: list[dict], names: dict[str, str] | None = None) -> list[dict]:
    """The history table: score and principle name first (what a phone shows without scrolling),
    then where from (a critique or mock interview N), when, and the question."""
    names = names or {}
    return [{"score": r["overall"], "principle": names.get(r["principle"], r["principle"]),
             "from": f"mock {r['session']}" if r["session"] is not None else "critique",
             "when": r["when"], "question": r["question"]} for r in rows]  # fmt: skip


def stronger_stream(stronger) -> Iterator[str]:
    """The stronger version growing sentence by sentence: the candidate's own words plain, facts
    added from the notes in italics; or one line saying why none is offered."""
    head = "### A stronger version\nYour own words, plain; *facts your notes add, in italics*.\n\n"
    if stronger.draft is None:
        yield f"### No stronger version\n{esc(stronger.reason)}"
        return
    shown: list[str] = []
    for sentence in stronger.draft.sentences:
        text = esc(sentence.text)
        shown.append(f"*{text}*" if sentence.source == "notes" else text)
        yield head + " ".join(shown)
    notes = "\n".join(f"- {esc(n)}" for n in stronger.draft.notes)
    yield head + " ".join(shown) + (f"\n\n{notes}" if notes else "")


def checks_md(checks: list) -> str:
    """The setup checks (``coach doctor``) as a table, then each problem with its fix."""
    lines = ["| state | check | detail |", "|---|---|---|"]
    lines += [f"| {'ok' if c.ok else '**problem**'} | {esc(c.name)} | {esc(c.detail)} |"
              for c in checks]  # fmt: skip
    problems = [c for c in checks if not c.ok]
    lines.append("")
    if problems:
        lines += [f"- **{esc(c.name)}**: {esc(c.fix or '')}" for c in problems]
    else:
        lines.append("Everything the coach needs is in place (the same checks as `coach doctor`).")
    return "\n".join(lines)


def sources_rows(rows: list) -> list[dict]:
    """The registered sources as table rows."""
    return [{"source": r.path, "kind": "story folder" if r.kind == "stories" else "notes file",
             "stories": r.stories, "state": "ok" if r.exists else "missing"}
            for r in rows]  # fmt: skip


def source_choices(rows: list) -> list[tuple[str, str]]:
    """(label, path) for picking a source: its file or folder name, with the parent folder when
    two share a name."""
    names = [Path(r.path).name for r in rows]
    return [(name if names.count(name) == 1 else f"{name} ({Path(r.path).parent})", r.path)
            for name, r in zip(names, rows, strict=True)]  # fmt: skip


def _where(story: Story) -> str:
    """File names and line ranges a story comes from ("notes.md 12-20, 40-44")."""
    spans = story.spans or ([story.source] if story.source else [])
    by_file: dict[str, list[str]] = {}
    for span in spans:
        path, _, lines = span.rpartition(":")
        if not path or not lines.replace("-", "").isdigit():
            path, lines = span, ""
        by_file.setdefault(Path(path).name, []).append(lines)
    return "; ".join(f"{name} {', '.join(x for x in lines if x)}".strip()
                     for name, lines in by_file.items())  # fmt: skip


def story_table_rows(stories: list[Story], names: dict[str, str]) -> list[dict]:
    """Every story the coach searches: where it comes from and what the coach made of it."""
    rows = []
    for s in stories:
        parts = [n[0].upper() for n, held in s.sections.present().items() if held]
        rows.append({
            "story": s.title,
            "principles": ", ".join(names.get(p, p).split(";")[0] for p in s.principles),
            "from": _where(s),
            "parts": "".join(parts) or "prose",
            "inferred": "; ".join(s.inferred),
            "why thin": "; ".join(s.missing) if s.thin else "",
        })  # fmt: skip
    return rows


def set_aside_md(items: list[tuple[Path, int, str, str]]) -> str:
    """What ingest could not place (with file and line) and what it kept out of the stories."""
    if not items:
        return "Everything in your notes went into a story."
    placed = [i for i in items if i[1] > 0]
    kept = [i for i in items if i[1] <= 0]
    lines = [f"**Could not place** ({len(placed)})"]
    lines += [f"- {esc(Path(p).name)} line {n}: {esc(why)}: “{esc(text)}”"
              for p, n, why, text in placed] or ["- nothing"]  # fmt: skip
    lines += ["", f"**Kept out as advice or definitions** ({len(kept)})"]
    lines += [f"- {esc(Path(p).name)}: “{esc(text)}”" for p, _, _, text in kept] or ["- nothing"]
    return "\n".join(lines)
