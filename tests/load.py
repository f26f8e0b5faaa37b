"""Concurrent load on the app's own API over loopback (used by bench/load.py and a slow test)."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coach.evaluation.calibration import load_calibration
from coach.evaluation.sets import sets_in

SETS = sets_in(Path(__file__).resolve().parent / "data")

ASK_QUESTIONS = [
    "Tell me about a time you had to move fast with no data.",
    "Tell me about a time you disagreed with your manager.",
    "Describe a time you raised the quality bar on a product.",
    "Tell me about a time you failed.",
]


@dataclass
class LoadResult:
    """Latencies of each kind of request, failures, and the server's peak memory."""

    critiques: list[float]
    drafts: list[float]
    failures: list[str]
    peak_rss_mb: int

    def summary(self) -> str:
        def pct(values: list[float], q: float) -> float:
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if values else 0

        return (
            f"{len(self.critiques)} concurrent critiques: p50 "
            f"{statistics.median(self.critiques):.2f} s, p95 {pct(self.critiques, 0.95):.2f} s; "
            f"{len(self.drafts)} concurrent drafts: p50 "
            f"{statistics.median(self.drafts):.2f} s, p95 {pct(self.drafts, 0.95):.2f} s; "
            f"failures {len(self.failures)}; server peak RSS {self.peak_rss_mb} MB"
        )


def peak_rss_mb(pid: int) -> int:
    """VmHWM of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def wait_warm(url: str, timeout_s: float = 300, auth: tuple[str, str] | None = None) -> None:
    """Wait until the server says its stories are indexed and its model is loaded."""
    from gradio_client import Client

    client = Client(url, auth=auth, verbose=False, analytics_enabled=False, download_files=False)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        status = str(client.predict(api_name="/status"))
        if "· ready" in status:
            return
        time.sleep(1)
    raise TimeoutError("the app did not finish warming up")


def run_load(url: str, pid: int, critiques: int = 20, drafts: int = 4) -> LoadResult:
    """Fire ``critiques`` critiques and ``drafts`` drafts at once; wait for every one."""
    from gradio_client import Client

    answers = [a for a in load_calibration(SETS.critique["calibration"]) if not a.junk]
    failures: list[str] = []

    def critique(n: int) -> float:
        item = answers[n % len(answers)]
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
        start = time.perf_counter()
        out = client.predict(item.question, item.answer, False, api_name="/critique")
        if "Overall" not in str(out[0]):
            failures.append(f"critique {n}: {str(out[0])[:120]}")
        return time.perf_counter() - start

    def draft(n: int) -> float:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
        start = time.perf_counter()
        out = client.predict(ASK_QUESTIONS[n % len(ASK_QUESTIONS)], [], 2, "best story",
                             api_name="/ask")  # fmt: skip
        reply = out[0][-1]["content"] if out and out[0] else ""
        if "Follow-ups to expect" not in str(reply):
            failures.append(f"draft {n}: {str(reply)[:200]}")
        return time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=critiques + drafts) as pool:
        draft_jobs = [pool.submit(draft, n) for n in range(drafts)]
        critique_jobs = [pool.submit(critique, n) for n in range(critiques)]
        critique_times = [job.result(timeout=600) for job in critique_jobs]
        draft_times = [job.result(timeout=600) for job in draft_jobs]
    return LoadResult(critique_times, draft_times, failures, peak_rss_mb(pid))
