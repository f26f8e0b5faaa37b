"""BM25 keyword search over the index documents (bm25s), with the user-editable thesaurus."""

from __future__ import annotations

import bm25s
import numpy as np

from coach.index.documents import IndexDoc
from coach.text.terms import terms


class Thesaurus:
    """Groups of interchangeable workplace words; a query is expanded with its groups' terms."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.expansions: dict[str, set[str]] = {}
        for group in groups:
            group_terms = {t for phrase in group for t in terms(phrase)}
            for phrase in group:
                key = " ".join(terms(phrase))
                if key:
                    self.expansions.setdefault(key, set()).update(group_terms)

    def expand(self, query_terms: list[str]) -> list[str]:
        """The query's terms plus the terms of every group one of its words or phrases names."""
        extra: set[str] = set()
        for size in (1, 2, 3):
            for i in range(len(query_terms) - size + 1):
                extra |= self.expansions.get(" ".join(query_terms[i : i + size]), set())
        return query_terms + sorted(extra - set(query_terms))


class LexicalIndex:
    """BM25 over a fixed list of documents, built in memory (milliseconds for a story bank)."""

    def __init__(self, docs: list[IndexDoc], thesaurus: Thesaurus | None = None) -> None:
        self.docs = docs
        self.thesaurus = thesaurus
        self.vocab: dict[str, int] = {}
        corpus_ids = [
            [self.vocab.setdefault(t, len(self.vocab)) for t in terms(d.text)] for d in docs
        ]
        self.doc_terms = [set(ids) for ids in corpus_ids]
        self.model = bm25s.BM25()
        if docs and self.vocab:  # bm25s cannot index nothing; an empty workspace scores zeros
            self.model.index(
                bm25s.tokenization.Tokenized(ids=corpus_ids, vocab=self.vocab),
                show_progress=False,
            )

    def _known(self, query: str) -> list[str]:
        query_terms = terms(query)
        if self.thesaurus:
            query_terms = self.thesaurus.expand(query_terms)
        return [t for t in query_terms if t in self.vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query (zeros when no term is known)."""
        known = self._known(query)
        if not known or not self.docs or not self.vocab:
            return np.zeros(len(self.docs), dtype=np.float32)
        return np.asarray(self.model.get_scores(known), dtype=np.float32)

    def shared_count(self, query: str, doc: int) -> int:
        """How many distinct terms of the query (synonyms included) one document holds."""
        return len({self.vocab[t] for t in self._known(query)} & self.doc_terms[doc])
