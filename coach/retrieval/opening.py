"""Open a retriever over the user's stories: the index is brought up to date, then searched."""

from __future__ import annotations

from coach.index import embedding
from coach.index.builder import build_index, open_store
from coach.knowledge.bank import load_knowledge
from coach.knowledge.corpus import all_stories
from coach.retrieval.retriever import Retriever


def open_retriever(include_notes: bool = True) -> Retriever:
    """A retriever over the bank (and registered notes), with the index synced first."""
    kb = load_knowledge()
    stories = all_stories(kb, include_notes)
    store = open_store()
    report = build_index(kb, stories, store, embedding.embed_for_index)
    query = lambda texts: embedding.query_embedder().encode(texts)  # noqa: E731
    return Retriever(kb, stories, store, query, report)
