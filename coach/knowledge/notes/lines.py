"""What each line of a notes block is: a label, a title, a question, a list header, an aside...

Classification looks at one line only; the segmenter decides what it means in context (a bare
``S:`` after a problem is a solution, ``A:`` after ``Q:`` is an answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.knowledge.notes.blocks import GUIDANCE_LINE, clean_inline
from coach.knowledge.notes.labels import dash_label, dash_letter, leading_label, letter_label
from coach.text.star_cues import PAST_VERB

BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•]|\d+[.)])\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(?P<text>.*)$")  # a list item and its text


def indent_of(text: str) -> int:
    """How far a line is indented."""
    return len(text) - len(text.lstrip())


_BOLD_ONLY = re.compile(r"^(?:\*\*|__)(?P<title>[^*_]{2,90}?)(?:\*\*|__)\s*$")
# "_The freezer failure_" or "*Night shift*" alone on a line: a title in italics
# (a few words, never a sentence opening with a pronoun: "*You should take risks*" is advice)
_ITALIC_ONLY = re.compile(
    r"^(?:\*|_)(?!(?:I|We|You|They|He|She|It|This|That)\b)"
    r"(?P<title>[A-Z][^*_.!?:\s]*(?:\s[^*_.!?:\s]+){0,7})(?:\*|_)\s*$"
)
_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(?P<title>[^*_]{2,80}?)(?:\*\*|__)\s*(?P<rest>.*)$")
_STORY_LINE = re.compile(
    r"^(?:\*\*)?(?:story|example)(?:\s+(?:name|title))?\s*(?:#|no\.?\s*|[-_](?=\d))?\d*\s*(?:\((?P<tag>[^)]{2,80})\)\s*)?"
    r"(?:\*\*)?\s*[:\-–—]\s*(?:\*\*)?(?P<title>.+)$",
    re.I,
)  # "Story 1 (LP: Frugality) – Test rig from spare parts": the bracket is its principles
_TAG_LABEL = re.compile(r"^\s*(?:leadership principles?|principles?|LPs?)\s*:\s*", re.I)
_HASHTAGS = re.compile(r"^(?:#[A-Za-z][\w-]*[\s,]*)+$")  # a line of tags only
_Q_LINE = re.compile(
    r"^(?:\*\*)?(?:Q\d*|(?i:question)\s*\d*(?=\s*(?:\*\*)?\s*[:.)]\s*\S))(?:\*\*)?\s*[:.)]\s*"
    r"(?:\*\*)?\s*(?P<rest>.*)$"
)  # "Q: ...", "Q3) ...", "Question: Tell me about ..." (a list header is "Questions:")
_ANSWER_LINE = re.compile(
    r"^(?:\*\*)?(?:(?i:(?:my )?answer)(?:\*\*)?\s*[:\-–—]|A\d{1,2}(?:\*\*)?\s*[.:)])\s*(?:\*\*)?"
    r"\s*(?P<rest>\S.*)$"
)  # "Answer: ...", and "A1. ..." under "Q1. ..."
_QUESTIONS_HEADER = re.compile(
    r"^(?:(?:sample|example|possible|likely|related|other|similar|typical)\s+)?"
    r"(?:interview\s+)?questions?(?:\s+(?:it|this story|this)\s+answers?)?\s*:?\s*(?P<rest>.*)$",
    re.I,
)
_FOLLOW_UPS = re.compile(
    r"^(?:likely |possible |expected |anticipated |probable )?follow[- ]?ups?"
    r"(?: questions?)?(?: (?:to expect|they may ask|and answers))?\s*:?\s*$",
    re.IGNORECASE,
)
_PRINCIPLES_HEADER = re.compile(
    r"^(?:leadership\s+principles?|principles?|LPs?|competenc(?:y|ies))"
    r"(?:\s+(?:shown|covered|it shows))?"
    r"\s*(?::|\s[-–—]\s)\s*"
    r"(?P<rest>.*)$",
    re.I,
)
_ASIDE = re.compile(
    r"^(?:notes? to self|reminder|remember to|remember:|tip:|todo:?\s*$|n\.?b\.?:)", re.I
)
_QUESTION_START = re.compile(
    r"^(tell|describe|give|have you|has|how (?!to\b)|what|who|why|when|where|walk|share|"
    r"a co-?worker|can you|could you|do you|did you|would you|talk about|name a time)\b",
    re.I,
)
_NARRATIVE_STARTS = frozenset({"when", "where", "what", "who", "why"})
_TOLD = re.compile(rf"\b(?:I|we)\b(?: \w+){{0,3}} {PAST_VERB}\b")  # "I found", "we quickly cut"
_MARKERS = re.compile(r"^[^\w\s*_(\"'“‘\[-]+\s*")  # emoji or arrows before a label
_CALLOUT = re.compile(r"^\[!\w+\]\s*$")
_SUMMARY_LABEL = re.compile(
    r"^(?:\*\*|__)?(?:tl;?\s?dr|summary|in short|in brief|one[- ]liner|elevator pitch)"
    r"(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?=\S)",
    re.IGNORECASE,
)
# advice about answering, never a story: "How to answer...", "Understanding X", "Definition"
ADVICE_START = re.compile(
    r"^(how to answer|understanding|definition|key traits|tips?|(general |my )?advice|"
    r"rule of thumb)\b",
    re.I,
)
_LINK_ONLY = re.compile(r"^\s*(?:\[[^\]]*\]\([^)]*\)\s*(?:\([^)]*\)?\s*)*)+$")
PLACEHOLDER = re.compile(
    r"\b(todo|tbd|tbc|fill (?:this |it )?in|need (?:the |a )?(?:number|numbers|dates?|details|"
    r"figures?|metrics?)|add (?:numbers|details|metrics)|xx+)\b|\?\?+|\.\.\.\s*$",
    re.I,
)


@dataclass(frozen=True)
class Line:
    """One line of a block, classified. ``label`` is a section name or a one-letter label."""

    number: int
    kind: str
    text: str
    indent: int = 0
    bullet: bool = False
    quoted: bool = False
    label: str | None = None
    lead: str = ""  # the bold phrase the line opens with ("**Shrink audit** our loss..."), if any


def is_story_line(text: str) -> bool:
    """A "Story 1 - title" or "Example: title" line."""
    return bool(_STORY_LINE.match(text.strip()))


def is_question(text: str) -> bool:
    """A question as people list them: starts like one or ends with a question mark. A line
    opening with "When"/"What" that tells what I or we did ("When our partner closed, I found
    two churches") is a story's sentence, not a question."""
    words = text.split()
    if not 2 <= len(words) <= 45:
        return False
    if text.endswith("?"):
        return True
    start = _QUESTION_START.match(text)
    if start and start.group(1).lower() in _NARRATIVE_STARTS and _TOLD.search(text):
        return False
    if start and start.group(1).lower() in _NARRATIVE_STARTS and text.endswith(".") and not (
        re.search(r"\byou(r|rs|rself)?\b", text, re.IGNORECASE)
    ):
        return False  # "When a colleague went on sick leave, ...": a question asks "you"
    return bool(start)


def _label(content: str, dash_letters: bool = False) -> tuple[str, str] | None:
    """(section or letter, rest) when the line opens with a STAR/SPSIL label of any style.
    ``dash_letters``: the block writes letters with a dash ("S- ..."), so those count too."""
    letter = letter_label(content)
    if letter:
        return letter[2] or letter[0], letter[1]
    found = leading_label(content) or dash_label(content)
    if not found and dash_letters:
        found = dash_letter(content)
    return found


def is_principles_label(text: str) -> bool:
    """A line that labels its principles ("LP: Ownership", "Principles - Dive Deep")."""
    return bool(_PRINCIPLES_HEADER.match(clean_inline(text.strip())))


def classify(number: int, raw: str, quoted: bool = False, dash_letters: bool = False) -> Line:
    """Classify one line of notes (``dash_letters``: "S- ..." lines are labels here)."""
    stripped = raw.strip()
    if not stripped or _CALLOUT.match(stripped):
        return Line(number, "blank", "")
    if stripped in {"---", "***", "___", "- - -"} or re.fullmatch(r"[-*_=]{3,}", stripped):
        return Line(number, "separator", "")
    if stripped.startswith("|") or _LINK_ONLY.match(stripped):
        return Line(number, "index", stripped)
    bullet = BULLET.match(raw)
    indent = len(bullet.group("indent").expandtabs(4)) if bullet else 0
    content = raw[bullet.end() :].strip() if bullet else stripped
    content = re.sub(r"^[-–•]+(?=[A-Za-z])", "", content)  # "-MZ demo" written without a space
    content = _SUMMARY_LABEL.sub("", content)  # "TL;DR: kept the site up": the story in brief
    base = {"indent": indent, "bullet": bool(bullet), "quoted": quoted}
    if not content:
        return Line(number, "blank", "")
    plain = clean_inline(content)
    if ADVICE_START.match(plain) or (quoted and GUIDANCE_LINE.match(plain)):
        return Line(number, "guidance", plain, **base)
    if _ASIDE.match(plain):
        return Line(number, "aside", plain, **base)
    q_line = _Q_LINE.match(content)
    if q_line:
        return Line(number, "q", clean_inline(q_line.group("rest")), **base)
    answer = _ANSWER_LINE.match(content)
    if answer:  # "Answer: ..." under a question, as "A: ..." is
        return Line(number, "label", clean_inline(answer.group("rest")), label="A", **base)
    principles = _PRINCIPLES_HEADER.match(plain)
    if principles:
        return Line(number, "principles", principles.group("rest").strip(), **base)
    if _HASHTAGS.match(content):  # "#biasforaction #ownership" under an answer
        tags = [re.sub(r"[-_]+", " ", t) for t in re.findall(r"#([A-Za-z][\w-]*)", content)]
        return Line(number, "principles", ", ".join(tags), **base)
    if _FOLLOW_UPS.match(plain):  # "Follow-ups:" over "- Q: ... A: ..." items
        return Line(number, "followups", "", **base)
    questions = _QUESTIONS_HEADER.match(plain)
    if questions and (plain.endswith(":") or not questions.group("rest") or ":" in plain):
        return Line(number, "questions", questions.group("rest").strip(), **base)
    label = _label(_MARKERS.sub("", content), dash_letters)  # "🟢 Situation: ..." too
    if label:
        return Line(number, "label", clean_inline(label[1]), label=label[0], **base)
    story = _STORY_LINE.match(content)
    if story:
        tag = _TAG_LABEL.sub("", story.group("tag") or "")
        title = clean_inline(story.group("title")) + (f" [{tag}]" if tag else "")
        return Line(number, "title", title, **base)
    bold = _BOLD_ONLY.match(content) or _ITALIC_ONLY.match(content)
    if bold and not bullet and not bold.group("title").rstrip().endswith(":"):
        words = bold.group("title").split()
        if 1 <= len(words) <= 14 and not is_question(bold.group("title")):
            return Line(number, "title", clean_inline(bold.group("title")), **base)
    lead = bold_lead(content)
    return Line(number, "text", plain, lead=lead[0] if lead and lead[1] else "", **base)


def bold_lead(text: str) -> tuple[str, str] | None:
    """(title, rest) for a line that opens with a bold phrase that is not a label."""
    match = _BOLD_LEAD.match(text.strip())
    if not match or _label(text.strip()):
        return None
    return clean_inline(match.group("title")).rstrip(":"), clean_inline(match.group("rest"))
