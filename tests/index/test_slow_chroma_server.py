"""The index on a real Chroma server (``chroma run`` on loopback): the same sync, isolation
between workspaces, self-repair, and the whole CLI against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.index.chroma_target import ChromaServer
from coach.index.documents import IndexDoc
from coach.index.store import VectorStore
from tests.browser import REPO
from tests.fakes import ToyEmbedder
from tests.services import chroma_server

pytestmark = pytest.mark.slow


def _groups(**texts: str) -> dict[str, tuple[str, list[IndexDoc]]]:
    return {owner: (f"h-{text}", [IndexDoc(f"{owner}::a", owner, "story", text)])
            for owner, text in texts.items()}  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with chroma_server(tmp_path_factory.mktemp("chroma-data")) as (host, port):
        yield ChromaServer(host, port)


def test_sync_query_and_workspaces_kept_apart(server, tmp_path: Path) -> None:
    toy = ToyEmbedder()
    alice = VectorStore(tmp_path / "alice" / "index", "toy", server)
    bob = VectorStore(tmp_path / "bob" / "index", "toy", server)
    first = alice.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    assert sorted(first.added) == ["a", "b"]
    bob.sync("views", _groups(c="gamma text"), toy.encode)
    assert not (tmp_path / "alice" / "index" / "chroma").exists()  # nothing embedded locally
    assert alice.is_current("views", _groups(a="alpha text", b="beta text"))
    hits = alice.query("views", toy.encode(["gamma text"])[0], 10)
    assert {h.owner for h in hits} == {"a", "b"}  # never bob's story
    assert [h.owner for h in bob.query("views", toy.encode(["alpha"])[0], 10)] == ["c"]
    again = alice.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    assert not again.touched


def test_collections_lost_on_the_server_are_rebuilt(server, tmp_path: Path) -> None:
    toy = ToyEmbedder()
    store = VectorStore(tmp_path / "index", "toy", server)
    store.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    store._client.delete_collection(store.prefix + "views")  # behind the manifest's back
    store._collections.clear()
    fresh = VectorStore(tmp_path / "index", "toy", server)
    assert not fresh.is_current("views", _groups(a="alpha text", b="beta text"))
    report = fresh.sync("views", _groups(a="alpha text", b="beta text"), toy.encode)
    assert sorted(report.added) == ["a", "b"]
    assert "rebuilt from your notes" in " ".join(fresh.notices)
    assert len(fresh.query("views", toy.encode(["alpha text"])[0], 10)) == 2


def _coach(home: Path, server: ChromaServer, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COACH_HOME": str(home), "CHROMA_HTTP_HOST": server.host,
           "CHROMA_HTTP_PORT": str(server.port)}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "coach.cli.main", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def test_the_cli_works_the_same_on_the_server(server, tmp_path: Path) -> None:
    home = tmp_path / "home"
    built = _coach(home, server, "index")
    assert built.returncode == 0, built.stderr
    assert "added" in built.stdout
    asked = _coach(home, server, "ask", "Tell me about a time you disagreed with your manager.",
                   "--json", "--model", "none")  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    result = json.loads(asked.stdout)
    assert len(result["stories"]) == 3 and result["principles"]
    assert not (home / "index" / "chroma").exists()
    doctor = _coach(home, server, "doctor")
    assert "index" in doctor.stdout and "up to date" in doctor.stdout
    rebuilt = _coach(home, server, "index", "--rebuild")
    assert rebuilt.returncode == 0 and "added" in rebuilt.stdout, rebuilt.stderr
