"""A printable cheat sheet for a loop plan: per interview, the principles, the story, three
bullet points in the candidate's own words, and the key figures. Markdown, and an HTML page
laid out for printing (one interview per block, no page break inside a block)."""

from __future__ import annotations

import html
import re

from coach.core.schema import Story
from coach.practice.plan import Plan
from coach.practice.workshop import story_parts
from coach.text.sentences import figure_mentions, split_sentences

BULLET_WORDS = 28  # a bullet is a reminder, not a script
MAX_FIGURES = 5
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd)\b")


def _short(sentence: str) -> str:
    words = sentence.split()
    return sentence if len(words) <= BULLET_WORDS else " ".join(words[:BULLET_WORDS]) + " …"


def bullets(story: Story) -> list[str]:
    """Three reminders from the story's own sentences: the setting, what I did, how it ended."""
    parts = story_parts(story)
    setting = split_sentences(parts["situation"] or parts["task"])
    acting = split_sentences(parts["action"])
    ending = split_sentences(parts["result"])
    mine = [s for s in acting if _FIRST_PERSON.search(s)] or acting
    measured = [s for s in ending if figure_mentions(s)] or ending
    chosen = [setting[:1], mine[:1], measured[:1]]
    out = [_short(s[0]) for s in chosen if s]
    if len(out) < 3:  # an unlabelled entry: its first sentences stand in
        rest = [s for s in split_sentences(story.text()) if _short(s) not in out]
        out += [_short(s) for s in rest[: 3 - len(out)]]
    return out


def key_figures(story: Story) -> list[str]:
    return list(figure_mentions(story.text()).values())[:MAX_FIGURES]


def _entries(plan: Plan, stories: dict[str, Story], names: dict[str, str]):
    for interview in plan.interviews:
        rows = []
        for a in interview.assignments:
            story = stories.get(a.story_id or "")
            backup = stories.get(a.backup_id or "")
            rows.append((names.get(a.principle, a.principle), a.strength, story, backup))
        yield interview.n, rows


def cheat_sheet_markdown(plan: Plan, stories: dict[str, Story], names: dict[str, str]) -> str:
    """The cheat sheet as Markdown."""
    lines = [f"# Interview loop cheat sheet ({plan.loop})", ""]
    for n, rows in _entries(plan, stories, names):
        lines += [f"## Interview {n}: " + ", ".join(r[0] for r in rows), ""]
        for name, strength, story, backup in rows:
            if story is None:
                lines += [f"### {name}: no story yet", "", "Grow one in the workshop.", ""]
                continue
            lines += [f"### {name}: {story.title}" + ("" if strength == "strong" else
                                                       f" ({strength})"), ""]  # fmt: skip
            lines += [f"- {label}: {text}" if label else f"- {text}"
                      for label, text in _items(story, backup)]  # fmt: skip
            lines.append("")
    if plan.gaps:
        lines += ["## Gaps", ""]
        lines += [f"- {g.get('name', g['principle'])}: {g['why']}" for g in plan.gaps]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _items(story: Story, backup: Story | None) -> list[tuple[str, str]]:
    """(label, text) lines of one story on the sheet: its bullets, key figures, the backup."""
    items = [("", b) for b in bullets(story)]
    figures = key_figures(story)
    if figures:
        items.append(("Key figures", ", ".join(figures)))
    if backup is not None:
        items.append(("Another time", backup.title))
    return items


_CSS = """body{font:11pt/1.35 system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;color:#111}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.4rem}
h3{font-size:1rem;margin:.8rem 0 .2rem}ul{margin:.2rem 0 .4rem 1.1rem;padding:0}
section{break-inside:avoid;page-break-inside:avoid}.weak{color:#8a4b00;font-weight:normal}
@media print{body{margin:0;max-width:none}h2{margin-top:.8rem}}"""


def cheat_sheet_html(plan: Plan, stories: dict[str, Story], names: dict[str, str]) -> str:
    """The cheat sheet as one self-contained HTML page, laid out for printing."""
    e = html.escape
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
           f"<title>Cheat sheet: {e(plan.loop)}</title><style>{_CSS}</style></head><body>",
           f"<h1>Interview loop cheat sheet ({e(plan.loop)})</h1>"]  # fmt: skip
    for n, rows in _entries(plan, stories, names):
        out.append(f"<section><h2>Interview {n}: {e(', '.join(r[0] for r in rows))}</h2>")
        for name, strength, story, backup in rows:
            if story is None:
                out.append(f"<h3>{e(name)}: <span class='weak'>no story yet</span></h3>")
                continue
            mark = "" if strength == "strong" else f" <span class='weak'>({e(strength)})</span>"
            out.append(f"<h3>{e(name)}: {e(story.title)}{mark}</h3><ul>")
            out += [f"<li><b>{e(label)}:</b> {e(text)}</li>" if label else f"<li>{e(text)}</li>"
                    for label, text in _items(story, backup)]  # fmt: skip
            out.append("</ul>")
        out.append("</section>")
    if plan.gaps:
        out.append("<section><h2>Gaps</h2><ul>")
        out += [f"<li>{e(g.get('name', g['principle']))}: {e(g['why'])}</li>" for g in plan.gaps]
        out.append("</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
