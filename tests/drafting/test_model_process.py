"""The model runs in a supervised child process: crashes and hangs never reach the coach.

A fake OpenAI-compatible server (tests/fake_model_server.py) stands in for the model process; it
streams the notes back, or kills itself with SIGSEGV mid-stream, or hangs.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from pathlib import Path

import pytest

from coach.core.settings import Settings
from coach.drafting.backends.base import ModelUnavailable
from coach.drafting.backends.gguf import GGUFError, read_metadata
from coach.drafting.backends.http import ServerModel
from coach.drafting.backends.process import (
    ModelProcess,
    SupervisedModel,
    free_loopback_port,
    model_environment,
)
from coach.drafting.draft import DraftWriter
from coach.knowledge.bank import load_knowledge
from tests.fake_model_server import __file__ as FAKE_SERVER
from tests.fakes import ToyEmbedder

STORY = load_knowledge().story("snapshot-exposure-ship-without-approval")
QUESTION = "Tell me about a decision you made without your manager"


def tiny_gguf(path: Path, template: str = "{{ '<|im_start|>' }}") -> Path:
    """A GGUF header with a name, a token array to skip, and a chat template (no tensors)."""

    def string(text: str) -> bytes:
        data = text.encode()
        return struct.pack("<Q", len(data)) + data

    kvs = [
        string("general.name") + struct.pack("<I", 8) + string("tiny"),
        string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 3)
        + b"".join(string(t) for t in ("a", "bb", "ccc")),
        string("general.alignment") + struct.pack("<II", 4, 32),
        string("tokenizer.chat_template") + struct.pack("<I", 8) + string(template),
    ]  # fmt: skip
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, len(kvs)) + b"".join(kvs))
    return path


def fake_command(mode: str, state: Path | None = None) -> list[str]:
    command = [sys.executable, FAKE_SERVER, "--port", "{port}", "--mode", mode]
    return command + (["--state", str(state)] if state else [])


def supervised(tmp_path: Path, mode: str, state: Path | None = None, **settings) -> SupervisedModel:
    model = SupervisedModel(
        tiny_gguf(tmp_path / "tiny.gguf"),
        Settings(llm_timeout=settings.pop("timeout", 10.0), llm_start_timeout=20.0, **settings),
        command=fake_command(mode, state),
    )
    return model


def _draft(model):
    return DraftWriter(model, ToyEmbedder().encode).write(QUESTION, STORY, "Ownership", 2.0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_gguf_header_gives_the_prompt_format(tmp_path: Path) -> None:
    meta = read_metadata(tiny_gguf(tmp_path / "t.gguf"))
    assert meta == {"general.name": "tiny", "tokenizer.chat_template": "{{ '<|im_start|>' }}"}
    (tmp_path / "bad.gguf").write_bytes(b"GGUF\x03\x00")
    with pytest.raises(GGUFError):
        read_metadata(tmp_path / "bad.gguf")


def test_a_healthy_worker_phrases_the_draft(tmp_path: Path) -> None:
    model = supervised(tmp_path, "ok")
    assert model.format == "chatml"
    try:
        draft = _draft(model)
        assert any(s.source == "model" for s in draft.sentences)
        assert not any("model process" in note for note in draft.notes)
        assert model.process.pid is not None and model.describe() == "own process, ready"
    finally:
        model.close()


def test_worker_killed_by_sigsegv_mid_stream(tmp_path: Path) -> None:
    state = tmp_path / "crashed-once"
    model = supervised(tmp_path, "segv", state)
    try:
        model.prepare()
        first_pid = model.process.wait_ready() and model.process.pid
        draft = _draft(model)  # the worker dies inside the first part's stream
        assert state.exists()
        assert draft.notes[0] == (
            "The model process crashed with SIGSEGV, so this draft continues in your notes' own "
            "words."
        )
        assert {s.source for s in draft.sentences} <= {"notes", "template"}
        for part in ("situation", "task", "action", "result"):
            assert draft.sections[part]  # nothing of the story is lost
        assert "restarts on the next request" in model.describe()
        again = _draft(model)  # a fresh worker answers the next request
        assert any(s.source == "model" for s in again.sentences)
        assert model.process.pid not in (None, first_pid)
        assert model.process.starts == 2
    finally:
        model.close()


def test_worker_that_hangs_is_stopped_and_replaced(tmp_path: Path) -> None:
    state = tmp_path / "hung-once"
    model = supervised(tmp_path, "hang", state, timeout=1.0)
    try:
        model.prepare()
        model.process.wait_ready()
        hung_pid = model.process.pid
        draft = _draft(model)
        assert draft.notes[0].startswith("The model gave no new words for 1 seconds, so this")
        assert not _alive(hung_pid)  # the hung worker was stopped, not left behind
        again = _draft(model)
        assert any(s.source == "model" for s in again.sentences)
    finally:
        model.close()


def test_worker_that_cannot_start_is_reported(tmp_path: Path) -> None:
    model = supervised(tmp_path, "exit-start")
    with pytest.raises(ModelUnavailable, match="exited with code 3 while starting"):
        list(model.stream("system", "user", 5))
    draft = _draft(model)
    assert "exited with code 3 while starting" in draft.notes[0]
    assert "fake worker refuses to start" in draft.notes[0]  # the log's last line says why


def test_worker_that_never_answers_a_request_times_out(tmp_path: Path) -> None:
    model = supervised(tmp_path, "hang-start", timeout=1.0)
    try:
        with pytest.raises(ModelUnavailable, match="no new words for 1 seconds"):
            list(model.stream("system", "- I did it.", 5))
        assert model.process.pid is None
    finally:
        model.close()


def test_the_worker_exits_when_the_coach_is_gone(tmp_path: Path) -> None:
    """The worker watches its parent: a coach killed outright leaves no model process behind."""
    import subprocess
    import time

    script = (
        "import os, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; "
        "from coach.drafting.backends.worker import watch_parent; watch_parent(); time.sleep(60)'],"
        " env={**os.environ, 'COACH_PARENT_PID': str(os.getpid())})\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 15
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(child)


def test_server_model_speaks_chat_and_reports_http_errors(tmp_path: Path) -> None:
    for mode, expect in (("ok", None), ("error", "HTTP 500")):
        process = ModelProcess(tmp_path / "unused.gguf", fake_command(mode), 20.0)
        try:
            url = process.wait_ready()
            model = ServerModel(url, "fake-model", api="chat", token_timeout=5)
            if expect:
                with pytest.raises(ModelUnavailable, match=expect):
                    list(model.stream("system", "- I fixed the build.", 20))
            else:
                assert "".join(model.stream("s", "- I fixed the build.", 20)).strip() == (
                    "Back then, I fixed the build."
                )
                assert model.first_model() == "fake-model"
        finally:
            process.stop()


def test_an_unreachable_server_is_one_sentence() -> None:
    port = free_loopback_port()
    model = ServerModel(f"http://127.0.0.1:{port}/v1", "m", token_timeout=2)
    with pytest.raises(ModelUnavailable, match="is not answering"):
        list(model.stream("s", "u", 5))


def test_cli_ask_survives_a_crashing_worker(tmp_path: Path, coach_home: Path, toy_embedder,
                                            capsys) -> None:  # fmt: skip
    from coach.cli.main import main
    from coach.drafting.backends.choice import close_models

    coach_home.mkdir(parents=True, exist_ok=True)
    (coach_home / "settings.yaml").write_text(
        "llm_server_command: " + json.dumps(fake_command("segv")) + "\nllm_timeout: 10\n"
    )
    gguf = tiny_gguf(tmp_path / "tiny.gguf")
    try:
        code = main(["ask", "Tell me about a time you shipped without approval", "--json",
                     "--model", str(gguf)])  # fmt: skip
    finally:
        close_models()
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["draft"]["model"] == "tiny.gguf"
    assert out["draft"]["text"]
    assert any("crashed with SIGSEGV" in note for note in out["draft"]["notes"])


def test_remote_servers_need_consent(monkeypatch) -> None:
    from coach.drafting.backends.choice import choose_model, load_model

    monkeypatch.setenv("OPENAI_BASE_URL", "http://gpu-box.example:8000/v1")
    choice = choose_model("llama3")
    assert choice.kind == "server" and choice.server_model == "llama3"
    model, problem = load_model(choice)
    assert model is None and "not on this machine" in problem
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    model, problem = load_model(choose_model("llama3"))
    assert problem is None and isinstance(model, ServerModel)
    assert choose_model("gemma3-270m").kind == "local"  # packaged names stay local


def test_the_app_keeps_serving_through_a_crash(tmp_path: Path, toy_embedder) -> None:
    """A draft in the app whose worker segfaults still finishes, from the notes, and says why;
    the next question gets a fresh worker and the model's wording again."""
    from coach.app.service import CoachService

    service = CoachService("none")
    model = supervised(tmp_path, "segv", tmp_path / "crashed-once")
    service.runtime.model = lambda: model  # the app's slot, holding a crashing worker
    try:
        question = "Tell me about a time you shipped without your manager's approval"
        first = list(service.asking.ask_stream(question))[-1]
        assert first.done and first.result.draft is not None
        assert "crashed with SIGSEGV" in first.result.draft.notes[0]
        assert {s.source for s in first.sentences} <= {"notes", "template"}
        second = list(service.asking.ask_stream(question))[-1]
        assert second.done and any(s.source == "model" for s in second.sentences)
        assert model.describe() == "own process, ready" and model.process.starts == 2
    finally:
        model.close()


def test_the_model_process_spins_briefly_unless_the_user_chose_a_wait_policy(monkeypatch) -> None:
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)
    assert model_environment() == {"GOMP_SPINCOUNT": "1000"}
    assert ModelProcess(Path("m.gguf")).env == {"GOMP_SPINCOUNT": "1000"}
    monkeypatch.setenv("OMP_WAIT_POLICY", "PASSIVE")
    assert model_environment() == {"OMP_WAIT_POLICY": "PASSIVE"}
    monkeypatch.setenv("GOMP_SPINCOUNT", "0")
    assert model_environment() == {"OMP_WAIT_POLICY": "PASSIVE", "GOMP_SPINCOUNT": "0"}
