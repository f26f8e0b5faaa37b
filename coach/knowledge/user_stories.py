"""Stories the candidate adds or edits in the app: validated, written as Markdown into their own
stories folder (never outside it, never over a file without confirmation), then indexed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from coach.core.errors import CoachError, KnowledgeError
from coach.core.ids import PRINCIPLE_IDS
from coach.core.paths import data_dir
from coach.core.schema import Story
from coach.knowledge.bank import load_story_file

MAX_FIELD_CHARS = 5000


def user_stories_dir() -> Path:
    """The candidate's own stories folder (Markdown files in the story-bank format)."""
    path = data_dir() / "stories"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_user_stories() -> list[Story]:
    """Every readable story in the folder; a broken file is skipped, never deleted."""
    stories = []
    for path in sorted(user_stories_dir().glob("*.md")):
        try:
            story = load_story_file(path)
        except KnowledgeError:
            continue
        stories.append(story.model_copy(update={"origin": "user"}))
    return stories


def slugify(title: str) -> str:
    """A file-safe id from a title: 'Cut build time 40%!' -> 'cut-build-time-40'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].strip("-")


@dataclass
class StoryForm:
    """What the app's story form collects."""

    title: str
    primary_principle: str
    situation: str
    task: str
    action: str
    result: str
    lesson: str = ""
    secondary_principles: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # interview questions the story answers, in the user's words


def render_story(form: StoryForm, story_id: str, extra: dict | None = None) -> str:
    """The Markdown file for a form: YAML front matter (plus ``extra`` fields), then one heading
    per section."""
    front = {
        "id": story_id,
        "title": form.title.strip(),
        "primary_principle": form.primary_principle,
        "secondary_principles": [
            p for p in form.secondary_principles if p != form.primary_principle
        ],
        **({"questions": list(form.questions)} if form.questions else {}),
        **(extra or {}),
    }
    parts = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip(), "---"]
    for name in ("situation", "task", "action", "result", "lesson"):
        text = " ".join(getattr(form, name).split())
        if text:
            parts += [f"## {name.capitalize()}", text, ""]
    return "\n".join(parts).rstrip() + "\n"


def check_form(form: StoryForm, taken: set[str]) -> str:
    """The story id for a valid form, or a CoachError saying what to fix (one sentence)."""
    if not form.title.strip():
        raise CoachError("Give the story a title.")
    if form.primary_principle not in PRINCIPLE_IDS:
        raise CoachError("Choose the principle this story shows best.")
    for name in ("situation", "task", "action", "result"):
        if not getattr(form, name).strip():
            raise CoachError(f"The {name} is empty; every story needs situation, task, action "
                             "and result.")  # fmt: skip
    for name in ("title", "situation", "task", "action", "result", "lesson"):
        if len(getattr(form, name)) > MAX_FIELD_CHARS:
            raise CoachError(f"The {name} is longer than {MAX_FIELD_CHARS:,} characters.")
    story_id = slugify(form.title)
    if not story_id:
        raise CoachError("The title needs some letters or digits to name the file.")
    if story_id in taken:
        raise CoachError(f"A story with the id '{story_id}' already exists in the bank; "
                         "choose another title.")  # fmt: skip
    return story_id


def save_story(form: StoryForm, bank_ids: set[str], overwrite: bool = False) -> Story:
    """Write the story into the user's folder and return it as loaded back from disk.

    Refuses to replace an existing file unless ``overwrite`` is set, and refuses any path that
    would land outside the folder.
    """
    story_id = check_form(form, bank_ids)
    folder = user_stories_dir().resolve()
    path = (folder / f"{story_id}.md").resolve()
    if path.parent != folder:
        raise CoachError("That title would write outside your stories folder.")
    if path.exists() and not overwrite:
        raise CoachError(f"You already have a story called '{story_id}'; confirm to replace it.")
    write_checked(path, render_story(form, story_id))
    return load_story_file(path).model_copy(update={"origin": "user"})


def write_checked(path: Path, text: str) -> None:
    """Write a story file through a staging copy that must pass the bank's checks first, so a
    bad story never lands and a good one lands whole."""
    staging = path.parent / ".staging"  # not a story: loaders read *.md in the folder itself
    staging.mkdir(exist_ok=True)
    staged = staging / path.name
    staged.write_text(text, encoding="utf-8")
    try:
        load_story_file(staged)
        staged.replace(path)
    except KnowledgeError as exc:
        raise CoachError(str(exc)) from exc
    finally:
        staged.unlink(missing_ok=True)
