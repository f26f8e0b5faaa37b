"""Accounts for a shared deployment: names with bcrypt-hashed passwords, in SQLite beside the
install's data (``accounts.sqlite3``) or in PostgreSQL when ``DATABASE_URL`` names one.

With no account the app stays single-user. Each account works in its own folder under
``users/NAME`` of the root data directory: sources, stories, index, history and plans.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import bcrypt

from coach.core.database import DatabaseUnreachable, database_url, pg_schema
from coach.core.errors import CoachError
from coach.core.paths import root_dir

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # what bcrypt reads; longer passwords are refused, never cut silently
SCHEMA = "CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, hash TEXT NOT NULL, " \
    "created DOUBLE PRECISION NOT NULL)"  # fmt: skip
# Checked when the name is unknown, so a wrong name costs the same time as a wrong password.
_DUMMY = bcrypt.hashpw(b"no such account", bcrypt.gensalt())


def check_name(name: str) -> str:
    """The account name, or a one-sentence CoachError."""
    if not NAME.fullmatch(name or ""):
        raise CoachError(
            "An account name is 2 to 40 characters: lower-case letters, digits, dot, dash or "
            "underscore, starting with a letter or digit."
        )
    return name


def check_password(password: str) -> bytes:
    """The password as bytes, or a one-sentence CoachError."""
    raw = (password or "").encode()
    if len(password or "") < MIN_PASSWORD:
        raise CoachError(f"A password needs at least {MIN_PASSWORD} characters.")
    if len(raw) > MAX_PASSWORD_BYTES:
        raise CoachError(f"A password may be at most {MAX_PASSWORD_BYTES} bytes long.")
    return raw


def workspace_of(name: str) -> Path:
    """The folder that holds everything of one account."""
    return root_dir() / "users" / check_name(name)


class AccountStore:
    """Add, remove, list and verify accounts."""

    def __init__(self, url: str | None = None, path: Path | None = None) -> None:
        self.url = url if url is not None else database_url()
        self.path = path or root_dir() / "accounts.sqlite3"
        self.placeholder = "%s" if self.url else "?"

    @contextmanager
    def _db(self) -> Iterator[Any]:
        if self.url:
            try:
                with pg_schema(self.url, "coach_accounts", SCHEMA) as conn:
                    yield conn
            except DatabaseUnreachable as exc:
                raise CoachError(f"The accounts database cannot be reached ({exc}).") from exc
            return
        with closing(sqlite3.connect(self.path, timeout=5)) as conn, conn:
            conn.execute(SCHEMA)
            yield conn

    def _q(self, sql: str) -> str:
        return sql.replace("?", self.placeholder)

    def add(self, name: str, password: str) -> None:
        """Create an account (a taken name is refused)."""
        check_name(name)
        hashed = bcrypt.hashpw(check_password(password), bcrypt.gensalt()).decode()
        with self._db() as conn:
            if conn.execute(self._q("SELECT 1 FROM accounts WHERE name = ?"),
                            (check_name(name),)).fetchone():  # fmt: skip
                raise CoachError(f"There is already an account called '{name}'.")
            conn.execute(self._q("INSERT INTO accounts VALUES (?, ?, ?)"),
                         (name, hashed, time.time()))  # fmt: skip

    def remove(self, name: str) -> None:
        """Delete an account (its workspace folder is left for the administrator)."""
        with self._db() as conn:
            gone = conn.execute(self._q("DELETE FROM accounts WHERE name = ?"), (name,)).rowcount
        if not gone:
            raise CoachError(f"There is no account called '{name}'.")

    def names(self) -> list[str]:
        """Every account name, sorted."""
        if not self.url and not self.path.exists():
            return []
        with self._db() as conn:
            return [r[0] for r in conn.execute("SELECT name FROM accounts ORDER BY name")]

    def verify(self, name: str, password: str) -> bool:
        """Whether the name and password match an account (bcrypt, constant work either way)."""
        raw = (password or "").encode()[:MAX_PASSWORD_BYTES]
        try:
            with self._db() as conn:
                row = conn.execute(self._q("SELECT hash FROM accounts WHERE name = ?"),
                                   (name,)).fetchone()  # fmt: skip
        except CoachError:
            return False
        if row is None:
            bcrypt.checkpw(raw, _DUMMY)
            return False
        return bcrypt.checkpw(raw, row[0].encode())
