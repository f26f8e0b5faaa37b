"""Keep the on-disk index in step with the stories: every collection synced, what changed reported.

Only groups whose content hash changed are embedded again; the manifest lets ``index_is_current``
answer without opening chroma at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.core.paths import data_dir
from coach.core.schema import KnowledgeBase, Story
from coach.index import embedding
from coach.index.chroma_target import chroma_server
from coach.index.collections import (
    CRITIQUE_COLLECTION,
    QUESTIONS_COLLECTION,
    STORIES_COLLECTION,
    critique_groups,
    example_groups,
    labelled_examples,
    story_groups,
)
from coach.index.store import Embed, IndexDoc, SyncReport, VectorStore
from coach.knowledge.bank import load_knowledge, load_star_sentences
from coach.knowledge.corpus import all_stories

Groups = dict[str, tuple[str, list[IndexDoc]]]


@dataclass
class IndexReport:
    """What building or refreshing the index changed."""

    stories: SyncReport
    examples: SyncReport
    critique: SyncReport
    notices: list[str] = field(default_factory=list)

    @property
    def documents_embedded(self) -> int:
        return sum(r.documents_embedded for r in (self.stories, self.examples, self.critique))

    @classmethod
    def unchanged(cls) -> IndexReport:
        return cls(SyncReport(), SyncReport(), SyncReport())


def index_root() -> Path:
    """Where the chroma index and its manifest live."""
    return data_dir() / "index"


def open_store() -> VectorStore:
    """The vector store: embedded in the user's data directory, or on the Chroma server the
    deployment names (the manifest stays in the data directory either way)."""
    return VectorStore(index_root(), embedding.MODEL_NAME, chroma_server())


def collection_groups(kb: KnowledgeBase, stories: list[Story]) -> dict[str, Groups]:
    """Every collection's groups for these stories and this knowledge."""
    return {
        STORIES_COLLECTION: story_groups(stories),
        QUESTIONS_COLLECTION: example_groups(labelled_examples(kb)),
        CRITIQUE_COLLECTION: critique_groups(stories, kb.principles, load_star_sentences()),
    }


def build_index(
    kb: KnowledgeBase, stories: list[Story], store: VectorStore, embed: Embed
) -> IndexReport:
    """Bring every collection in step with the stories; embed only what changed."""
    groups = collection_groups(kb, stories)
    reports = [store.sync(name, groups[name], embed) for name in groups]
    return IndexReport(*reports, notices=list(store.notices))


def index_is_current() -> tuple[bool, int]:
    """Whether the index already matches the stories (no chroma import), and the story count."""
    kb = load_knowledge()
    stories = all_stories(kb)
    store = open_store()
    current = all(
        store.is_current(name, groups) for name, groups in collection_groups(kb, stories).items()
    )
    return current, len(stories)
