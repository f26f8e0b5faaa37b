"""Real services for slow tests, each on a free loopback port and a temporary folder."""

from __future__ import annotations

import functools
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser import REPO, free_port, running

CHROMA = REPO / ".venv" / "bin" / "chroma"


@contextmanager
def chroma_server(folder: Path) -> Iterator[tuple[str, int]]:
    """``chroma run`` on loopback with its data in ``folder``; yields (host, port)."""
    command = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    assert command, "the chroma command is missing; `make install` provides it"
    port = free_port()
    command = [command, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)]
    ready = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    with running(command, ready, folder.parent / f"chroma-{port}.log"):
        yield "127.0.0.1", port


def _postgres_bin(name: str) -> str:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]
    assert found, f"PostgreSQL's {name} is missing; `make test` installs Debian's postgresql"
    return found if isinstance(found, str) else found[0]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL (``initdb`` into a temporary folder, ``pg_ctl start`` on a free
    loopback port); yields its URL. As root, the server runs as the user ``nobody``."""
    folder = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = folder / "data", free_port()
    run = functools.partial(subprocess.run, check=True, capture_output=True, timeout=120)
    run([*as_user, _postgres_bin("initdb"), "-D", str(data), "-U", "coach", "--auth=trust",
         "--no-sync"])  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [*as_user, _postgres_bin("pg_ctl"), "-D", str(data)]
    run([*ctl, "-o", options, "-l", str(folder / "server.log"), "-w", "start"])
    try:
        yield f"postgresql://coach@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*ctl, "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
