"""Retrieval benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/retrieval.py

Measures, in one run on this machine:
- index build from scratch (fresh data directory) and a no-op re-index, whole `coach index` command;
- cold `coach ask --retrieve-only --json` process time (median of several runs);
- warm per-question retrieval latency over the dev set (median, p95), next to the time of one
  MiniLM encode of the same question in the same process (sentence-transformers and the numpy
  query encoder), as ratios;
- peak RSS of the warm process and of the index build.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scratch import scratch_dir

from coach.evaluation.sets import sets_in

SETS = sets_in(Path(__file__).resolve().parents[1] / "tests" / "data")

REPO = Path(__file__).resolve().parent.parent
COACH = str(Path(sys.executable).with_name("coach"))
RUNS = 5


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of a command and its peak RSS in MB (from wait4's rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return elapsed, usage.ru_maxrss // 1024


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    home = scratch_dir("coach-bench-")
    env = {**os.environ, "COACH_HOME": home}
    print(f"machine: {os.cpu_count()} cores; runs per figure: {RUNS}")

    build, build_rss = _timed([COACH, "index"], env)
    print(f"index build from scratch (whole command): {build:.1f} s, peak RSS {build_rss} MB")
    noop = [_timed([COACH, "index"], env)[0] for _ in range(RUNS)]
    print(f"no-op re-index (whole command): median {statistics.median(noop):.2f} s")

    question = "Tell me about a time you disagreed with your manager"
    cold = [_timed([COACH, "ask", question, "--retrieve-only", "--json"], env) for _ in range(RUNS)]
    print(
        f"cold `coach ask --retrieve-only`: median {statistics.median(t for t, _ in cold):.2f} s, "
        f"peak RSS {max(r for _, r in cold)} MB"
    )

    os.environ["COACH_HOME"] = home
    sys.path.insert(0, str(REPO))
    from coach.index.embedding import index_embedder, numpy_embedder
    from coach.knowledge.bank import load_dev_questions
    from coach.retrieval.opening import open_retriever
    from coach.text.question_text import question_content

    retriever = open_retriever()
    questions = [q.text for q in load_dev_questions(SETS.retrieval["dev"])]
    st, fast = index_embedder(), numpy_embedder()
    st.encode(["warm up"])  # once loaded, the retriever embeds questions with it too
    retriever.search(questions[0])
    search_t, st_t, fast_t = [], [], []
    for _ in range(3):
        for q in questions:
            t = time.perf_counter()
            st._encode([question_content(q)])  # bypass the memo: a real encode every time
            st_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            fast.encode([question_content(q)])
            fast_t.append(time.perf_counter() - t)
            st._memo.clear()
            t = time.perf_counter()
            retriever.search(q, k=3)
            search_t.append(time.perf_counter() - t)
    med, p95 = statistics.median(search_t), _pct(search_t, 0.95)
    print(
        f"warm retrieval over {len(questions)} dev questions x3: median {med * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms"
    )
    print(
        f"one MiniLM encode of the same question: sentence-transformers median "
        f"{statistics.median(st_t) * 1000:.1f} ms, numpy encoder median "
        f"{statistics.median(fast_t) * 1000:.1f} ms"
    )
    print(
        f"ratio warm retrieval / one encode (medians): {med / statistics.median(st_t):.2f}x "
        f"vs sentence-transformers, {med / statistics.median(fast_t):.2f}x vs numpy encoder"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS of this warm process (both encoders loaded): {peak} MB")


if __name__ == "__main__":
    main()
