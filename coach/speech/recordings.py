"""Recordings stay on this machine: deleted after transcription unless the candidate keeps them
(then copied into ``$COACH_HOME/recordings``)."""

from __future__ import annotations

import contextlib
import shutil
import time
from pathlib import Path

from coach.core.paths import data_dir


def recordings_dir() -> Path:
    return data_dir() / "recordings"


def settle(path: Path, keep: bool) -> Path | None:
    """After transcription: the kept copy's path, or None once the recording is deleted."""
    path = Path(path)
    kept = None
    if keep and path.exists():
        recordings_dir().mkdir(parents=True, exist_ok=True)
        kept = recordings_dir() / f"{time.strftime('%Y%m%d-%H%M%S')}{path.suffix or '.wav'}"
        shutil.copyfile(path, kept)
    with contextlib.suppress(OSError):
        path.unlink()
    return kept
