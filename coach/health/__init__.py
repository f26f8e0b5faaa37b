"""Is the setup sound: ``coach doctor``'s checks (lock, native build, model, embedder, index,
data, sources, offline) and the smoke test ``make test`` runs first.
"""

from coach.core.faces import lazy_face

__all__ = ["Check", "run_checks"]
__getattr__ = lazy_face(
    __name__,
    {
        "run_checks": "coach.health.doctor",
        "Check": "coach.health.doctor",
    },
)
