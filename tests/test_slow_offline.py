"""End to end with no network but loopback: a fresh HOME, the CLI and the app in chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import CHROMIUM

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent


def _can_unshare() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare -n is not permitted here (needs root)")
def test_cli_and_app_coach_with_no_network(tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists(), "Debian chromium is missing; `make test` installs it."
    env = {**os.environ, "HOME": str(tmp_path / "home"), "COACH_HOME": str(tmp_path / "coach")}
    (tmp_path / "home").mkdir()
    script = f"ip link set lo up && {sys.executable} tests/offline_app_check.py"
    done = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=900)  # fmt: skip
    assert done.returncode == 0, (done.stdout[-1500:], done.stderr[-3000:])
    assert done.stdout.split() == ["network-unreachable", "cli-ok", "app-ok"]
