"""Fusing the dense and BM25 signals of a search into one score per story."""

from __future__ import annotations

from typing import Literal

import numpy as np

Mode = Literal["dense", "bm25", "rrf", "fused"]
SECOND_VIEW_WEIGHT = 0.15  # credit for a story's second-best matching view
RRF_K = 60  # the usual reciprocal-rank-fusion constant
LEXICAL_WEIGHT = 1.0
# BM25 gets its full weight only when the best lexical match shares this many of the question's
# terms: in a small notes file one shared word ("nobody") is a rare term and scores like a strong
# match (measured on the dev sets: 1, 2, 3; see docs/RETRIEVAL.md)
FULL_LEXICAL_TERMS = 2


def per_story(values: dict[str, list[float]]) -> dict[str, float]:
    """Best view plus a little credit for a second matching view."""
    out = {}
    for owner, scores in values.items():
        ordered = sorted(scores, reverse=True)
        out[owner] = ordered[0] + SECOND_VIEW_WEIGHT * (ordered[1] if len(ordered) > 1 else 0.0)
    return out


def _zscores(scores: dict[str, float], owners: list[str]) -> dict[str, float]:
    """How exceptional each story's score is for this question (mean 0, unit spread)."""
    values = np.array([scores.get(o, 0.0) for o in owners], dtype=np.float64)
    mean, spread = float(values.mean()), float(values.std()) or 1.0
    return {o: (float(v) - mean) / spread for o, v in zip(owners, values, strict=True)}


def squash(z: float) -> float:
    """Map a fused z-score to (0, 1): about 0.5 for a clear winner, near 0 for the pack."""
    return float(1.0 / (1.0 + np.exp(-(z - 4.0))))


def fuse(
    dense: dict[str, float],
    lexical: dict[str, float],
    mode: Mode,
    allowed: set[str],
    trust: float = 1.0,
) -> dict[str, float]:
    """One z-score per story from dense, BM25, or both fused per question; ``trust`` (0-1)
    scales BM25's weight by how many question terms its best match shares.

    Z-scores keep each signal's confidence: a story far ahead on one signal stays ahead,
    where reciprocal-rank fusion would average it away (measured: see docs/RETRIEVAL.md).
    """
    owners = sorted(allowed)
    if mode == "rrf":  # kept for comparison in `coach eval`; see docs/RETRIEVAL.md
        ranked = [sorted(owners, key=lambda o, d=d: -d.get(o, 0.0)) for d in (dense, lexical)]
        rrf = {o: 0.0 for o in owners}
        for order in ranked:
            for rank, owner in enumerate(order, start=1):
                rrf[owner] += 1.0 / (RRF_K + rank)
        return _zscores(rrf, owners)
    if mode == "dense":
        fused = _zscores(dense, owners)
    elif mode == "bm25":
        fused = _zscores(lexical, owners)
    else:
        zd, zl = _zscores(dense, owners), _zscores(lexical, owners)
        weight = LEXICAL_WEIGHT * trust
        fused = {o: (zd[o] + weight * zl[o]) / (1 + weight) ** 0.5 for o in owners}
    return fused
