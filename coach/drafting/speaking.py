"""A story's notes made ready to be spoken: each STAR part as sentences a candidate can say
(``coach.text.spoken``), the fragments set aside as notes to expand, and, for an entry too thin
for the time budget, the facts the same project holds elsewhere in the notes, each keeping the
lines it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.knowledge.notes.assemble import episode_block
from coach.text.measures import is_measure_label, starts_with_change
from coach.text.sentences import split_sentences
from coach.text.spoken import Glossary, Spoken, speak
from coach.text.star_cues import CUES, cue_sections

Embed = Callable[[list[str]], np.ndarray]
MATE_RELEVANCE = 0.35  # a project mate's sentence joins the draft only this close to the question
THIN_SHARE = 0.75  # an entry holding less than this share of the budget borrows from its project
_ADDRESSED = re.compile(r"(?<![-\w])(you|your|yours)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“][^\"”]*[\"”]")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s*")
_WORDY = re.compile(r"[A-Za-z]{2}")  # a list number alone ("1.") is no note to expand


@dataclass
class Line:
    """One spoken sentence of the material, with the notes entry it came from."""

    spoken: Spoken
    where: str  # the entry's place in the notes ("FILE:FIRST-LAST")
    title: str  # the entry's title (for "combined from")


@dataclass
class Material:
    """Everything a draft may say for one story."""

    story: Story
    parts: dict[str, list[Line]] = field(default_factory=dict)
    to_expand: list[str] = field(default_factory=list)
    combined: list[Story] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(line.spoken.words for lines in self.parts.values() for line in lines)

    def changes(self) -> list[str]:
        """Every change made to the notes' words, once each."""
        seen = [c for lines in self.parts.values() for line in lines for c in line.spoken.changes]
        return list(dict.fromkeys(seen))

    def extra(self) -> list[str]:
        """What the draft may say beyond the story's own text: the speakable versions of its
        sentences and the entries of its project it combined (for the grounding check)."""
        spoken = [line.spoken.text for lines in self.parts.values() for line in lines]
        return spoken + [f"{m.title}. {m.text()}" for m in self.combined]

    def projected(self) -> list[str]:
        """Figures the combined entries call projections."""
        return [m.value for mate in self.combined for m in mate.metrics if not m.measured]


def _story_parts(story: Story) -> dict[str, list[str]]:
    """The note sentences of each STAR part; an unlabelled entry split by its cues."""
    present = {p: split_sentences(getattr(story.sections, p)) for p in SECTION_NAMES}
    if any(present.values()):
        return present
    cued = cue_sections(story.body)
    if cued:
        return {p: split_sentences(text) for p, text in cued.items()}
    out: dict[str, list[str]] = {p: [] for p in SECTION_NAMES}
    for sentence in split_sentences(story.body):
        out[_part_of(sentence)].append(sentence)
    return out


def _part_of(sentence: str) -> str:
    """The STAR part a lone note sentence most likely belongs to, by its cues."""
    for part in ("lesson", "result", "task", "situation"):
        if CUES[part].search(sentence):
            return part
    return "action" if CUES["action"].search(sentence) else "situation"


def _with_measure_labels(sentences: list[str]) -> list[str]:
    """A short label line followed by a change between two figures ("Turnaround Time." then
    "2 days -> 1 day") is one note: the label names what changed ("Turnaround Time: 2 days ->
    1 day", said as "Turnaround time went from 2 days to 1 day")."""
    out: list[str] = []
    for sentence in sentences:
        label = _LIST_MARK.sub("", out[-1]).strip().rstrip(".:") if out else ""
        if label and is_measure_label(label) and starts_with_change(sentence):
            out[-1] = f"{label}: {sentence.strip()}"
            continue
        out.append(sentence)
    return out


def _said(story: Story, glossary: Glossary, said: set[str], out: Material) -> dict[str, list]:
    parts: dict[str, list[Line]] = {}
    for part, sentences in _story_parts(story).items():
        for sentence in _with_measure_labels(sentences):
            for spoken in speak(sentence, glossary, said):
                if spoken.speakable and _ADDRESSED.search(_QUOTE.sub(" ", spoken.text)):
                    spoken.speakable = False  # advice to "you", or speech the notes report
                if spoken.speakable:
                    parts.setdefault(part, []).append(Line(spoken, story.source, story.title))
                elif _WORDY.search(spoken.source) and spoken.source not in out.to_expand:
                    out.to_expand.append(spoken.source.strip())
    return parts


def prepare(
    story: Story,
    question: str,
    glossary: Glossary,
    budget_words: int,
    embed: Embed,
    mates: list[Story] | None = None,
) -> Material:
    """The speakable material of a story; a thin entry also takes the sentences of its project
    mates that are close to the question, until the budget is met."""
    out = Material(story)
    said: set[str] = set()
    out.parts = _said(story, glossary, said, out)
    if not mates or not story.thin or out.words >= THIN_SHARE * budget_words:
        return out  # only a thin entry borrows: a full one is an episode of its own
    borrowed: list[tuple[float, str, Line, Story]] = []
    block = episode_block(story)
    for mate in mates:
        if block and episode_block(mate) == block:
            continue  # split from the same block as a different event: its facts are not ours
        scratch = Material(mate)
        for part, lines in _said(mate, glossary, said, scratch).items():
            borrowed += [(0.0, part, line, mate) for line in lines]
    if not borrowed:
        return out
    own = {line.spoken.text.lower() for lines in out.parts.values() for line in lines}
    vectors = embed([question, *(b[2].spoken.text for b in borrowed)])
    sims = vectors[1:] @ vectors[0]
    ranked = sorted(zip(sims, borrowed, strict=True), key=lambda x: -float(x[0]))
    for similarity, (_, part, line, mate) in ranked:
        if out.words >= budget_words or float(similarity) < MATE_RELEVANCE:
            break
        if line.spoken.text.lower() in own:
            continue
        own.add(line.spoken.text.lower())
        out.parts.setdefault(part, []).append(line)
        if mate not in out.combined:
            out.combined.append(mate)
    return out
