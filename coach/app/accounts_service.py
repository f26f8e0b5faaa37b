"""One coach per signed-in account, behind the same face as a single ``CoachService``.

The app's callbacks call ``service.asking``, ``service.practice``... as in single-user mode; here
each attribute is looked up on the signed-in user's own service, and ``data_dir()`` answers that
user's folder for the whole request. The user comes from the request Gradio authenticated, never
from anything the browser sends, so no request can reach another account's sources, stories,
index, history or plans. The model process is shared by everyone.
"""

from __future__ import annotations

import contextvars
import threading
from pathlib import Path

from coach.app.service import CoachService
from coach.core.accounts import workspace_of
from coach.core.paths import set_workspace_resolver


def signed_in_user() -> str | None:
    """The account name of the request being served (Gradio's authenticated user), if any."""
    from gradio.context import LocalContext

    request = LocalContext.request.get(None)
    return getattr(request, "username", None) if request is not None else None


class AccountServices:
    """A ``CoachService`` per account, created on the account's first request."""

    def __init__(self, model: str | None = None) -> None:
        self.default = CoachService(model)  # the root: knowledge and warm-up, no user's data
        self._services: dict[str, CoachService] = {}
        self._lock = threading.Lock()
        set_workspace_resolver(self.workspace)

    def workspace(self) -> Path | None:
        """The signed-in user's folder (None outside a request: the root)."""
        user = signed_in_user()
        return workspace_of(user) if user else None

    def current(self) -> CoachService:
        """The service of the signed-in user (the root's outside a request)."""
        user = signed_in_user()
        if user is None:
            return self.default
        with self._lock:
            service = self._services.get(user)
            if service is None:
                service = CoachService(models=self.default.runtime.models)
                self._services[user] = service
                context = contextvars.copy_context()  # the index is built in the user's folder
                threading.Thread(target=context.run, args=(self._prepare, service),
                                 daemon=True).start()  # fmt: skip
        return service

    @staticmethod
    def _prepare(service: CoachService) -> None:
        try:
            service.runtime.critic  # noqa: B018 (index and critic, ahead of the first question)
        finally:
            service.runtime.warm = True

    def __getattr__(self, name: str):
        return getattr(self.current(), name)
