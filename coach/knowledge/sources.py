"""The registry of the user's own sources, kept as JSON in the user data directory.

A source is a notes file (loose Markdown, parsed into stories) or a story folder (one Markdown
story per file, the example bank's format). The registry stores paths only; the notes
themselves are never copied, moved or written.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from coach.core.paths import data_dir

NOTES_SUFFIXES = (".md", ".markdown", ".txt")
# a spreadsheet of stories saved as text: taken when named or uploaded, never picked up from a
# folder, where such files are mostly data
TABLE_SUFFIXES = (".csv", ".tsv")


def registry_path() -> Path:
    """Where the list of registered notes sources lives."""
    return data_dir() / "sources.json"


def registered_sources() -> list[Path]:
    """Registered notes files, in the order they were added. A corrupt registry is set aside."""
    path = registry_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise ValueError("not a list of paths")
    except (ValueError, OSError) as exc:
        backup = path.with_name(f"sources.corrupt-{int(time.time())}.json")
        path.replace(backup)
        print(
            f"The notes registry was unreadable ({exc}); it was moved to {backup}.", file=sys.stderr
        )
        return []
    return [Path(item) for item in data]


def _write(paths: list[Path]) -> None:
    target = registry_path()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".sources-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([str(p) for p in paths], handle, indent=2)
    os.replace(tmp, target)


def register(path: Path) -> bool:
    """Add a notes file or a story folder to the registry; False when it was already there."""
    resolved = path.expanduser().resolve()
    current = registered_sources()
    if resolved in current:
        return False
    _write([*current, resolved])
    return True


SKIPPED_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__"})


def expand_notes_paths(path: Path) -> list[Path]:
    """A file as itself; a folder as the notes files inside it (recursively, sorted), leaving out
    hidden files and folders (``.git``, ``.venv``) and installed packages, which hold no notes."""
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in NOTES_SUFFIXES
            and not any(
                part.startswith(".") or part in SKIPPED_FOLDERS
                for part in p.relative_to(path).parts
            )
        )
    return [path]


def unregister(path: Path) -> bool:
    """Take a source out of the registry (its files are not touched); False when absent."""
    resolved = path.expanduser().resolve()
    current = registered_sources()
    if resolved not in current:
        return False
    _write([p for p in current if p != resolved])
    return True


def is_story_folder(path: Path) -> bool:
    """A folder whose Markdown files are stories in the bank format (YAML front matter first)."""
    if not path.is_dir():
        return False
    files = sorted(path.glob("*.md"))
    if not files:
        return False
    try:
        return all(f.read_text(encoding="utf-8", errors="replace").startswith("---") for f in files)
    except OSError:
        return False


def story_folders() -> list[Path]:
    """Registered story folders that still exist."""
    return [p for p in registered_sources() if p.is_dir()]


def notes_files() -> list[Path]:
    """Registered notes files that still exist."""
    return [p for p in registered_sources() if p.is_file()]
