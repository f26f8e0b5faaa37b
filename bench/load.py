"""Load benchmark: prints figures, asserts nothing. Run: .venv/bin/python bench/load.py

1. One candidate's app: 20 concurrent critiques and 4 concurrent drafts (default model) through
   the app's own API over loopback, repeated RUNS times on one server.
2. A shared deployment: CANDIDATES accounts (each uploads a small notes file, asks 3 questions,
   has 3 answers critiqued, reads their history), 10 at a time, against one app process, first on
   a Chroma server + PostgreSQL + the shared model server, then on the embedded defaults (chromadb
   in the data folder, SQLite); p50/p95 per action, errors, cross-user leaks, peak memory of each
   process. Everything listens on loopback; services live in temporary folders.
   `--candidates N` and `--model none` make it smaller; `--only single|accounts` picks one part.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from scratch import scratch_dir

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import coach  # noqa: E402, F401  (offline switches before gradio_client loads)
from tests.browser import served_process  # noqa: E402
from tests.load import run_load, wait_warm  # noqa: E402
from tests.load_accounts import PASSWORD, peak_rss_mb, process_tree, run_candidates  # noqa: E402
from tests.services import chroma_server, postgres_server  # noqa: E402

RUNS = 3


def single() -> None:
    home = Path(scratch_dir("coach-bench-load-"))
    subprocess.run([sys.executable, "-m", "coach.cli", "index"], cwd=REPO, check=True,
                   env={"COACH_HOME": str(home), "PATH": "/usr/bin:/bin"},
                   capture_output=True)  # fmt: skip
    with served_process(home) as (url, proc):
        wait_warm(url)  # the background warm-up: index, encoder, model
        for run in range(1, RUNS + 1):
            result = run_load(url, proc.pid)
            print(f"single user, run {run}: {result.summary()}")
            for failure in result.failures:
                print(f"  failed: {failure}")


def _postgres_pids(url: str) -> list[int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity")]


def deployment(candidates: int, model: str, services: bool) -> None:
    home = Path(scratch_dir("coach-bench-accounts-"))
    label = "Chroma server + PostgreSQL + model server" if services else "embedded defaults"
    with ExitStack() as stack:
        env = {}
        if services:
            host, port = stack.enter_context(chroma_server(Path(scratch_dir())))
            database = stack.enter_context(postgres_server())
            env = {"CHROMA_HTTP_HOST": host, "CHROMA_HTTP_PORT": str(port),
                   "DATABASE_URL": database}  # fmt: skip
        os.environ.update(env)  # the accounts go where the app will look for them
        os.environ["COACH_HOME"] = str(home)
        from coach.core.accounts import AccountStore

        store = AccountStore()
        for n in range(candidates):
            store.add(f"cand{n:03d}", PASSWORD)
        url, proc = stack.enter_context(served_process(home, "--model", model))
        wait_warm(url, auth=("cand000", PASSWORD))  # a server is up before candidates arrive
        uploads = Path(scratch_dir("coach-bench-notes-"))
        result = run_candidates(url, uploads, candidates)
        app_mb = peak_rss_mb(process_tree(proc.pid))
        memory = f"app + model processes {app_mb} MB"
        if services:
            chroma = [int(p) for p in subprocess.run(["pgrep", "-f", "chroma run"],
                      capture_output=True, text=True).stdout.split()]  # fmt: skip
            memory += (f", chroma {peak_rss_mb(chroma)} MB, postgres "
                       f"{peak_rss_mb(_postgres_pids(env['DATABASE_URL']))} MB")
        print(f"{candidates} candidates, {label}: {result.summary()}; peak memory {memory}")
        for line in (result.failures + result.leaks)[:10]:
            print(f"  {line}")
        for key in env:
            os.environ.pop(key, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["single", "accounts"])
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--model", default="gemma3-270m", help="the shared model, or none")
    args = parser.parse_args()
    if args.only in (None, "single"):
        single()
    if args.only in (None, "accounts"):
        for services in (True, False):
            deployment(args.candidates, args.model, services)


if __name__ == "__main__":
    main()
