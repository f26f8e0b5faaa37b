"""``coach doctor``: what a working setup needs, checked one by one, each failure with its fix.

Native code is only ever exercised in child processes here, so a broken build is reported, not
suffered. ``make test`` runs the model checks first (``python -m coach.health.smoke``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.paths import REPO_ROOT, data_dir
from coach.drafting.backends.choice import ModelChoice

LOCK_FILE = REPO_ROOT / "requirements.lock"
OFFLINE_SWITCHES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY",
                    "GRADIO_ANALYTICS_ENABLED", "DO_NOT_TRACK")  # fmt: skip
SMOKE_TOKENS = 32
REINSTALL = "reinstall from the lock: rm .venv/.installed && make install"
REBUILD = "rebuild the model library portably: make clean-venv && make install"


@dataclass
class Check:
    """One line of the doctor's table."""

    name: str
    ok: bool
    detail: str
    fix: str | None = None


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock: Path = LOCK_FILE) -> dict[str, str]:
    """``name -> version`` for every ``name==version`` line of the lock file."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)", line)
        if match:
            pins[_normal(match.group(1))] = match.group(2)
    return pins


def check_packages(lock: Path = LOCK_FILE) -> Check:
    """Installed versions against the lock file."""
    name = "packages match the lock"
    if not lock.exists():
        return Check(name, True, "no requirements.lock beside the code (installed from a wheel)")
    pins = locked_versions(lock)
    wrong = []
    for package, version in sorted(pins.items()):
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            wrong.append(f"{package} missing")
            continue
        if installed != version:
            wrong.append(f"{package} {installed} (lock: {version})")
    if wrong:
        shown = ", ".join(wrong[:4]) + (f" and {len(wrong) - 4} more" if len(wrong) > 4 else "")
        return Check(name, False, shown, REINSTALL)
    return Check(name, True, f"{len(pins)} packages as locked")


def check_native_build() -> Check:
    """The llama.cpp library was built without CPU-specific tuning (no AVX-512, no AMX)."""
    name = "model library is portable"
    code = "import llama_cpp; print(llama_cpp.llama_print_system_info().decode())"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        return Check(name, False, "loading llama-cpp-python took over a minute", REBUILD)
    if done.returncode != 0:
        from coach.drafting.backends.process import describe_exit

        last = (done.stderr.strip().splitlines() or ["no message"])[-1][:160]
        return Check(name, False, f"loading it {describe_exit(done.returncode)}: {last}", REBUILD)
    tuned = sorted(set(re.findall(r"\b(AVX512\w*|AMX\w*) = 1", done.stdout)))
    if tuned:
        return Check(name, False, f"built for this CPU only ({', '.join(tuned)})", REBUILD)
    features = re.findall(r"\b(AVX2|FMA|F16C|SSE3) = 1", done.stdout)
    return Check(name, True, "no AVX-512/AMX; " + (", ".join(features) or "baseline x86-64"))


def check_model(
    model_name: str | None = None, tokens: int = SMOKE_TOKENS, choice: ModelChoice | None = None
) -> Check:
    """The chosen model starts and generates; tokens per second."""
    from coach.drafting.backends.base import ModelUnavailable
    from coach.drafting.backends.choice import choose_model, load_model

    name = "model generates"
    try:
        choice = choice or choose_model(model_name)
    except CoachError as exc:
        return Check(name, False, str(exc),
                     "set model to gemma3-270m, smollm2, qwen2.5-coder-1.5b, a path or none")
    if choice.kind == "none":
        return Check(name, True, "no model chosen: drafts use your notes' own words")
    model, problem = load_model(choice)
    if model is None:
        return Check(name, False, problem or "unusable", "choose another model (--model)")
    start = time.perf_counter()
    stamps: list[float] = []
    try:
        model.prepare()
        for _piece in model.stream("Continue the story in plain words.",
                                   "The team met early and", max_tokens=tokens):  # fmt: skip
            stamps.append(time.perf_counter())
    except ModelUnavailable as exc:
        fix = REBUILD if choice.kind == "local" else f"check the server at {choice.url} is running"
        return Check(name, False, f"{choice.name}: {exc}", fix)
    where = "own process" if choice.kind == "local" else f"server {choice.url}"
    if not stamps:
        return Check(name, False, f"{choice.name} ({where}) returned no text", REBUILD)
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    return Check(
        name, True, f"{choice.name} ({where}): {len(stamps)} tokens, {rate:.0f} tokens/s, "
        f"first after {stamps[0] - start:.1f} s (with start-up)"
    )  # fmt: skip


def check_embedder() -> Check:
    """The packaged MiniLM weights load and embed a sentence."""
    from coach.index.embedding import model_path, numpy_embedder

    name = "embedder"
    try:
        vector = numpy_embedder().encode(["Tell me about a time you failed."])[0]
    except Exception as exc:  # any failure here is reported, never raised
        return Check(name, False, f"{type(exc).__name__}: {exc}"[:200],
                     REINSTALL)  # fmt: skip
    return Check(name, True, f"all-MiniLM-L6-v2 ({model_path().parent.name}), {len(vector)} dims")


def check_index() -> Check:
    """The search index matches the stories (rebuilt by ``coach index`` when not), and where it
    lives (embedded, or on a Chroma server)."""
    from coach.index.builder import index_is_current
    from coach.index.chroma_target import chroma_server

    name = "index"
    try:
        server = chroma_server()
        where = f"on the Chroma server {server.label}" if server else "embedded"
        current, count = index_is_current()
    except CoachError as exc:
        return Check(name, False, str(exc), "fix what it names, then run coach index")
    if not current:
        return Check(name, False, f"out of date for {count} stories, {where} (it rebuilds on "
                     "first use)", "run coach index")  # fmt: skip
    return Check(name, True, f"up to date, {count} stories, {where}")


def check_history() -> Check:
    """The practice history can be written: SQLite in the data directory, or PostgreSQL."""
    from coach.core.history import HistoryUnavailable
    from coach.core.history_pg import PostgresHistory, open_history

    name = "history"
    try:
        history = open_history()
        count = len(history.critiques(limit=1_000_000))
    except (CoachError, HistoryUnavailable) as exc:
        return Check(name, False, str(exc), "check DATABASE_URL, or unset it to use SQLite")
    kind = (f"PostgreSQL, schema {history.schema}" if isinstance(history, PostgresHistory)
            else f"SQLite, {history.path}")  # fmt: skip
    return Check(name, True, f"{kind}, {count} critiques")


def check_data_dir() -> Check:
    """The data directory exists and is writable."""
    name = "data directory"
    try:
        folder = data_dir()
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check(name, False, f"not writable ({exc.strerror})",
                     "set COACH_HOME to a folder you can write")  # fmt: skip
    return Check(name, True, str(folder))


def check_sources() -> Check:
    """Every registered notes file is still there and readable."""
    from coach.knowledge.sources import registered_sources

    name = "notes sources"
    sources = registered_sources()
    missing = [str(p) for p in sources if not (p.is_file() and os.access(p, os.R_OK))]
    if missing:
        return Check(name, False, f"cannot read {', '.join(missing[:3])}",
                     "put the file back, or re-run coach ingest with its new path")  # fmt: skip
    if not sources:
        from coach.knowledge.corpus import uses_example_bank

        if uses_example_bank():
            return Check(name, True, "none of your own yet: the example bank is used "
                                     "(coach sources add FILE)")  # fmt: skip
        return Check(name, True, "your stories written in the app (no notes file registered)")
    return Check(name, True, f"{len(sources)} notes file(s) readable")


def check_offline() -> Check:
    """The privacy switches are set and the model is on this machine."""
    from coach.core.hosts import is_loopback_url
    from coach.drafting.backends.choice import server_url

    name = "offline"
    unset = [s for s in OFFLINE_SWITCHES if os.environ.get(s) not in ("1", "False", "false")]
    if unset:
        return Check(name, False, f"{', '.join(unset)} not set",
                     "unset them in your shell: the coach sets them itself")  # fmt: skip
    url = server_url()
    if url and not is_loopback_url(url):
        return Check(name, True, f"switches set; drafts are phrased by {url} (not this machine)")
    return Check(name, True, "hub and telemetry switches set; model and index on this machine")


def check_better_model() -> Check:
    """The optional stronger phrasing model: installed and whole, or how to get it."""
    from coach.drafting.backends import better_model

    name = "stronger model"
    if better_model.is_installed():
        return Check(name, True, f"{better_model.NAME} installed ({better_model.model_path()})")
    if better_model.model_path().exists():
        return Check(name, False, f"{better_model.model_path()} is incomplete",
                     "run make better-model again")  # fmt: skip
    return Check(name, True, f"{better_model.NAME} not installed (optional: make better-model)")


def check_speech() -> Check:
    """Answer aloud: the Whisper model joined and whole, and (with espeak-ng and sox) a made
    sentence transcribed end to end in the worker process."""
    from coach.core.errors import CoachError
    from coach.speech import model, synthetic, voice
    from coach.speech.transcriber import Transcriber

    name = "speech"
    try:
        model.ensure_model()
    except CoachError as exc:
        return Check(name, False, str(exc), "run make install")
    reads = "questions read aloud" if voice.available() else (
        "no espeak-ng: questions not read aloud")
    if not synthetic.tools_ready():
        return Check(name, True, f"Whisper base ready ({model.model_dir()}); {reads}")
    transcriber = Transcriber()
    try:
        heard = transcriber.transcribe(synthetic.speak(["Testing one two three."]).path)
    except CoachError as exc:
        return Check(name, False, f"transcription failed: {exc}", "run make install")
    finally:
        transcriber.close()
    if "testing" not in heard.text.lower():
        return Check(name, False, f"a test sentence came back as {heard.text!r}",
                     "run make install")  # fmt: skip
    return Check(name, True, f"Whisper base transcribes on this machine; {reads}")


CHECKS: dict[str, Callable[[], Check]] = {
    "packages": check_packages,
    "build": check_native_build,
    "model": check_model,
    "stronger model": check_better_model,
    "embedder": check_embedder,
    "index": check_index,
    "data": check_data_dir,
    "history": check_history,
    "sources": check_sources,
    "offline": check_offline,
    "speech": check_speech,
}


def run_checks(names: list[str] | None = None, choice: ModelChoice | None = None) -> list[Check]:
    """Run the named checks (all by default), in order; ``choice`` is the model to try."""
    return [
        check_model(choice=choice) if name == "model" and choice else CHECKS[name]()
        for name in (names or list(CHECKS))
    ]


def as_json(checks: list[Check]) -> dict:
    return {"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]}


def render(checks: list[Check]) -> str:
    """A table, then one line per problem with its fix."""
    width = max(len(c.name) for c in checks)
    lines = [f"{'ok ' if c.ok else 'FAIL'} {c.name:<{width}}  {c.detail}" for c in checks]
    problems = [c for c in checks if not c.ok]
    if problems:
        lines.append("")
        lines += [f"Problem: {c.name}: {c.detail}. Fix: {c.fix}." for c in problems]
    else:
        lines.append("\nEverything the coach needs is in place.")
    return "\n".join(lines)
