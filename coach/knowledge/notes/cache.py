"""Parse a notes file once: the result is kept in the data folder, keyed by the file's bytes, the
parser's own code and the principle list, so only an edited file is parsed again.

A cache entry that cannot be read is ignored and replaced; the notes themselves are only read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from coach.core.errors import CoachError
from coach.core.paths import data_dir
from coach.core.schema import Principle, Story
from coach.knowledge.notes.blocks import decode_notes
from coach.knowledge.notes.parser import ParsedNotes, Problem, parse_notes

_CODE_FOLDERS = ("knowledge/notes", "text")
_CODE_FILES = ("knowledge/principle_names.py", "core/schema.py")


@cache
def _parser_fingerprint() -> str:
    """A hash of the code that turns notes into stories: a new parser never reuses old results."""
    root = Path(__file__).resolve().parents[2]
    files = sorted(
        [p for folder in _CODE_FOLDERS for p in (root / folder).glob("*.py")]
        + [root / name for name in _CODE_FILES]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return data_dir() / "parsed"


def _key(raw: bytes, source: Path, principles: list[Principle]) -> str:
    digest = hashlib.sha256(raw)
    digest.update(str(source).encode())
    digest.update(",".join(f"{p.id}={p.name}|{'|'.join(p.aliases)}" for p in principles).encode())
    digest.update(_parser_fingerprint().encode())
    return digest.hexdigest()[:24]


def _entry_path(source: Path) -> Path:
    return cache_dir() / (hashlib.sha1(str(source).encode()).hexdigest()[:16] + ".json")


def _load(path: Path, key: str) -> ParsedNotes | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return ParsedNotes(
            source=data["source"],
            entries=[Story.model_validate(s) for s in data["entries"]],
            guidance=list(data["guidance"]),
            problems=[Problem(**p) for p in data["problems"]],
            principles_seen=list(data["principles_seen"]),
            decisions=list(data["decisions"]),
        )
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None


def _save(path: Path, key: str, parsed: ParsedNotes) -> None:
    data = {
        "key": key,
        "source": parsed.source,
        "entries": [s.model_dump() for s in parsed.entries],
        "guidance": parsed.guidance,
        "problems": [p.__dict__ for p in parsed.problems],
        "principles_seen": parsed.principles_seen,
        "decisions": parsed.decisions,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".parsed-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only data folder only costs parsing again next time


def parse_notes_file(path: Path, principles: list[Principle]) -> ParsedNotes:
    """The parsed notes of ``path``, from the cache when the file has not changed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CoachError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    key = _key(raw, path, principles)
    entry = _entry_path(path)
    cached = _load(entry, key)
    if cached is not None:
        return cached
    parsed = parse_notes(decode_notes(raw, path), path, principles)
    _save(entry, key, parsed)
    return parsed
