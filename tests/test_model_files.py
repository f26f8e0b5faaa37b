"""Joining model parts shipped as data packages, and where joined models are kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

from coach.core.model_files import join_parts, models_dir
from coach.speech import model as speech_model


def test_parts_are_joined_in_order_with_the_digest_of_what_was_written(tmp_path: Path) -> None:
    chunks = [b"first-" * 1000, b"", b"second" * 3, bytes(range(256))]
    parts = []
    for n, chunk in enumerate(chunks):
        part = tmp_path / f"part{n}"
        part.write_bytes(chunk)
        parts.append(part)
    seen: list[str] = []
    digest = join_parts(parts, tmp_path / "whole", seen.append)
    assert (tmp_path / "whole").read_bytes() == b"".join(chunks)
    assert digest == hashlib.sha256(b"".join(chunks)).hexdigest()
    assert seen == [f"joined part {n} of 4" for n in range(1, 5)]


def test_models_are_kept_where_the_environment_says(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COACH_MODELS_DIR", str(tmp_path / "models"))
    assert models_dir() == tmp_path / "models"
    assert speech_model.model_dir() == tmp_path / "models" / speech_model.FOLDER_NAME
    monkeypatch.delenv("COACH_MODELS_DIR")
    assert models_dir() == Path.home() / ".cache" / "interview-coach" / "models"


def test_a_speech_folder_with_a_wrong_size_is_not_ready(tmp_path: Path) -> None:
    folder = tmp_path / speech_model.FOLDER_NAME
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"short")
    (folder / "model.bin.sha256").write_text(speech_model.MODEL_SHA256 + "\n")
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_text("{}")
    assert not speech_model.is_ready(folder)
