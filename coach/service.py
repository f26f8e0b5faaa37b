"""Build the coach's long-lived pieces once per process: knowledge, index, retriever."""

from __future__ import annotations

import threading

from coach.corpus import all_stories
from coach.embedding import MODEL_NAME, index_embedder, query_embedder
from coach.knowledge import load_knowledge
from coach.paths import data_dir
from coach.retriever import Retriever
from coach.vector_store import VectorStore

_lock = threading.Lock()
_retriever: Retriever | None = None


def index_root():
    """Where the chroma index and its manifest live."""
    return data_dir() / "index"


def open_retriever(include_notes: bool = True) -> Retriever:
    """A retriever over the bank (and registered notes), with the index synced first."""
    kb = load_knowledge()
    store = VectorStore(index_root(), MODEL_NAME)
    return Retriever(
        kb,
        all_stories(kb, include_notes),
        store,
        lambda texts: query_embedder().encode(texts),
        lambda texts: index_embedder().encode(texts),
    )


def shared_retriever() -> Retriever:
    """The process-wide retriever (built on first use, thread-safe)."""
    global _retriever
    with _lock:
        if _retriever is None:
            _retriever = open_retriever()
        return _retriever
