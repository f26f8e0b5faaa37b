"""Where a model runs: a supervised child process for a GGUF file, or any OpenAI-compatible
server; both stream text and fail with one sentence (``ModelUnavailable``).
"""

from coach.core.faces import lazy_face

__all__ = ["ModelUnavailable", "TextModel", "choose_model", "close_models", "load_model"]
__getattr__ = lazy_face(
    __name__,
    {
        "ModelUnavailable": "coach.drafting.backends.base",
        "TextModel": "coach.drafting.backends.base",
        "choose_model": "coach.drafting.backends.choice",
        "load_model": "coach.drafting.backends.choice",
        "close_models": "coach.drafting.backends.choice",
    },
)
