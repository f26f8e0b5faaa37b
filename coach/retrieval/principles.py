"""Rank the sixteen principles for a question, without any language model.

The question decides: its nearest labelled examples (question bank and rubric samples) vote for
their principles by similarity, and a linear classifier fitted on the same examples adds its
probabilities. The best-matching stories may add a little evidence, weighted by how clearly the
first one won; a question asked of a workspace whose stories carry no principles loses nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from coach.core.ids import PRINCIPLE_IDS
from coach.core.schema import Story
from coach.index.collections import Example

NEIGHBOURS = 12
SECONDARY_WEIGHT = 0.4
SHARPNESS = 12.0
CLASSIFIER_SHARE = 0.5  # the linear classifier's share of the question's own evidence
CLASSIFIER_C = 4.0  # inverse regularisation of the classifier (scikit-learn's C)
STORY_EVIDENCE = 0.25  # share of the ranking that comes from the best-matching stories
EVIDENCE_STORIES = 3


def _vector(principles: tuple[str, ...] | list[str]) -> np.ndarray:
    """Main principle 1.0, the others SECONDARY_WEIGHT."""
    out = np.zeros(len(PRINCIPLE_IDS), dtype=np.float32)
    for rank, principle in enumerate(principles):
        out[PRINCIPLE_IDS.index(principle)] = 1.0 if rank == 0 else SECONDARY_WEIGHT
    return out


class LinearPrinciples:
    """Softmax regression over question embeddings: weights (dims x 16) and biases (16)."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray) -> None:
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        logits = vector @ self.weights + self.bias
        logits = np.exp(logits - logits.max())
        return logits / float(logits.sum())

    @classmethod
    def fit(cls, examples: list[Example], vectors: np.ndarray) -> LinearPrinciples:
        """Fit on every example; a secondary principle counts as a lighter second sample."""
        from sklearn.linear_model import LogisticRegression  # fitting only; queries use numpy

        rows, labels, weights = [], [], []
        for row, example in enumerate(examples):
            for rank, principle in enumerate(example.principles):
                rows.append(row)
                labels.append(PRINCIPLE_IDS.index(principle))
                weights.append(1.0 if rank == 0 else SECONDARY_WEIGHT)
        model = LogisticRegression(C=CLASSIFIER_C, max_iter=2000)
        model.fit(vectors[rows], labels, sample_weight=weights)
        full_w = np.zeros((vectors.shape[1], len(PRINCIPLE_IDS)), dtype=np.float32)
        full_b = np.full(len(PRINCIPLE_IDS), -1e4, dtype=np.float32)
        for column, label in enumerate(model.classes_):
            full_w[:, label] = model.coef_[column]
            full_b[label] = model.intercept_[column]
        return cls(full_w, full_b)

    @classmethod
    def cached(cls, examples: list[Example], vectors: np.ndarray, folder: Path) -> LinearPrinciples:
        """The fitted classifier for exactly these examples, fitted once and kept in ``folder``."""
        key = hashlib.sha256(
            "\n".join(f"{e.text}|{','.join(e.principles)}" for e in examples).encode()
            + vectors.tobytes()
        ).hexdigest()[:16]
        path = folder / "principle_classifier.npz"
        try:
            saved = np.load(path)
            if str(saved["key"]) == key:
                return cls(saved["weights"], saved["bias"])
        except (OSError, KeyError, ValueError):
            pass
        model = cls.fit(examples, vectors)
        try:
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, key=key, weights=model.weights, bias=model.bias)
            tmp.replace(path)
        except OSError:
            pass  # a read-only data folder only costs the fit next time
        return model


class PrincipleDetector:
    """Similarity-weighted votes of labelled examples plus a linear classifier, optionally
    blended with the matched stories."""

    def __init__(
        self,
        examples: list[Example],
        vectors: np.ndarray,
        classifier: LinearPrinciples | None = None,
    ) -> None:
        self.examples = examples
        self.vectors = vectors
        self.classifier = classifier
        self.weights = (
            np.stack([_vector(e.principles) for e in examples])
            if examples
            else np.zeros((0, len(PRINCIPLE_IDS)), dtype=np.float32)
        )

    def likeness(self, query_vector: np.ndarray) -> float:
        """How much the text reads like an interview question: the mean similarity of its three
        nearest labelled questions (real questions 0.30-0.80, gibberish and chit-chat below)."""
        if not len(self.examples):
            return 1.0
        sims = self.vectors @ query_vector
        return float(np.sort(sims)[-3:].mean())

    def votes(self, query_vector: np.ndarray) -> np.ndarray:
        """The question's own evidence, as a distribution over the sixteen principles."""
        if not len(self.examples):
            return np.full(len(PRINCIPLE_IDS), 1.0 / len(PRINCIPLE_IDS))
        sims = self.vectors @ query_vector
        nearest = np.argsort(-sims)[:NEIGHBOURS]
        votes = np.exp(SHARPNESS * (sims[nearest] - sims[nearest[0]])) @ self.weights[nearest]
        votes = votes / (float(votes.sum()) or 1.0)
        if self.classifier is not None:
            learned = self.classifier.probabilities(query_vector)
            votes = (1 - CLASSIFIER_SHARE) * votes + CLASSIFIER_SHARE * learned
        return votes

    def rank(
        self,
        query_vector: np.ndarray,
        stories: list[tuple[Story, float]] | None = None,
        story_share: float = STORY_EVIDENCE,
        votes: np.ndarray | None = None,
    ) -> list[tuple[str, float]]:
        """All sixteen principles with scores summing to 1, best first.

        ``stories`` are the best-matching stories with their fused z-scores, best first; those
        without principles add nothing. ``votes``: the question's own votes, when the caller
        already has them.
        """
        scores = self.votes(query_vector) if votes is None else votes
        top = [(s, z) for s, z in (stories or [])[:EVIDENCE_STORIES] if s.principles]
        if top and story_share > 0:
            lead = top[0][1]
            evidence = sum(np.exp(z - lead) * _vector(s.principles) for s, z in top)
            evidence = evidence / (float(evidence.sum()) or 1.0)
            scores = (1 - story_share) * scores + story_share * evidence
        ranked = [(p, float(v)) for p, v in zip(PRINCIPLE_IDS, scores, strict=True)]
        return sorted(ranked, key=lambda item: -item[1])
