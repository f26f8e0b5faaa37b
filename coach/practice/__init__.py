"""Preparing over time: mock interviews, the practice history in SQLite, and story coverage per
principle.
"""

from coach.core.faces import lazy_face

__all__ = ["History", "MockSession", "coverage_rows"]
__getattr__ = lazy_face(
    __name__,
    {
        "History": "coach.practice.history",
        "MockSession": "coach.practice.mock",
        "coverage_rows": "coach.practice.coverage",
    },
)
