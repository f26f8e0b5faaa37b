"""Vectors already computed, kept by text, so a story that leaves the index and comes back
(a source removed and added again, the example bank after the user's notes) is not embedded again.

One SQLite file in the install's root data folder (shared by every workspace on a server), keyed by
the embedder's name and a hash of the text. It is only a cache: any trouble reading or writing it
falls back to embedding, and a damaged file is dropped.

Behind it, read only, the vectors of the texts the coach ships (question bank, example stories,
rubric sentences) in ``knowledge/vectors/``, made by ``make knowledge-vectors``: a new data folder
then embeds only the user's own notes. A text the file does not hold (the knowledge changed since)
is simply embedded.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from coach.core.paths import REPO_ROOT

Embed = Callable[[list[str]], np.ndarray]
MAX_ENTRIES = 200_000  # about 300 MB at 384 dimensions; the least recently used go first
SHIPPED_DIR = REPO_ROOT / "knowledge" / "vectors"


def shipped_path(embedder: str) -> Path:
    """Where the vectors of the shipped knowledge texts for ``embedder`` are kept."""
    return SHIPPED_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', embedder)}.npz"


@cache
def _shipped(path: Path) -> dict[str, np.ndarray]:
    """Key -> vector from a shipped file; empty when it is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], np.asarray(data["vectors"], dtype=np.float32)
    except (OSError, KeyError, ValueError):
        return {}
    if len(keys) != len(vectors):
        return {}
    return dict(zip(keys.tolist(), vectors, strict=True))


def write_shipped(path: Path, items: dict[str, np.ndarray]) -> None:
    """Save key -> vector as a shipped file (sorted, so the same texts give the same file)."""
    keys = sorted(items)
    path.parent.mkdir(parents=True, exist_ok=True)
    vectors = np.vstack([items[k] for k in keys]).astype(np.float32)
    np.savez_compressed(path, keys=np.array(keys), vectors=vectors)


def _key(embedder: str, text: str) -> str:
    return hashlib.sha256(f"{embedder}\0{text}".encode()).hexdigest()


class VectorCache:
    """Text to vector for one embedder, on disk."""

    def __init__(self, path: Path, embedder: str, max_entries: int = MAX_ENTRIES) -> None:
        self.path = path
        self.embedder = embedder
        self.max_entries = max_entries
        self.hits = 0
        self.use_shipped = True  # False while the shipped file itself is being made

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute(
            "CREATE TABLE IF NOT EXISTS vectors "
            "(key TEXT PRIMARY KEY, dim INTEGER, data BLOB, used REAL)"
        )
        return db

    def _drop(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        try:
            with contextlib.closing(self._connect()) as db:
                for start in range(0, len(keys), 500):
                    chunk = keys[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, dim, data FROM vectors WHERE key IN ({marks})", chunk
                    ).fetchall()
                    for key, dim, data in rows:
                        vector = np.frombuffer(data, dtype=np.float32)
                        if vector.size == dim:
                            found[key] = vector
        except sqlite3.Error:
            self._drop()
            return {}
        return found

    def _store(self, items: dict[str, np.ndarray], touched: list[str]) -> None:
        now = time.time()
        try:
            with contextlib.closing(self._connect()) as db, db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                    [
                        (key, int(v.size), np.asarray(v, dtype=np.float32).tobytes(), now)
                        for key, v in items.items()
                    ],
                )
                db.executemany("UPDATE vectors SET used = ? WHERE key = ?",
                               [(now, key) for key in touched])  # fmt: skip
                (count,) = db.execute("SELECT COUNT(*) FROM vectors").fetchone()
                if count > self.max_entries:
                    db.execute(
                        "DELETE FROM vectors WHERE key IN (SELECT key FROM vectors "
                        "ORDER BY used, rowid LIMIT ?)",
                        (count - self.max_entries,),
                    )
        except sqlite3.Error:
            self._drop()

    def wrap(self, embed: Embed) -> Embed:
        """``embed`` that reads known texts from the cache and embeds only the others."""

        def cached(texts: list[str]) -> np.ndarray:
            keys = [_key(self.embedder, t) for t in texts]
            known = self._lookup(list(dict.fromkeys(keys)))
            shipped = _shipped(shipped_path(self.embedder)) if self.use_shipped else {}
            known |= {k: shipped[k] for k in keys if k not in known and k in shipped}
            missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True)
                                         if k not in known))  # fmt: skip
            fresh: dict[str, np.ndarray] = {}
            if missing:
                vectors = np.asarray(embed(missing), dtype=np.float32)
                fresh = {_key(self.embedder, t): v for t, v in zip(missing, vectors, strict=True)}
            self.hits += sum(k in known for k in keys)
            self._store(fresh, list(known))
            rows = [known[k] if k in known else fresh[k] for k in keys]
            if not rows:
                return np.zeros((0, 0), dtype=np.float32)
            return np.vstack(rows)

        return cached

    def everything(self) -> dict[str, np.ndarray]:
        """Every key and vector the cache file holds."""
        try:
            with contextlib.closing(self._connect()) as db:
                rows = db.execute("SELECT key, dim, data FROM vectors").fetchall()
        except sqlite3.Error:
            return {}
        found = {key: np.frombuffer(data, dtype=np.float32) for key, dim, data in rows}
        return {k: v for k, v in found.items() if v.size}
