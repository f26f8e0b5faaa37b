"""Where things live: the packaged knowledge, and the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "interview-coach"
REPO_ROOT = Path(__file__).resolve().parents[2]


def knowledge_dir() -> Path:
    """The story bank, rubric and question bank (``COACH_KNOWLEDGE`` overrides)."""
    override = os.environ.get("COACH_KNOWLEDGE")
    return Path(override).expanduser() if override else REPO_ROOT / "knowledge"


def prompts_dir() -> Path:
    """Prompt templates, kept as plain text files."""
    return REPO_ROOT / "prompts"


def data_dir() -> Path:
    """The user's data directory (``COACH_HOME`` overrides); created on first use."""
    override = os.environ.get("COACH_HOME")
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
