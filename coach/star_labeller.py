"""Label each sentence of a typed answer as situation, task, action, result, lesson or other.

Two sources of evidence, no language model: cue phrases people use ("my job was", "as a result",
"I learned"), and the nearest labelled sentences of the story bank (every bank section sentence
is a training example). A weak position prior breaks ties: answers tend to run in STAR order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.models import SECTION_NAMES, Story
from coach.sentences import split_sentences

Embed = Callable[[list[str]], np.ndarray]
LABELS: tuple[str, ...] = (*SECTION_NAMES, "other")
NEIGHBOURS = 9
CUE_WEIGHT = 2.0  # leave-one-story-out sentence accuracy on the bank: 0.70 (0.51 without cues)
POSITION_WEIGHT = 1.0

_CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"^(at (my|our|the) (previous|last|old)?|when I (was|joined)|while I was|a few years ago|"
        r"last year|in \d{4}|there was|there were|our team|we were|we had|I was (working|the|a|an|"
        r"on|at|leading))\b",
        re.IGNORECASE,
    ),
    "task": re.compile(
        r"\b(my (task|job|goal|role|responsibility|challenge|mission) (was|is)|I (had|needed|was "
        r"asked|was expected) to|the (goal|task|challenge|problem) was|I was responsible for|"
        r"it was up to me)\b",
        re.IGNORECASE,
    ),
    "action": re.compile(
        r"^(so |then |first,? |next,? |finally,? |after that,? )?I (\w+ed|built|wrote|led|made|ran|"
        r"took|spoke|set|chose|broke|drew|got|gave|sat|met|put|brought|began|found|went|sent|"
        r"held|kept|told|taught|did)\b",
        re.IGNORECASE,
    ),
    "result": re.compile(
        r"\b(as a result|the result|in the end|ultimately|eventually|this (led|saved|cut|meant|"
        r"reduced|increased|improved)|we (shipped|delivered|launched|met|hit|reached|made it)|"
        r"went from|rose|dropped|increased|reduced|improved|\d+\s?%)",
        re.IGNORECASE,
    ),
    "lesson": re.compile(
        r"\b(I learned|I learnt|lesson|taught me|in hindsight|looking back|next time|since then|"
        r"I now|from then on|what I took away|I would (do|have)|if I did it again)\b",
        re.IGNORECASE,
    ),
}
_FILLER = re.compile(r"^(thank you|thanks|that'?s (it|all)|hope (this|that) helps|ok(ay)?|so)\W*$",
                     re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence of the answer and the STAR part it plays."""

    text: str
    label: str
    confidence: float


def training_examples(stories: Sequence[Story]) -> list[tuple[str, str, str]]:
    """(sentence, section, story id) for every section sentence of the given stories."""
    return [
        (sentence, section, story.id)
        for story in stories
        for section in SECTION_NAMES
        for sentence in split_sentences(getattr(story.sections, section))
    ]


class StarLabeller:
    """Cue rules + nearest bank sentences + a position prior."""

    def __init__(self, stories: Sequence[Story], embed: Embed) -> None:
        examples = training_examples(stories)
        self.embed = embed
        self.texts = [e[0] for e in examples]
        self.labels = np.array([LABELS.index(e[1]) for e in examples])
        self.owners = np.array([e[2] for e in examples])
        self.vectors = embed(self.texts)

    def _scores(self, sentence: str, vector: np.ndarray, position: float, skip: str | None):
        scores = np.zeros(len(LABELS))
        sims = self.vectors @ vector
        if skip is not None:
            sims = np.where(self.owners == skip, -1.0, sims)
        for index in np.argsort(-sims)[:NEIGHBOURS]:
            scores[self.labels[index]] += max(float(sims[index]), 0.0)
        scores /= scores.sum() or 1.0
        for label, pattern in _CUES.items():
            if pattern.search(sentence):
                scores[LABELS.index(label)] += CUE_WEIGHT / 3
        expected = min(4, int(position * 5))  # 0 situation ... 4 lesson
        scores[expected] += POSITION_WEIGHT / 3
        return scores

    def label(self, text: str, skip_story: str | None = None) -> list[LabelledSentence]:
        """Every sentence of ``text`` with its STAR label. ``skip_story`` hides one bank story
        from the neighbours (for leave-one-out evaluation)."""
        sentences = split_sentences(text)
        if not sentences:
            return []
        vectors = self.embed(sentences)
        out = []
        for i, (sentence, vector) in enumerate(zip(sentences, vectors, strict=True)):
            if len(sentence.split()) < 3 or _FILLER.match(sentence):
                out.append(LabelledSentence(sentence, "other", 1.0))
                continue
            scores = self._scores(sentence, vector, i / max(len(sentences) - 1, 1), skip_story)
            best = int(np.argmax(scores))
            out.append(LabelledSentence(sentence, LABELS[best], float(scores[best] / scores.sum())))
        return out

    def present(self, labelled: list[LabelledSentence]) -> dict[str, bool]:
        """Which STAR parts an answer contains."""
        found = {item.label for item in labelled}
        return {part: part in found for part in SECTION_NAMES}


def leave_one_story_out_accuracy(labeller: StarLabeller, stories: Sequence[Story]) -> float:
    """Share of bank section sentences labelled with their own section when their story is
    hidden from the neighbours (each story's sections joined in order, as an answer would be)."""
    right = total = 0
    for story in stories:
        gold = [(s, sec) for s, sec, _ in training_examples([story])]
        if not gold:
            continue
        predicted = labeller.label(" ".join(s for s, _ in gold), skip_story=story.id)
        if len(predicted) != len(gold):
            continue
        right += sum(p.label == g for p, (_, g) in zip(predicted, gold, strict=True))
        total += len(gold)
    return right / total if total else 0.0
