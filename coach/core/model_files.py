"""Model files shipped as PyPI data packages: where they are kept and how their parts are joined."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

_CHUNK = 1 << 22


def models_dir() -> Path:
    """Where installed models live: ``COACH_MODELS_DIR``, else a folder in the user's cache shared
    by every data folder and clone (a large file is kept once)."""
    override = os.environ.get("COACH_MODELS_DIR")
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "interview-coach" / "models"


def join_parts(
    files: Sequence[Path], target: Path, progress: Callable[[str], None] | None = None
) -> str:
    """Join ``files`` in order into ``target``; the SHA-256 of what was written."""
    digest = hashlib.sha256()
    with open(target, "wb") as out:
        for n, part in enumerate(files, start=1):
            with open(part, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if progress:
                progress(f"joined part {n} of {len(files)}")
    return digest.hexdigest()
