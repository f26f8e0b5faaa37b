"""The on-disk index: documents made from stories, MiniLM embeddings, the chroma vector store,
and the builder that keeps every collection in step with the stories (only changes re-embedded).
"""

from coach.core.faces import lazy_face

__all__ = ["VectorStore", "build_index", "index_is_current", "open_store"]
__getattr__ = lazy_face(
    __name__,
    {
        "build_index": "coach.index.builder",
        "open_store": "coach.index.builder",
        "index_is_current": "coach.index.builder",
        "VectorStore": "coach.index.store",
    },
)
