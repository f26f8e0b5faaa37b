"""Score a typed answer without a model: STAR labelling, surface signals, the rubric's ten
dimensions and fifteen flags with quoted evidence, follow-ups and a checked coach note.
"""

from coach.core.faces import lazy_face

__all__ = ["Critic", "CritiqueOptions"]
__getattr__ = lazy_face(
    __name__,
    {
        "Critic": "coach.critique.critic",
        "CritiqueOptions": "coach.critique.critic",
    },
)
