"""The knowledge schema: stories, principles, frameworks and questions, validated by pydantic."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coach.core.ids import (
    SECTION_NAMES,
    SLUG_PATTERN,
    check_principle_id,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Metric(_Strict):
    """A figure from the notes, with whether it was measured or only projected."""

    value: str = Field(
        min_length=1, description="The figure as the notes state it, e.g. '23% to 93%'."
    )
    what: str = Field(min_length=1, description="What the figure measures.")
    measured: bool = Field(True, description="False when the notes call the figure a projection.")


class Sections(_Strict):
    """STAR parts plus lesson; SPSIL maps Problem->task, Solution->action, Impact->result."""

    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    lesson: str = ""

    def present(self) -> dict[str, bool]:
        """Which parts hold text."""
        return {name: bool(getattr(self, name).strip()) for name in SECTION_NAMES}


class Story(_Strict):
    """One story the candidate can tell, from the story bank or parsed from raw notes."""

    id: str = Field(pattern=SLUG_PATTERN, description="Stable slug, unique across all stories.")
    title: str = Field(min_length=1)
    primary_principle: str | None = Field(
        None, description="The principle this story shows best; required in the story bank."
    )
    secondary_principles: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list, description="Questions the story answers.")
    sections: Sections = Field(default_factory=Sections)
    body: str = Field(
        "", description="The answer kept whole when the notes carry no section labels."
    )
    metrics: list[Metric] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    thin: bool = Field(
        False, description="True when the notes hold only a few words or lack a part of it."
    )
    source: str = Field("", description="The file the story came from (and lines, for raw notes).")
    spans: list[str] = Field(
        default_factory=list,
        description="Every place raw notes tell this story, as 'FILE:FIRST-LAST' line ranges.",
    )
    inferred: list[str] = Field(
        default_factory=list, description="What the notes parser inferred, in plain words."
    )
    missing: list[str] = Field(
        default_factory=list, description="Why the story is thin: what the notes do not hold yet."
    )
    people: list[str] = Field(default_factory=list, description="Colleagues the notes name.")
    project: str = Field(
        "", description="The project this entry tells part of (a name its notes share with others)."
    )
    supersedes: str = Field(
        "", description="The notes entry or story this one replaces (grown in the workshop)."
    )
    supersedes_where: list[str] = Field(
        default_factory=list, description="Where the replaced text is, as 'FILE:FIRST-LAST'."
    )
    origin: Literal["bank", "notes", "user"] = "bank"

    _check_primary = field_validator("primary_principle")(
        lambda v: None if v is None else check_principle_id(v)
    )

    @field_validator("secondary_principles")
    @classmethod
    def _check_secondary(cls, values: list[str]) -> list[str]:
        return [check_principle_id(v) for v in values]

    @property
    def principles(self) -> list[str]:
        """Primary principle first, then the secondary ones, without repeats."""
        ordered = [self.primary_principle, *self.secondary_principles]
        return list(dict.fromkeys(p for p in ordered if p))

    def thin_note(self) -> str:
        """Why the story is thin, in plain words ("your notes give it no result yet")."""
        if not self.thin:
            return ""
        return thin_note(self.missing)

    @property
    def labelled(self) -> bool:
        """True when at least one STAR/SPSIL section holds text."""
        return any(self.sections.present().values())

    def text(self) -> str:
        """The story's full text: labelled sections in order, else the whole answer."""
        if not self.labelled:
            return self.body.strip()
        parts = []
        for name in SECTION_NAMES:
            value = getattr(self.sections, name).strip()
            if value:
                parts.append(f"{name.capitalize()}: {value}")
        return "\n".join(parts)


class Principle(_Strict):
    """A leadership principle with the rubric an interviewer applies to it."""

    id: str
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1, description="What the principle means, in our own words.")
    listen_for: list[str] = Field(min_length=1, description="What interviewers want to hear.")
    red_flags: list[str] = Field(min_length=1, description="What costs a candidate points.")
    sample_questions: list[str] = Field(min_length=5)
    aliases: list[str] = Field(default_factory=list, description="Other names used in notes.")
    framework: Literal["STAR", "SPSIL"] = "STAR"

    _check_id = field_validator("id")(check_principle_id)


class FrameworkPart(_Strict):
    """One part of an answer framework and the story section it maps to."""

    name: str
    section: str
    guidance: str

    @field_validator("section")
    @classmethod
    def _known_section(cls, value: str) -> str:
        if value not in SECTION_NAMES:
            raise ValueError(f"has unknown section '{value}'")
        return value


class Framework(_Strict):
    """An answer framework (STAR or SPSIL) and when it fits."""

    id: Literal["STAR", "SPSIL"]
    parts: list[FrameworkPart] = Field(min_length=4)
    when_to_use: str = Field(min_length=1)


class Question(_Strict):
    """A behavioral question and the principles it probes."""

    text: str = Field(min_length=8)
    principles: list[str] = Field(min_length=1)
    kind: Literal["standard", "failure", "conflict", "criticism"] = "standard"

    @field_validator("principles")
    @classmethod
    def _check_principles(cls, values: list[str]) -> list[str]:
        return [check_principle_id(v) for v in values]


class DevQuestion(Question):
    """A held-out question with the story ids that answer it, for measuring retrieval."""

    stories: list[str] = Field(min_length=1)


def thin_note(missing: list[str]) -> str:
    """What a thin story lacks, said to the candidate: its missing parts, its length, its
    placeholders ("no result", "only 19 words" -> "your notes give it no result yet; ...")."""
    parts = [m[3:] for m in missing if m.startswith("no ")]
    words = [m for m in missing if m.startswith("only ")]
    notes = []
    if parts:
        listed = ", ".join(parts[:-1]) + (" or " if len(parts) > 1 else "") + parts[-1]
        notes.append(f"your notes give it no {listed} yet")
    if words:
        notes.append(f"your notes hold {words[0]} for it")
    if any(m.startswith("placeholder") for m in missing):
        notes.append("it still has a placeholder to fill in")
    return "; ".join(notes) or "your notes hold only a few words for it"


class KnowledgeBase(BaseModel):
    """Everything the coach knows: stories, principle rubric, frameworks and question bank."""

    stories: list[Story]
    principles: list[Principle]
    frameworks: list[Framework]
    questions: list[Question]

    def story(self, story_id: str) -> Story:
        """The story with this id; KeyError when there is none."""
        for story in self.stories:
            if story.id == story_id:
                return story
        raise KeyError(story_id)

    def principle(self, principle_id: str) -> Principle:
        """The principle with this id; KeyError when there is none."""
        for principle in self.principles:
            if principle.id == principle_id:
                return principle
        raise KeyError(principle_id)
