"""Prompt templates live in ``prompts/`` as text files; this module only reads and fills them."""

from __future__ import annotations

from functools import cache

from coach.core.paths import prompts_dir


@cache
def template(name: str) -> str:
    """The text of ``prompts/<name>.txt``."""
    return (prompts_dir() / f"{name}.txt").read_text(encoding="utf-8")


def render(name: str, **values: object) -> str:
    """A template with its ``{placeholders}`` filled."""
    return template(name).format(**values)
