"""The raw-notes parser: loose Markdown split into blocks, labels recognised, and entries built
into stories with their source lines.
"""

from coach.core.faces import lazy_face

__all__ = ["parse_notes", "parse_notes_file", "read_notes"]
__getattr__ = lazy_face(
    __name__,
    {
        "parse_notes": "coach.knowledge.notes.parser",
        "parse_notes_file": "coach.knowledge.notes.cache",
        "read_notes": "coach.knowledge.notes.blocks",
    },
)
