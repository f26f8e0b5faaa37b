"""Foundations every stage uses: one-sentence errors, paths, settings, safe YAML, the
knowledge schema, the contract's ids and the result shapes.
"""

from coach.core.faces import lazy_face

__all__ = [
    "AskResult",
    "CoachError",
    "Critique",
    "KnowledgeBase",
    "KnowledgeError",
    "Story",
    "data_dir",
    "load_settings",
]
__getattr__ = lazy_face(
    __name__,
    {
        "CoachError": "coach.core.errors",
        "KnowledgeError": "coach.core.errors",
        "data_dir": "coach.core.paths",
        "load_settings": "coach.core.settings",
        "Story": "coach.core.schema",
        "KnowledgeBase": "coach.core.schema",
        "AskResult": "coach.core.results",
        "Critique": "coach.core.results",
    },
)
