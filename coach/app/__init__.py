"""The Gradio app's logic: the shared runtime (index, critic, model, status), one handler per tab,
the views that turn results into Markdown and tables, and the serve options.
"""

from coach.core.faces import lazy_face

__all__ = ["CoachService"]
__getattr__ = lazy_face(
    __name__,
    {
        "CoachService": "coach.app.service",
    },
)
