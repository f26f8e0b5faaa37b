"""Critique benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/critique.py

Measures, on this machine, with no language model:
- warm time per critique over every answer of the calibration and held-out sets (each answer is
  new to the process, so nothing is served from a cache), median and p95 of several passes, with
  the sentence-transformers encoder (what the app keeps loaded) and with the numpy encoder (what a
  one-shot `coach critique` uses to start fast);
- the whole `coach critique` command, cold, on a typical answer and on a 1 MB answer;
- peak RSS of the warm process.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch import scratch_dir

from coach.evaluation.sets import sets_in

SETS = sets_in(Path(__file__).resolve().parents[1] / "tests" / "data")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
COACH = str(Path(sys.executable).with_name("coach"))
PASSES = 3
COLD_RUNS = 3


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _cold(argv: list[str], env: dict[str, str]) -> float:
    times = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    home = scratch_dir("coach-bench-")
    os.environ["COACH_HOME"] = home
    env = {**os.environ}
    print(f"machine: {os.cpu_count()} cores; warm passes: {PASSES}; cold runs: {COLD_RUNS}")
    subprocess.run([COACH, "index"], env=env, check=True, capture_output=True)

    from coach.critique.critic import Critic
    from coach.evaluation.calibration import load_calibration
    from coach.index import embedding
    from coach.retrieval.opening import open_retriever

    answers = [a for path in SETS.critique.values() for a in load_calibration(path)]
    critic = Critic(open_retriever())
    for name in ("numpy (one-shot CLI)", "sentence-transformers (app, warm)"):
        if name.startswith("sentence"):
            embedding.index_embedder().encode(["warm up"])
        times = []
        for _ in range(PASSES):
            for item in answers:
                embedding.index_embedder()._memo.clear()  # every sentence is new to the encoder
                start = time.perf_counter()
                critic.critique(item.question, item.answer)
                times.append(time.perf_counter() - start)
        print(
            f"warm critique, {name}: median {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {_pct(times, 0.95) * 1000:.0f} ms over {len(times)} critiques"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS of the warm process: {rss} MB")

    typical = answers[0]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write((typical.answer + " ") * (1_000_000 // (len(typical.answer) + 1)))
        big = handle.name
    base = [COACH, "critique", "--question", typical.question, "--json"]
    print(f"cold `coach critique` (whole command), typical answer: "
          f"{_cold([*base, '--answer', typical.answer], env):.2f} s median")  # fmt: skip
    print(f"cold `coach critique` (whole command), 1 MB answer: "
          f"{_cold([*base, '--answer-file', big], env):.2f} s median")  # fmt: skip


if __name__ == "__main__":
    main()
