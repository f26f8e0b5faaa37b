"""Read a question aloud on this machine with espeak-ng (Debian's package), when it is there."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from coach.core.errors import CoachError

VOICE = "en-us"
WORDS_PER_MINUTE = 150


def available() -> bool:
    """Whether espeak-ng is installed."""
    return shutil.which("espeak-ng") is not None


def speak_to_file(text: str, target: Path | None = None) -> Path:
    """A WAV file of ``text`` read aloud; one sentence when espeak-ng is missing or fails."""
    if not available():
        raise CoachError("Reading aloud needs espeak-ng (sudo apt-get install espeak-ng).")
    if target is None:
        folder = Path(tempfile.mkdtemp(prefix="coach-question-"))
        target = folder / "question.wav"
    done = subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(target), text[:2000]],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if done.returncode != 0 or not target.exists():
        raise CoachError("espeak-ng could not read the question aloud.")
    return target
