"""Where the app listens and who may use it: loopback by default, credentials for anything else."""

from __future__ import annotations

import os
from dataclasses import dataclass

from coach.core.errors import CoachError
from coach.core.hosts import is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


@dataclass(frozen=True)
class ServeOptions:
    """The checked address, port and credentials."""

    host: str
    port: int
    auth: tuple[str, str] | None


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """'user:pass' -> ('user', 'pass'); both parts must be non-empty."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise CoachError("Credentials must look like user:password.")
    return user, password


def serve_options(
    host: str | None, port: int | None, auth: str | None, accounts: bool = False
) -> ServeOptions:
    """Resolve flags and environment (COACH_PORT, COACH_AUTH); refuse an open non-loopback bind."""
    host = host or DEFAULT_HOST
    if port is None:
        raw = os.environ.get("COACH_PORT", str(DEFAULT_PORT))
        if not raw.isdigit():
            raise CoachError(f"COACH_PORT must be a port number, not '{raw}'.")
        port = int(raw)
    if not 0 < port < 65536:
        raise CoachError(f"Port {port} is not between 1 and 65535.")
    credentials = parse_auth(auth or os.environ.get("COACH_AUTH"))
    if not is_loopback(host) and credentials is None and not accounts:
        raise CoachError(
            f"Refusing to serve on {host} without credentials: add accounts (coach users add), "
            "pass --auth user:password or set COACH_AUTH, or stay on 127.0.0.1."
        )
    return ServeOptions(host, port, credentials)
