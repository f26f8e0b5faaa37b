"""Which database a deployment keeps its history and accounts in: ``DATABASE_URL`` (PostgreSQL),
or SQLite files in the data directory when it is not set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from coach.core.errors import CoachError
from coach.core.hosts import is_loopback


def database_url(environ: dict[str, str] | None = None) -> str | None:
    """A PostgreSQL URL from ``DATABASE_URL`` (or ``COACH_DATABASE_URL``), checked; None keeps
    the SQLite default."""
    env = os.environ if environ is None else environ
    url = env.get("COACH_DATABASE_URL") or env.get("DATABASE_URL")
    if not url:
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        raise CoachError(
            "DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/db); unset it "
            "to keep the history in SQLite."
        )
    from psycopg.conninfo import conninfo_to_dict

    try:
        host = str(conninfo_to_dict(url).get("host") or "")
    except Exception as exc:
        raise CoachError(f"DATABASE_URL cannot be read ({type(exc).__name__}).") from exc
    local = not host or host.startswith("/") or all(is_loopback(h) for h in host.split(","))
    if not local and env.get("DATABASE_ALLOW_REMOTE", "") not in {"1", "true", "yes"}:
        raise CoachError(
            f"The history database {host} is not this machine; answers would be stored there. "
            "Set DATABASE_ALLOW_REMOTE=1 to allow it."
        )
    return url


class DatabaseUnreachable(Exception):
    """PostgreSQL did not accept a connection; the message is its first line."""


@contextmanager
def pg_schema(url: str, schema: str, ddl: str | None = None) -> Iterator[Any]:
    """A PostgreSQL connection in one transaction (committed on success), working in ``schema``;
    with ``ddl``, the schema and its tables are created first when missing."""
    import psycopg

    try:
        conn = psycopg.connect(url, connect_timeout=5)
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise DatabaseUnreachable(first) from exc
    try:
        with conn:
            if ddl is not None:
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            conn.execute(f'SET search_path TO "{schema}"')
            if ddl is not None:
                conn.execute(ddl)
            yield conn
    finally:
        conn.close()
