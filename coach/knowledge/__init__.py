"""What the coach knows: the example bank, the rubric and question bank, the user's notes sources
parsed into stories (``notes/``), and the corpus of every story the other stages see.
"""

from coach.core.faces import lazy_face

__all__ = ["all_stories", "ingest", "load_knowledge", "registered_sources"]
__getattr__ = lazy_face(
    __name__,
    {
        "load_knowledge": "coach.knowledge.bank",
        "all_stories": "coach.knowledge.corpus",
        "ingest": "coach.knowledge.ingest",
        "registered_sources": "coach.knowledge.sources",
    },
)
