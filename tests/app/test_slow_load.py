"""20 concurrent critiques and 4 concurrent drafts through the app's API all succeed, bounded in
time, with the server under 2 GB."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import served_process
from tests.load import run_load, wait_warm

pytestmark = pytest.mark.slow


def test_concurrent_critiques_and_drafts(tmp_path: Path) -> None:
    with served_process(tmp_path) as (url, proc):
        wait_warm(url)
        result = run_load(url, proc.pid, critiques=20, drafts=4)  # speed: bench/load.py
    print(result.summary())
    assert result.failures == []
    assert len(result.critiques) == 20 and len(result.drafts) == 4
    assert result.peak_rss_mb <= 2048
