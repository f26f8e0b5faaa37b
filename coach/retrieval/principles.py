"""Rank the sixteen principles for a question, without any language model.

Two kinds of evidence, blended: the nearest labelled examples (question bank, rubric samples, the
questions stories answer) vote for their principles by similarity; and the stories that best answer
the question vote for the principles they show, weighted by how clearly each one won.
"""

from __future__ import annotations

import numpy as np

from coach.core.ids import PRINCIPLE_IDS
from coach.core.schema import Story
from coach.index.collections import Example

NEIGHBOURS = 12
SECONDARY_WEIGHT = 0.4
SHARPNESS = 12.0
STORY_EVIDENCE = 0.7  # share of the ranking that comes from the best-matching stories
EVIDENCE_STORIES = 3


def _vector(principles: tuple[str, ...] | list[str]) -> np.ndarray:
    """Main principle 1.0, the others SECONDARY_WEIGHT."""
    out = np.zeros(len(PRINCIPLE_IDS), dtype=np.float32)
    for rank, principle in enumerate(principles):
        out[PRINCIPLE_IDS.index(principle)] = 1.0 if rank == 0 else SECONDARY_WEIGHT
    return out


class PrincipleDetector:
    """Similarity-weighted votes of labelled examples, blended with the matched stories."""

    def __init__(self, examples: list[Example], vectors: np.ndarray) -> None:
        self.examples = examples
        self.vectors = vectors
        self.weights = (
            np.stack([_vector(e.principles) for e in examples])
            if examples
            else np.zeros((0, len(PRINCIPLE_IDS)), dtype=np.float32)
        )

    def votes(self, query_vector: np.ndarray) -> np.ndarray:
        """The nearest examples' votes, as a distribution over the sixteen principles."""
        if not len(self.examples):
            return np.full(len(PRINCIPLE_IDS), 1.0 / len(PRINCIPLE_IDS))
        sims = self.vectors @ query_vector
        nearest = np.argsort(-sims)[:NEIGHBOURS]
        votes = np.exp(SHARPNESS * (sims[nearest] - sims[nearest[0]])) @ self.weights[nearest]
        return votes / (float(votes.sum()) or 1.0)

    def rank(
        self, query_vector: np.ndarray, stories: list[tuple[Story, float]] | None = None
    ) -> list[tuple[str, float]]:
        """All sixteen principles with scores summing to 1, best first.

        ``stories`` are the best-matching stories with their fused z-scores, best first.
        """
        scores = self.votes(query_vector)
        if stories:
            top = stories[:EVIDENCE_STORIES]
            lead = top[0][1]
            evidence = sum(np.exp(z - lead) * _vector(s.principles) for s, z in top)
            evidence = evidence / (float(evidence.sum()) or 1.0)
            scores = (1 - STORY_EVIDENCE) * scores + STORY_EVIDENCE * evidence
        ranked = [(p, float(v)) for p, v in zip(PRINCIPLE_IDS, scores, strict=True)]
        return sorted(ranked, key=lambda item: -item[1])
