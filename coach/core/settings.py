"""User settings, one pydantic model read from ``settings.yaml`` in the user data directory."""

from __future__ import annotations

from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.core.errors import CoachError
from coach.core.paths import data_dir
from coach.core.safe_yaml import load_yaml


class Settings(BaseModel):
    """Everything a user may set; each field says what it does."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(
        None, description="GGUF path, a packaged model name (smollm2, gemma3-270m), or 'none'."
    )
    minutes: float = Field(2.0, gt=0, le=10, description="Default spoken length of a draft.")
    words_per_minute: int = Field(140, ge=80, le=220, description="Speaking pace for budgets.")
    llm_url: str | None = Field(
        None,
        description="Base URL of an OpenAI-compatible server to phrase drafts (Ollama, vLLM, "
        "llama-server), e.g. http://127.0.0.1:11434/v1. Also COACH_LLM_URL or OPENAI_BASE_URL. "
        "Then 'model' names the model on that server.",
    )
    llm_allow_remote: bool = Field(
        False, description="Allow an llm_url that is not this machine (your notes are sent there)."
    )
    llm_api: Literal["chat", "completions"] = Field(
        "chat",
        description="Which endpoint of that server to use: chat (it applies the model's "
        "own template) or completions (the coach formats the prompt).",
    )
    llm_timeout: float = Field(
        30.0,
        gt=0,
        le=600,
        description="Seconds without a new token (or to the first one) before the model is "
        "treated as hung: it is stopped and the draft goes on in your notes' own words.",
    )
    llm_threads: int = Field(
        0,
        ge=0,
        le=64,
        description="Threads the local model process uses; 0: every core while the machine is "
        "otherwise idle, one fewer while other work keeps it busy (measured: docs/MODELS.md).",
    )
    llm_start_timeout: float = Field(
        90.0, gt=0, le=900, description="Seconds the local model process may take to start."
    )
    llm_server_command: list[str] | None = Field(
        None,
        description="Command that serves a GGUF file over the OpenAI protocol, instead of "
        "llama-cpp-python's server; placeholders {model}, {port}, {threads}, {context}.",
    )
    model_concurrency: int = Field(
        1, ge=1, le=16,
        description="Drafts the model generates at once (its server's parallel slots); the "
        "others wait in line.",
    )  # fmt: skip
    model_queue: int = Field(
        16, ge=0, le=256,
        description="How many may wait for the model; past that a draft is written from the "
        "notes' own words at once, and says why.",
    )  # fmt: skip
    chroma_host: str | None = Field(
        None,
        description="Keep the index on this Chroma server instead of embedded in the data "
        "directory (also CHROMA_HTTP_HOST); each workspace gets its own collections.",
    )
    chroma_port: int = Field(8000, ge=1, le=65535, description="The Chroma server's port.")
    chroma_ssl: bool = Field(False, description="Talk to the Chroma server over HTTPS.")
    chroma_tenant: str | None = Field(None, description="Chroma tenant (default_tenant).")
    chroma_database: str | None = Field(None, description="Chroma database (default_database).")
    chroma_allow_remote: bool = Field(
        False,
        description="Allow a Chroma server that is not this machine (story ids and vectors are "
        "stored there). Also CHROMA_ALLOW_REMOTE=1.",
    )


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
