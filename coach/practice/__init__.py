"""Preparing over time: mock interviews, loop plans, the story workshop, and story coverage per
principle (the practice history itself is stored by ``coach.core.history``).
"""

from coach.core.faces import lazy_face

__all__ = ["MockSession", "coverage_rows"]
__getattr__ = lazy_face(
    __name__,
    {
        "MockSession": "coach.practice.mock",
        "coverage_rows": "coach.practice.coverage",
    },
)
