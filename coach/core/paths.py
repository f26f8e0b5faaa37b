"""Where things live: the packaged knowledge, and the user's data directory."""

from __future__ import annotations

import os
from collections.abc import Callable
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


_workspace_of_caller: Callable[[], Path | None] | None = None


def set_workspace_resolver(resolver: Callable[[], Path | None] | None) -> None:
    """Let a multi-user server say whose workspace the current request works in (None: the
    root). Everything the coach stores goes through ``data_dir``, so this is the one switch."""
    global _workspace_of_caller
    _workspace_of_caller = resolver


def is_shared_server() -> bool:
    """Whether several accounts share this process (paths on it are not the user's computer)."""
    return _workspace_of_caller is not None


def root_dir() -> Path:
    """The data directory of this install (``COACH_HOME`` overrides); created on first use. On a
    server with accounts it holds the accounts and one workspace per user under ``users/``."""
    override = os.environ.get("COACH_HOME")
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The current workspace's data directory: the root, or the signed-in user's own folder."""
    if _workspace_of_caller is not None and (own := _workspace_of_caller()) is not None:
        own.mkdir(parents=True, exist_ok=True)
        return own
    return root_dir()
