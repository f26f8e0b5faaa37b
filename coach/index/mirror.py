"""A numpy copy of one chroma collection, written beside the manifest after every sync.

A candidate's collections are small (thousands of vectors), so an exact search over a matrix is
faster than opening chroma at all: importing chromadb alone costs over a second on a cold start.
The mirror is only trusted when its stamp matches the manifest's record of the collection, so a
changed or rebuilt index is never read from a stale copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class MirrorHit:
    """One document of a mirror query."""

    doc_id: str
    owner: str
    kind: str
    similarity: float


def stamp(entry: dict[str, Any]) -> str:
    """What a mirror must match: the manifest's owners and count for its collection."""
    payload = json.dumps([entry.get("owners", {}), entry.get("count")], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


@dataclass
class Mirror:
    """Ids, owners, kinds and unit vectors of every document of a collection."""

    ids: list[str]
    owners: list[str]
    kinds: list[str]
    vectors: np.ndarray

    def query(self, vector: np.ndarray, n: int) -> list[MirrorHit]:
        """The ``n`` most similar documents (cosine), most similar first."""
        if not self.ids:
            return []
        unit = vector / (float(np.linalg.norm(vector)) or 1.0)
        sims = self.vectors @ unit.astype(np.float32)
        n = min(n, len(self.ids))
        top = np.argpartition(-sims, n - 1)[:n]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [
            MirrorHit(self.ids[i], self.owners[i], self.kinds[i], float(sims[i])) for i in top
        ]

    def select(self, where: dict[str, Any] | None) -> tuple[list[str], list[dict], np.ndarray]:
        """Every document whose metadata equals ``where`` (one key, as chroma's ``where``)."""
        rows = range(len(self.ids))
        if where:
            ((key, value),) = where.items()
            column = {"owner": self.owners, "kind": self.kinds}[key]
            rows = [i for i in rows if column[i] == value]
        rows = list(rows)
        metas = [{"owner": self.owners[i], "kind": self.kinds[i]} for i in rows]
        return [self.ids[i] for i in rows], metas, self.vectors[rows]


def _path(root: Path, collection: str) -> Path:
    return root / f"mirror-{collection}.npz"


def remove_all(root: Path) -> None:
    """Delete every mirror of an index folder (the index is being wiped)."""
    for path in root.glob("mirror-*.npz"):
        path.unlink(missing_ok=True)


def save(root: Path, collection: str, entry: dict[str, Any], found: dict[str, Any]) -> None:
    """Write the mirror of a collection (chroma's ``get`` of every document) atomically; a
    failure only costs opening chroma next time."""
    ids, metas = list(found["ids"]), list(found["metadatas"] or [])
    vectors = found["embeddings"] if ids else np.zeros((0, 0), dtype=np.float32)
    _write(_path(root, collection), stamp(entry), ids, metas, vectors)


def _write(path: Path, entry_stamp: str, ids: list[str], metas: list[dict], vectors: Any) -> None:
    matrix = (
        np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        if ids
        else np.zeros((0, 0), dtype=np.float32)
    )
    norms = np.linalg.norm(matrix, axis=1, keepdims=True) if len(ids) else 1.0
    matrix = matrix / np.where(norms == 0, 1.0, norms)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".mirror-", suffix=".npz")
        with os.fdopen(fd, "wb") as handle:
            np.savez(
                handle,
                stamp=np.array([entry_stamp]),
                ids=np.array(ids, dtype=str),
                owners=np.array([m["owner"] for m in metas], dtype=str),
                kinds=np.array([m["kind"] for m in metas], dtype=str),
                vectors=matrix,
            )
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def load(root: Path, collection: str, entry: dict[str, Any] | None) -> Mirror | None:
    """The mirror of a collection when it matches the manifest's ``entry``; None when there is
    no entry, no mirror, or a stale one."""
    if not entry:
        return None
    try:
        with np.load(_path(root, collection), allow_pickle=False) as data:
            if str(data["stamp"][0]) != stamp(entry):
                return None
            return Mirror(
                [str(x) for x in data["ids"]],
                [str(x) for x in data["owners"]],
                [str(x) for x in data["kinds"]],
                np.asarray(data["vectors"], dtype=np.float32),
            )
    except (OSError, ValueError, KeyError, IndexError):
        return None
