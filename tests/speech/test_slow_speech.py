"""The real Whisper model on speech made by espeak-ng with silences inserted by sox: the words,
the length and the pauses come back; the CLI critiques a spoken answer and refuses bad audio in
one sentence; transcription needs no network."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jiwer
import pytest

from coach.speech.delivery import delivery
from coach.speech.synthetic import comparable, speak, tools_ready
from coach.speech.transcriber import Transcriber

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tools_ready(), reason="espeak-ng and sox (make test installs them)"),
]
COACH = str(Path(sys.executable).with_name("coach"))
ANSWER = [
    "Our release pipeline broke twice a week and nobody owned it.",
    "I volunteered to fix it and rewrote the deploy scripts over two sprints.",
    "Failed releases dropped from eight a month to one.",
]


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory):
    return speak(ANSWER, voice="en-us", words_per_minute=140,
                 folder=tmp_path_factory.mktemp("speech"))  # fmt: skip


def test_the_real_model_hears_the_words_the_length_and_the_pauses(coach_home, spoken) -> None:
    transcriber = Transcriber()
    heard = transcriber.transcribe(spoken.path)
    transcriber.close()
    assert jiwer.wer(comparable(spoken.text), comparable(heard.text)) <= 0.2
    said = delivery(heard)
    assert abs(said.seconds - spoken.seconds) / spoken.seconds < 0.02
    assert len(said.pauses) == 2
    for made, found in zip(spoken.pause_starts, said.pauses, strict=True):
        assert abs(made - found.start) < 0.5 and found.seconds > 1.7


def test_the_cli_critiques_a_spoken_answer(coach_home, spoken) -> None:
    done = subprocess.run(
        [COACH, "critique", "--question", "Tell me about a time you took ownership.",
         "--audio", str(spoken.path), "--json"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert "release" in result["transcript"].lower()
    figures = result["delivery"]
    assert set(figures) >= {"seconds", "words", "words_per_minute", "pauses", "fillers",
                            "fillers_note", "opening_seconds"}  # fmt: skip
    assert len(figures["pauses"]) == 2 and figures["words"] >= 30
    delivery_dimension = next(d for d in result["dimensions"] if d["id"] == "delivery")
    assert "words a minute" in delivery_dimension["comment"] or "pause" in delivery_dimension[
        "comment"
    ].lower()
    assert result["principles"][0]["id"] == "ownership"
    assert spoken.path.exists()  # a file named on the command line is the user's: never deleted


@pytest.mark.parametrize("kind", ["text", "silent"])
def test_bad_audio_is_one_sentence_and_exit_2(coach_home, tmp_path: Path, kind: str) -> None:
    if kind == "text":
        path = tmp_path / "notes.wav"
        path.write_text("not audio at all")
    else:
        path = tmp_path / "silence.wav"
        subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(path), "trim", "0", "3"],
                       check=True)  # fmt: skip
    done = subprocess.run([COACH, "transcribe", str(path)], capture_output=True, text=True,
                          timeout=600)  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert ("not an audio file" if kind == "text" else "silent") in done.stderr


def _can_unshare() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare -n is not permitted here (needs root)")
def test_transcription_needs_no_network(tmp_path: Path, spoken) -> None:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "COACH_HOME": str(tmp_path / "coach")}
    (tmp_path / "home").mkdir()  # a fresh HOME: the model is joined from the packages, offline
    script = f"ip link set lo up && {COACH} transcribe --json {spoken.path}"
    done = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True,
                          env=env, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "release" in json.loads(done.stdout)["text"].lower()
