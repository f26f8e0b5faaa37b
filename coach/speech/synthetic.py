"""Spoken answers made on this machine, with known words, length and pauses: espeak-ng speaks each
stretch of text, sox puts silences between them. Used by ``coach doctor`` to check transcription
end to end, by the speech tests and by ``bench/speech.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.errors import CoachError


@dataclass(frozen=True)
class Spoken:
    """A made recording and what is known about it."""

    path: Path
    text: str
    seconds: float
    pause_starts: list[float] = field(default_factory=list)  # where each inserted silence begins
    pause_seconds: float = 0.0
    speaking_seconds: float = 0.0  # length less the inserted silences


_TRIM = ["silence", "1", "0.02", "0.5%"]


def tools_ready() -> bool:
    """Whether espeak-ng and sox are both installed."""
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise CoachError(f"{command[0]} failed: {done.stderr.strip()[:200]}")


def wav_seconds(path: Path) -> float:
    """The length of a WAV file."""
    with wave.open(str(path), "rb") as handle:
        return handle.getnframes() / handle.getframerate()


def speak(
    stretches: list[str],
    voice: str = "en-us",
    words_per_minute: int = 150,
    pause_seconds: float = 2.0,
    folder: Path | None = None,
) -> Spoken:
    """One recording: each stretch spoken by espeak-ng, ``pause_seconds`` of silence between."""
    if not tools_ready():
        raise CoachError("Making test speech needs espeak-ng and sox (make test installs them).")
    folder = Path(folder or tempfile.mkdtemp(prefix="coach-speech-"))
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[Path] = []
    starts: list[float] = []
    elapsed = speaking = 0.0
    silence = folder / "silence.wav"
    for index, text in enumerate(stretches):
        raw, part = folder / f"raw{index}.wav", folder / f"part{index}.wav"
        _run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(raw), text])
        # the speech alone: espeak-ng's own silence at both ends trimmed, so the inserted
        # silences are the only pauses and the speaking time is known
        _run(["sox", str(raw), str(part), *_TRIM, "reverse", *_TRIM, "reverse"])
        if index == 0:  # silence in the same rate and channels as the speech
            _run(["sox", str(part), str(silence), "trim", "0", "0", "pad", str(pause_seconds), "0"])
        if parts:
            parts.append(silence)
            starts.append(round(elapsed, 3))
            elapsed += pause_seconds
        length = wav_seconds(part)
        parts.append(part)
        elapsed += length
        speaking += length
    target = folder / "answer.wav"
    if len(parts) == 1:
        shutil.copyfile(parts[0], target)
    else:
        _run(["sox", *map(str, parts), str(target)])
    return Spoken(
        path=target,
        text=" ".join(stretches),
        seconds=wav_seconds(target),
        pause_starts=starts,
        pause_seconds=pause_seconds if starts else 0.0,
        speaking_seconds=speaking,
    )


def comparable(text: str) -> str:
    """Lower case, figures as words, no punctuation: the form a transcript and the text it was
    made from are compared in (word error rate)."""
    from coach.speech.delivery import _engine

    def spelled(match: re.Match) -> str:
        return f" {_engine().number_to_words(match.group(0).replace(',', ''), andword='')} "

    text = re.sub(r"\d[\d,]*(?:\.\d+)?", spelled, text)
    text = text.replace("%", " percent ").replace("-", " ")
    return " ".join(re.sub(r"[^a-z' ]", " ", text.lower()).split())
