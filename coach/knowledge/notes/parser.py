"""Parse a candidate's own free-form interview notes into ``Story`` entries.

Notes are Markdown the user keeps writing: principle headings, questions as headings, story
titles, answers labelled Situation/Task/... (or SPSIL, one-letter ``S:`` labels, inline
``(*Situation*)`` tags), Q/A pairs, prose, principle definitions, index tables. The parser walks
the headings (what each block is about), cuts every block into stories (``segment``), keeps
advice and definitions out, and merges a story pasted under several headings into one. It never
writes to the notes, and it reports what it could not place instead of guessing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from coach.core.schema import Principle, Story
from coach.knowledge.notes import references
from coach.knowledge.notes.assemble import Context, build_story, is_guidance
from coach.knowledge.notes.blocks import Block, clean_inline, split_blocks
from coach.knowledge.notes.continued import (
    CONTINUED,
    CONTINUED_OPENING,
    continue_story,
    fold,
    plain_title,
)
from coach.knowledge.notes.episodes import OWN_ACTION
from coach.knowledge.notes.headings import Heading, heading_kind, promote_competency_lines
from coach.knowledge.notes.lines import ADVICE_START
from coach.knowledge.notes.lookup import read_lookup, with_lookup, without_listed
from coach.knowledge.notes.one_line_stories import vertical_tables
from coach.knowledge.notes.segment import Draft, segment
from coach.knowledge.notes.title_lines import promote_title_lines
from coach.knowledge.notes.titles import distinct_titles
from coach.knowledge.principle_names import match_principle

_INDEX_LINK = re.compile(
    r"\[(?P<label>[^\]]+)\]\(#(?P<anchor>[^)\s]+)\)\s*(?:\((?P<note>[^)]*)\)?)?"
)
# an entry that only points back at the story before it ("Same story", "see above")
_BACK_REFERENCE = re.compile(
    r"^(?:(?:it'?s |this is )?(?:the )?same(?: story| example| one| project| as (?:above|before))?"
    r"|(?:as |see |just )?(?:explained |described |mentioned )?above|ditto)[\s.!)]*$",
    re.IGNORECASE,
)
DUPLICATE_SIMILARITY = 88  # sorted-token similarity of two pastes of one story (rapidfuzz, 0-100)


@dataclass
class Problem:
    """Something in the notes the parser could not place."""

    line: int
    text: str
    reason: str


@dataclass
class ParsedNotes:
    """The result of parsing one notes file."""

    source: str
    entries: list[Story] = field(default_factory=list)
    guidance: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    principles_seen: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)  # where stories were split or joined

    @property
    def labelled(self) -> list[Story]:
        """Entries whose text carried section labels (or was split into sections)."""
        return [entry for entry in self.entries if entry.labelled]


def _slug(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", clean_inline(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "entry"


def _anchor_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", clean_inline(text).lower())


def index_entries(text: str) -> dict[str, list[tuple[int, str]]]:
    """Links to headings of the same file ("[Quick call](#tell-me-about...) (outage story)"),
    by heading key: the words an index gives a story (its nickname) belong to that story."""
    found: dict[str, list[tuple[int, str]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _INDEX_LINK.finditer(line):
            words = clean_inline(match.group("label").replace("-", " "))
            note = clean_inline(match.group("note") or "")
            entry = f"{words} ({note})" if note else words
            found.setdefault(_anchor_key(match.group("anchor")), []).append((number, entry))
    return found


class _Walker:
    """Walks the heading blocks of one file, keeping the headings above the current one."""

    def __init__(self, source: Path, principles: list[Principle]) -> None:
        self.source = source
        self.path = str(source)
        self.principles = principles
        self.result = ParsedNotes(source=str(source))
        self.stack: list[Heading] = []
        self.placed: list[tuple[Story, list[str]]] = []  # story, headings it sat under
        digest = hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:6]
        self.prefix = f"notes-{digest}"
        self.used: set[str] = set()
        self.index: dict[str, list[tuple[int, str]]] = {}
        self.memory = references.Memory()  # what matching needs of each story placed so far

    def block(self, block: Block, has_children: bool) -> None:
        while self.stack and self.stack[-1].level >= block.level:
            self.stack.pop()
        heading = heading_kind(block, has_children, self.principles) if block.level else None
        if heading:
            self.stack.append(heading)
            for principle in heading.principles:
                if principle not in self.result.principles_seen:
                    self.result.principles_seen.append(principle)
        inherited = any(h.kind == "guidance" and h.level >= 2 for h in self.stack[:-1])
        if (heading and heading.kind == "guidance") or (
            inherited and heading and heading.kind not in {"question", "principle"}
        ):
            if any(text.strip() for _, text in block.lines):
                self.result.guidance.append(block.heading)
            return
        several = heading is None or heading.kind in {"principle", "topic"}
        named = heading is not None and heading.kind == "story"
        cut = segment(
            block.lines, block.quoted, several_stories=several, named=named, titled=block.titled
        )
        episodes = [d for d in cut.drafts if d.episode]
        if len(episodes) >= 2:
            first, last = min(episodes[0].lines), max(episodes[-1].lines)
            where = f"under '{block.heading}'" if block.heading else "at the top"
            self.result.decisions.append(
                f"lines {first}-{last}: split into {len(episodes)} stories, one per episode told "
                f"{where} (each tells its own event, at length or in one shorthand line with its "
                "own ending, and shares few words with the next)"
            )
        context = self._context(heading)
        for draft in cut.drafts:
            self._draft(draft, context, block)
        if heading and heading.kind == "question" and not cut.drafts and not cut.loose_questions:
            self.result.problems.append(
                Problem(block.line, heading.text[:80], "question heading with no answer")
            )
        if cut.loose_questions and not cut.drafts:
            first, text = cut.loose_questions[0]
            self.result.problems.append(
                Problem(first, text[:80], f"{len(cut.loose_questions)} question(s) with no answer")
            )
        for aside in cut.asides:
            if aside.kind == "guidance":
                self.result.guidance.append(aside.text[:80])
        own = heading.principle if heading else None
        other = _mismatched_guidance(
            " ".join(a.text for a in cut.asides if a.kind != "guidance"), own, self.principles
        )
        if other:
            first = next(a for a in cut.asides if a.kind == "guidance")
            self.result.problems.append(
                Problem(first.number, first.text[:80], f"guidance here seems to describe {other}")
            )

    def _context(self, heading: Heading | None) -> Context:
        named = next((h.principles for h in reversed(self.stack) if h.principles), [])
        question = next((h.text for h in reversed(self.stack) if h.kind == "question"), "")
        topics = [
            h.text
            for h in self.stack[:-1]
            if h.kind == "topic" and h.level >= 2 and not _GENERIC_TOPIC.match(h.text)
        ]
        return Context(
            path=self.path,
            heading=heading.text if heading and heading.kind in {"story", "topic"} else "",
            question=question,
            principle=named[0] if named else None,
            also=tuple(named[1:]),
            topic=topics[-1] if topics and heading and heading.kind != "principle" else "",
        )

    def _draft(self, draft: Draft, context: Context, block: Block) -> None:
        first = min(draft.lines) if draft.lines else block.line
        if (not block.level and _introduction(draft)) or _principle_list(draft, self.principles):
            self.result.guidance.append(clean_inline(" ".join(draft.body))[:80])
            return
        if not draft.has_content:
            reason = "empty STAR template" if draft.labels else "heading with no story under it"
            if draft.placeholders:
                reason = "placeholder only"
            self.result.problems.append(
                Problem(first, draft.title or next(iter(draft.questions), block.heading), reason)
            )
            return
        if draft.placeholders and len(" ".join(draft.body).split()) <= 12 and not draft.pieces:
            self.result.problems.append(Problem(first, draft.placeholders[0], "placeholder only"))
            return
        if self._retold_list(draft):
            return
        advice = bool(ADVICE_START.match(draft.title))
        if advice or (not draft.answer_mode and is_guidance(draft)):
            self.result.guidance.append(clean_inline(" ".join(draft.body))[:80])
            return
        for heading in reversed(self.stack):
            entries = self.index.get(_anchor_key(heading.text), [])
            if entries:
                draft.questions += [entry for _, entry in entries]
                lines = ", ".join(str(n) for n, _ in entries)
                draft.notes.append(f"index entry at line {lines} of the notes")
                break
        story = build_story(draft, context, "pending", self.principles)
        headings = [h.text for h in self.stack]
        if self.placed and _BACK_REFERENCE.match(clean_inline(" ".join(draft.body)).strip()):
            before, where = self.placed[-1]
            self.placed[-1] = (fold(before, story, headings, "also referred to under"), where)
            return
        earlier = self._continued(story)
        if earlier is not None:
            before, where = self.placed[earlier]
            self.placed[earlier] = (continue_story(before, story, headings), where)
            self.result.decisions.append(
                f"line {min(draft.lines)}: '{story.title}' continues '{before.title}'; "
                "joined to it as one story"
            )
            return
        target, how = self._told_before(story)
        if target is not None:
            before, where = self.placed[target]
            self.placed[target] = (fold(before, story, headings, how), where)
            self.result.decisions.append(
                f"line {min(draft.lines)}: joined to '{before.title}' (it points at that story)"
            )
            return
        story = story.model_copy(update={"id": self._unique(story.title)})
        self.placed.append((story, headings))
        self.memory.add(story.title, story.text())

    def _continued(self, story: Story) -> int | None:
        """The earlier story this entry says it continues ("Overbooked wedding (cont)")."""
        match = CONTINUED.match(story.title) or CONTINUED_OPENING.match(
            " ".join(story.text().split()[:10])
        )
        if not match:
            return None
        base = plain_title(match.group("base"))
        return next(
            (n for n, (s, _) in enumerate(self.placed) if plain_title(s.title) == base), None
        )

    def _told_before(self, story: Story) -> tuple[int | None, str]:
        """The earlier story this entry only points at ("see wedding", "X also fits here")."""
        target = references.pointed_at(story.text(), [s.title for s, _ in self.placed])
        return (target, "also referred to under") if target is not None else (None, "")

    def _retold_list(self, draft: Draft) -> bool:
        """A list retelling several earlier stories: each item joins its story."""
        if len(draft.items) < 2 or draft.labels or not self.placed:
            return False
        found = self.memory.retold_items(draft.items)
        if not found:
            return False
        told = sum(len(lines) for lines in found.values())
        self.result.decisions.append(
            f"lines {min(draft.lines)}-{max(draft.lines)}: a list retelling {len(found)} stories "
            f"told earlier ({told} items); each item joined its story, none is a story itself"
        )
        for index, lines in found.items():
            story, where = self.placed[index]
            spans = [f"{self.path}:{n}-{n}" for n in lines]
            said = ", ".join(str(n) for n in lines)
            self.placed[index] = (
                story.model_copy(
                    update={
                        "spans": [*story.spans, *spans],
                        "inferred": [*story.inferred, f"retold in a list at line {said}"],
                    }
                ),
                where,
            )
        return True

    def _unique(self, title: str) -> str:
        base = f"{self.prefix}-{_slug(title)}"
        story_id, n = base, 2
        while story_id in self.used:
            story_id, n = f"{base}-{n}", n + 1
        self.used.add(story_id)
        return story_id


INTRODUCTION_WORDS = 25


# a heading that only gathers stories ("## Stories", "## My STAR examples"): no topic of theirs
_GENERIC_TOPIC = re.compile(
    r"^(my |our |the |some )?(star |spsil |behaviou?ral |interview |main |key |best |top |prep )*"
    r"(stories|examples|answers|notes|story bank|stories and examples)$",
    re.IGNORECASE,
)


def _introduction(draft: Draft) -> bool:
    """A few lines above the first heading with nobody doing anything in them: the file's own
    title or introduction ("LP prep (I'm moving into operations)"), not a story."""
    text = " ".join(t for _, t in draft.items)
    return (
        not draft.labels and len(text.split()) <= INTRODUCTION_WORDS and not OWN_ACTION.search(text)
    )


PRINCIPLE_LIST_PARTS = 3


def _principle_list(draft: Draft, principles: list[Principle]) -> bool:
    """A list of principles to prepare ("LPs I need: cust obs, ownership, dive deep, ..."),
    not a story: three or more items, most of them a principle's name."""
    if draft.labels or draft.pieces:
        return False
    text = " ".join(t for _, t in draft.items)
    listed = text.split(":", 1)[-1]
    parts = [p.strip(" .") for p in re.split(r"[,;/|]| - ", listed) if p.strip(" .")]
    if len(parts) < PRINCIPLE_LIST_PARTS:
        return False
    named = sum(bool(match_principle(part, principles)) for part in parts)
    return named * 2 > len(parts)


