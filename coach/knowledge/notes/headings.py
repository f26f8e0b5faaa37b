"""What each heading of a notes file is: a principle, a question, advice, a topic or a story;
and plain competency lines ("Ownership / Bias for action" above ``## Story1``) promoted to
headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.schema import Principle
from coach.knowledge.notes.blocks import Block
from coach.knowledge.notes.labels import dash_label, leading_label
from coach.knowledge.notes.lines import LIST_ITEM, indent_of, is_principles_label, is_question
from coach.knowledge.principle_names import (
    exact_principles,
    is_principle_name,
    match_principle,
    names_only_principles,
    principle_tags,
    words_after_name,
)

GUIDANCE_HEADING = re.compile(
    r"^(how to\b|understanding\b|tips?\b|key tips|final checklist|checklist|critical strategy|"
    r"strategy\b|you'?ve got this|sample questions|star\b|spsil\b|situation\s*-+>|"
    r"(amazon'?s )?(leadership )?principles$|mental prep|during\b|\d+ min before)|-->|"
    r"tips summary|^(to ?-?do|weak spots?|work on|gaps to|things to (fix|improve|work on|add|"
    r"write|ask)|questions (to ask|for (them|the interviewer|my interviewer))|my questions|"
    r"ask them)\b",
    re.IGNORECASE,
)
_STORY_PREFIX = re.compile(
    r"^(?:story|example|project)\s*(?:[-_#](?=\d))?\d*\s*[:\-–—]\s*", re.IGNORECASE
)  # "Story 2: ", "STORY-1: "
# a heading that only numbers a story ("Story1", "Example 2", "Story #3"): no title of its own
_GENERIC_HEADING = re.compile(
    r"^(?:(?:story|example|answer|case|scenario|project)\s*#?\s*\d*|others?|misc\w*|extras?|"
    r"more( stories)?|other stories)$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\d+[.)]\s+")
_QUESTION_LABEL = re.compile(r"^(?:q(?:uestion)?\s*#?\d*\s*[:.)-]\s*)(?=\S)", re.IGNORECASE)


@dataclass
class Heading:
    """A heading, what kind it is, and the principles it names."""

    level: int
    text: str
    kind: str  # "principle", "question", "guidance", "topic" or "story"
    principles: list[str] = field(default_factory=list)

    @property
    def principle(self) -> str | None:
        return self.principles[0] if self.principles else None


def heading_kind(block: Block, has_children: bool, principles: list[Principle]) -> Heading:
    """What a heading is, from its words and whether headings sit under it."""
    text = _QUESTION_LABEL.sub("", _NUMBERING.sub("", block.heading))
    if GUIDANCE_HEADING.search(text):
        return Heading(block.level, text, "guidance")
    told = block.titled and not text.rstrip().endswith("?")  # "When the provider went bust…"
    if is_question(text) and not told:
        return Heading(block.level, text, "question")
    title, tagged = principle_tags(text, principles)
    named_story = block.titled or (tagged and re.search(r"[A-Za-z]", title))
    if named_story and not is_principle_name(title, principles):  # a title, tags as principles
        title = _STORY_PREFIX.sub("", title)
        return Heading(block.level, title, "topic" if has_children else "story", tagged)
    named = names_only_principles(text, principles) or [
        p
        for p in [match_principle(text, principles)]
        if p and not words_after_name(text, principles)
    ]
    if named:
        return Heading(block.level, text, "principle", named)
    if _GENERIC_HEADING.match(text) and not has_children:
        return Heading(block.level, "", "story")  # the title comes from the story itself
    text = _STORY_PREFIX.sub("", text)
    return Heading(block.level, text, "topic" if has_children else "story")


def _outline_principle(lines: list[tuple[int, str]], i: int, principles: list[Principle]) -> bool:
    """A top-level list item naming only principles with deeper items below it ("- Ownership"
    over "  - Wrong fuel figure"): an outline filing the stories below under that principle."""
    item = LIST_ITEM.match(lines[i][1])
    below = lines[i + 1][1] if i + 1 < len(lines) else ""
    if not item or indent_of(lines[i][1]) or not LIST_ITEM.match(below) or not indent_of(below):
        return False
    return bool(exact_principles(item.group("text"), principles))  # not "Develop Adaptability"


_OUTLINE_DETAILS = 2  # deeper items under a child item for it to be a story's title


def _outline_stories(piece: Block) -> list[Block]:
    """Under an outline principle, each child item with details below it ("  - Wrong fuel
    figure" over "    - spotted...", "    - I stopped...") is a story titled by the child."""
    items = [(k, indent_of(t)) for k, (_, t) in enumerate(piece.lines) if LIST_ITEM.match(t)]
    if not items or min(depth for _, depth in items) == 0:
        return [piece]  # a top-level item that names no principle: not an outline of stories
    top = min(depth for _, depth in items)
    starts = []
    for k, depth in items:
        details = 0
        for _, after in piece.lines[k + 1 :]:
            if not LIST_ITEM.match(after) or indent_of(after) <= depth:
                break
            details += 1
        if depth == top and details >= _OUTLINE_DETAILS:
            starts.append(k)
    if not starts:
        return [piece]
    out = [piece]
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(piece.lines)
        number, text = piece.lines[k]
        title = LIST_ITEM.match(text).group("text").strip()
        out.append(Block(title, piece.level + 1, number, piece.lines[k + 1 : end],
                         piece.quoted, titled=True))  # fmt: skip
    piece.lines = piece.lines[: starts[0]]
    return out


def _is_competency_line(
    lines: list[tuple[int, str]], i: int, principles: list[Principle], titled: bool = False
) -> bool:
    """A plain line naming only principles, standing alone (a blank line or the block's start
    before it): the candidate's heading for the stories that follow. A labelled line right
    under a heading with the story below it ("## Vials mix-up" / "LP: Ownership") is that
    heading's principles instead."""
    text = lines[i][1]
    story_below = any(t.strip() for _, t in lines[1:])
    if titled and i == 0 and is_principles_label(text) and story_below:
        return False
    if _outline_principle(lines, i, principles):
        return True
    if not text.strip() or text.lstrip()[:1] in "-*+•|>" or re.match(r"\s*\d+[.)]", text):
        return False
    if i > 0 and lines[i - 1][1].strip():
        return False
    if leading_label(text.strip()) or dash_label(text.strip()):
        return False  # "Action -> I moved the stock" is a label, not Bias for Action
    return bool(names_only_principles(text, principles))


def promote_competency_lines(
    blocks: list[Block], preamble: Block, principles: list[Principle], decisions: list[str]
) -> tuple[list[Block], Block]:
    """Plain competency lines ("Ownership / Bias for action" above ``## Story1``) become
    headings one level above the headings that follow them."""
    out: list[Block] = []
    ordered = [preamble, *blocks]
    for index, block in enumerate(ordered):
        later = next((b.level for b in ordered[index + 1 :] if b.level), 2)
        current = block
        pieces = [current]
        outlines: set[int] = set()  # pieces opened by an outline principle ("- Ownership")
        for i, (number, text) in enumerate(block.lines):
            if _is_competency_line(block.lines, i, principles, bool(block.heading)):
                item = LIST_ITEM.match(text)
                current = Block(
                    heading=(item.group("text") if item else text).strip().strip("*_:"),
                    level=max(1, later - 1),
                    line=number,
                    quoted=block.quoted,
                )
                pieces.append(current)
                if item:
                    outlines.add(id(current))
            elif current is not block:
                current.lines.append((number, text))
        pieces = [
            part
            for piece in pieces
            for part in (_outline_stories(piece) if id(piece) in outlines else [piece])
        ]
        if len(pieces) > 1:
            cut = pieces[1].line
            decisions += [f"line {p.line}: '{p.heading}' read as a heading for the stories below"
                          for p in pieces[1:]]  # fmt: skip
            block.lines = [(n, t) for n, t in block.lines if n < cut]
        out.extend(pieces)
    return out[1:], out[0]
