"""``coach ask`` with drafting, through the CLI, with the toy embedder and no real model."""

import json
from pathlib import Path

import pytest

from coach.cli.main import main
from coach.drafting.ask import DraftOptions, ask
from coach.retrieval.opening import open_retriever

pytestmark = pytest.mark.usefixtures("toy_embedder")


def test_missing_model_file_gives_one_sentence_and_an_extractive_draft(
    tmp_path: Path, capsys
) -> None:
    missing = tmp_path / "nope.gguf"
    code = main(["ask", "Tell me about the honeybee bug", "--json", "--model", str(missing)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.strip().startswith(f"The model file {missing} does not exist")
    draft = json.loads(captured.out)["draft"]
    assert draft["model"] == "none" and draft["story_id"] == "tryon-models-and-honeybee-bug"
    assert draft["grounded"] is True and draft["unsupported"] == []
    assert set(draft["sections"]) == {"situation", "task", "action", "result", "lesson"}
    assert draft["words"] == len(draft["text"].split())


def test_model_none_and_minutes(capsys) -> None:
    assert main(["ask", "Tell me about the honeybee bug", "--json", "--model", "none",
                 "--minutes", "0.5"]) == 0  # fmt: skip
    draft = json.loads(capsys.readouterr().out)["draft"]
    assert draft["model"] == "none" and draft["budget_words"] == 70


def test_streamed_terminal_output(capsys) -> None:
    assert main(["ask", "Tell me about the honeybee bug", "--model", "none"]) == 0
    out = capsys.readouterr().out
    assert out.index("Your best stories:") < out.index("Draft:") < out.index("words, ~")


@pytest.mark.parametrize("minutes", ["0", "-1", "11"])
def test_bad_minutes_exit_2(minutes: str, capsys) -> None:
    assert main(["ask", "Tell me about a conflict", "--minutes", minutes, "--model", "none"]) == 2
    assert "--minutes" in capsys.readouterr().err


def test_no_story_fits_means_no_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.drafting.ask

    monkeypatch.setattr(coach.drafting.ask, "NO_FIT_BELOW", 1.01)  # nothing fits
    retriever = open_retriever()
    result = ask(retriever, "Tell me about the honeybee bug", 3, DraftOptions(model=None))
    assert result.draft is None and result.no_fit is not None
    assert len(result.no_fit.closest) == 3 and "no draft was written" in result.no_fit.message


def test_an_entry_without_question_lines_is_held_to_the_narrative_floor() -> None:
    from coach.core.schema import Story
    from coach.drafting.ask import NARRATIVE_NO_FIT_BELOW, NO_FIT_BELOW, _no_fit_floor

    bare = Story(id="a", title="Retrofit", body="I wrote the business case myself.")
    asked = bare.model_copy(update={"questions": ["Tell me about a business case you wrote."]})
    assert NARRATIVE_NO_FIT_BELOW < NO_FIT_BELOW
    assert _no_fit_floor(bare) == NARRATIVE_NO_FIT_BELOW and _no_fit_floor(asked) == NO_FIT_BELOW
