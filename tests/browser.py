"""Helpers for browser tests: serve the app in a subprocess, drive Debian chromium headless."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium from reaching for the network on its own (this machine has none).
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served_app(home: Path, *args: str) -> Iterator[str]:
    """Run ``app.py`` with its own data directory; yield its URL once the page answers."""
    with served_process(home, *args) as (url, _):
        yield url


@contextmanager
def running(
    command: list[str], ready_url: str, log_path: Path, **popen
) -> Iterator[subprocess.Popen]:
    """Start ``command``, wait until ``ready_url`` answers 200 (60 s at most), stop it after."""
    log = log_path.open("ab")
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **popen)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(ready_url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{command[0]} did not start (exit {proc.poll()}): {tail}")
            time.sleep(0.3)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextmanager
def served_process(home: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """Like ``served_app``, also yielding the server process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "app.py", "--port", str(port), *args]
    env = {**os.environ, "COACH_HOME": str(home)}
    with running(command, url, home / "app.log", cwd=REPO, env=env) as proc:
        yield url, proc


def shot(page, name: str) -> None:
    """A full-page screenshot into ``$COACH_SCREENSHOTS`` when it is set."""
    folder = os.environ.get("COACH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def open_page(browser, url: str, viewport: dict | None = None):
    """A new page on the app, once it says it is ready."""
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    page.goto(url)
    wait_ready(page)
    return page


def wait_ready(page, timeout_s: float = 120) -> None:
    """Wait until the status line says the app is ready (index, encoder and model warm)."""
    page.wait_for_function(
        "document.querySelector('#status') && "
        "document.querySelector('#status').innerText.includes('· ready')",
        timeout=timeout_s * 1000,
    )


def wait_text(page, selector: str, text: str, timeout_s: float = 60) -> None:
    """Wait until the element's visible text contains ``text``."""
    page.wait_for_function(
        "([s, t]) => { const e = document.querySelector(s); return e && e.innerText.includes(t); }",
        arg=[selector, text],
        timeout=timeout_s * 1000,
    )


def wait_empty(page, selector: str, timeout_s: float = 60) -> None:
    """Wait until the element shows no text (Gradio's pending timer, "0.0s", counts as text)."""
    page.wait_for_function(
        "(s) => { const e = document.querySelector(s); return e && e.innerText.trim() === ''; }",
        arg=selector,
        timeout=timeout_s * 1000,
    )


def choose(page, selector: str, option: str) -> None:
    """Pick ``option`` in the Gradio dropdown at ``selector`` by clicking it in the list (typing
    and pressing Enter races the list's filtering), and wait until the dropdown shows it."""
    field = page.locator(f"{selector} input")
    field.click()
    field.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(
        "([s, v]) => document.querySelector(s + ' input').value === v",
        arg=[selector, option],
        timeout=10_000,
    )
