"""Transcription, supervised: the worker process is started on first use and kept (the model
loads once); one recording is transcribed at a time and the others wait their turn, told their
place in line; a worker that crashes, or writes nothing for ``HANG_SECONDS``, is stopped and the
next recording starts a fresh one. Bad recordings get one sentence (``CoachError``).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.paths import data_dir
from coach.core.results import TimedWord, Transcript
from coach.speech.model import ensure_model

HANG_SECONDS = 120.0  # no progress for this long: the worker is stopped
START_SECONDS = 120.0  # loading the model may take this long on a busy machine


class SpeechUnavailable(CoachError):
    """Transcription could not run (the worker crashed, hung or would not start)."""


class Transcriber:
    """One worker process, shared by everyone who transcribes in this process."""

    def __init__(
        self,
        threads: int | None = None,
        hang_seconds: float = HANG_SECONDS,
        command: list[str] | None = None,
    ) -> None:
        self.threads = threads or os.cpu_count() or 2
        self.hang_seconds = hang_seconds
        self.command = command  # another worker program (tests); the model is then not joined
        self.process: subprocess.Popen | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.starts = 0
        self.requests = 0
        self._turns = threading.Condition()
        self._line: deque[int] = deque()
        self._tickets = 0
        atexit.register(self.close)

    # ---- the worker process ----------------------------------------------------------------
    def _start(self) -> None:
        command = self.command or [
            sys.executable, "-m", "coach.speech.worker", "--model", str(ensure_model()),
            "--threads", str(self.threads),
        ]  # fmt: skip
        log = data_dir() / "logs" / "speech-worker.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        self.lines = queue.Queue()
        with open(log, "ab") as handle:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=handle,
                text=True, bufsize=1, start_new_session=True,
                env={**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "PASSIVE")},
            )  # fmt: skip
        self.starts += 1
        process = self.process
        threading.Thread(target=self._read, args=(process, self.lines), daemon=True).start()
        ready = self._next(START_SECONDS, "start")
        if not json.loads(ready).get("ready"):
            self.close()
            raise SpeechUnavailable("The transcription process did not start properly.")

    @staticmethod
    def _read(process: subprocess.Popen, lines: queue.Queue[str | None]) -> None:
        # Each process has its own queue: a killed worker's last word never reaches its successor.
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)  # the worker ended

    def _next(self, timeout: float, doing: str) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            raise SpeechUnavailable(
                f"The transcription process stopped responding ({doing}); it was restarted, "
                "so try again."
            ) from None
        if line is None:
            code = self.process.poll() if self.process else None
            self.close()
            raise SpeechUnavailable(
                f"The transcription process ended unexpectedly (exit {code}); it starts afresh "
                "on the next recording."
            )
        return line

    def close(self) -> None:
        """Stop the worker (the next recording starts a fresh one)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)

    @property
    def pid(self) -> int | None:
        process = self.process
        return process.pid if process is not None and process.poll() is None else None

    # ---- one recording at a time -------------------------------------------------------------
    def transcribe(
        self,
        path: Path,
        progress: Callable[[float], None] | None = None,
        waiting: Callable[[int], None] | None = None,
    ) -> Transcript:
        """What was said in ``path``. ``progress`` gets the share done (0-1); ``waiting`` gets
        this recording's place in line while others are transcribed first."""
        path = Path(path)
        if not path.is_file():
            raise CoachError(f"{path} does not exist.")
        with self._turns:
            self._tickets += 1
            ticket = self._tickets
            self._line.append(ticket)
            while self._line[0] != ticket:
                if waiting:
                    waiting(list(self._line).index(ticket))
                self._turns.wait(timeout=1.0)
        try:
            return self._transcribe(path, progress)
        finally:
            with self._turns:
                self._line.popleft()
                self._turns.notify_all()

    def _transcribe(self, path: Path, progress: Callable[[float], None] | None) -> Transcript:
        if self.process is None or self.process.poll() is not None:
            self._start()
        assert self.process is not None and self.process.stdin is not None
        self.requests += 1
        request = self.requests
        try:
            self.process.stdin.write(json.dumps({"id": request, "path": str(path)}) + "\n")
            self.process.stdin.flush()
        except OSError as exc:
            self.close()
            raise SpeechUnavailable("The transcription process ended; try again.") from exc
        while True:
            reply = json.loads(self._next(self.hang_seconds, "transcribing"))
            if reply.get("id") != request:
                continue
            if "progress" in reply:
                if progress:
                    progress(float(reply["progress"]))
                continue
            if "error" in reply:
                raise CoachError(reply["error"])
            return Transcript(
                text=reply["text"],
                seconds=reply["seconds"],
                words=[TimedWord(**w) for w in reply["words"]],
                speech=[tuple(span) for span in reply.get("speech", [])],
            )


_shared: Transcriber | None = None
_shared_lock = threading.Lock()


def shared_transcriber() -> Transcriber:
    """The process-wide transcriber (its worker starts on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Transcriber()
        return _shared
