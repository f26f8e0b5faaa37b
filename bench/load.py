"""Load benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/load.py

20 concurrent critiques and 4 concurrent drafts (default model) through the app's own API over
loopback, against one server process; p50/p95 latency per kind and the server's peak RSS.
Repeated RUNS times on one server (the first run includes warming up).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import coach  # noqa: E402, F401  (offline switches before gradio_client loads)
from tests.browser import served_process  # noqa: E402
from tests.load import run_load, wait_warm  # noqa: E402

RUNS = 3


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="coach-bench-load-"))
    subprocess.run([sys.executable, "-m", "coach.cli", "index"], cwd=REPO, check=True,
                   env={"COACH_HOME": str(home), "PATH": "/usr/bin:/bin"},
                   capture_output=True)  # fmt: skip
    with served_process(home) as (url, proc):
        wait_warm(url)  # the background warm-up: index, encoder, model
        for run in range(1, RUNS + 1):
            result = run_load(url, proc.pid)
            print(f"run {run}: {result.summary()}")
            for failure in result.failures:
                print(f"  failed: {failure}")


if __name__ == "__main__":
    main()
