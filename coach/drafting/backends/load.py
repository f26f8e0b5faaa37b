"""How busy the rest of the machine is, so the model worker picks its thread count per request.

Measured with bench/draft_threads.py on 2 cores (docs/MODELS.md): with the machine otherwise
idle, two threads generate about 1.5x faster than one; with every core busy elsewhere, two
threads fall behind one (Gemma 3 270M: 17.6 against 26.7 tokens/s). So the worker samples
``/proc/stat`` once a second, subtracts its own CPU time, and uses every core while the others
leave them free, one fewer while they do not.
"""

from __future__ import annotations

import os
import threading
import time

INTERVAL = 1.0  # seconds between samples
BUSY_OTHERS = 0.5  # cores kept busy by other processes that count as a busy machine
_SMOOTHING = 0.5  # weight of the newest sample


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def _own_ticks() -> int:
    """Clock ticks this process (all its threads) has spent on the CPU."""
    with open("/proc/self/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


class LoadWatch:
    """A background sampler of the cores other processes keep busy."""

    def __init__(self, interval: float = INTERVAL) -> None:
        self.cores = os.cpu_count() or 1
        self.busy_elsewhere = 0.0
        self.interval = interval
        try:
            self._last = (*_machine_ticks(), _own_ticks())
        except (OSError, ValueError, IndexError):
            self._last = None  # no /proc: keep every core
            return
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            self.sample()

    def sample(self) -> float:
        """Take one sample now; the smoothed cores busy elsewhere."""
        if self._last is None:
            return 0.0
        busy, total, own = (*_machine_ticks(), _own_ticks())
        d_busy, d_total, d_own = busy - self._last[0], total - self._last[1], own - self._last[2]
        self._last = (busy, total, own)
        if d_total > 0:
            cores_busy = max(0.0, (d_busy - d_own) / d_total * self.cores)
            self.busy_elsewhere += _SMOOTHING * (cores_busy - self.busy_elsewhere)
        return self.busy_elsewhere

    def threads(self) -> int:
        """Every core while the rest of the machine is idle, one fewer while it is busy."""
        if self.busy_elsewhere >= BUSY_OTHERS:
            return max(1, self.cores - 1)
        return self.cores
