"""A chromadb index on disk, kept in step with the stories by content hash.

Documents are grouped by owner (a story id, or a question-bank entry). A manifest beside the chroma
folder records each owner's hash, so unchanged owners are never re-embedded, changed ones replace
their entries and deleted ones disappear. A manifest that disagrees with chroma, or a chroma folder
that cannot be opened, is wiped and rebuilt from the notes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.core.errors import CoachError
from coach.core.paths import root_dir
from coach.index import mirror
from coach.index.chroma_target import (
    ChromaServer,
    forget_cached_clients,
    http_client,
    workspace_prefix,
)
from coach.index.documents import SCHEMA_VERSION, IndexDoc
from coach.index.vector_cache import VectorCache

Embed = Callable[[list[str]], np.ndarray]


@dataclass
class SyncReport:
    """What one sync changed in one collection."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    documents_embedded: int = 0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True)
class Hit:
    """One document returned by a vector query."""

    doc_id: str
    owner: str
    kind: str
    similarity: float


class IndexBroken(Exception):
    """The on-disk index cannot be trusted and must be rebuilt."""


def _vectors(docs: list[IndexDoc], embed: Embed) -> dict[str, np.ndarray]:
    """Every doc's vector: embedded (all texts in one call, so the encoder can sort them by
    length), or the length-weighted mean of the docs it names."""
    direct = [d for d in docs if not d.mean_of]
    vectors = embed([d.text for d in direct]) if direct else []
    out = dict(zip((d.id for d in direct), vectors, strict=True))
    words = {d.id: len(d.text.split()) for d in direct}
    for doc in docs:
        if doc.mean_of:
            # weighted by length: the encoder mean-pools tokens, so this is closest to the
            # vector of the whole text (cosine 0.90 on average over the bank and notes)
            mean = sum(words[i] * out[i] for i in doc.mean_of)
            out[doc.id] = mean / (float(np.linalg.norm(mean)) or 1.0)
    return out


