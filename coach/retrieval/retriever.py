"""Find the stories that answer a question, and the principles it probes.

Dense search (MiniLM vectors in chroma) over several views of each story, and BM25 over the same
views, are each reduced to one score per story and then fused. The principles come from the
question itself (``principles.PrincipleDetector``), with a little evidence from the best stories.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace

import numpy as np

from coach.core.ids import PRINCIPLE_IDS
from coach.core.schema import KnowledgeBase, Story
from coach.index.builder import IndexReport
from coach.index.collections import QUESTIONS_COLLECTION, STORIES_COLLECTION, labelled_examples
from coach.index.documents import IndexDoc, story_documents
from coach.index.store import Embed, Hit, VectorStore
from coach.knowledge.bank import load_synonyms
from coach.knowledge.notes.titles import heading_of
from coach.knowledge.projects import with_projects
from coach.retrieval.bm25 import LexicalIndex, Thesaurus
from coach.retrieval.fusion import FULL_LEXICAL_TERMS, Mode, fuse, per_story, squash
from coach.retrieval.principles import EVIDENCE_STORIES, LinearPrinciples, PrincipleDetector
from coach.text.asks import ASKS, OTHERS_MISTAKE, STORY_KINDS
from coach.text.question_kind import is_catch_all
from coach.text.question_text import question_content
from coach.text.spoken import Glossary
from coach.text.terms import terms, words_for_terms

DENSE_CANDIDATES = 120  # nearest story views fetched from chroma per question
INFERRED_SECOND = 0.6  # a second inferred principle needs this share of the first's votes
RETELLING_SIMILARITY = 0.75  # measured: retellings 0.66-0.89, distinct bank stories up to 0.81
CATCH_ALL_PENALTY = 10.0  # "about yourself" entries go after every specific story (RETRIEVAL.md)
TIE_MARGIN = 0.3  # fused z-scores this close count as a tie between two entries of a project
TIE_DEPTH = 4  # ties are settled among the first few stories
KIND_DEPTH = 3  # a story filed under the kind of event asked for moves up from this deep
KIND_MARGIN = 1.0  # ...when its fused z-score is this close to the first story's
# a notes entry's question views lose this much cosine for each listed question beyond the first
# two (dev notes sets: 0.02, 0.05, 0.08, 0.12 tried; 0.05 best; see docs/RETRIEVAL.md)
LISTED_QUESTION_COST = 0.05
LISTED_QUESTIONS_FREE = 2
FILED_WEIGHT = 2.0  # fused z for a story filed under the principle the question probes most
FILED_SHOWN = 0.5  # the card says so when the question probes that principle this much
_KIND_LABEL = {
    "story": "the whole story",
    "question": "a question it answers",
    "window": "a passage of it",
}


@dataclass
class StoryMatch:
    """One story and why it matched."""

    story: Story
    score: float
    dense: float
    lexical: float
    views: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    filed_under: str = ""  # the principle asked about that the candidate filed this story under
    fused: float = 0.0  # the fused z-score the ranking follows (``score`` squashes it)

    def why(self) -> str:
        """A short human explanation of the match."""
        parts = []
        if self.views:
            parts.append("closest in " + ", ".join(self.views))
        if self.shared_terms:
            parts.append("shares the words " + ", ".join(self.shared_terms))
        if self.filed_under:
            parts.append(f"you filed it under {self.filed_under}")
        return "; ".join(parts) or "weak match"


@dataclass
class Retrieval:
    """The answer to one question: principles (best first) and stories (best first)."""

    question: str
    principles: list[tuple[str, float]]
    matches: list[StoryMatch]
    likeness: float = 1.0  # how much the text reads like an interview question


def _answers_catch_all(story: Story) -> bool:
    """An entry answering "tell me about yourself", "why this company?" and the like: about
    the candidate in general, never the story for an event."""
    asked = [heading_of(story), *story.questions]
    return story.origin != "bank" and any(is_catch_all(q) for q in asked)


class Retriever:
    """Question -> principles and stories, searching an index that is already built.

    ``report`` says what building the index changed (``coach.index.builder.build_index``).
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        stories: list[Story],
        store: VectorStore,
        query_embed: Embed,
        report: IndexReport | None = None,
    ) -> None:
        self.kb = kb
        stories = with_projects(stories, kb)
        self.stories = {s.id: s for s in stories}
        self.store = store
        self.query_embed = query_embed
        self.report = report or IndexReport.unchanged()
        self.docs: list[IndexDoc] = [d for s in stories for d in story_documents(s)]
        self.lexical = LexicalIndex(self.docs, Thesaurus(load_synonyms()))
        by_owner = {e.owner: e for e in labelled_examples(kb)}
        _, metas, vectors = store.all_vectors(QUESTIONS_COLLECTION)
        examples = [by_owner[m["owner"]] for m in metas]
        classifier = LinearPrinciples.cached(examples, vectors, store.root) if examples else None
        self.detector = PrincipleDetector(examples, vectors, classifier)
        _, metas, vectors = store.all_vectors(STORIES_COLLECTION, where={"kind": "story"})
        self.whole_vectors = {m["owner"]: v for m, v in zip(metas, vectors, strict=True)}
        self.catch_alls = {s.id for s in stories if _answers_catch_all(s)}
        # filed by the candidate under a principle (before any is inferred for the others)
        self.filed = {s.id for s in stories if s.origin != "bank" and s.principles}
        self._names = {p.id: p.name for p in kb.principles}
        groups: dict[str, list[str]] = defaultdict(list)
        for story in stories:
            if story.project:
                groups[story.project].append(story.id)
        self.mates = {sid: [m for m in ids if m != sid] for ids in groups.values() for sid in ids}
        self._affinity: dict[str, np.ndarray] | None = None
        self._glossary: Glossary | None = None
        self._affinity_from: dict[str, str] = {}
        self._infer_principles()

    def glossary(self) -> Glossary:
        """The candidate's own shorthand and spelling, read from all their stories (once)."""
        if self._glossary is None:
            own = [s for s in self.stories.values() if s.origin != "bank"] or list(
                self.stories.values()
            )
            self._glossary = Glossary.of(" \n".join(f"{s.title}. {s.text()}" for s in own))
        return self._glossary

    def project_mates(self, story_id: str) -> list[Story]:
        """The other entries of this story's project, in the order of the notes."""
        return [self.stories[m] for m in self.mates.get(story_id, ()) if m in self.stories]

    def principle_affinity(self) -> dict[str, np.ndarray]:
        """For every story, what its questions (else its whole text) probe: the question-only
        detector's votes over the sixteen principles, averaged over those views. Cached."""
        if self._affinity is None:
            asked: dict[str, list[np.ndarray]] = defaultdict(list)
            _, metas, vectors = self.store.all_vectors(
                STORIES_COLLECTION, where={"kind": "question"}
            )
            for meta, vector in zip(metas, vectors, strict=True):
                asked[meta["owner"]].append(vector)
            self._affinity, self._affinity_from = {}, {}
            for story_id in self.stories:
                views = asked.get(story_id) or [self.whole_vectors.get(story_id)]
                views = [v for v in views if v is not None]
                if views:
                    self._affinity[story_id] = np.mean([self.detector.votes(v) for v in views], 0)
                    self._affinity_from[story_id] = (
                        "its questions" if asked.get(story_id) else ("its text")
                    )
        return self._affinity

    def _infer_principles(self) -> None:
        """Stories whose notes name no principle get the ones their questions (else their whole
        text) probe, from the question-only detector, said so in ``inferred``."""
        bare = [s for s in self.stories.values() if not s.principles]
        if not bare or not len(self.detector.examples):
            return
        affinity = self.principle_affinity()
        for story in bare:
            if story.id not in affinity:
                continue
            votes = affinity[story.id]
            order = np.argsort(-votes)
            chosen = [PRINCIPLE_IDS[int(order[0])]]
            if votes[order[1]] >= INFERRED_SECOND * votes[order[0]]:
                chosen.append(PRINCIPLE_IDS[int(order[1])])
            source = self._affinity_from[story.id]
            self.stories[story.id] = story.model_copy(
                update={
                    "primary_principle": chosen[0],
                    "secondary_principles": chosen[1:],
                    "inferred": [*story.inferred, f"principles inferred from {source}"],
                }
            )

    def search(
        self,
        question: str,
        k: int = 3,
        mode: Mode = "fused",
        restrict: Collection[str] | None = None,
        vector: np.ndarray | None = None,
    ) -> Retrieval:
        """The ``k`` best stories for ``question`` and the principle ranking.

        ``restrict`` limits the candidates to these story ids (the index itself is untouched).
        ``vector`` is the text's embedding when the caller already has it.
        Entries from the user's notes that retell a higher-ranked story are folded into it.
        """
        allowed = set(self.stories) if restrict is None else set(restrict) & set(self.stories)
        if vector is None:
            vector = self.query_embed([question_content(question)])[0]
        dense_views: dict[str, list[float]] = defaultdict(list)
        best_view: dict[str, list[tuple[float, str]]] = defaultdict(list)
        hits = self.store.query(STORIES_COLLECTION, vector, DENSE_CANDIDATES)
        window_best: dict[str, float] = {}
        content: dict[str, float] = {}  # best view of the story's own words (not its questions)
        for hit in hits:
            if hit.owner in allowed and hit.kind == "question":
                hit = self._listed_question(hit)
            if hit.owner in allowed and hit.kind != "question":
                content[hit.owner] = max(content.get(hit.owner, -1.0), hit.similarity)
            if hit.owner in allowed:
                if hit.kind == "window":
                    window_best[hit.owner] = max(window_best.get(hit.owner, -1.0), hit.similarity)
                    continue
                dense_views[hit.owner].append(hit.similarity)
                best_view[hit.owner].append((hit.similarity, hit.kind))
        for owner, value in window_best.items():
            dense_views[owner].append(value)
            best_view[owner].append((value, "window"))
        floor = min((h.similarity for h in hits), default=0.0)
        for owner in allowed - dense_views.keys():
            dense_views[owner].append(floor)  # beyond the nearest views: no closer than the last
        lexical_raw = self.lexical.scores(question)
        top = float(lexical_raw.max()) if len(lexical_raw) else 0.0
        lexical_views: dict[str, list[float]] = defaultdict(list)
        for doc, value in zip(self.docs, lexical_raw, strict=True):
            if doc.story_id in allowed:
                lexical_views[doc.story_id].append(float(value) / top if top > 0 else 0.0)
        trust = 1.0
        if top > 0:  # one shared word is weak evidence however rare it is in small notes
            shared = self.lexical.shared_count(question, int(lexical_raw.argmax()))
            trust = min(1.0, shared / FULL_LEXICAL_TERMS)
        fused = fuse(per_story(dense_views), per_story(lexical_views), mode, allowed, trust)
        if not is_catch_all(question):
            for owner in allowed & self.catch_alls:
                fused[owner] -= CATCH_ALL_PENALTY
        votes = self.detector.votes(vector)  # what the question alone probes, used twice
        filed = self._filed_prior(votes, fused, allowed)

        ranked = self._answer_first(sorted(fused, key=lambda o: -fused[o]), fused, content)
        ranked = self._kind_first(question, ranked, fused)
        order = self._without_retellings(ranked, k)
        evidence = [(self.stories[o], fused[o]) for o in order[:EVIDENCE_STORIES]]
        principles = self.detector.rank(vector, evidence, votes=votes)
        query_terms = set(terms(question))
        matches = []
        for owner in order[:k]:
            story = self.stories[owner]
            views = [
                _KIND_LABEL.get(kind, f"its {kind}")
                for _, kind in sorted(best_view[owner], reverse=True)[:2]
            ]
            common = query_terms & set(terms(story.title + " " + story.text()))
            shared = words_for_terms(question, common)[:6]
            matches.append(
                StoryMatch(
                    story=story,
                    score=round(squash(fused[owner]), 4),
                    dense=round(max(dense_views.get(owner, [0.0])), 4),
                    lexical=round(max(lexical_views.get(owner, [0.0])), 4),
                    views=list(dict.fromkeys(views)),
                    shared_terms=shared,
                    filed_under=self._principle_name(filed.get(owner, "")),
                    fused=fused[owner],
                )
            )
        return Retrieval(question, principles, matches, self.detector.likeness(vector))

    def _listed_question(self, hit: Hit) -> Hit:
        """A question view of a notes entry that lists many questions counts a little less for
        each beyond two: a "Sample Questions" list above an entry names what a whole section
        asks, so each extra one widens what the entry seems to answer (measured on the dev notes
        sets; the example bank's hand-written questions are left as they are)."""
        story = self.stories[hit.owner]
        extra = len(story.questions) - LISTED_QUESTIONS_FREE
        if story.origin != "notes" or extra <= 0:
            return hit
        return replace(hit, similarity=hit.similarity - LISTED_QUESTION_COST * extra)

    def _principle_name(self, principle_id: str) -> str:
        return self._names.get(principle_id, "")

    def _filed_prior(
        self, votes: np.ndarray, fused: dict[str, float], allowed: set[str]
    ) -> dict[str, str]:
        """A story the candidate filed under the principle the question probes (their own
        heading or tag, never an inferred principle) moves up by ``FILED_WEIGHT`` fused z,
        scaled by how much the question probes it. Returns story id -> that principle."""
        if not len(self.detector.examples):
            return {}
        top = float(votes.max()) or 1.0
        share = {p: float(v) / top for p, v in zip(PRINCIPLE_IDS, votes, strict=True)}
        filed: dict[str, str] = {}
        for owner in allowed & self.filed:
            best = max(self.stories[owner].principles, key=lambda p: share.get(p, 0.0))
            fused[owner] += FILED_WEIGHT * share.get(best, 0.0)
            if share.get(best, 0.0) >= FILED_SHOWN:
                filed[owner] = best
        return filed

    def _answer_first(
        self, order: list[str], fused: dict[str, float], content: dict[str, float]
    ) -> list[str]:
        """Between two entries of one project scored within ``TIE_MARGIN`` of each other, the
        one whose own text meets the question better (not just its question heading) comes
        first: a thin entry under a fitting heading does not beat the entry that holds the
        answer."""
        order = list(order)
        for i in range(min(len(order), TIE_DEPTH) - 1):
            a, b = order[i], order[i + 1]
            same = b in self.mates.get(a, ())
            thin_first = self.stories[a].thin and not self.stories[b].thin
            close = fused[a] - fused[b] <= TIE_MARGIN
            if same and thin_first and close and content.get(b, 0) > content.get(a, 0):
                order[i], order[i + 1] = b, a
        return order

    def _kind_first(self, question: str, order: list[str], fused: dict[str, float]) -> list[str]:
        """A failure (conflict, criticism, setback) question: when the first story is not filed
        under that kind of event by the candidate's own headings and one close behind it is
        ("A time you failed"), that one comes first."""
        asked = OTHERS_MISTAKE.sub(" ", question)  # "a time equipment failed" is no failure
        kinds = [a for a in ASKS if a.name in STORY_KINDS and a.question.search(asked)]
        if not kinds or not order:
            return order

        def filed(owner: str) -> bool:
            story = self.stories[owner]
            named = heading_of(story).rstrip("…")
            from_text = " ".join(story.text().split()).startswith(named)  # no heading of its own
            headings = " ".join([*([] if from_text else [named]), *story.questions])
            return any(a.question.search(headings) for a in kinds)

        if filed(order[0]):
            return order
        for owner in order[1:KIND_DEPTH]:
            if fused[order[0]] - fused[owner] <= KIND_MARGIN and filed(owner):
                return [owner, *[o for o in order if o != owner]]
        return order

    def _without_retellings(self, order: list[str], k: int) -> list[str]:
        """Replace notes entries that retell a bank story by that story, keeping the rank."""
        bank = [o for o in order if self.stories[o].origin == "bank" and o in self.whole_vectors]
        kept: list[str] = []
        for owner in order:
            vector = self.whole_vectors.get(owner)
            if self.stories[owner].origin == "notes" and vector is not None:
                retold = [
                    b for b in bank if float(vector @ self.whole_vectors[b]) >= RETELLING_SIMILARITY
                ]
                owner = retold[0] if retold else owner
            if owner not in kept:
                kept.append(owner)
            if len(kept) >= max(k, EVIDENCE_STORIES):
                break
        return kept
