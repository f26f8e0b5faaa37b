"""How many threads, and which OpenMP wait policy, the model process should use.

Run: .venv/bin/python bench/draft_threads.py [--models gemma3-270m,qwen2.5-coder-1.5b] [--runs N]

For each model, thread count (1, 2) and OpenMP wait policy (the default spin, PASSIVE, and the
coach's own short spin, GOMP_SPINCOUNT=1000), idle and
with a CPU hog on every core (bench/hog.py): a warm model process reads a ~250-token prompt and
writes up to 48 tokens; prints the median time to the first token and tokens per second after
it. A run that writes nothing for 60 s counts as stalled. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from scratch import scratch_dir

os.environ.setdefault("COACH_HOME", scratch_dir("coach-bench-threads-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hog import start_hog, stop_hog

from coach.core.settings import Settings
from coach.drafting.backends.base import ModelUnavailable
from coach.drafting.backends.choice import choose_model
from coach.drafting.backends.process import ModelProcess, SupervisedModel

NOTES = (
    "We had two weeks before code freeze and the snapshot exposure bug was still open. My manager "
    "was on leave and the fix needed the DSP face detection model, which nobody had approved. I "
    "tested it on forty dogfood devices over a weekend, wrote up the risks, shipped it behind a "
    "flag and told my manager the day she came back. The dark-face reports stopped that week. "
) * 3
SYSTEM = "You turn a job candidate's notes into the words they say. Use only the notes."
PROMPT = f"Notes: {NOTES}\nSay the action part in about 40 words, as the candidate."
PLAIN = (
    f"Rewrite interview notes as spoken sentences in the first person.\n\nNotes: {NOTES}\n"
    "Spoken:"
)
TOKENS = 48
POLICIES = {
    "default": {},
    "PASSIVE": {"OMP_WAIT_POLICY": "PASSIVE"},
    "spin1000": {"GOMP_SPINCOUNT": "1000"},
}


def one_run(model: SupervisedModel, n: int = 0) -> tuple[float, float] | None:
    """(seconds to the first token, tokens per second after it), or None when stalled. Each
    run's prompt starts differently, so no run reuses the last one's cached prompt."""
    start = time.perf_counter()
    first = None
    count = 0
    try:
        prompt = f"Take {n}. " + (PLAIN if model.format == "plain" else PROMPT)
        for _ in model.stream(SYSTEM, prompt, max_tokens=TOKENS):
            count += 1
            if first is None:
                first = time.perf_counter() - start
    except ModelUnavailable:
        return None
    if first is None:
        return None
    rest = time.perf_counter() - start - first
    return first, (count - 1) / rest if rest > 0 and count > 1 else 0.0


def measure(path: Path, threads: int, policy: str, runs: int) -> list[tuple[float, float] | None]:
    env = POLICIES[policy]
    model = SupervisedModel(path, Settings(llm_timeout=60))
    model.process = ModelProcess(path, None, 120.0, threads=threads, env=env)
    try:
        model.prepare()
        one_run(model, 99)  # warm: the first run maps the file and fills caches
        return [one_run(model, n) for n in range(runs)]
    finally:
        model.close()


def main() -> None:
    args = sys.argv[1:]
    names = "gemma3-270m,qwen2.5-coder-1.5b"
    if "--models" in args:
        names = args[args.index("--models") + 1]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 2
    print(f"machine: {os.cpu_count()} cores; prompt ~{len(PROMPT.split()) * 4 // 3} tokens, "
          f"up to {TOKENS} tokens written, {runs} runs each (median)")  # fmt: skip
    print(f"{'model':<20}{'load':<6}{'threads':>8}{'policy':>9}{'first token s':>15}{'tok/s':>8}")
    for name in names.split(","):
        choice = choose_model(name)
        if choice.path is None or not choice.path.exists():
            print(f"{name}: not installed")
            continue
        for load in ("idle", "hog"):
            hogs = start_hog(1800) if load == "hog" else []
            try:
                for threads in (1, 2):
                    for policy in POLICIES:
                        results = measure(choice.path, threads, policy, runs)
                        done = [r for r in results if r is not None]
                        stalled = len(results) - len(done)
                        first = statistics.median(r[0] for r in done) if done else float("nan")
                        rate = statistics.median(r[1] for r in done) if done else 0.0
                        note = f"  ({stalled} stalled)" if stalled else ""
                        print(f"{name:<20}{load:<6}{threads:>8}{policy:>9}{first:>15.2f}"
                              f"{rate:>8.1f}{note}", flush=True)  # fmt: skip
            finally:
                stop_hog(hogs)


if __name__ == "__main__":
    main()
