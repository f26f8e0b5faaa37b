"""Where the vectors live: chromadb embedded in the user's data directory (the default), or a
Chroma server that a deployment runs (``CHROMA_HTTP_HOST`` / ``CHROMA_HTTP_PORT``, or settings).

On a server, every workspace gets its own collections: their names carry a short hash of the
workspace's data directory, so candidates sharing one server never share an index.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.errors import CoachError
from coach.core.hosts import is_loopback


@dataclass(frozen=True)
class ChromaServer:
    """A Chroma server to keep the index on."""

    host: str
    port: int = 8000
    ssl: bool = False
    tenant: str = "default_tenant"
    database: str = "default_database"

    @property
    def label(self) -> str:
        scheme = "https" if self.ssl else "http"
        return f"{scheme}://{self.host}:{self.port} ({self.tenant}/{self.database})"


def chroma_server(environ: dict[str, str] | None = None) -> ChromaServer | None:
    """The Chroma server named by the environment (else by settings), or None for embedded."""
    env = os.environ if environ is None else environ
    host = env.get("CHROMA_HTTP_HOST") or env.get("COACH_CHROMA_HOST")
    port_text = env.get("CHROMA_HTTP_PORT") or env.get("COACH_CHROMA_PORT")
    tenant = env.get("CHROMA_TENANT")
    database = env.get("CHROMA_DATABASE")
    ssl = env.get("CHROMA_HTTP_SSL", "").lower() in {"1", "true", "yes"}
    from coach.core.settings import load_settings

    settings = load_settings()
    allow_remote = settings.chroma_allow_remote or env.get("CHROMA_ALLOW_REMOTE", "") in {
        "1", "true", "yes"}  # fmt: skip
    if not host:
        if not settings.chroma_host:
            return None
        host, port_text = settings.chroma_host, port_text or str(settings.chroma_port)
        tenant = tenant or settings.chroma_tenant
        database = database or settings.chroma_database
        ssl = ssl or settings.chroma_ssl
    try:
        port = int(port_text or 8000)
    except ValueError as exc:
        raise CoachError(f"CHROMA_HTTP_PORT must be a port number, not '{port_text}'.") from exc
    if not allow_remote and not is_loopback(host):
        raise CoachError(
            f"The Chroma server {host} is not this machine; story ids and vectors would be kept "
            "there. Set CHROMA_ALLOW_REMOTE=1 (or chroma_allow_remote in settings) to allow it."
        )
    return ChromaServer(
        host=host,
        port=port,
        ssl=ssl,
        tenant=tenant or "default_tenant",
        database=database or "default_database",
    )


def workspace_prefix(root: Path) -> str:
    """Collection-name prefix that keeps one workspace's collections apart on a shared server."""
    digest = hashlib.sha256(str(root.expanduser().resolve()).encode()).hexdigest()[:12]
    return f"coach-{digest}-"


def http_client(server: ChromaServer | None) -> Any:
    """A chromadb client for the deployment's Chroma server; one sentence when unreachable."""
    import chromadb
    from chromadb.config import Settings

    assert server is not None
    try:
        return chromadb.HttpClient(
            host=server.host,
            port=server.port,
            ssl=server.ssl,
            tenant=server.tenant,
            database=server.database,
            settings=Settings(anonymized_telemetry=False),
        )
    except Exception as exc:
        raise CoachError(
            f"The Chroma server at {server.label} cannot be reached "
            f"({type(exc).__name__}); start it or unset CHROMA_HTTP_HOST."
        ) from exc


def forget_cached_clients() -> None:
    """Chroma keeps one client per path for the whole process; drop them before a wipe."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
