"""Parse the candidate's own free-form interview notes into ``Story`` entries.

Notes are Markdown the user keeps writing: principle headings, questions as headings, answers as
bullets labelled Situation/Task/... (or SPSIL, or inline ``(*Situation*)`` tags), guidance on how to
answer, and an index of links. The parser never writes to the notes; it reports what it could not
place instead of guessing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Principle, Sections, Story
from coach.knowledge.notes.blocks import (
    GUIDANCE_LINE,
    Block,
    clean_inline,
    paragraphs,
    split_blocks,
)
from coach.knowledge.notes.labels import inline_tags, leading_label
from coach.knowledge.principle_names import match_principle

_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
_BOLD_TITLE = re.compile(r"^\*\*(?P<title>[^*]{2,80})\*\*\s*(?P<rest>.*)$")
_QUESTION_START = re.compile(
    r"^(tell|describe|give|have you|has|how (?!to\b)|what|who|why|when|where|walk|share|"
    r"a co-?worker|can you|do you|would you)\b",
    re.IGNORECASE,
)
_GUIDANCE_HEADING = re.compile(
    r"^(how to\b|understanding\b|tips?\b|key tips|final checklist|checklist|critical strategy|"
    r"strategy\b|you'?ve got this|sample questions)|-->|tips summary",
    re.IGNORECASE,
)
_THIN_WORDS = 30
_TOPIC_MIN_WORDS = 25


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

    @property
    def labelled(self) -> list[Story]:
        """Entries whose text carried section labels."""
        return [entry for entry in self.entries if entry.labelled]


def _is_question(text: str) -> bool:
    return bool(_QUESTION_START.match(clean_inline(text)))


def _section_text(pieces: list[str]) -> str:
    return clean_inline(" ".join(pieces)).lstrip(".,;: ")


def _sections_from_lines(lines: list[str]) -> Sections | None:
    """Sections from labelled lines or inline tags; None when fewer than two labels appear."""
    found: dict[str, list[str]] = {name: [] for name in SECTION_NAMES}
    labels: set[str] = set()
    current: str | None = None
    leading: list[str] = []
    for line in lines:
        content = _BULLET.sub("", line, count=1).strip()
        label = leading_label(content)
        if label:
            current = label[0]
            labels.add(current)
            content = label[1]
        tags = inline_tags(content)
        if tags:
            start = 0
            for tag_start, tag_end, section in tags:
                piece = content[start:tag_start].strip()
                if piece:
                    found[section].extend([*leading, piece])
                    leading = []
                labels.add(section)
                current = section
                start = tag_end
            content = content[start:].lstrip(".,;:) ").strip()
        if not content:
            continue
        if current is None:
            leading.append(content)
        else:
            found[current].append(content)
    if len(labels) < 2:
        return None
    if leading:
        found["situation"] = leading + found["situation"]
    return Sections(**{name: _section_text(found[name]) for name in SECTION_NAMES})


def _slug(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", clean_inline(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "entry"


class _EntryBuilder:
    """Turns answer lines into Story entries with stable, unique ids."""

    def __init__(self, source: Path) -> None:
        self.source = source
        digest = hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:6]
        self.prefix = f"notes-{digest}"
        self.used: set[str] = set()

    def build(
        self,
        title: str,
        questions: list[str],
        principle: str | None,
        lines: list[tuple[int, str]],
    ) -> Story | None:
        texts = [line for _, line in lines if line.strip()]
        if not texts:
            return None
        body = "\n".join(clean_inline(_BULLET.sub("", line, count=1)) for line in texts)
        sections = _sections_from_lines(texts)
        base = f"{self.prefix}-{_slug(title)}"
        story_id, n = base, 2
        while story_id in self.used:
            story_id, n = f"{base}-{n}", n + 1
        self.used.add(story_id)
        return Story(
            id=story_id,
            title=title,
            primary_principle=principle,
            questions=questions,
            sections=sections or Sections(),
            body=body,
            thin=len(body.split()) < _THIN_WORDS,
            source=f"{self.source}:{lines[0][0]}",
            origin="notes",
        )


def _sub_answers(lines: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Split an answer into sub-answers when it lists several bold-titled top-level bullets."""
    starts: list[tuple[int, str]] = []
    for index, (_, line) in enumerate(lines):
        bullet = _BULLET.match(line)
        if not bullet:
            continue
        content = line[bullet.end() :].strip()
        bold = _BOLD_TITLE.match(content)
        if bold and not leading_label(content):
            starts.append((index, clean_inline(bold.group("title"))))
    indents = {len(_BULLET.match(lines[i][1]).group("indent")) for i, _ in starts}  # type: ignore[union-attr]
    if len(starts) < 2 or len(indents) != 1:
        return [("", lines)]
    parts = []
    for position, (index, title) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        number, line = lines[index]
        content = line[_BULLET.match(line).end() :].strip()  # type: ignore[union-attr]
        rest = _BOLD_TITLE.match(content).group("rest").lstrip(" :-–—")  # type: ignore[union-attr]
        parts.append((title, [(number, rest), *lines[index + 1 : end]]))
    return parts


def _mismatched_guidance(text: str, principle: str, principles: list[Principle]) -> str | None:
    """Name the principle a guidance paragraph talks about when it is not the enclosing one."""
    lowered = text.lower()
    own = next(p for p in principles if p.id == principle)
    if own.name.lower().split(";")[0].split(",")[0] in lowered:
        return None
    for other in principles:
        if other.id != principle and other.name.lower() in lowered:
            return other.name
    return None