class VectorStore:
    """Chroma collections plus a manifest of owner hashes under ``root``: embedded in ``root``,
    or on a Chroma ``server`` under names that keep this workspace apart from others."""

    def __init__(self, root: Path, embedder_name: str, server: ChromaServer | None = None) -> None:
        self.root = root
        self.embedder_name = embedder_name
        self.server = server
        self.prefix = workspace_prefix(root) if server is not None else ""
        self.notices: list[str] = []
        self._client: Any = None
        self._collections: dict[str, Any] = {}
        self._mirrors: dict[str, mirror.Mirror | None] = {}
        self.root.mkdir(parents=True, exist_ok=True)
        # one cache for the whole install: the principle and critique examples every workspace
        # holds are embedded once, not once per account (keyed by a hash of the text)
        self.cache = VectorCache(root_dir() / "vectors.sqlite", embedder_name)

    # ---- manifest -------------------------------------------------------------------------
    @property
    def _manifest_path(self) -> Path:
        return self.root / "manifest.json"

    def _read_manifest(self) -> dict[str, Any]:
        if not self._manifest_path.exists():
            return {}
        try:
            data = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexBroken(f"its manifest is unreadable ({exc})") from exc
        if not isinstance(data, dict):
            raise IndexBroken("its manifest is not an object")
        return data

    def _write_manifest(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, self._manifest_path)

    def _fingerprint(self) -> list[list[object]]:
        """Size and modification time of every file chroma keeps, to notice outside changes; on a
        server, which server (a switch between embedded and server is a change)."""
        if self.server is not None:
            return [["server", self.server.label, self.prefix]]
        folder = self.root / "chroma"
        if not folder.exists():
            return []
        return sorted(
            [str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns]
            for p in folder.rglob("*")
            if p.is_file()
        )

    def is_current(self, collection: str, groups: dict[str, tuple[str, list[IndexDoc]]]) -> bool:
        """True when the manifest already matches ``groups`` and chroma's files are untouched.

        Needs no chroma import, so a no-op check stays fast.
        """
        try:
            manifest = self._read_manifest()
        except IndexBroken:
            return False
        entry = manifest.get("collections", {}).get(collection)
        current = (
            manifest.get("schema") == SCHEMA_VERSION
            and manifest.get("embedder") == self.embedder_name
            and entry is not None
            and entry.get("owners") == {owner: digest for owner, (digest, _) in groups.items()}
            and manifest.get("fingerprint") == self._fingerprint()
        )
        if current and self.server is not None:  # no files to watch: ask the server
            try:
                return self._collection(collection).count() == entry.get("count")
            except CoachError:
                raise
            except Exception:
                return False
        return current

    def files_intact(self) -> bool:
        """True while chroma's files are exactly as the last sync left them (no chroma call)."""
        try:
            manifest = self._read_manifest()
        except IndexBroken:
            return False
        return bool(manifest) and manifest.get("fingerprint") == self._fingerprint()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # ---- mirror (a numpy copy of each collection, read without importing chroma) ------------
    def _mirror(self, collection: str) -> mirror.Mirror | None:
        """The collection's numpy copy when it matches the manifest (embedded index only)."""
        if self.server is None and collection not in self._mirrors:
            try:
                entry = self._read_manifest().get("collections", {}).get(collection)
            except IndexBroken:
                entry = None
            self._mirrors[collection] = mirror.load(self.root, collection, entry)
        return self._mirrors.get(collection)

    def _write_mirror(self, collection: str, entry: dict[str, Any]) -> None:
        self._mirrors.pop(collection, None)
        if self.server is None:
            found = self._collection(collection).get(include=["metadatas", "embeddings"])
            mirror.save(self.root, collection, entry, found)

    # ---- chroma ---------------------------------------------------------------------------
    def _collection(self, name: str) -> Any:
        if name not in self._collections:
            if self._client is None and self.server is not None:
                self._client = http_client(self.server)
            if self._client is None:
                import chromadb
                from chromadb.config import Settings

                if not self.files_intact():
                    # chroma would hand back its cached client, still reading deleted files
                    forget_cached_clients()

                self._client = chromadb.PersistentClient(
                    path=str(self.root / "chroma"),
                    settings=Settings(anonymized_telemetry=False, allow_reset=True),
                )
            self._collections[name] = self._client.get_or_create_collection(
                self.prefix + name,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collections[name]

    def _wipe(self, reason: str) -> None:
        self.notices.append(f"The search index was rebuilt from your notes because {reason}.")
        self._drop_all()

    def _drop_all(self) -> None:
        """Delete this workspace's collections and manifest (the vector cache stays)."""
        if self.server is not None:
            self._wipe_on_server()
            return
        self._collections.clear()
        if self._client is not None:
            with contextlib.suppress(Exception):  # a corrupt store may not even reset
                self._client.reset()
            self._client = None
        forget_cached_clients()
        shutil.rmtree(self.root / "chroma", ignore_errors=True)
        self._manifest_path.unlink(missing_ok=True)
        self._mirrors.clear()
        mirror.remove_all(self.root)

    def clear(self) -> None:
        """Forget the whole index of this workspace (``coach index --rebuild``)."""
        with self._lock():
            self._drop_all()

    def _server_collections(self) -> list[str]:
        client = self._client or http_client(self.server)
        self._client = client
        names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
        return [n for n in names if n.startswith(self.prefix)]

    def _server_holds_collections(self) -> bool:
        try:
            return bool(self._server_collections())
        except CoachError:
            raise
        except Exception:
            return False

    def _wipe_on_server(self) -> None:
        """Drop this workspace's collections on the server (never anyone else's)."""
        self._collections.clear()
        with contextlib.suppress(Exception):
            for name in self._server_collections():
                with contextlib.suppress(Exception):
                    self._client.delete_collection(name)
        self._manifest_path.unlink(missing_ok=True)

    def _checked_manifest(self, collection: str) -> dict[str, Any]:
        """The manifest if it matches this embedder and chroma's contents, else IndexBroken."""
        manifest = self._read_manifest()
        if not manifest:
            if self.server is None and (self.root / "chroma").exists():
                raise IndexBroken("its manifest is missing")
            if self.server is not None and self._server_holds_collections():
                raise IndexBroken("its manifest is missing")
            return {"schema": SCHEMA_VERSION, "embedder": self.embedder_name, "collections": {}}
        if (
            manifest.get("schema") != SCHEMA_VERSION
            or manifest.get("embedder") != self.embedder_name
        ):
            raise IndexBroken("it was built by another version or embedding model")
        entry = manifest.get("collections", {}).get(collection)
        local = self.server is None
        if local and entry is not None and not (self.root / "chroma" / "chroma.sqlite3").exists():
            raise IndexBroken("its database file is missing")
        if entry is not None:
            try:
                count = self._collection(collection).count()
            except CoachError:
                raise
            except Exception as exc:
                raise IndexBroken(f"chroma could not read it ({type(exc).__name__})") from exc
            if count != entry.get("count"):
                raise IndexBroken(
                    f"it holds {count} entries where {entry.get('count')} were recorded"
                )
        return manifest

    def sync(
        self, collection: str, groups: dict[str, tuple[str, list[IndexDoc]]], embed: Embed
    ) -> SyncReport:
        """Make ``collection`` hold exactly ``groups`` (owner: hash, docs); embed only changes.
        An index that is already current is left alone without opening chroma."""
        if self.is_current(collection, groups) and self._mirror(collection) is not None:
            return SyncReport(unchanged=len(groups))
        with self._lock():
            try:
                manifest = self._checked_manifest(collection)
            except IndexBroken as exc:
                self._wipe(str(exc))
                manifest = self._checked_manifest(collection)
            try:
                return self._apply(collection, groups, embed, manifest)
            except (IndexBroken, CoachError):
                raise
            except Exception as exc:
                self._wipe(f"updating it failed ({type(exc).__name__}: {exc})")
                return self._apply(collection, groups, embed, self._checked_manifest(collection))

    def _apply(
        self,
        collection: str,
        groups: dict[str, tuple[str, list[IndexDoc]]],
        embed: Embed,
        manifest: dict[str, Any],
    ) -> SyncReport:
        entry = manifest["collections"].get(collection, {"owners": {}, "count": 0})
        stored: dict[str, str] = entry["owners"]
        report = SyncReport()
        stale = [owner for owner, digest in stored.items() if groups.get(owner, ("",))[0] != digest]
        fresh = [owner for owner, (digest, _) in groups.items() if stored.get(owner) != digest]
        report.removed = [o for o in stale if o not in groups]
        report.changed = [o for o in stale if o in groups]
        report.added = [o for o in fresh if o not in stored]
        report.unchanged = len(groups) - len(fresh)
        target = self._collection(collection)
        for start in range(0, len(stale), 200):
            target.delete(where={"owner": {"$in": stale[start : start + 200]}})
        docs = [doc for owner in fresh for doc in groups[owner][1]]
        known_before = self.cache.hits
        vectors = _vectors(docs, self.cache.wrap(embed))
        for start in range(0, len(docs), 1024):
            batch = docs[start : start + 1024]
            target.upsert(
                ids=[d.id for d in batch],
                embeddings=[vectors[d.id].tolist() for d in batch],
                metadatas=[{"owner": d.story_id, "kind": d.kind} for d in batch],
            )
        reused = self.cache.hits - known_before  # read from the vector cache, not embedded
        report.documents_embedded = sum(not d.mean_of for d in docs) - reused
        entry = {
            "owners": {owner: digest for owner, (digest, _) in groups.items()},
            "count": sum(len(doc_list) for _, doc_list in groups.values()),
        }
        manifest["collections"][collection] = entry
        fingerprint = self._fingerprint()
        if report.touched or manifest.get("fingerprint") != fingerprint:
            manifest["fingerprint"] = fingerprint
            self._write_manifest(manifest)
        if report.touched or self._mirror(collection) is None:
            self._write_mirror(collection, entry)
        return report

    def query(self, collection: str, vector: np.ndarray, n: int) -> list[Hit]:
        """The ``n`` nearest documents to ``vector``, most similar first."""
        copy = self._mirror(collection)
        if copy is not None:
            return [Hit(h.doc_id, h.owner, h.kind, h.similarity) for h in copy.query(vector, n)]
        target = self._collection(collection)
        size = target.count()
        if size == 0:
            return []
        found = target.query(
            query_embeddings=[vector.tolist()],
            n_results=min(n, size),
            include=["metadatas", "distances"],
        )
        return [
            Hit(doc_id, meta["owner"], meta["kind"], 1.0 - float(dist))
            for doc_id, meta, dist in zip(
                found["ids"][0], found["metadatas"][0], found["distances"][0], strict=True
            )
        ]

    def all_vectors(
        self, collection: str, where: dict[str, Any] | None = None
    ) -> tuple[list[str], list[dict[str, Any]], np.ndarray]:
        """Every entry of a (small) collection, optionally filtered: ids, metadata, embeddings."""
        copy = self._mirror(collection)
        if copy is not None:
            ids, metas, vectors = copy.select(where)
            return (ids, metas, vectors) if ids else ([], [], np.zeros((0, 0), dtype=np.float32))
        found = self._collection(collection).get(where=where, include=["metadatas", "embeddings"])
        if not found["ids"]:
            return [], [], np.zeros((0, 0), dtype=np.float32)
        return found["ids"], found["metadatas"], np.asarray(found["embeddings"], dtype=np.float32)
