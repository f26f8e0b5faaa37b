"""Grounded STAR drafts: the model backends (never in the coach's process), prompt templates,
the planner and writer, and the grounding check every model sentence must pass.
"""

from coach.core.faces import lazy_face

__all__ = ["DraftOptions", "DraftWriter", "GroundingChecker", "choose_model", "load_model"]
__getattr__ = lazy_face(
    __name__,
    {
        "DraftWriter": "coach.drafting.draft",
        "DraftOptions": "coach.drafting.ask",
        "GroundingChecker": "coach.drafting.grounding",
        "load_model": "coach.drafting.backends.choice",
        "choose_model": "coach.drafting.backends.choice",
    },
)
