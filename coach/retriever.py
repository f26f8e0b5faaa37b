"""Find the stories that answer a question, and the principles it probes.

Dense search (MiniLM vectors in chroma) over several views of each story, and BM25 over the same
views, are each reduced to one score per story and then fused. The principle ranking adds a small
prior toward stories that show the probed principle.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from coach.documents import IndexDoc, story_documents, story_hash
from coach.knowledge import load_synonyms
from coach.lexical import LexicalIndex, Thesaurus, terms
from coach.models import KnowledgeBase, Story
from coach.principle_detector import (
    EVIDENCE_STORIES,
    QUESTIONS_COLLECTION,
    PrincipleDetector,
    example_groups,
    labelled_examples,
)
from coach.question_text import question_content
from coach.vector_store import Embed, SyncReport, VectorStore

Mode = Literal["dense", "bm25", "fused"]
STORIES_COLLECTION = "story_views"
SECOND_VIEW_WEIGHT = 0.15  # credit for a story's second-best matching view
LEXICAL_WEIGHT = 1.0  # BM25's weight against dense in the z-score fusion
_KIND_LABEL = {"story": "the whole story", "question": "a question it answers"}


@dataclass
class StoryMatch:
    """One story and why it matched."""

    story: Story
    score: float
    dense: float
    lexical: float
    views: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)

    def why(self) -> str:
        """A short human explanation of the match."""
        parts = []
        if self.views:
            parts.append("closest in " + ", ".join(self.views))
        if self.shared_terms:
            parts.append("shares the words " + ", ".join(self.shared_terms))
        return "; ".join(parts) or "weak match"


@dataclass
class Retrieval:
    """The answer to one question: principles (best first) and stories (best first)."""

    question: str
    principles: list[tuple[str, float]]
    matches: list[StoryMatch]


@dataclass
class IndexReport:
    """What building or refreshing the index changed."""

    stories: SyncReport
    examples: SyncReport
    notices: list[str]


def _per_story(values: dict[str, list[float]]) -> dict[str, float]:
    """Best view plus a little credit for a second matching view."""
    out = {}
    for owner, scores in values.items():
        ordered = sorted(scores, reverse=True)
        out[owner] = ordered[0] + SECOND_VIEW_WEIGHT * (ordered[1] if len(ordered) > 1 else 0.0)
    return out


def _zscores(scores: dict[str, float], owners: list[str]) -> dict[str, float]:
    """How exceptional each story's score is for this question (mean 0, unit spread)."""
    values = np.array([scores.get(o, 0.0) for o in owners], dtype=np.float64)
    spread = float(values.std()) or 1.0
    return {o: (v - float(values.mean())) / spread for o, v in zip(owners, values, strict=True)}


def _squash(z: float) -> float:
    """Map a fused z-score to (0, 1): about 0.5 for a clear winner, near 0 for the pack."""
    return float(1.0 / (1.0 + np.exp(-(z - 4.0))))


class Retriever:
    """Question -> principles and stories, over an on-disk index kept in step with the stories."""

    def __init__(
        self,
        kb: KnowledgeBase,
        stories: list[Story],
        store: VectorStore,
        query_embed: Embed,
        index_embed: Embed,
    ) -> None:
        self.kb = kb
        self.stories = {s.id: s for s in stories}
        self.store = store
        self.query_embed = query_embed
        self.index_embed = index_embed
        self.docs: list[IndexDoc] = [d for s in stories for d in story_documents(s)]
        self.examples = labelled_examples(kb)
        self.report = self.refresh()
        self.lexical = LexicalIndex(self.docs, Thesaurus(load_synonyms()))
        _, metas, vectors = store.all_vectors(QUESTIONS_COLLECTION)
        by_owner = {e.owner: e for e in self.examples}
        self.detector = PrincipleDetector([by_owner[m["owner"]] for m in metas], vectors)

    def refresh(self) -> IndexReport:
        """Bring the on-disk index in step with the stories and the labelled examples."""
        groups = {s.id: (story_hash(s), story_documents(s)) for s in self.stories.values()}
        stories = self.store.sync(STORIES_COLLECTION, groups, self.index_embed)
        examples = self.store.sync(
            QUESTIONS_COLLECTION, example_groups(self.examples), self.index_embed
        )
        return IndexReport(stories, examples, list(self.store.notices))

    def principles(self, question: str) -> list[tuple[str, float]]:
        """All sixteen principles ranked for the question."""
        return self.search(question, k=EVIDENCE_STORIES).principles

    def search(self, question: str, k: int = 3, mode: Mode = "fused") -> Retrieval:
        """The ``k`` best stories for ``question`` and the principle ranking."""
        vector = self.query_embed([question_content(question)])[0]
        dense_views: dict[str, list[float]] = defaultdict(list)
        best_view: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for hit in self.store.query(STORIES_COLLECTION, vector, len(self.docs)):
            if hit.owner in self.stories:
                dense_views[hit.owner].append(hit.similarity)
                best_view[hit.owner].append((hit.similarity, hit.kind))
        lexical_raw = self.lexical.scores(question)
        top = float(lexical_raw.max()) if len(lexical_raw) else 0.0
        lexical_views: dict[str, list[float]] = defaultdict(list)
        for doc, value in zip(self.docs, lexical_raw, strict=True):
            lexical_views[doc.story_id].append(float(value) / top if top > 0 else 0.0)
        fused = self._fuse(_per_story(dense_views), _per_story(lexical_views), mode)
        order = sorted(fused, key=lambda owner: -fused[owner])
        evidence = [(self.stories[o], fused[o]) for o in order[:EVIDENCE_STORIES]]
        principles = self.detector.rank(vector, evidence)
        query_terms = set(terms(question))
        matches = []
        for owner in order[:k]:
            story = self.stories[owner]
            views = [
                _KIND_LABEL.get(kind, f"its {kind}")
                for _, kind in sorted(best_view[owner], reverse=True)[:2]
            ]
            shared = sorted(query_terms & set(terms(story.title + " " + story.text())))[:6]
            matches.append(
                StoryMatch(
                    story=story,
                    score=round(_squash(fused[owner]), 4),
                    dense=round(max(dense_views.get(owner, [0.0])), 4),
                    lexical=round(max(lexical_views.get(owner, [0.0])), 4),
                    views=list(dict.fromkeys(views)),
                    shared_terms=shared,
                )
            )
        return Retrieval(question, principles, matches)

    def _fuse(
        self, dense: dict[str, float], lexical: dict[str, float], mode: Mode
    ) -> dict[str, float]:
        """One z-score per story from dense, BM25, or both fused per question.

        Z-scores keep each signal's confidence: a story far ahead on one signal stays ahead,
        where reciprocal-rank fusion would average it away (measured: see docs/RETRIEVAL.md).
        """
        owners = list(self.stories)
        if mode == "dense":
            fused = _zscores(dense, owners)
        elif mode == "bm25":
            fused = _zscores(lexical, owners)
        else:
            zd, zl = _zscores(dense, owners), _zscores(lexical, owners)
            fused = {
                o: (zd[o] + LEXICAL_WEIGHT * zl[o]) / (1 + LEXICAL_WEIGHT) ** 0.5 for o in owners
            }
        return fused
