"""What the Loop plan tab shows: the plan as a table, its checks, and the workshop's steps."""

from __future__ import annotations

from coach.app.views import esc
from coach.core.schema import Story
from coach.practice.plan import Plan
from coach.practice.workshop import Profile, Prompt, Workshop

STRENGTH_MARK = {"strong": "strong", "thin": "thin story", "weak": "not filed under it",
                 "none": "no story"}  # fmt: skip


def plan_rows(plan: Plan, stories: dict[str, Story], names: dict[str, str]) -> list[dict]:
    """One row per principle of each interview: the story, the backup, how strong."""

    def title(story_id: str | None) -> str:
        return stories[story_id].title if story_id in stories else "—"

    return [{"interview": i.n, "principle": names.get(a.principle, a.principle),
             "story": title(a.story_id), "another time": title(a.backup_id),
             "fit": STRENGTH_MARK[a.strength]}
            for i in plan.interviews for a in i.assignments]  # fmt: skip


def plan_checks_md(plan: Plan, stories: dict[str, Story], names: dict[str, str]) -> str:
    """Gaps, over-used stories, figures that disagree, and details that may be confidential."""

    def title(story_id: str) -> str:
        return esc(stories[story_id].title) if story_id in stories else esc(story_id)

    lines = ["### Gaps"]
    by_why: dict[str, list[str]] = {}
    for gap in plan.gaps:
        by_why.setdefault(gap["why"], []).append(gap["name"])
    for why, found in by_why.items():
        lines.append(
            f"- {esc(why[0].upper() + why[1:])}: " + ", ".join(f"**{esc(n)}**" for n in found)
        )
    if not plan.gaps:
        lines.append("- none: every principle has a strong story")
    if plan.overused:
        lines += ["", "### Stories you lean on"]
        lines += [f"- {title(o['story_id'])}: the best fit for "
                  + ", ".join(esc(names.get(p, p)) for p in o["principles"])
                  for o in plan.overused]  # fmt: skip
    lines += ["", "### Same project, different figures"]
    lines += [f"- {title(c['stories'][0])} / {title(c['stories'][1])}: {esc(c['what'])}"
              for c in plan.conflicts] or ["- none found"]  # fmt: skip
    lines += ["", "### May be confidential (your call; nothing was removed)"]
    lines += [f"- {title(s['story_id'])}: {esc(s['kind'])} “{esc(s['text'])}”"
              for s in plan.sensitive] or ["- none found"]  # fmt: skip
    return "\n".join(lines)


def profile_md(label: str, p: Profile | None) -> str:
    if p is None:
        return ""
    parts = "/".join(x[0].upper() for x in p.parts) or "none"
    figures = ", ".join(p.figures) or "none"
    return (
        f"**{label}:** {p.words} words (~{p.seconds} s spoken) · parts {parts} · figures {figures}"
    )


def workshop_md(workshop: Workshop | None, prompt: Prompt | None) -> str:
    """Where the workshop stands: the story, what it supports, and the current question."""
    if workshop is None:
        return "Choose a story and start: the coach asks one question at a time."
    lines = [f"### {esc(workshop.story.title)}", profile_md("Before", workshop.before),
             profile_md("Now", workshop.after())]  # fmt: skip
    if prompt is None:
        lines += ["", "No more questions: the story holds what it needs. Save it."]
    else:
        asked = len(workshop.exchanges) + 1
        lines += ["", f"**Question {asked}:** {esc(prompt.text)}", "", f"_Why: {esc(prompt.why)}_"]
    return "\n\n".join(lines)


def workshop_saved_md(workshop: Workshop, path_name: str) -> str:
    return "\n\n".join([
        f"Saved **{esc(workshop.story.title)}** as {esc(path_name)} in your stories folder and "
        "indexed it; your notes file is unchanged, and this version replaces that entry.",
        profile_md("Before", workshop.before), profile_md("After", workshop.after()),
    ])  # fmt: skip
