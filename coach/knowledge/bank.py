"""Load and validate the story bank, the principle rubric and the question bank.

Any problem stops loading with one sentence that names the file and the field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from coach.core.errors import KnowledgeError
from coach.core.ids import PRINCIPLE_IDS, REQUIRED_SECTIONS, SECTION_NAMES
from coach.core.paths import knowledge_dir
from coach.core.safe_yaml import load_yaml, yaml_problem
from coach.core.schema import (
    DevQuestion,
    Framework,
    KnowledgeBase,
    Principle,
    Question,
    Sections,
    Story,
)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?(.*)\Z", re.DOTALL | re.MULTILINE)
_SECTION_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def read_text(path: Path) -> str:
    """Read a UTF-8 file, reporting unreadable or non-text files as one sentence."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(path, "content", "is not UTF-8 text") from exc
    except OSError as exc:
        raise KnowledgeError(path, "file", f"cannot be read ({exc.strerror})") from exc


def _parse_yaml(path: Path, text: str, field: str) -> Any:
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(path, field, yaml_problem(exc)) from exc


def _validated(model: type[BaseModel], data: Any, path: Path, prefix: str = "") -> Any:
    """Validate ``data`` as ``model``; the first error becomes a KnowledgeError naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "document"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "is missing"
        elif error["type"] == "extra_forbidden":
            message = "is not a known field"
        elif not message.startswith(("has ", "is ")):
            message = f"is invalid ({message})"
        raise KnowledgeError(path, prefix + field, message) from exc


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split a Markdown file into its YAML front matter (a mapping) and its body."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        raise KnowledgeError(path, "front matter", "is missing (the file must start with '---')")
    data = _parse_yaml(path, match.group(1), "front matter")
    if not isinstance(data, dict):
        raise KnowledgeError(path, "front matter", "is not a mapping of fields")
    return data, match.group(2)


def parse_sections(
    body: str, path: Path, required: tuple[str, ...] = REQUIRED_SECTIONS
) -> Sections:
    """Read the '## Situation' ... '## Lesson' sections of a story body."""
    headings = list(_SECTION_HEADING.finditer(body))
    found: dict[str, str] = {}
    for index, heading in enumerate(headings):
        name = heading.group(1).strip().lower()
        if name not in SECTION_NAMES:
            raise KnowledgeError(
                path, f"sections.{name}", "is not one of " + ", ".join(SECTION_NAMES)
            )
        if name in found:
            raise KnowledgeError(path, f"sections.{name}", "appears twice")
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        found[name] = " ".join(body[heading.end() : end].split())
    for name in required:
        if not found.get(name):
            raise KnowledgeError(path, f"sections.{name}", "is empty or missing")
    if not any(found.values()):
        raise KnowledgeError(path, "sections", "are all empty")
    return Sections(**found)


def load_story_file(path: Path) -> Story:
    """Parse and validate one story file of the bank."""
    data, body = split_front_matter(read_text(path), path)
    for reserved in ("sections", "body", "source", "origin", "spans", "inferred", "missing"):
        if reserved in data:
            raise KnowledgeError(
                path, reserved, "is set by the loader and must not be in front matter"
            )
    if not data.get("primary_principle"):
        raise KnowledgeError(path, "primary_principle", "is missing")
    # a story grown in the workshop from a notes entry may still lack a part, as the entry did
    required = () if data.get("supersedes") else REQUIRED_SECTIONS
    data["sections"] = parse_sections(body, path, required).model_dump()
    data["source"] = str(path)
    story = _validated(Story, data, path)
    if story.id != path.stem:
        raise KnowledgeError(path, "id", f"'{story.id}' does not match the file name '{path.stem}'")
    return story


def load_stories(directory: Path) -> list[Story]:
    """Load every ``*.md`` story in a directory, refusing duplicate ids."""
    if not directory.is_dir():
        raise KnowledgeError(directory, "stories", "is not a directory")
    stories: list[Story] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.md")):
        story = load_story_file(path)
        if story.id in seen:
            raise KnowledgeError(path, "id", f"'{story.id}' is already used by {seen[story.id]}")
        seen[story.id] = path
        stories.append(story)
    return stories


def _yaml_mapping(path: Path) -> dict[str, Any]:
    data = _parse_yaml(path, read_text(path), "document")
    if not isinstance(data, dict):
        raise KnowledgeError(path, "document", "is not a mapping of fields")
    return data


def _items(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise KnowledgeError(path, key, "is missing or not a non-empty list")
    return items


def load_principles(path: Path) -> tuple[list[Principle], list[Framework]]:
    """Load the sixteen principles (each exactly once) and the answer frameworks."""
    data = _yaml_mapping(path)
    principles = [
        _validated(Principle, item, path, f"principles.{i}.")
        for i, item in enumerate(_items(data, "principles", path))
    ]
    ids = [p.id for p in principles]
    for principle_id in PRINCIPLE_IDS:
        if ids.count(principle_id) != 1:
            raise KnowledgeError(path, "principles", f"must define '{principle_id}' exactly once")
    frameworks = [
        _validated(Framework, item, path, f"frameworks.{i}.")
        for i, item in enumerate(_items(data, "frameworks", path))
    ]
    return principles, frameworks


def load_questions(path: Path, model: type[Question] = Question) -> list[Question]:
    """Load a question bank (or, with ``DevQuestion``, a held-out dev set)."""
    data = _yaml_mapping(path)
    return [
        _validated(model, item, path, f"questions.{i}.")
        for i, item in enumerate(_items(data, "questions", path))
    ]


_LOADED: dict[Path, tuple[tuple, KnowledgeBase]] = {}


def _signature(root: Path) -> tuple:
    """Name, size and modification time of every file the knowledge is read from."""
    files = [root / "principles.yaml", root / "questions.yaml", *(root / "stories").glob("*.md")]
    out = []
    for path in sorted(files):
        try:
            stat = path.stat()
            out.append((path.name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((path.name, -1, -1))
    return tuple(out)


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load the whole knowledge folder: stories/, principles.yaml and questions.yaml.

    Read once per process while its files are unchanged (callers treat it as read-only)."""
    root = (directory or knowledge_dir()).resolve()
    signature = _signature(root)
    known = _LOADED.get(root)
    if known is not None and known[0] == signature:
        return known[1]
    kb = _read_knowledge(root)
    _LOADED[root] = (signature, kb)
    return kb


