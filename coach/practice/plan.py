"""A story plan for a whole interview loop: the best story for each principle of each interview,
a backup for "tell me about another time", no story used in two interviews, the principles with
no strong story, and the stories the candidate leans on too much.

How well a story fits a principle, without any language model: whether the candidate's notes
file it under that principle (first or among others), how close it is to what interviewers of
that principle ask (the question-only principle detector run on the story's own questions, else
its text; no text is embedded, the vectors are in the index), and whether the
notes hold enough of it (thin stories count half). The assignment over all slots at once is an
optimal matching (scipy's linear_sum_assignment), so one strong story is not spent on a
principle another story covers as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.core.errors import CoachError
from coach.core.ids import PRINCIPLE_IDS
from coach.core.paths import knowledge_dir
from coach.core.safe_yaml import load_yaml
from coach.core.schema import Story
from coach.retrieval.retriever import Retriever

LABEL_WEIGHT = 0.6  # the notes file the story under the principle (main 1.0, other 0.6)
SECONDARY_LABEL = 0.6
SEARCH_WEIGHT = 0.4  # how much the story's questions (or text) probe the principle
THIN_FACTOR = 0.5
BACKUP_FACTOR = 0.8  # a backup slot is worth less than the first story
MIN_FIT = 0.15  # below this a story does not answer the principle at all
STRONG_FIT = 0.5
OVERUSED_AT = 3  # a story that is the best (and a strong) fit for this many principles


@dataclass(frozen=True)
class Loop:
    """An interview loop: the principles each interview probes."""

    name: str
    interviews: list[list[str]]
    description: str = ""


def known_loops() -> dict[str, Loop]:
    """The loops in knowledge/loops.yaml, by name."""
    path = knowledge_dir() / "loops.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")) if path.exists() else {}
    loops = {}
    for name, spec in (data or {}).get("loops", {}).items():
        loops[name] = Loop(name, [list(i) for i in spec["interviews"]], spec.get("description", ""))
    return loops


def loop_from(name: str | None, groups: list[str] | None) -> Loop:
    """A named loop, or a custom one from "P,P" groups; one sentence when either is wrong."""
    if groups:
        interviews = [[p.strip() for p in group.split(",") if p.strip()] for group in groups]
        unknown = sorted({p for i in interviews for p in i} - set(PRINCIPLE_IDS))
        if unknown:
            raise CoachError(f"Unknown principle id(s): {', '.join(unknown)} (see coach plan -h).")
        if not all(interviews):
            raise CoachError("Every --principles group needs at least one principle id.")
        return Loop("custom", interviews)
    loops = known_loops()
    chosen = name or "amazon-5"
    if chosen not in loops:
        raise CoachError(f"No loop called '{chosen}'; known loops: {', '.join(sorted(loops))}.")
    return loops[chosen]


@dataclass
class Assignment:
    principle: str
    story_id: str | None
    backup_id: str | None
    strength: str  # "strong", "thin", "weak" or "none"
    fit: float = 0.0


@dataclass
class Interview:
    n: int
    principles: list[str]
    assignments: list[Assignment] = field(default_factory=list)


@dataclass
class Plan:
    loop: str
    interviews: list[Interview]
    gaps: list[dict] = field(default_factory=list)
    overused: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    sensitive: list[dict] = field(default_factory=list)

    def story_ids(self) -> list[str]:
        """Every story the plan uses, first stories and backups, in interview order."""
        ids = []
        for interview in self.interviews:
            for a in interview.assignments:
                ids += [i for i in (a.story_id, a.backup_id) if i and i not in ids]
        return ids

    def as_json(self) -> dict:
        """The contract's shape (CONTRACT.md, ``coach plan --json``)."""
        return {
            "loop": self.loop,
            "interviews": [
                {"n": i.n, "principles": i.principles,
                 "assignments": [{"principle": a.principle, "story_id": a.story_id,
                                  "backup_id": a.backup_id, "strength": a.strength}
                                 for a in i.assignments]}
                for i in self.interviews
            ],
            "gaps": self.gaps,
            "overused": self.overused,
            "conflicts": self.conflicts,
            "sensitive": self.sensitive,
        }  # fmt: skip


