"""``coach ingest``: parse the user's notes, register them as sources, and report what was found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.errors import CoachError
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.cache import parse_notes_file
from coach.knowledge.notes.parser import ParsedNotes
from coach.knowledge.sources import expand_notes_paths, register


@dataclass
class IngestReport:
    """What ingesting one file produced."""

    path: Path
    parsed: ParsedNotes
    newly_registered: bool

    def summary(self) -> str:
        """A few readable lines: counts, then every problem with its line number."""
        p = self.parsed
        status = (
            "registered" if self.newly_registered else "already registered, nothing added twice"
        )
        lines = [
            f"{self.path}: {len(p.entries)} stories ({len(p.labelled)} with STAR/SPSIL parts, "
            f"{sum(e.thin for e in p.entries)} thin), {len(p.guidance)} guidance blocks, "
            f"{len(p.principles_seen)} principles named ({status}).",
        ]
        if not p.entries:
            lines[0] = f"{self.path}: no answers found, so it was not registered as notes."
        if p.decisions:
            lines.append("  How the stories were cut:")
            lines += [f"    {decision}" for decision in p.decisions]
        if p.problems:
            lines.append(f"  Could not place {len(p.problems)} item(s):")
            lines += [f"    line {x.line}: {x.reason}: {x.text!r}" for x in p.problems]
        return "\n".join(lines)


def ingest(paths: list[Path]) -> list[IngestReport]:
    """Parse and register each notes file (folders expand to their notes files)."""
    principles = load_knowledge().principles
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise CoachError(f"{path} does not exist.")
        found = expand_notes_paths(path)
        if not found:
            raise CoachError(f"{path} holds no notes files (.md, .markdown or .txt).")
        files.extend(found)
    reports = []
    for file in files:
        parsed = parse_notes_file(file, principles)
        reports.append(IngestReport(file, parsed, bool(parsed.entries) and register(file)))
    return reports
