"""One model shared by everyone on a server, with a bounded line in front of it.

Requests are served first come, first served, ``active`` at a time (the model server's parallel
slots). Whoever waits is told their number in line through ``WAIT_LISTENER``; when the line is
full, a request is refused at once with ``ModelBusy`` (the draft then goes on in the notes' own
words) instead of timing out.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from coach.drafting.backends.base import ModelUnavailable, TextModel

WAIT_LISTENER: ContextVar[Callable[[int], None] | None] = ContextVar(
    "coach_model_wait_listener", default=None
)


class ModelBusy(ModelUnavailable):
    """The line in front of the model is full."""


class QueuedModel:
    """A ``TextModel`` whose generations wait their turn in a bounded first-come line."""

    def __init__(self, inner: TextModel, active: int = 1, waiting: int = 16) -> None:
        self.inner = inner
        self.active_max = max(1, active)
        self.waiting_max = max(0, waiting)
        self._cond = threading.Condition()
        self._line: deque[int] = deque()
        self._active = 0
        self._tickets = itertools.count(1)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)  # name, format, counters, describe, close, prepare

    def load(self) -> tuple[int, int]:
        """(generating now, waiting in line)."""
        with self._cond:
            return self._active, len(self._line)

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        self._wait_turn()
        try:
            yield from self.inner.stream(system, user, max_tokens)
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def _wait_turn(self) -> None:
        listener = WAIT_LISTENER.get()
        with self._cond:
            if self._active >= self.active_max and len(self._line) >= self.waiting_max:
                raise ModelBusy(
                    f"The model is busy ({self._active} generating, {len(self._line)} waiting); "
                    "this part is in your notes' own words."
                )
            ticket = next(self._tickets)
            self._line.append(ticket)
            told = 0
            while not (self._line[0] == ticket and self._active < self.active_max):
                number = self._line.index(ticket) + 1
                if listener is not None and number != told:
                    listener(number)
                    told = number
                self._cond.wait(timeout=1.0)
            self._line.popleft()
            self._active += 1
            self._cond.notify_all()
