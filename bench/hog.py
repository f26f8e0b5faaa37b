"""Run a command idle and again with a CPU hog on every core; print the slowdown.

Run: .venv/bin/python bench/hog.py [--runs N] [--limit SECONDS] [--hog-only | --idle-only] -- CMD...

The hog is one busy process per core that stops by itself (after ``--limit`` seconds, default
900, or when the command ends). Each run's wall time and exit code are printed, then the medians
and their ratio. Prints figures; asserts nothing. ``start_hog``/``stop_hog`` are used by other
benchmarks too (bench/draft_threads.py).
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import subprocess
import sys
import time


def _spin(until: float) -> None:
    x = 0
    while time.time() < until:
        x = (x * 31 + 7) % 1_000_003


def start_hog(limit: float = 900.0, cores: int | None = None) -> list[multiprocessing.Process]:
    """One busy process per core, each ending by itself after ``limit`` seconds."""
    until = time.time() + limit
    hogs = [
        multiprocessing.Process(target=_spin, args=(until,), daemon=True)
        for _ in range(cores or os.cpu_count() or 2)
    ]
    for hog in hogs:
        hog.start()
    return hogs


def stop_hog(hogs: list[multiprocessing.Process]) -> None:
    for hog in hogs:
        hog.terminate()
    for hog in hogs:
        hog.join(timeout=5)


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start, done.returncode


def main() -> None:
    args = sys.argv[1:]
    if "--" not in args:
        print(__doc__)
        raise SystemExit(2)
    options, command = args[: args.index("--")], args[args.index("--") + 1 :]
    runs = int(options[options.index("--runs") + 1]) if "--runs" in options else 3
    limit = float(options[options.index("--limit") + 1]) if "--limit" in options else 900.0
    print(f"machine: {os.cpu_count()} cores; command: {' '.join(command)}")
    medians = {}
    for label in ("idle", "hog"):
        if f"--{'hog' if label == 'idle' else 'idle'}-only" in options:
            continue
        hogs = start_hog(limit) if label == "hog" else []
        try:
            results = [timed(command) for _ in range(runs)]
        finally:
            stop_hog(hogs)
        times = [t for t, _ in results]
        medians[label] = statistics.median(times)
        shown = ", ".join(f"{t:.2f} s (exit {code})" for t, code in results)
        print(f"{label:>5}: median {medians[label]:.2f} s over {runs} runs: {shown}")
    if len(medians) == 2:
        print(f"slowdown with the hog: {medians['hog'] / medians['idle']:.2f}x")


if __name__ == "__main__":
    main()
