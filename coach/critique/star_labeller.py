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

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.index.collections import section_sentences
from coach.text.sentences import split_sentences
from coach.text.star_cues import CUES

Embed = Callable[[list[str]], np.ndarray]
LABELS: tuple[str, ...] = (*SECTION_NAMES, "other")
NEIGHBOURS = 9
CUE_WEIGHT = 2.0  # leave-one-story-out sentence accuracy on the bank: 0.70 (0.51 without cues)
POSITION_WEIGHT = 1.0
MIN_CONTEXT_CONFIDENCE = 0.5  # situation labels below this came mostly from position
MIN_TASK_CONFIDENCE = 0.6  # tasks are usually cued ("my job was"); uncued ones need more
_ACTOR = re.compile(r"\b(I|we)\b", re.IGNORECASE)

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
    return [(sentence, section, story.id) for story in stories
            for sentence, section in section_sentences(story)]  # fmt: skip


class StarLabeller:
    """Cue rules + nearest bank sentences + a position prior."""

    def __init__(
        self, labels: Sequence[str], owners: Sequence[str], vectors: np.ndarray, embed: Embed
    ) -> None:
        self.embed = embed
        self.labels = np.array([LABELS.index(label) for label in labels], dtype=np.int64)
        self.owners = np.array(list(owners))
        self.vectors = vectors

    @classmethod
    def from_stories(cls, stories: Sequence[Story], embed: Embed) -> StarLabeller:
        """Embed the stories' section sentences now (tests, evaluation)."""
        examples = training_examples(stories)
        vectors = embed([e[0] for e in examples])
        return cls([e[1] for e in examples], [e[2] for e in examples], vectors, embed)

    def _scores(self, sentence: str, vector: np.ndarray, position: float, skip: str | None):
        scores = np.zeros(len(LABELS))
        if len(self.labels):
            sims = self.vectors @ vector
            if skip is not None:
                sims = np.where(self.owners == skip, -1.0, sims)
            for index in np.argsort(-sims)[:NEIGHBOURS]:
                scores[self.labels[index]] += max(float(sims[index]), 0.0)
            scores /= scores.sum() or 1.0
        cued = [label for label, pattern in CUES.items() if pattern.search(sentence)]
        if "task" in cued and "action" in cued:
            cued.remove("action")  # "I set myself the goal" states the task, not an action
        for label in cued:
            scores[LABELS.index(label)] += CUE_WEIGHT / 3
        expected = min(3, int(position * 4))  # 0 situation ... 3 result; lessons need words
        scores[expected] += POSITION_WEIGHT / 3
        return scores

    def label(self, text: str, skip_story: str | None = None) -> list[LabelledSentence]:
        """Every sentence of ``text`` with its STAR label. ``skip_story`` hides one bank story
        from the neighbours (for leave-one-out evaluation)."""
        sentences = split_sentences(text)
        if not sentences:
            return []
        return self.label_sentences(sentences, self.embed(sentences), skip_story)

    def label_sentences(
        self, sentences: list[str], vectors: np.ndarray, skip_story: str | None = None
    ) -> list[LabelledSentence]:
        """Label sentences whose vectors are already computed."""
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
        """Which STAR parts an answer contains.

        A label alone is not enough where the position prior could have produced it: context
        and task need a confident label or their cue phrase; an action needs someone acting
        ("I" or "we") in a sentence that does not merely state the task.
        """
        found = dict.fromkeys(SECTION_NAMES, False)
        for index, item in enumerate(labelled):
            cued = {label for label, pattern in CUES.items() if pattern.search(item.text)}
            opening = index == 0 and not cued & {"task", "action"}
            if item.label == "situation" and (opening or item.confidence >= MIN_CONTEXT_CONFIDENCE):
                found["situation"] = True
            if item.label == "task" and item.confidence >= MIN_TASK_CONFIDENCE:
                found["task"] = True
            if "task" not in cued and (
                (item.label == "action" and _ACTOR.search(item.text))
                or ("action" in cued and item.confidence < MIN_CONTEXT_CONFIDENCE)
            ):
                found["action"] = True
            if item.label in ("result", "lesson"):
                found[item.label] = True
            for part in ("situation", "task", "lesson"):
                found[part] = found[part] or part in cued
            if index > 0 and "result" in cued:
                found["result"] = True
        return {part: found[part] for part in SECTION_NAMES}


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
