"""Search a built index: dense and BM25 scores fused per story, and the principles a question
probes; ``open_retriever`` syncs the index first, then searches it.
"""

from coach.core.faces import lazy_face

__all__ = ["Retriever", "open_retriever"]
__getattr__ = lazy_face(
    __name__,
    {
        "open_retriever": "coach.retrieval.opening",
        "Retriever": "coach.retrieval.retriever",
    },
)
