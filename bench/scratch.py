"""Scratch folders for benchmarks that are removed when the benchmark exits."""

from __future__ import annotations

import atexit
import shutil
import tempfile


def scratch_dir(prefix: str = "coach-bench-") -> str:
    """A new empty folder under the system temp folder, deleted (with its contents) at exit."""
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
