"""Many candidates on one server, each signed in to their own account (bench/load.py): every
candidate uploads a small notes file, asks three questions and has three answers critiqued, and
every reply is checked for anything of another candidate's."""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "load-test-password"
MARK = re.compile(r"MARK-(\d{3})-Q")
QUESTIONS = (
    "Tell me about a time you kept a harbour crossing running in bad weather.",
    "Describe a time you trained people on a new safety plan.",
    "Tell me about a time you had to act fast before a storm.",
)


def notes_for(n: int) -> str:
    """A small notes file whose story carries the candidate's own mark."""
    return (f"# Ownership\n\n### Harbour crossing of candidate {n:03d}\n"
            f"S: The ferry radio failed before a storm; our code word was MARK-{n:03d}-Q.\n"
            "T: I had to keep the morning crossings safe.\n"
            "A: I drafted a signal plan with the harbour and trained two deckhands on it.\n"
            "R: We ran all twelve crossings that week with no missed signal.\n")  # fmt: skip


@dataclass
class CandidateRun:
    """Latencies per action, failures, leaks, and wall time."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        def pct(values: list[float], q: float) -> float:
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

        parts = [f"{kind} p50 {statistics.median(v):.2f} s p95 {pct(v, 0.95):.2f} s (n={len(v)})"
                 for kind, v in self.times.items() if v]  # fmt: skip
        return (f"{'; '.join(parts)}; errors {len(self.failures)}; cross-user leaks "
                f"{len(self.leaks)}; wall {self.seconds:.0f} s")  # fmt: skip


def run_candidates(url: str, folder: Path, count: int, parallel: int = 10) -> CandidateRun:
    """``count`` candidates, ``parallel`` at a time, against the app at ``url``."""
    from gradio_client import Client, handle_file

    run = CandidateRun()
    lock = threading.Lock()

    def timed(kind: str, call):
        start = time.perf_counter()
        out = call()
        with lock:
            run.times[kind].append(time.perf_counter() - start)
        return str(out)

    def candidate(n: int) -> None:
        name = f"cand{n:03d}"
        seen: list[str] = []
        try:
            client = Client(url, auth=(name, PASSWORD), verbose=False, download_files=False)
            notes = folder / f"{name}.md"
            notes.write_text(notes_for(n), encoding="utf-8")
            upload = handle_file(str(notes))
            seen.append(timed("ingest", lambda: client.predict(upload, api_name="/upload_notes")))
            for question in QUESTIONS:
                reply = timed("ask", lambda q=question: client.predict(
                    q, [], 1.0, "best story", api_name="/ask"))  # fmt: skip
                seen.append(reply)
                if f"candidate {n:03d}" not in reply:
                    run.failures.append(f"{name}: own story not found for {question!r}")
            for k in range(3):
                answer = (f"I kept the crossing safe ({k}). I drafted a signal plan and trained "
                          "two deckhands. We ran twelve crossings with no missed signal.")
                seen.append(timed("critique", lambda a=answer, k=k: client.predict(
                    f"{name} question {k}", a, False, api_name="/critique")))  # fmt: skip
            history = timed("history", lambda: client.predict(api_name="/history"))
            seen.append(history)
            others = set(re.findall(r"cand(\d{3}) question", history)) - {f"{n:03d}"}
            if others:
                run.leaks.append(f"{name} saw critiques of {sorted(others)}")
        except Exception as exc:  # counted, never raised: the run goes on
            run.failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:160]}")
        foreign = {m for text in seen for m in MARK.findall(text)} - {f"{n:03d}"}
        if foreign:
            run.leaks.append(f"{name} saw the notes of {sorted(foreign)}")

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(candidate, range(count)))
    run.seconds = time.perf_counter() - start
    return run


def peak_rss_mb(pids: list[int]) -> int:
    """Sum of the peak resident memory (VmHWM) of these processes, in MB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) // 1024
        except OSError:
            continue
    return total


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return found