def fit_matrix(retriever: Retriever, principles: list[str]) -> tuple[list[Story], np.ndarray]:
    """How well each story fits each principle, 0 to 1 (rows: principles, columns: stories); an
    entry answering a catch-all question ("tell me about yourself") fits none."""
    stories = list(retriever.stories.values())
    affinity = retriever.principle_affinity()
    near = np.zeros((len(principles), len(stories)), dtype=np.float64)
    for col, story in enumerate(stories):
        if story.id in affinity:
            near[:, col] = [affinity[story.id][PRINCIPLE_IDS.index(p)] for p in principles]
    top = near.max(axis=1, keepdims=True)
    near = np.divide(near, top, out=np.zeros_like(near), where=top > 0)
    fits = np.zeros_like(near)
    for row, pid in enumerate(principles):
        for col, story in enumerate(stories):
            label = (
                1.0
                if story.primary_principle == pid
                else (SECONDARY_LABEL if pid in story.secondary_principles else 0.0)
            )
            quality = THIN_FACTOR if story.thin else 1.0
            if story.id in retriever.catch_alls:
                quality = 0.0  # "tell me about yourself" is no story for a principle
            fits[row, col] = (LABEL_WEIGHT * label + SEARCH_WEIGHT * near[row, col]) * quality
    return stories, fits


def _strength(story: Story, fit: float, principle: str) -> str:
    if story.thin:
        return "thin"
    if fit >= STRONG_FIT and principle in story.principles:
        return "strong"
    return "weak"


def build_plan(retriever: Retriever, loop: Loop) -> Plan:
    """The best story and a backup for every principle of every interview, no story reused."""
    from scipy.optimize import linear_sum_assignment

    from coach.practice.consistency import figure_conflicts, sensitive_details

    if not retriever.stories:
        raise CoachError("Your sources hold no story yet; add your notes with coach sources add.")
    principles = sorted({p for interview in loop.interviews for p in interview})
    stories, fits = fit_matrix(retriever, principles)
    row_of = {p: n for n, p in enumerate(principles)}
    slots = [(n, p, role) for n, interview in enumerate(loop.interviews) for p in interview
             for role in ("first", "backup")]  # fmt: skip
    weights = np.array([fits[row_of[p]] * (1.0 if role == "first" else BACKUP_FACTOR)
                        for _, p, role in slots])  # fmt: skip
    rows, cols = linear_sum_assignment(-weights)
    chosen = {(slots[r][0], slots[r][1], slots[r][2]): c for r, c in zip(rows, cols, strict=True)
              if fits[row_of[slots[r][1]], c] >= MIN_FIT}  # fmt: skip
    plan = Plan(loop.name, [])
    for n, interview in enumerate(loop.interviews):
        entry = Interview(n + 1, list(interview))
        for p in interview:
            first, backup = chosen.get((n, p, "first")), chosen.get((n, p, "backup"))
            if first is None and backup is not None:
                first, backup = backup, None
            story = stories[first] if first is not None else None
            fit = float(fits[row_of[p], first]) if first is not None else 0.0
            entry.assignments.append(Assignment(
                principle=p,
                story_id=story.id if story else None,
                backup_id=stories[backup].id if backup is not None else None,
                strength=_strength(story, fit, p) if story else "none",
                fit=round(fit, 3),
            ))  # fmt: skip
        plan.interviews.append(entry)
    names = {p.id: p.name for p in retriever.kb.principles}
    planned = {sid: (i.n, a.principle) for i in plan.interviews for a in i.assignments
               for sid in (a.story_id, a.backup_id) if sid}  # fmt: skip
    for interview in plan.interviews:
        for a in interview.assignments:
            if a.strength == "strong":
                continue
            why = {"none": "no story of yours answers it", "thin": "only a thin story",
                   "weak": "no story of yours is filed under it"}[a.strength]  # fmt: skip
            filed = [(fits[row_of[a.principle], c], c) for c, story in enumerate(stories)
                     if a.principle in story.principles and story.id in planned
                     and story.id in retriever.filed]  # fmt: skip
            if a.strength == "none" and filed:
                spent = stories[max(filed)[1]]  # filed under it by the notes, spent elsewhere
                n, used_for = planned[spent.id]
                why = (f"your notes file '{spent.title}' under it, but it is planned for "
                       f"{names[used_for]} (interview {n}) and no story is used twice: one more "
                       "story covers it")
            plan.gaps.append({"principle": a.principle, "name": names[a.principle], "why": why})
    best = {p: stories[int(np.argmax(fits[row_of[p]]))].id for p in principles
            if fits[row_of[p]].max() >= STRONG_FIT}  # fmt: skip
    by_story: dict[str, list[str]] = {}
    for p, sid in best.items():
        by_story.setdefault(sid, []).append(p)
    plan.overused = [{"story_id": sid, "principles": ps} for sid, ps in by_story.items()
                     if len(ps) >= OVERUSED_AT]  # fmt: skip
    used = [retriever.stories[sid] for sid in plan.story_ids()]
    plan.conflicts = figure_conflicts(used)
    plan.sensitive = sensitive_details(used)
    return plan
