"""Answer aloud in the app: a recording transcribed on this machine, step by step (place in line,
progress, the transcript), the recording deleted unless the candidate keeps it, and questions
read aloud with espeak-ng."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.results import Transcript
from coach.speech import voice
from coach.speech.recordings import settle
from coach.speech.transcriber import Transcriber, shared_transcriber


@dataclass
class Hearing:
    """One step of a transcription: what to tell the candidate, and the transcript at the end."""

    status: str
    transcript: Transcript | None = None
    failed: bool = False


class SpeechHandler:
    """Transcription for the Critique and Mock tabs (one worker process for the whole app)."""

    def __init__(self, transcriber: Transcriber | None = None) -> None:
        self._transcriber = transcriber

    @property
    def transcriber(self) -> Transcriber:
        return self._transcriber or shared_transcriber()

    def hear(self, recording: str | Path | None, keep: bool = False) -> Iterator[Hearing]:
        """Transcribe ``recording``: its place in line while others go first, the share done,
        then the transcript (or one sentence saying what went wrong). The recording is deleted
        afterwards unless ``keep``; then it is copied into the data folder's recordings."""
        if not recording:
            yield Hearing("Record or upload an answer first.", failed=True)
            return
        steps: queue.Queue = queue.Queue()
        outcome: dict = {}

        def work() -> None:
            try:
                outcome["transcript"] = self.transcriber.transcribe(
                    Path(recording),
                    progress=lambda share: steps.put(("progress", share)),
                    waiting=lambda place: steps.put(("waiting", place)),
                )
            except CoachError as exc:
                outcome["error"] = str(exc)
            finally:
                kept = settle(Path(recording), keep)
                outcome["kept"] = kept
                steps.put(("done", None))

        threading.Thread(target=work, daemon=True).start()
        yield Hearing("Transcribing on this machine…")
        while True:
            kind, value = steps.get()
            if kind == "done":
                break
            if kind == "waiting":
                ahead = "1 recording" if value == 1 else f"{value} recordings"
                yield Hearing(f"Waiting: {ahead} ahead of yours are being transcribed…")
            else:
                yield Hearing(f"Transcribing on this machine… {value:.0%}")
        if "error" in outcome:
            yield Hearing(outcome["error"], failed=True)
            return
        transcript = outcome["transcript"]
        where = f"; the recording is kept in {outcome['kept']}" if outcome["kept"] else (
            "; the recording was deleted")
        yield Hearing(f"Transcribed {transcript.seconds:.0f} s of speech{where}. Correct any "
                      "misheard words, then critique.", transcript)  # fmt: skip

    @staticmethod
    def read_aloud(text: str) -> Path:
        """A WAV of the question read by espeak-ng; one sentence when it is not installed."""
        text = (text or "").strip()
        if not text:
            raise CoachError("There is no question to read yet.")
        return voice.speak_to_file(text)

    @staticmethod
    def can_read_aloud() -> bool:
        return voice.available()
