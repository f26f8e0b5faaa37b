"""Practice history in SQLite in the user data directory: every critique and mock session.

Never silently wiped: a database that cannot be read is copied aside before a fresh one is made,
and a locked one is reported while coaching goes on.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from coach.core.paths import data_dir
from coach.core.results import Critique

SCHEMA = """
CREATE TABLE IF NOT EXISTS critiques (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    question TEXT NOT NULL,
    principle TEXT NOT NULL,
    overall INTEGER NOT NULL,
    points REAL NOT NULL,
    answer TEXT NOT NULL,
    result TEXT NOT NULL,
    session INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    principles TEXT NOT NULL,
    questions TEXT NOT NULL,
    report TEXT
);
"""
BUSY_TIMEOUT_S = 2.0
LOCKED = (
    "Your practice history is locked by another program; nothing is saved until it is free, "
    "but coaching goes on."
)


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    """SQLite's way of saying another connection holds the database."""
    return "locked" in str(exc) or "busy" in str(exc)


class HistoryUnavailable(Exception):
    """The history database cannot be used right now; the message says why, in one sentence."""


def history_path() -> Path:
    """Where the practice history lives."""
    return data_dir() / "history.sqlite3"


class History:
    """Read and write the practice history. Thread-safe; one connection per call.

    The SQL is written once with ``?`` placeholders; a subclass for another engine sets
    ``placeholder`` and its own ``_connect``."""

    placeholder = "?"

    def _q(self, sql: str) -> str:
        """``sql`` with this engine's placeholders."""
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or history_path()
        self.notices: list[str] = []
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._ready:
                self._prepare()
            try:
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            except sqlite3.Error as exc:
                raise HistoryUnavailable(
                    f"Your practice history cannot be opened ({exc})."
                ) from exc
            try:
                with conn:
                    yield conn
            except sqlite3.OperationalError as exc:
                if _is_locked(exc):
                    raise HistoryUnavailable(LOCKED) from exc
                raise HistoryUnavailable(f"Your practice history failed ({exc}).") from exc
            finally:
                conn.close()

    def _prepare(self) -> None:
        """Create the schema; a file that is not a readable database is backed up first."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            try:
                conn.executescript(SCHEMA)
                conn.execute("SELECT count(*) FROM critiques").fetchone()
                check = conn.execute("PRAGMA quick_check").fetchone()
                if check and check[0] != "ok":
                    raise sqlite3.DatabaseError(check[0])
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                raise HistoryUnavailable(LOCKED) from exc
            self._repair(exc)
        except sqlite3.DatabaseError as exc:
            self._repair(exc)
        self._ready = True

    def _repair(self, exc: Exception) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        shutil.copy2(self.path, backup)
        self.path.unlink()
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        try:
            conn.executescript(SCHEMA)
        finally:
            conn.close()
        self.notices.append(
            f"Your practice history could not be read ({exc}); it was copied to {backup.name} "
            "and a new one was started."
        )

    # ---- writing -------------------------------------------------------------------------
    def save_critique(self, result: Critique, answer: str, session: int | None = None) -> int:
        """Store one critique; returns its id."""
        principle = result.principles[0].id if result.principles else ""
        with self._connect() as conn:
            row = conn.execute(
                self._q("INSERT INTO critiques (created, question, principle, overall, points, "
                        "answer, result, session) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                (time.time(), result.question, principle, result.overall, result.points, answer,
                 result.model_dump_json(), session),
            ).fetchone()  # fmt: skip
            return int(row[0])

    def start_session(self, principles: list[str], questions: list[str]) -> int:
        """Record a mock interview; returns its id."""
        with self._connect() as conn:
            row = conn.execute(
                self._q("INSERT INTO sessions (created, principles, questions) VALUES (?, ?, ?) "
                        "RETURNING id"),
                (time.time(), json.dumps(principles), json.dumps(questions)),
            ).fetchone()  # fmt: skip
            return int(row[0])

    def finish_session(self, session: int, report: list[dict]) -> None:
        """Attach the end-of-session report."""
        with self._connect() as conn:
            conn.execute(
                self._q("UPDATE sessions SET report = ? WHERE id = ?"),
                (json.dumps(report), session),
            )

    # ---- reading -------------------------------------------------------------------------
    def critiques(self, limit: int = 500) -> list[dict]:
        """Most recent first: id, when, question, principle, overall, points, session."""
        with self._connect() as conn:
            rows = conn.execute(
                self._q("SELECT id, created, question, principle, overall, points, session, "
                        "answer FROM critiques ORDER BY id DESC LIMIT ?"),
                (limit,),
            ).fetchall()
        return [
            {
                "id": r[0],
                "when": datetime.fromtimestamp(r[1]).strftime("%Y-%m-%d %H:%M"),
                "question": r[2],
                "principle": r[3],
                "overall": r[4],
                "points": r[5],
                "session": r[6],
                "answer": r[7],
            }
            for r in rows
        ]

    def deliveries(self, limit: int = 200) -> list[dict]:
        """Spoken answers, oldest first: when, principle, and the delivery figures kept with the
        critique (pace, pauses, length, fillers)."""
        with self._connect() as conn:
            rows = conn.execute(
                self._q("SELECT id, created, principle, result FROM critiques WHERE result LIKE ? "
                        "ORDER BY id DESC LIMIT ?"),
                ('%"words_per_minute"%', limit),
            ).fetchall()  # fmt: skip
        out = []
        for r in reversed(rows):
            said = json.loads(r[3]).get("delivery")
            if not said:
                continue
            out.append({
                "id": r[0],
                "when": datetime.fromtimestamp(r[1]).strftime("%Y-%m-%d %H:%M"),
                "principle": r[2],
                "words_per_minute": said["words_per_minute"],
                "pauses": len(said["pauses"]),
                "seconds": said["seconds"],
                "fillers": sum(said["fillers"].values()),
            })  # fmt: skip
        return out

    def sessions(self) -> list[dict]:
        """Mock sessions, most recent first, with their reports."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, created, principles, questions, report FROM sessions ORDER BY id DESC"
            ).fetchall()
        return [
            {
                "id": r[0],
                "when": datetime.fromtimestamp(r[1]).strftime("%Y-%m-%d %H:%M"),
                "principles": json.loads(r[2]),
                "questions": json.loads(r[3]),
                "report": json.loads(r[4]) if r[4] else None,
            }
            for r in rows
        ]

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of both tables as stored, oldest first (for ``coach migrate``)."""
        with self._connect() as conn:
            return {
                "sessions": [tuple(r) for r in conn.execute(
                    "SELECT id, created, principles, questions, report FROM sessions ORDER BY id"
                ).fetchall()],
                "critiques": [tuple(r) for r in conn.execute(
                    "SELECT id, created, question, principle, overall, points, answer, result, "
                    "session FROM critiques ORDER BY id"
                ).fetchall()],
            }  # fmt: skip

    def export_csv(self) -> str:
        """Every critique as CSV (oldest first)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "when", "question", "principle", "overall", "points", "session",
                         "answer"])  # fmt: skip
        for row in reversed(self.critiques(limit=100_000)):
            writer.writerow([row[k] for k in ("id", "when", "question", "principle", "overall",
                                              "points", "session", "answer")])  # fmt: skip
        return out.getvalue()

    def export_markdown(self) -> str:
        """Every critique and session as a readable Markdown document (oldest first)."""
        lines = ["# Interview practice history", ""]
        for row in reversed(self.critiques(limit=100_000)):
            lines += [
                f"## {row['when']} — {row['overall']}/5 ({row['principle']})",
                "",
                f"**Question:** {row['question'] or '(none)'}",
                "",
                f"> {row['answer']}",
                "",
            ]
        for session in reversed(self.sessions()):
            lines += [f"## Mock interview {session['when']}", ""]
            for item in session["report"] or []:
                what = item.get("principle") or f"interview {item.get('interview', '?')}"
                lines.append(f"- {what}: average {item['average']}/5 over "
                             f"{item['answers']} answers")  # fmt: skip
            lines.append("")
        return "\n".join(lines)