def _read_knowledge(root: Path) -> KnowledgeBase:
    principles, frameworks = load_principles(root / "principles.yaml")
    return KnowledgeBase(
        stories=load_stories(root / "stories"),
        principles=principles,
        frameworks=frameworks,
        questions=load_questions(root / "questions.yaml"),
    )


def load_synonyms(directory: Path | None = None) -> list[list[str]]:
    """Groups of interchangeable words from ``synonyms.yaml`` (none when the file is absent)."""
    path = (directory or knowledge_dir()) / "synonyms.yaml"
    if not path.exists():
        return []
    groups = _items(_yaml_mapping(path), "groups", path)
    for i, group in enumerate(groups):
        if not isinstance(group, list) or not all(isinstance(w, str) and w.strip() for w in group):
            raise KnowledgeError(path, f"groups.{i}", "is not a list of words")
    return groups


def load_dev_questions(path: Path) -> list[DevQuestion]:
    """Load the held-out dev set used to measure retrieval."""
    return load_questions(path, DevQuestion)  # type: ignore[return-value]


STAR_LABELS = ("situation", "task", "action", "result", "lesson", "other")


def load_star_sentences(directory: Path | None = None) -> list[tuple[str, str, str]]:
    """(domain, label, sentence) from ``star_sentences.yaml``: the STAR labeller's own examples,
    in many professions and voices (none when the file is absent)."""
    path = (directory or knowledge_dir()) / "star_sentences.yaml"
    if not path.exists():
        return []
    domains = _yaml_mapping(path).get("domains") or {}
    if not isinstance(domains, dict):
        raise KnowledgeError(path, "domains", "is not a mapping")
    out = []
    for domain, rows in domains.items():
        for i, row in enumerate(rows or []):
            if (
                not isinstance(row, list)
                or len(row) != 2
                or row[0] not in STAR_LABELS
                or not isinstance(row[1], str)
            ):
                raise KnowledgeError(path, f"domains.{domain}.{i}", "is not [label, sentence]")
            out.append((str(domain), row[0], row[1]))
    return out


def load_follow_ups(directory: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """Follow-up questions by flag code, dimension and principle (``follow_ups.yaml``)."""
    path = (directory or knowledge_dir()) / "follow_ups.yaml"
    if not path.exists():
        return {"flags": {}, "dimensions": {}, "principles": {}}
    data = _yaml_mapping(path)
    out: dict[str, dict[str, list[str]]] = {}
    for section in ("flags", "dimensions", "principles"):
        table = data.get(section) or {}
        if not isinstance(table, dict):
            raise KnowledgeError(path, section, "is not a mapping")
        for key, questions in table.items():
            if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
                raise KnowledgeError(path, f"{section}.{key}", "is not a list of questions")
        out[section] = table
    return out
