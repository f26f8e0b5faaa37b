"""Build the coach's long-lived pieces once per process: knowledge, index, retriever."""

from __future__ import annotations

import threading
from pathlib import Path

from coach.corpus import all_stories
from coach.critique_index import CRITIQUE_COLLECTION, critique_groups
from coach.embedding import MODEL_NAME, index_embedder, query_embedder
from coach.knowledge import load_knowledge
from coach.paths import data_dir
from coach.principle_detector import QUESTIONS_COLLECTION, example_groups, labelled_examples
from coach.retriever import STORIES_COLLECTION, Retriever, story_groups
from coach.vector_store import VectorStore

_lock = threading.Lock()
_retriever: Retriever | None = None


def index_root() -> Path:
    """Where the chroma index and its manifest live."""
    return data_dir() / "index"


def index_is_current() -> tuple[bool, int]:
    """Whether the index already matches the stories (no chroma import), and the story count."""
    kb = load_knowledge()
    stories = all_stories(kb)
    store = VectorStore(index_root(), MODEL_NAME)
    current = (
        store.is_current(STORIES_COLLECTION, story_groups(stories))
        and store.is_current(QUESTIONS_COLLECTION, example_groups(labelled_examples(kb)))
        and store.is_current(CRITIQUE_COLLECTION, critique_groups(stories, kb.principles))
    )
    return current, len(stories)


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
