"""Cut one heading block of notes into story drafts.

A new story starts at a title line (``**Bold title**``, ``Story: ...``), a ``Q:`` line, a
separator, a label that restarts the STAR order, a question listed after a story, or (in a block
that holds several stories, such as a principle heading) a new prose paragraph. Question and
principle lists around a story become its questions and principles; asides, index rows and
definitions stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.ids import SECTION_NAMES
from coach.knowledge.notes.episodes import episode_starts
from coach.knowledge.notes.labels import LETTERS, inline_tags, uses_dash_letters
from coach.knowledge.notes.lines import (
    BULLET,
    PLACEHOLDER,
    Line,
    bold_lead,
    classify,
    is_question,
    is_story_line,
)
from coach.text.star_cues import has_cue

_ORDER = {name: rank for rank, name in enumerate(SECTION_NAMES)}


@dataclass
class Draft:
    """A story being collected from consecutive lines."""

    title: str = ""
    questions: list[str] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)
    pieces: dict[str, list[str]] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the parser placed it, for the user
    quoted: list[bool] = field(default_factory=list)  # per text line: inside a "> " quote
    open: str | None = None
    answer_mode: bool = False  # opened by "Q:", so "A:" is the answer, not the action
    episode: bool = False  # one of several episodes told under one heading
    items: list[tuple[int, str]] = field(default_factory=list)  # each line added, as written
    lead: str = ""  # the bold phrase its first line opens with: the candidate's name for it

    @property
    def has_content(self) -> bool:
        return bool(self.body) or any(self.pieces.values())

    def add(self, number: int, text: str, unit: bool = False) -> None:
        """Add text to the open section (or the unlabelled body), splitting inline tags.
        ``unit``: the line is a whole item of a list (or a sub-heading), so it ends like a
        sentence even when the notes give it no full stop."""
        if not text:
            return
        if text.endswith(":") and not inline_tags(text):
            text = text[:-1].rstrip() + "."  # a list header ("Decision factors:") ends a sentence
        if unit and text[-1] not in ".!?:;,":
            text += "."
        self.lines.append(number)
        self.items.append((number, text))
        if PLACEHOLDER.search(text):
            self.placeholders.append(text[:80])
        tags = inline_tags(text)
        start = 0
        for tag_start, tag_end, section in tags:
            self._put(_trimmed(text[start:tag_start], " .,;:"), section, tagged=True)
            self.labels.append(section)
            start = tag_end
        tail = _trimmed(text[start:], " ,;:" + ("." if tags else ""))
        section = self.open
        if tags and section is None:
            section = _tail_section(tail, tags[-1][2])
        self._put(tail, section, tagged=False)

    def _put(self, text: str, section: str | None, tagged: bool) -> None:
        if not text:
            return
        if section is None:
            self.body.append(text)
        elif tagged and not self.pieces.get(section) and self.body:
            # "text (*Situation*)": the tag names the text before it
            self.pieces.setdefault(section, []).extend([*self.body, text])
            self.body = []
        else:
            self.pieces.setdefault(section, []).append(text)

    def open_section(self, section: str, number: int) -> None:
        self.open = section
        self.labels.append(section)
        self.lines.append(number)


def _trimmed(text: str, marks: str) -> str:
    """``text`` without ``marks`` at either end, and without a bracket an inline tag left
    unpaired ("... (*Situation*)"); a closed aside such as "(External)" keeps its bracket."""
    text = text.strip(marks)
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip(marks)
    while text.startswith(")"):
        text = text[1:].strip(marks)
    return text


def _tail_section(tail: str, last_tag: str) -> str | None:
    """Where words after the last inline tag belong: the part their cue names ("the issue was
    resolved"), else the result when the last tag closed the action; else the unlabelled body."""
    cued = [name for name in SECTION_NAMES if has_cue(name, tail)]
    if cued:
        return cued[-1] if _ORDER[cued[-1]] > _ORDER[last_tag] else None
    return "result" if last_tag == "action" else None


@dataclass
class Segmented:
    """The drafts of one block and what was kept out of them."""

    drafts: list[Draft] = field(default_factory=list)
    asides: list[Line] = field(default_factory=list)
    loose_questions: list[tuple[int, str]] = field(default_factory=list)


# "What would you do differently? A: Involve marketing earlier." (the "Q:" already read)
_FOLLOW_UP = re.compile(r"^(?P<question>[^?]{3,200}\?)\s*(?:A\d*\s*[:.)]|[-–—])?\s*(?P<answer>.*)$")
_ASKS_LESSON = re.compile(r"\b(differently|learn\w*|again|change|improve|next time)\b", re.I)


def _resolve_letter(letter: str, draft: Draft) -> str:
    """A one-letter label in context: the second S of SPSIL is the solution."""
    seen = draft.labels
    if letter == "S" and "situation" in seen and "task" in seen and "action" not in seen:
        return "action"
    return LETTERS.get(letter, letter)


def _restarts(section: str, draft: Draft) -> bool:
    """Whether a label begins another story: its section is filled and the order went back. The
    same action or result label twice in a row goes on ("Action: ...", "Action: ...")."""
    if not draft.has_content or not draft.labels:
        return False
    last = draft.labels[-1]
    if section == last and section in _REPEATABLE:
        return False
    return bool(draft.pieces.get(section)) and _ORDER[section] <= _ORDER[last]


_REPEATABLE = {"action", "result"}  # parts people list one label per step
_TITLED_BULLET_WORDS = 5  # mean words after the bold phrase when each bullet tells a story


def _bold_titles(numbered: list[tuple[int, str]]) -> dict[int, tuple[str, str]]:
    """Top-level bullets opening with a bold phrase, when two or more share the shallowest
    indent and say enough after it: each is a story of its own ("- **Gesture dataset** We did
    not have data..."), where short ones ("- **Expensive** at scale") are points of one story."""
    candidates = []
    for number, text in numbered:
        bullet = BULLET.match(text)
        if bullet:
            indent = len(bullet.group("indent").expandtabs(4))
            candidates.append((indent, number, bold_lead(text[bullet.end() :])))
    if not candidates:
        return {}
    top = min(indent for indent, _, _ in candidates)
    found = {n: lead for indent, n, lead in candidates if indent == top and lead}
    if len(found) < 2:
        return {}
    mean = sum(len(rest.split()) for _, rest in found.values()) / len(found)
    return found if mean >= _TITLED_BULLET_WORDS else {}


CAPTION_WORDS = 12


def _is_caption(draft: Draft) -> bool:
    """A line or two just above a table that names it ("Story key (✓ = fits this LP)")."""
    words = sum(len(text.split()) for _, text in draft.items)
    return bool(draft.items) and not draft.labels and words <= CAPTION_WORDS


class _Segmenter:
    """Walks a block's lines once, keeping the story being collected and the pending lists."""

    def __init__(
        self, several_stories: bool, named: bool, starts: set[int], units: set[int]
    ) -> None:
        self.several = several_stories
        self.starts = starts  # lines where an episode of its own begins
        self.units = units  # list items that end where the line ends
        self.named = named  # the heading names one story: bold lines are its sub-headings
        self.skipping = False  # inside advice ("How to answer...") until a blank line
        self.out = Segmented()
        self.draft = Draft()
        self.questions: list[tuple[int, str]] = []
        self.principles: list[str] = []
        self.collecting: str | None = None  # "questions" or "principles" after a list header
        self.after_blank = True

    def flush(self) -> None:
        """Close the current draft; it takes the questions and principles listed before it."""
        d = self.draft
        if d.has_content or d.labels or d.placeholders or (d.title and d.lines):
            d.questions = [*[q for _, q in self.questions], *d.questions]
            d.principles = [*self.principles, *d.principles]
            self.questions, self.principles = [], []
            self.out.drafts.append(d)
        self.draft = Draft()

    def collect(self, line: Line) -> None:
        """A list item after "Sample Questions:" or "Leadership Principles:"."""
        d = self.draft
        if self.collecting == "questions":
            if d.has_content:
                d.questions.append(line.text)
                d.lines.append(line.number)
            else:
                self.questions.append((line.number, line.text))
            return
        names = [p.strip() for p in line.text.replace(";", ",").split(",") if p.strip()]
        if d.has_content:
            d.principles += names
            d.lines.append(line.number)
        else:
            self.principles += names

    def follow_up(self, line: Line) -> None:
        """A follow-up an interviewer may ask, with the candidate's answer ("Q: What would you
        do differently? A: Involve them earlier."): it belongs to the story above, never a story
        of its own. An answer about what one learned or would change is that story's lesson;
        the others stay in the story's lines but out of its STAR parts (they answer a follow-up,
        not the question)."""
        match = _FOLLOW_UP.match(line.text)
        answer = match.group("answer").strip() if match else ""
        d = self.draft
        if not answer or not d.has_content:
            return
        d.lines.append(line.number)
        if _ASKS_LESSON.search(match.group("question")) and not d.pieces.get("lesson"):
            d.pieces.setdefault("lesson", []).append(answer)

    def label(self, line: Line) -> None:
        """A labelled line: may close the story and open the next."""
        marker = line.label or ""
        if marker == "A" and self.draft.answer_mode and not self.draft.labels:
            inner = classify(line.number, line.text)  # "A: Situation - ..." or a plain answer
            if inner.kind == "label" and inner.label != "A":
                self.label(inner)
            else:
                self.draft.add(line.number, line.text)
            return
        section = _resolve_letter(marker, self.draft) if marker in LETTERS else marker
        if _restarts(section, self.draft):
            self.flush()
        self.draft.open_section(section, line.number)
        self.draft.add(line.number, line.text, unit=line.number in self.units)

    def feed(self, line: Line, titles: dict[int, tuple[str, str]]) -> None:
        kind = line.kind
        if kind == "guidance":
            self.flush()
            self.skipping = True
            self.out.asides.append(line)
            return
        if self.skipping and kind not in {"blank", "separator", "title", "q", "label"}:
            self.out.asides.append(line)
            return
        self.skipping = False
        if kind == "blank":
            self.after_blank = True
            if self.collecting == "principles" and (self.principles or self.draft.principles):
                self.collecting = None
            return
        if kind == "index" and _is_caption(self.draft):
            self.out.asides.extend(Line(n, "aside", t) for n, t in self.draft.items)
            self.draft = Draft()
        if kind in {"separator", "index"}:
            self.flush()
            self.collecting, self.after_blank = None, True
            return
        if kind == "aside":
            self.out.asides.append(line)
            return
        if kind in {"questions", "principles"}:
            self.collecting = kind
            if line.text:
                self.collect(line)
            return
        if kind == "followups":
            self.collecting = kind
            return
        if self.collecting == "followups" and line.bullet and kind in {"q", "text", "label"}:
            self.follow_up(line)
            return
        if self.collecting and kind == "text" and (line.bullet or self.collecting == "principles"):
            self.collect(line)
            return
        self.collecting = None
        self._content(line, titles)
        self.after_blank = False

    def _content(self, line: Line, titles: dict[int, tuple[str, str]]) -> None:
        if line.number in self.starts:
            if self.draft.has_content:
                self.flush()
            self.draft.episode = True
        kind, d = line.kind, self.draft
        if line.number in titles:
            self.flush()
            self.draft.title, rest = titles[line.number]
            self.draft.lines.append(line.number)
            self.draft.add(line.number, rest)
        elif kind == "title" and self.named:
            self.draft.add(line.number, line.text, unit=True)
        elif kind == "title":
            self.flush()
            self.draft.title = line.text
            self.draft.lines.append(line.number)
        elif kind == "q":
            if not (d.questions and not d.has_content and not d.labels):
                self.flush()  # a second "Q:" right after the first asks the same story
            self.draft.answer_mode = True
            self.draft.questions.append(line.text)
            self.draft.lines.append(line.number)
        elif kind == "label":
            if self.several and self.after_blank and d.has_content and not d.labels:
                self.flush()  # the paragraph before it (often a definition) is not this story
            self.label(line)
        elif is_question(line.text) and (line.bullet or self.after_blank) and not d.open:
            if d.has_content:
                self.flush()
            self.questions.append((line.number, line.text))
        else:
            if self.several and self.after_blank and d.has_content and not d.answer_mode:
                self.flush()
            if not self.draft.has_content and line.lead:
                self.draft.lead = line.lead
            self.draft.add(line.number, line.text, unit=line.number in self.units)
            self.draft.quoted.append(line.quoted)


def _item_ends(lines: list[Line]) -> set[int]:
    """List items whose line is the whole item: a bullet (or label) line followed by a blank,
    another bullet or label, or the end; a wrapped continuation line keeps the item open."""
    ends = set()
    for line, after in zip(lines, [*lines[1:], None], strict=False):
        if not line.bullet:
            continue
        if after is None or after.kind != "text" or after.bullet or after.text.endswith(":"):
            ends.add(line.number)
    return ends


def segment(
    numbered: list[tuple[int, str]],
    quoted: set[int],
    several_stories: bool,
    named: bool = False,
    titled: bool = False,
) -> Segmented:
    """Split a block's lines into drafts. ``several_stories``: a new prose paragraph is a new
    story (under a principle heading); otherwise paragraphs continue one story. ``named``: the
    heading names the story, so bold lines inside are its sub-headings, not new stories.
    ``titled``: the heading is one of a list of story titles the candidate wrote (numbered,
    bold or short title lines), so its paragraphs are never cut into episodes."""
    titles = {} if several_stories or named else _bold_titles(numbered)
    dashes = uses_dash_letters([text for _, text in numbered])
    lines = [classify(number, text, number in quoted, dashes) for number, text in numbered]
    if named and sum(is_story_line(text) for _, text in numbered) >= 2:  # "Story 1 - ..."
        named, several_stories = False, True
    labelled = any(line.kind in {"label", "q", "title"} for line in lines)
    starts = set() if labelled or titles or titled else episode_starts(numbered)
    walker = _Segmenter(several_stories, named, starts, _item_ends(lines))
    for line in lines:
        walker.feed(line, titles)
    walker.flush()
    walker.out.loose_questions = walker.questions
    return walker.out
