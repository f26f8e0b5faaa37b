"""Errors the user can act on: each carries one plain sentence and maps to exit code 2."""


class CoachError(Exception):
    """A problem with the user's input or files, reported as one sentence (exit code 2)."""

    exit_code = 2


class KnowledgeError(CoachError):
    """A story, principle or question file is malformed; the message names the file and field."""

    def __init__(self, path: object, field: str, problem: str) -> None:
        self.path = str(path)
        self.field = field
        super().__init__(f"{self.path}: field '{field}' {problem}.")
