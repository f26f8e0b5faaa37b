"""Turn a draft cut from the notes into a ``Story``: sections (labelled, or split by STAR cues),
title, questions, principles, figures, names, and why it is thin."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Metric, Principle, Sections, Story
from coach.knowledge.notes.blocks import GUIDANCE_LINE, clean_inline
from coach.knowledge.notes.labels import section_for
from coach.knowledge.notes.segment import Draft
from coach.knowledge.principle_names import (
    match_principle,
    names_only_principles,
    principle_tags,
)
from coach.text.claims import PROJECTION_WORDS
from coach.text.people import people_named
from coach.text.sentences import split_sentences
from coach.text.star_cues import cue_sections
from coach.text.terms import STOPWORDS

THIN_WORDS = 30
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd|me|my|we|we're|our|us)\b", re.IGNORECASE)
# verbs that open a piece of advice to the reader (ordinary English, not anyone's jargon)
_ADVICE_VERBS = frozenset(
    "stay use be keep say mention pick show focus listen avoid don't dont never always talk "
    "explain connect prepare practice practise remember make give try start end lead quantify "
    "tell describe highlight emphasise emphasize ask think stick structure include frame bring "
    "choose wrap close open state aim limit".split()
)
_QUOTED = re.compile(r"[\"“][^\"”]{0,40}[\"”]")
_GENERIC = re.compile(r"\b(you|your|leaders?|employees|candidates?|interviewers?)\b", re.I)
_DIGIT_FIGURE = re.compile(r"[$£€]?\d[\d,.]*\s?(?:%|x\b|k\b|K\b|ms\b|s\b|hours?|days?|weeks?)?")
_TITLE_WORDS = 9


@dataclass(frozen=True)
class Context:
    """Where a draft sat: the headings above it."""

    path: str
    heading: str = ""  # the heading that names this story, if any
    question: str = ""  # the question heading above it, if any
    principle: str | None = None
    also: tuple[str, ...] = ()  # more principles the heading names ("Ownership / Bias for action")
    topic: str = ""  # a section title above a story heading ("VTO project")


def is_guidance(draft: Draft) -> bool:
    """Definitions and advice rather than a story: no one acting in the first person, and
    written to a reader ("you", "leaders"), or opening like a definition."""
    text = " ".join([*draft.body, *(t for parts in draft.pieces.values() for t in parts)])
    if draft.labels and len(set(draft.labels)) >= 2:
        return False
    if GUIDANCE_LINE.match(text):
        return True
    if draft.quoted and all(draft.quoted) and not re.search(r"\bI\b", text):
        return True  # a quoted definition ("> Leaders are owners...")
    spoken = _QUOTED.sub(" ", text)  # 'use "I" statements' names the word, nobody acts
    if _FIRST_PERSON.search(spoken):
        return False
    return bool(_GENERIC.search(text) or text[:1] in '"“') or _mostly_commands(text)


def _mostly_commands(text: str) -> bool:
    """Advice written as commands ("Stay calm, listen first. Use short sentences."): most
    sentences open with a verb telling the reader what to do."""
    sentences = split_sentences(text)
    opening = [s.split()[0].lower().strip(",.;:") for s in sentences if s.split()]
    commands = sum(word in _ADVICE_VERBS for word in opening)
    return bool(opening) and commands * 2 >= len(opening) and len(opening) >= 1


def _principles(draft: Draft, context: Context, principles: list[Principle]) -> list[str]:
    named = [match_principle(name, principles) for name in draft.principles]
    ordered = [p for p in named if p]
    if context.principle:
        ordered += [context.principle, *context.also]
    return list(dict.fromkeys(ordered))


_NICKNAME = re.compile(
    r"^(?P<name>[A-Za-z0-9][\w'&/.+-]*(?: [\w'&/.+()-]+){0,4}?)(?:\s+[-–—]+\s|:\s|\s\(see\b)"
)


def nickname(text: str) -> str:
    """The name a candidate opens an entry with ("Overbooked wedding - a party of 40...",
    "Night audit gap: ..."), or ""."""
    match = _NICKNAME.match(clean_inline(text))
    if not match:
        return ""
    name = match.group("name").strip(" (")
    rest = clean_inline(text)[match.end() :].split()
    if name.split()[0].lower() in STOPWORDS or section_for(name.split()[0]):
        return ""  # "If a co-worker - ...", "We - ...", "Result: ..." name nothing
    return name if len(rest) >= 4 and len(name.split()) <= 5 else ""


def _lead(draft: Draft) -> str:
    """The bold phrase an entry opens with ("**Shrink audit** our stock loss..."), when it is
    short enough to be a name."""
    return draft.lead if 1 <= len(draft.lead.split()) <= 6 else ""


def _opening(text: str, limit: int = _TITLE_WORDS) -> str:
    words = clean_inline(split_sentences(text)[0] if text else "").split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY = re.compile(
    rf"^(\d{{1,2}}(st|nd|rd|th)? {_MONTH},? \d{{4}}|{_MONTH} (\d{{1,2}}(st|nd|rd|th)?,? )?\d{{4}}|"
    r"\d{4}-\d{1,2}(-\d{1,2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(q[1-4]|h[12]) \d{4})$",
    re.IGNORECASE,
)  # a heading that only dates an entry: "12 March 2024", "March 2024", "2024-03-12", "Q3 2023"

EPISODE_OF = "one of several episodes told under"  # siblings tell different events


def episode_block(story: Story) -> str:
    """The heading an entry shares with the other episodes split from its block ("" if none)."""
    return next((note for note in story.inferred if note.startswith(EPISODE_OF)), "")


def _title(draft: Draft, context: Context, text: str) -> str:
    asked = draft.questions[0] if draft.answer_mode and draft.questions else ""
    if draft.episode and not draft.title:
        if _lead(draft):  # "**Pricing page test** — S - ...": the candidate named it
            return _lead(draft)
        named = nickname(draft.items[0][1]) if draft.items else ""
        named = named or _opening(text, 7)
        where = context.heading or context.question
        return f"{where}: {named}" if where else named
    named = _lead(draft) or (nickname(draft.items[0][1]) if draft.items else "")
    if not draft.title and _DATE_ONLY.match(context.heading or ""):  # a diary's "12 March 2024"
        return f"{context.heading}: {named or _opening(text, 7)}"
    title = draft.title or context.heading or asked or context.question or named
    if not title and draft.questions:
        title = draft.questions[0]
    if not title:
        title = _opening(text)
    if context.topic and context.topic.lower() not in title.lower():
        title = f"{context.topic}: {title}"
    return title.strip(" :") or "Untitled story"


def _metrics(text: str) -> list[Metric]:
    """Each sentence stating a figure in digits; projections keep ``measured=False``."""
    out = []
    for sentence in split_sentences(text):
        figures = [m.group(0).strip() for m in _DIGIT_FIGURE.finditer(sentence)]
        figures = [f for f in figures if any(ch.isdigit() for ch in f)]
        if figures:
            value = " to ".join(figures[:2]) if " to " in sentence else figures[0]
            measured = not PROJECTION_WORDS.search(sentence)
            out.append(Metric(value=value, what=sentence[:160], measured=measured))
    return out


def _missing(sections: Sections, labelled: bool, words: int, draft: Draft) -> list[str]:
    missing = []
    if labelled:
        present = sections.present()
        for name in ("situation", "action", "result"):
            if not present[name] and not (name == "situation" and present["task"]):
                missing.append(f"no {name}")  # a "Challenge:" or "Problem:" sets the scene
    if words < THIN_WORDS:
        missing.append(f"only {words} words")
    missing += [f"placeholder: '{p}'" for p in draft.placeholders]
    return missing


def build_story(
    draft: Draft, context: Context, story_id: str, principles: list[Principle]
) -> Story:
    """The story a draft tells; nothing is added that the notes do not say."""
    names = {p.id: p.name for p in principles}
    if draft.title:  # "Test rig from spare parts [Frugality]": the tag is the principle
        draft.title, tagged = principle_tags(draft.title, principles)
        draft.principles = [*(names[t] for t in tagged), *draft.principles]
    closing = names_only_principles(draft.body[-1].rstrip("."), principles) if draft.body else []
    if closing and (len(draft.body) > 1 or draft.pieces):  # "- dive deep / earn trust" at the end
        draft.body = draft.body[:-1]
        draft.principles = [*draft.principles, *(names[p] for p in closing)]
    joined = {name: clean_inline(" ".join(draft.pieces.get(name, []))) for name in SECTION_NAMES}
    body = clean_inline(" ".join(draft.body))
    inferred: list[str] = list(draft.notes)
    labelled = any(joined.values())
    units = [clean_inline(s) for item in draft.body for s in split_sentences(item)]
    only_aside = labelled and not any(joined[n] for n in ("situation", "action", "result"))
    cued = cue_sections(body, units=units) if only_aside and body else None
    if cued:  # "lesson:" the only label: the story above it is split like unlabelled prose
        joined = {n: " ".join(x for x in (cued.get(n, ""), joined[n]) if x) for n in joined}
        inferred.append("sections split from unlabelled prose by STAR cues and order")
    elif labelled and body:  # text before the first label sets the scene
        joined["situation"] = f"{body} {joined['situation']}".strip()
    if not labelled:
        cued = cue_sections(body)
        if cued:
            joined, labelled = cued, True
            inferred.append("sections split from unlabelled prose by STAR cues and order")
    sections = Sections(**joined) if labelled else Sections()
    text = " ".join(v for v in joined.values() if v) if labelled else body
    questions = list(dict.fromkeys(q for q in [*draft.questions, context.question] if q))
    story_principles = _principles(draft, context, principles)
    if draft.principles:
        inferred.append("principles from the list in the notes")
    elif context.principle:
        inferred.append("principle from the heading above it")
    if context.question and context.question in questions:
        inferred.append("question from the heading above it")
    where = context.heading or context.question
    if draft.episode and not draft.title and where:
        inferred.append(f"{EPISODE_OF} '{where}'")
    words = len(text.split())
    missing = _missing(sections, labelled, words, draft)
    span = f"{context.path}:{min(draft.lines)}-{max(draft.lines)}"
    return Story(
        id=story_id,
        title=_title(draft, context, text),
        primary_principle=story_principles[0] if story_principles else None,
        secondary_principles=story_principles[1:],
        questions=questions,
        sections=sections,
        body=body if not draft.pieces else "",
        metrics=_metrics(text),
        thin=bool(missing),
        source=span,
        spans=[span],
        inferred=inferred,
        missing=missing,
        people=people_named(text),
        origin="notes",
    )
