"""User settings, one pydantic model read from ``settings.yaml`` in the user data directory."""

from __future__ import annotations

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.errors import CoachError
from coach.paths import data_dir
from coach.safe_yaml import load_yaml


class Settings(BaseModel):
    """Everything a user may set; each field says what it does."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(
        None, description="GGUF path, a packaged model name (smollm2, gemma3-270m), or 'none'."
    )
    minutes: float = Field(2.0, gt=0, le=10, description="Default spoken length of a draft.")
    words_per_minute: int = Field(140, ge=80, le=220, description="Speaking pace for budgets.")


def load_settings() -> Settings:
    """Settings from ``$COACH_HOME/settings.yaml``; defaults when the file is absent."""
    path = data_dir() / "settings.yaml"
    if not path.exists():
        return Settings()
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        return Settings.model_validate(data)
    except (ValidationError, ValueError, OSError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        raise CoachError(f"{path} is not a valid settings file ({first}).") from exc
