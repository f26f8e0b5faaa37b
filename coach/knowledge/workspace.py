"""The user's workspace: which sources are theirs, adding and removing them, and what each holds.

``coach sources`` and the app use this; ``coach ingest`` is the same as adding notes files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.paths import data_dir
from coach.knowledge.bank import load_knowledge, load_stories
from coach.knowledge.corpus import uses_example_bank
from coach.knowledge.ingest import IngestReport, ingest
from coach.knowledge.notes.cache import parse_notes_file
from coach.knowledge.sources import (
    NOTES_SUFFIXES,
    TABLE_SUFFIXES,
    is_story_folder,
    register,
    registered_sources,
    unregister,
)

MAX_NOTES_BYTES = 5_000_000  # a notes file larger than this is not notes


@dataclass
class SourceRow:
    """One registered source as the user sees it."""

    path: str
    kind: str  # "notes" or "stories"
    exists: bool
    stories: int


def list_sources() -> list[SourceRow]:
    """Every registered source, with how many stories it gives today."""
    principles = load_knowledge().principles
    rows = []
    for path in registered_sources():
        kind = "stories" if path.is_dir() else "notes"
        count = 0
        if path.is_dir():
            count = len(load_stories(path))
        elif path.is_file():
            count = len(parse_notes_file(path, principles).entries)
        rows.append(SourceRow(str(path), kind, path.exists(), count))
    return rows


def add_sources(paths: list[Path]) -> list[str]:
    """Register story folders and notes files (a folder of notes is its notes files); one line
    per source saying what it gave."""
    lines: list[str] = []
    notes: list[Path] = []
    for path in paths:
        if not path.exists():
            raise CoachError(f"{path} does not exist.")
        if is_story_folder(path):
            count = len(load_stories(path))
            added = register(path)
            state = "added" if added else "already a source"
            lines.append(f"{path}: story folder, {count} stories ({state}).")
        else:
            notes.append(path)
    if notes:
        reports: list[IngestReport] = ingest(notes)
        lines += [report.summary() for report in reports]
    return lines


def remove_sources(paths: list[Path]) -> list[str]:
    """Take sources out of the workspace; the files themselves are never touched."""
    lines = []
    for path in paths:
        if not unregister(path):
            raise CoachError(f"{path} is not one of your sources (see coach sources list).")
        lines.append(f"{path}: removed from your sources (the file itself is untouched).")
    return lines


def workspace_summary() -> str:
    """One sentence: whose stories the coach is using."""
    if uses_example_bank():
        return ("No source of your own yet, so the example bank stands in; add your notes with "
                "coach sources add FILE.")  # fmt: skip
    return f"Using your own sources only ({len(registered_sources())} registered)."


def imported_notes_dir() -> Path:
    """Where notes files given to the app (uploaded, not on a known path) are kept."""
    return data_dir() / "notes"


def import_notes_file(uploaded: Path, name: str) -> list[str]:
    """Keep a copy of a notes file handed to the app in the data folder and add it as a source.

    The copy is the source from then on (the upload is temporary); a different file of the same
    name never overwrites an earlier copy.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in (*NOTES_SUFFIXES, *TABLE_SUFFIXES):
        raise CoachError(
            f"{name} is not a notes file; use Markdown or text (.md, .txt) or a spreadsheet "
            "saved as CSV."
        )
    if uploaded.stat().st_size > MAX_NOTES_BYTES:
        raise CoachError(f"{name} is over {MAX_NOTES_BYTES // 1_000_000} MB; that is not notes.")
    data = uploaded.read_bytes()
    folder = imported_notes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = "".join(c if c.isalnum() or c in "-_." else "-" for c in Path(name).stem) or "notes"
    target, n = folder / f"{stem}{suffix}", 2
    while target.exists() and target.read_bytes() != data:
        target, n = folder / f"{stem}-{n}{suffix}", n + 1
    if not target.exists():
        shutil.copyfile(uploaded, target)
    return add_sources([target])