def _mismatched_guidance(
    text: str, principle: str | None, principles: list[Principle]
) -> str | None:
    """The principle a block of advice talks about, when it is not the heading's own."""
    if not principle or not text:
        return None
    lowered = text.lower()
    own = next(p for p in principles if p.id == principle)
    if own.name.lower().split(";")[0].split(",")[0] in lowered:
        return None
    return next(
        (p.name for p in principles if p.id != principle and p.name.lower() in lowered), None
    )


def _merge_duplicates(placed: list[tuple[Story, list[str]]], decisions: list[str]) -> list[Story]:
    """One story per story: later pastes of the same text give the first their questions,
    principles and line ranges."""
    kept: list[Story] = []
    texts: list[str] = []
    for story, headings in placed:
        text = story.text().lower()
        best = process.extractOne(
            text, texts, scorer=fuzz.token_sort_ratio, score_cutoff=DUPLICATE_SIMILARITY
        )
        twin = best[2] if best else None
        if twin is None:
            kept.append(story)
            texts.append(text)
            continue
        kept[twin] = fold(kept[twin], story, headings, "also pasted under")
        decisions.append(f"{story.source.rsplit(':', 1)[-1]}: the same text as "
                         f"'{kept[twin].title}' pasted again; joined to it")  # fmt: skip
    return kept


def parse_notes(text: str, source: Path, principles: list[Principle]) -> ParsedNotes:
    """Parse notes text into entries, guidance and problems. ``source`` is only recorded."""
    blocks, preamble = split_blocks(text)
    lookup = read_lookup(text, principles)
    without_listed([preamble, *blocks], lookup)
    for block in [preamble, *blocks]:
        block.lines = vertical_tables(block.lines)
    decisions: list[str] = []
    blocks, preamble = promote_competency_lines(blocks, preamble, principles, decisions)
    blocks, preamble = promote_title_lines(blocks, preamble, principles, decisions)
    walker = _Walker(source, principles)
    walker.result.decisions = decisions
    walker.index = index_entries(text)
    walker.block(preamble, has_children=True)
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        walker.block(block, has_children=bool(following and following.level > block.level))
    entries = _merge_duplicates(walker.placed, walker.result.decisions)
    walker.result.entries = distinct_titles(with_lookup(entries, lookup, walker.result.decisions))
    return walker.result
