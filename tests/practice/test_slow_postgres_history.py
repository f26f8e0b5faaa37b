"""Practice history in a real PostgreSQL (initdb and pg_ctl on loopback): workspaces kept apart,
the app's critiques saved there, and ``coach migrate`` from SQLite without loss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.history import History
from coach.core.history_pg import PostgresHistory
from tests.browser import REPO
from tests.services import postgres_server

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("toy_embedder")]
ANSWER = "I rewrote the release checklist myself and cut it from two days to three hours."


@pytest.fixture(scope="module")
def database():
    with postgres_server() as url:
        yield url


def _critique(monkeypatch, home: Path, url: str, question: str):
    from coach.app.service import CoachService

    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.setenv("DATABASE_URL", url)
    service = CoachService("none")
    assert isinstance(service.runtime.history, PostgresHistory)
    outcome = service.practice.critique(question, ANSWER)
    assert outcome.saved, outcome.notice
    return service


def test_the_app_saves_to_postgres_and_workspaces_stay_apart(
    database, monkeypatch, tmp_path: Path
) -> None:
    alice = _critique(monkeypatch, tmp_path / "alice", database, "Question only Alice asked")
    session = alice.practice.start_mock(["ownership"], 1, 60)
    alice.practice.answer_mock(session, ANSWER)
    bob = _critique(monkeypatch, tmp_path / "bob", database, "Question only Bob asked")
    mine = [r["question"] for r in alice.runtime.history.critiques()]
    theirs = [r["question"] for r in bob.runtime.history.critiques()]
    assert "Question only Alice asked" in mine and "Question only Bob asked" not in mine
    assert theirs == ["Question only Bob asked"]
    assert alice.runtime.history.sessions()[0]["report"] and not bob.runtime.history.sessions()
    assert "Question only Alice asked" in alice.runtime.history.export_markdown()
    assert not (tmp_path / "alice" / "history.sqlite3").exists()  # nothing kept locally


def test_migrate_copies_an_sqlite_history_once_without_loss(
    database, monkeypatch, tmp_path: Path
) -> None:
    from coach.app.service import CoachService

    home = tmp_path / "carol"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    service = CoachService("none")
    assert type(service.runtime.history) is History
    session = service.practice.start_mock(["dive-deep"], 2, 60)
    for _ in range(2):
        service.practice.answer_mock(session, ANSWER)
    service.practice.critique("A question outside any mock", ANSWER)
    sqlite_file = home / "history.sqlite3"
    before = sqlite_file.read_bytes()
    rows = History(sqlite_file).dump()

    env = {**os.environ, "COACH_HOME": str(home), "DATABASE_URL": database}
    run = [sys.executable, "-m", "coach.cli.main", "migrate"]
    first = subprocess.run(run, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "Copied 3 critiques and 1 mock sessions" in first.stdout
    again = subprocess.run(run, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "already copied" in again.stdout
    assert sqlite_file.read_bytes() == before  # the source is never changed

    copied = PostgresHistory(database, home).dump()
    assert len(copied["critiques"]) == 3 and len(copied["sessions"]) == 1
    assert [r[1:8] for r in copied["critiques"]] == [r[1:8] for r in rows["critiques"]]
    new_session = copied["sessions"][0][0]
    linked = [r for r in copied["critiques"] if r[8] == new_session]
    assert len(linked) == 2  # both mock answers still belong to their session
    assert json.loads(copied["sessions"][0][4]) == json.loads(rows["sessions"][0][4])


def test_bad_database_settings_are_one_sentence(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(tmp_path), "DATABASE_URL": "mysql://x@127.0.0.1/db"}
    done = subprocess.run([sys.executable, "-m", "coach.cli.main", "migrate"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode != 0 and "must be a PostgreSQL URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_accounts_in_postgres(database) -> None:
    from coach.core.accounts import AccountStore
    from coach.core.errors import CoachError

    store = AccountStore(url=database)
    store.add("dana", "a long enough password")
    assert "dana" in store.names()
    assert store.verify("dana", "a long enough password")
    assert not store.verify("dana", "a wrong password") and not store.verify("nobody", "x" * 9)
    with pytest.raises(CoachError, match="already an account"):
        store.add("dana", "another long password")
    import psycopg

    with psycopg.connect(database) as conn:  # only a bcrypt hash is stored
        (stored,) = conn.execute(
            "SELECT hash FROM coach_accounts.accounts WHERE name = 'dana'"
        ).fetchone()
    assert stored.startswith("$2") and "long enough" not in stored
    store.remove("dana")
    assert "dana" not in store.names()
