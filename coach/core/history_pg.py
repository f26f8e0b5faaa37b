"""Practice history in PostgreSQL, for a deployment (``DATABASE_URL``); SQLite stays the default.

Each workspace keeps its tables in its own Postgres schema (``coach_`` and a hash of its data
directory), so the same SQL serves both engines and one candidate's rows are never in another's
tables. ``migrate`` copies an SQLite history in, once, inside one transaction.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coach.core.database import DatabaseUnreachable, database_url, pg_schema
from coach.core.history import History, HistoryUnavailable

PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS critiques (
    id BIGSERIAL PRIMARY KEY,
    created DOUBLE PRECISION NOT NULL,
    question TEXT NOT NULL,
    principle TEXT NOT NULL,
    overall INTEGER NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    answer TEXT NOT NULL,
    result TEXT NOT NULL,
    session BIGINT
);
CREATE TABLE IF NOT EXISTS sessions (
    id BIGSERIAL PRIMARY KEY,
    created DOUBLE PRECISION NOT NULL,
    principles TEXT NOT NULL,
    questions TEXT NOT NULL,
    report TEXT
);
CREATE TABLE IF NOT EXISTS migrations (
    source TEXT PRIMARY KEY,
    at DOUBLE PRECISION NOT NULL,
    critiques INTEGER NOT NULL,
    sessions INTEGER NOT NULL
);
"""


def schema_for(workspace: Path) -> str:
    """The Postgres schema that holds one workspace's history."""
    digest = hashlib.sha256(str(workspace.expanduser().resolve()).encode()).hexdigest()[:16]
    return f"coach_{digest}"


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class PostgresHistory(History):
    """The practice history of one workspace, in its own schema of a PostgreSQL database."""

    placeholder = "%s"

    def __init__(self, url: str, workspace: Path) -> None:
        self.url = url
        self.schema = schema_for(workspace)
        self.path = Path(f"postgresql:{self.schema}")  # what reports name
        self.notices: list[str] = []
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        import psycopg

        with self._lock:
            try:
                with pg_schema(self.url, self.schema, None if self._ready else PG_SCHEMA) as conn:
                    self._ready = True
                    yield conn
            except DatabaseUnreachable as exc:
                raise HistoryUnavailable(
                    f"The practice history database cannot be reached ({exc}); coaching goes on."
                ) from exc
            except psycopg.Error as exc:
                raise HistoryUnavailable(
                    f"Your practice history failed ({_first_line(exc)})."
                ) from exc

    def migrate_from(self, source: History) -> tuple[int, int, bool]:
        """Copy every session and critique of ``source`` in, keeping times and the links
        between them; (critiques, sessions, copied now). A source already copied is skipped."""
        rows = source.dump()
        key = str(source.path.resolve()) if source.path.exists() else str(source.path)
        counts = (len(rows["critiques"]), len(rows["sessions"]))
        with self._connect() as conn:
            done = conn.execute("SELECT critiques, sessions FROM migrations WHERE source = %s",
                                (key,)).fetchone()  # fmt: skip
            if done is not None:
                return int(done[0]), int(done[1]), False
            new_ids: dict[int, int] = {}
            for old_id, created, principles, questions, report in rows["sessions"]:
                new_ids[old_id] = conn.execute(
                    "INSERT INTO sessions (created, principles, questions, report) "
                    "VALUES (%s, %s, %s, %s) RETURNING id",
                    (created, principles, questions, report),
                ).fetchone()[0]
            for _, created, question, principle, overall, points, answer, result, session in rows[
                "critiques"
            ]:
                conn.execute(
                    "INSERT INTO critiques (created, question, principle, overall, points, "
                    "answer, result, session) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    (created, question, principle, overall, points, answer, result,
                     new_ids.get(session) if session is not None else None),
                )  # fmt: skip
            conn.execute("INSERT INTO migrations VALUES (%s, %s, %s, %s)",
                         (key, time.time(), *counts))  # fmt: skip
        return counts[0], counts[1], True


def open_history() -> History:
    """The practice history: PostgreSQL when ``DATABASE_URL`` names one, else SQLite in the
    data directory."""
    from coach.core.paths import data_dir

    url = database_url()
    return PostgresHistory(url, data_dir()) if url else History()
