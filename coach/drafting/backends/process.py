"""A GGUF model served by a supervised child process, so no native crash or hang reaches the coach.

The child is the coach's own OpenAI-compatible model worker (``backends.worker``), or any
server the ``llm_server_command`` setting names (llama-cpp-python's, llama.cpp's llama-server),
bound to a free loopback port. The coach streams from it over HTTP. When the child crashes, hangs
past the deadline or is killed, the request fails with one sentence (the draft carries on in the
notes' own words), the child is stopped, and the next request starts a fresh one.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from coach.core.paths import data_dir
from coach.core.settings import Settings
from coach.drafting.backends.base import (
    CONTEXT_TOKENS,
    REPEAT_PENALTY,
    ModelUnavailable,
    PromptFormat,
    prompt_format,
)
from coach.drafting.backends.gguf import GGUFError, read_metadata
from coach.drafting.backends.http import ServerModel

POLL_SECONDS = 0.05


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def default_command() -> list[str]:
    """The coach's own model worker (``backends.worker``), which exits when the coach does."""
    return [
        sys.executable, "-m", "coach.drafting.backends.worker", "--model", "{model}",
        "--port", "{port}", "--threads", "{threads}", "--context", "{context}",
    ]  # fmt: skip


SPIN_COUNT = "1000"  # spins before an idle OpenMP thread sleeps


def describe_exit(code: int | None) -> str:
    """How a child process ended, in words ("crashed with SIGSEGV", "exited with code 1")."""
    if code is None:
        return "is still running"
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"crashed with {signal.Signals(-code).name}"
        return f"was killed by signal {-code}"
    return f"exited with code {code}"


def model_environment() -> dict[str, str]:
    """What the model process runs with: OpenMP threads that spin only briefly
    (``GOMP_SPINCOUNT=1000``) before they sleep while they wait, unless the user chose a wait
    policy. The busy-waiting default made generation collapse to under one token a second on
    a busy machine; sleeping at once (``OMP_WAIT_POLICY=PASSIVE``) cost a third of the speed
    on an idle one (bench/draft_threads.py)."""
    chosen = {k: os.environ[k] for k in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT") if k in os.environ}
    return chosen or {"GOMP_SPINCOUNT": SPIN_COUNT}


class ModelProcess:
    """One child process serving one GGUF file on a loopback port; restarted on demand."""

    def __init__(
        self,
        path: Path,
        command: list[str] | None = None,
        start_timeout: float = 90.0,
        threads: int = 0,
        env: dict[str, str] | None = None,
    ) -> None:
        self.path = path
        self.command = command or default_command()
        self.start_timeout = start_timeout
        self.threads = threads  # 0: the worker follows the machine's load (backends.load)
        self.env = env if env is not None else model_environment()
        self.log_path = data_dir() / "logs" / "model-server.log"
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.ready = False
        self.starts = 0
        self.last_failure: str | None = None
        self._lock = threading.Lock()
        atexit.register(self.stop)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        """Launch the child if none is running (returns at once; ``wait_ready`` waits)."""
        with self._lock:
            if self.process is not None and self.process.poll() is None:
                return
            self.port = free_loopback_port()
            own = self.command == default_command()
            threads = self.threads or (0 if own else os.cpu_count() or 2)
            values = {"model": str(self.path), "port": str(self.port),
                      "threads": str(threads), "context": str(CONTEXT_TOKENS)}  # fmt: skip
            argv = [part.format(**values) for part in self.command]
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env={**os.environ, **self.env, "COACH_PARENT_PID": str(os.getpid())},
                    start_new_session=True,  # Ctrl-C in a terminal reaches the coach, not the child
                )
            self.ready = False
            self.starts += 1

    def wait_ready(self) -> str:
        """The base URL once the child answers; raises ModelUnavailable when it cannot start."""
        self.start()
        if self.ready:
            return self.url
        deadline = time.monotonic() + self.start_timeout
        with httpx.Client(trust_env=False, timeout=2.0) as client:
            while time.monotonic() < deadline:
                process = self.process
                if process is None or process.poll() is not None:
                    code = process.poll() if process else None
                    self.stop()
                    raise self._failed(f"The model process {describe_exit(code)} while starting")
                try:
                    if client.get(self.url + "/models").status_code == 200:
                        self.ready = True
                        return self.url
                except httpx.HTTPError:
                    pass
                time.sleep(POLL_SECONDS)
        self.stop()
        raise self._failed(f"The model process did not start within {self.start_timeout:g} seconds")

    def _failed(self, what: str) -> ModelUnavailable:
        self.last_failure = f"{what}{self._log_tail()}."
        return ModelUnavailable(self.last_failure)

    def _log_tail(self) -> str:
        with contextlib.suppress(OSError):
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
            last = next((line.strip() for line in reversed(lines) if line.strip()), "")
            if last:
                return f" (its log ends: {last[:160]})"
        return ""

    def failure(self, wait: float = 0.5) -> str | None:
        """How the child ended, if it has (waiting briefly for a dying one); None while it runs."""
        process = self.process
        if process is None:
            return None
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
        if process.poll() is None:
            return None
        return f"The model process {describe_exit(process.returncode)}"

    def stop(self) -> None:
        """Stop the child (and anything it started); safe to call at any time."""
        with self._lock:
            process, self.process, self.ready = self.process, None, False
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=3)

    @property
    def pid(self) -> int | None:
        process = self.process
        return process.pid if process is not None and process.poll() is None else None


class SupervisedModel:
    """A GGUF model phrasing through its own supervised process (the default local backend)."""

    def __init__(self, path: Path, settings: Settings, command: list[str] | None = None) -> None:
        self.path = path
        self.name = path.name
        try:
            self.format: PromptFormat = prompt_format(read_metadata(path))
        except (GGUFError, OSError):
            self.format = "plain"
        self.process = ModelProcess(
            path,
            command or settings.llm_server_command,
            settings.llm_start_timeout,
            threads=settings.llm_threads,
        )
        self.client = ServerModel(
            self.process.url,
            model=None,
            api="completions",
            token_timeout=settings.llm_timeout,
            prompt_style=self.format,
            extra={"repeat_penalty": REPEAT_PENALTY},
        )
        self.client.name = self.name
        self.client.discover_name = False  # this server serves exactly one file: ours

    @property
    def tokens_generated(self) -> int:
        return self.client.tokens_generated

    @property
    def generation_seconds(self) -> float:
        return self.client.generation_seconds

    @property
    def record(self) -> list | None:
        return self.client.record

    @record.setter
    def record(self, value: list | None) -> None:
        self.client.record = value

    def prepare(self) -> None:
        """Start the process now (it loads while the coach searches the stories)."""
        self.process.start()

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        """Pieces from the worker (started or restarted as needed); a crash or hang stops it and
        raises ModelUnavailable with what happened."""
        self.client.base_url = self.process.wait_ready().rstrip("/")
        try:
            yield from self.client.stream(system, user, max_tokens)
        except ModelUnavailable as exc:
            ended = self.process.failure()
            reason = f"{ended}." if ended else str(exc)
            self.process.stop()  # a hung child is stopped too; the next request starts afresh
            self.process.last_failure = reason
            raise ModelUnavailable(reason) from exc

    def describe(self) -> str:
        """The model process's state in a few words, for the status line."""
        if self.process.pid is not None:
            return "own process, ready" if self.process.ready else "own process, starting…"
        if self.process.last_failure:
            return f"{self.process.last_failure.rstrip('.')}; it restarts on the next request"
        return "own process, starts on first use"

    def close(self) -> None:
        self.process.stop()
        self.client.close()