def parse_notes(text: str, source: Path, principles: list[Principle]) -> ParsedNotes:
    """Parse notes text into entries, guidance and problems. ``source`` is only recorded."""
    result = ParsedNotes(source=str(source))
    builder = _EntryBuilder(source)
    blocks, preamble = split_blocks(text)
    principle: str | None = None
    principle_level = 0
    guidance_level = 0
    topic = ""
    sample_questions: list[str] = []
    for block in blocks:
        question = _is_question(block.heading)
        if principle and (
            block.level < principle_level or (block.level == principle_level and not question)
        ):
            principle, principle_level = None, 0
        if guidance_level and block.level <= guidance_level:
            guidance_level = 0
        matched = None if question else match_principle(block.heading, principles)
        if matched:
            principle, principle_level = matched, block.level
            sample_questions = []
            if matched not in result.principles_seen:
                result.principles_seen.append(matched)
            _principle_block(block, matched, principles, builder, result, sample_questions)
        elif question:
            _question_block(block, principle, builder, result)
        elif guidance_level or _GUIDANCE_HEADING.search(block.heading):
            guidance_level = guidance_level or block.level
            if block.lines:
                result.guidance.append(block.heading)
        else:
            if block.level <= 2:
                topic = block.heading
            _topic_block(block, topic, principle, builder, result)
    for paragraph in paragraphs(preamble.lines):
        result.problems.append(
            Problem(paragraph[0][0], clean_inline(paragraph[0][1])[:80], "text before any heading")
        )
    return result


def _question_block(
    block: Block, principle: str | None, builder: _EntryBuilder, result: ParsedNotes
) -> None:
    question = block.heading
    lines = list(block.lines)
    while lines and not lines[0][1].strip():
        lines.pop(0)
    if lines and not _BULLET.match(lines[0][1]) and lines[0][1].strip().endswith("?"):
        question = f"{question} {clean_inline(lines.pop(0)[1])}"
    answer = [item for group in paragraphs(lines) for item in group]
    if not answer:
        result.problems.append(
            Problem(block.line, question[:80], "question heading with no answer")
        )
        return
    for title, part in _sub_answers(answer):
        entry = builder.build(
            f"{title} ({question})" if title else question, [question], principle, part
        )
        if entry:
            result.entries.append(entry)


def _principle_block(
    block: Block,
    principle: str,
    principles: list[Principle],
    builder: _EntryBuilder,
    result: ParsedNotes,
    sample_questions: list[str],
) -> None:
    """Text directly under a principle heading: guidance, sample questions, or a labelled answer."""
    in_samples = False
    for paragraph in paragraphs(block.lines):
        first = clean_inline(paragraph[0][1])
        texts = [line for _, line in paragraph]
        if first.lower().startswith("sample questions"):
            in_samples = True
            paragraph = paragraph[1:]
            if not paragraph:
                continue
        if in_samples and paragraph and all(_BULLET.match(line) for _, line in paragraph):
            sample_questions.extend(
                clean_inline(_BULLET.sub("", ln, count=1)) for _, ln in paragraph
            )
            continue
        in_samples = False
        if _sections_from_lines(texts):
            title = sample_questions[0] if sample_questions else block.heading
            entry = builder.build(title, list(sample_questions), principle, paragraph)
            if entry:
                result.entries.append(entry)
        elif _is_guidance(texts, principle, principles):
            joined = " ".join(texts[1:])
            result.guidance.append(first[:80])
            other = _mismatched_guidance(joined, principle, principles)
            if other:
                result.problems.append(
                    Problem(paragraph[0][0], first[:80], f"guidance here seems to describe {other}")
                )
        elif len(result.guidance) and _is_guidance_continuation(paragraph):
            result.guidance[-1] += " …"
        else:
            result.problems.append(
                Problem(
                    paragraph[0][0], first[:80], "text under a principle but outside any question"
                )
            )


def _is_guidance(texts: list[str], principle: str, principles: list[Principle]) -> bool:
    """Explanations of a principle: definitions, "how to answer", quotes of the principle itself."""
    heads = [clean_inline(_BULLET.sub("", text, count=1)) for text in texts[:2]]
    if any(GUIDANCE_LINE.match(head) for head in heads):
        return True
    name = next(p.name for p in principles if p.id == principle).lower().split(";")[0]
    return heads[0].lower().startswith(name) or "leadership principle" in " ".join(texts).lower()


def _is_guidance_continuation(paragraph: list[tuple[int, str]]) -> bool:
    """Bulleted definition lists that follow a guidance line ("- **Definition**: ...")."""
    return all(_BULLET.match(line) for _, line in paragraph)


def _topic_block(
    block: Block, topic: str, principle: str | None, builder: _EntryBuilder, result: ParsedNotes
) -> None:
    """A non-question heading with prose under it (e.g. a project phase) becomes a topic entry."""
    answer = [item for group in paragraphs(block.lines) for item in group]
    words = sum(len(clean_inline(line).split()) for _, line in answer)
    if words < _TOPIC_MIN_WORDS:
        return
    title = block.heading if not topic or topic == block.heading else f"{topic}: {block.heading}"
    entry = builder.build(title, [], principle, answer)
    if entry:
        result.entries.append(entry)
