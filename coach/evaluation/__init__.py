"""Measure retrieval and critique on evaluation sets that the caller passes in (never read from
tests/ by the runtime).
"""

from coach.core.faces import lazy_face

__all__ = ["critique_report", "retrieval_report"]
__getattr__ = lazy_face(
    __name__,
    {
        "retrieval_report": "coach.evaluation.retrieval",
        "critique_report": "coach.evaluation.critique",
    },
)
