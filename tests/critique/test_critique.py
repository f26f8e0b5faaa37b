"""`coach critique` end to end with a toy embedder: contract shape, input handling, extras."""

from __future__ import annotations

import io
import json

import pytest

from coach.cli.main import main
from coach.core.errors import CoachError
from coach.core.ids import DIMENSION_IDS, FLAG_CODES
from coach.critique.critic import Critic, CritiqueOptions, clean_answer
from coach.retrieval.opening import open_retriever
from tests.fakes import ScriptedModel

QUESTION = "Tell me about a time you had to move fast with no data."
ANSWER = (
    "We had a time-sensitive task to train a gesture detection model, and we had no data at all. "
    "My task was to get a usable dataset in days, not weeks. I escalated the need to leadership "
    "and got several people assigned to the task. I wrote documentation on how to capture the "
    "images and sort each class into its own folder. As a result, in three days we collected "
    "more than 10K images. The lesson I took is that clear instructions let many helpers work "
    "as one."
)


@pytest.fixture
def critic(toy_embedder) -> Critic:
    return Critic(open_retriever())


def test_contract_shape(toy_embedder, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["critique", "--question", QUESTION, "--answer", ANSWER, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in (
        "question",
        "principles",
        "overall",
        "dimensions",
        "star",
        "flags",
        "matched_story",
        "follow_ups",
        "coach_note",
        "words",
        "speaking_seconds",
    ):
        assert key in out  # fmt: skip
    assert [d["id"] for d in out["dimensions"]] == list(DIMENSION_IDS)
    assert all(isinstance(d["score"], int) and 1 <= d["score"] <= 5 for d in out["dimensions"])
    assert isinstance(out["overall"], int) and 1 <= out["overall"] <= 5
    assert set(out["star"]) == {"situation", "task", "action", "result", "lesson"}
    assert all(f["code"] in FLAG_CODES and f["message"] for f in out["flags"])
    assert 2 <= len(out["follow_ups"]) <= 4
    assert out["words"] == len(ANSWER.split()) and out["speaking_seconds"] > 0
    assert out["coach_note"]


def test_matched_story_and_unsupported_figure(toy_embedder) -> None:
    from coach.knowledge.workspace import add_sources
    from tests.conftest import REPO

    add_sources([REPO / "knowledge" / "stories"])  # the seed author keeps the bank as a source
    critic = Critic(open_retriever())
    assert critic.own_stories
    honest = critic.critique(QUESTION, ANSWER)
    assert honest.matched_story is not None
    assert honest.matched_story.id == "gesture-dataset-in-three-days"
    assert "unsupported_claim" not in {f.code for f in honest.flags}
    padded = critic.critique(QUESTION, ANSWER.replace("10K images", "10K images and cut costs 45%"))
    claims = [f for f in padded.flags if f.code == "unsupported_claim"]
    assert len(claims) == 1 and "45" in claims[0].message and "45%" in claims[0].evidence
    assert padded.overall <= 4


def test_grounding_is_not_applicable_while_the_example_bank_stands_in(critic: Critic) -> None:
    assert not critic.own_stories
    result = critic.critique(QUESTION, ANSWER.replace("10K images", "10K images and 45% less"))
    assert result.matched_story is None
    assert "unsupported_claim" not in {f.code for f in result.flags}
    grounding = next(d for d in result.dimensions if d.id == "grounding")
    assert not grounding.applicable and "not applicable" in grounding.comment.lower()


def test_flags_quote_the_answer(critic: Critic) -> None:
    text = ANSWER.replace("I escalated", "Um, basically, you know, I escalated").replace(
        "I wrote", "Priya and I wrote"
    )
    result = critic.critique(QUESTION, text)
    codes = {f.code: f for f in result.flags}
    assert "filler_words" in codes and '"um"' in codes["filler_words"].evidence.lower()
    assert "names_people" in codes and "Priya" in codes["names_people"].evidence


def test_without_a_question_the_principle_comes_from_the_answer(critic: Critic) -> None:
    result = critic.critique(None, ANSWER)
    assert result.question == ""
    assert result.principles and "off_topic" not in {f.code for f in result.flags}
    relevance = next(d for d in result.dimensions if d.id == "relevance")
    assert not relevance.applicable
    assumed = result.principles[0].name
    assert any(f"judged as {assumed}" in w for w in result.warnings)
    assert f"judged as {assumed}" in relevance.comment


def test_junk_scores_one(critic: Critic) -> None:
    assert critic.critique(QUESTION, "fine").overall == 1
    assert critic.critique(QUESTION, "I always get along with everyone.").overall == 1


def test_empty_answer_is_one_sentence_and_exit_2(
    toy_embedder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["critique", "--question", QUESTION, "--answer", "   \n\t "]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "empty" in err
    with pytest.raises(CoachError):
        clean_answer("<p> </p>")


def test_bad_usage_is_exit_2(toy_embedder, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["critique", "--question", QUESTION]) == 2
    assert main(["critique", "--answer", "x", "--answer-file", "-"]) == 2
    assert main(["critique", "--answer-file", "/no/such/file.txt"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_answer_from_stdin(toy_embedder, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(ANSWER + "\n"))
    assert main(["critique", "--question", QUESTION, "--answer-file", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["words"] == len(ANSWER.split())


def test_batch_keeps_order_and_reports_bad_lines(
    toy_embedder, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "answers.jsonl"
    batch.write_text(
        "\n".join([
            json.dumps({"question": QUESTION, "answer": ANSWER}),
            "not json",
            json.dumps({"question": QUESTION, "answer": ""}),
            json.dumps({"answer": "fine"}),
        ]),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["critique", "--batch", str(batch)]) == 2
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4
    assert rows[0]["overall"] >= 1 and "error" in rows[1] and "line 2" in rows[1]["error"]
    assert "empty" in rows[2]["error"] and rows[3]["overall"] == 1


def test_hostile_input_does_not_crash(critic: Critic) -> None:
    for text in [
        "🙂🚀 I shipped it 🎉 " * 20,
        "Ich habe das Projekt geleitet und wir haben es pünktlich geliefert. " * 5,
        "我负责这个项目。我们按时交付了。" * 10,
        "<script>alert(1)</script><b>I led</b> the <i>launch</i> &amp; it worked.",
        "\x00\x07 I led it \x1b[31m red \x1b[0m",
    ]:
        result = critic.critique(QUESTION, text)
        assert 1 <= result.overall <= 5
    cleaned = critic.critique(QUESTION, "<b>I led</b> the launch &amp; it worked.")
    assert "<b>" not in cleaned.sentences[0].text and "&" in cleaned.sentences[0].text


def test_one_megabyte_answer_is_flagged_too_long(critic: Critic) -> None:
    """(Its speed is measured by bench/hostile.py.)"""
    text = (ANSWER + " ") * (1_000_000 // (len(ANSWER) + 1))
    result = critic.critique(QUESTION, text)
    assert "too_long" in {f.code for f in result.flags}
    assert result.words > 100_000 and result.warnings


def test_coach_note_from_a_model_is_checked(critic: Critic) -> None:
    class NoteModel(ScriptedModel):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def stream(self, system: str, user: str, max_tokens: int):
            yield self.text

    base = critic.critique(QUESTION, ANSWER)
    faithful = f"Overall score: {base.overall} out of 5. Your answer has a clear structure."
    note = critic.critique(QUESTION, ANSWER, CritiqueOptions(note_model=NoteModel(faithful)))
    assert note.coach_note_source == "model" and "clear structure" in note.coach_note
    invented = "You saved Google 3 million dollars in 2019. Great work at Netflix."
    bad = critic.critique(QUESTION, ANSWER, CritiqueOptions(note_model=NoteModel(invented)))
    assert bad.coach_note_source == "template"
    assert "Google" not in bad.coach_note and "Netflix" not in bad.coach_note


def _own_bank_critic() -> Critic:
    from coach.knowledge.workspace import add_sources
    from tests.conftest import REPO

    add_sources([REPO / "knowledge" / "stories"])
    return Critic(open_retriever())


WEAK = (
    "We had a time-sensitive task to train a gesture detection model, and we had no data at all. "
    "Um, basically my task was to get a usable dataset in days, you know, not weeks. I escalated "
    "the need to leadership. I would usually also write documentation for everyone. In the end "
    "we collected more than 10K images and 200 of them were labelled twice."
)


def test_a_stronger_version_keeps_the_candidates_supported_words_and_adds_notes_facts(
    toy_embedder,
) -> None:
    from coach.drafting.ask import DraftOptions

    critic = _own_bank_critic()
    result = critic.critique(QUESTION, WEAK, CritiqueOptions(rewrite=DraftOptions(model=None)))
    assert result.matched_story is not None
    stronger = result.rewrite
    assert stronger is not None, result.rewrite_note
    assert stronger.story_id == result.matched_story.id and stronger.grounded
    typed = [s.text for s in stronger.sentences if s.source == "answer"]
    added = [s.text for s in stronger.sentences if s.source == "notes"]
    assert "I escalated the need to leadership." in typed  # kept as typed
    assert any("my task was to get a usable dataset in days" in t.lower() for t in typed)
    assert not any("um" in t.lower().split() or "basically" in t.lower() for t in typed)
    assert added, "facts from the notes are added"
    assert "200" not in stronger.text  # a figure the notes do not hold is dropped, with a reason
    assert any("200" in note and "do not hold" in note for note in stronger.notes)
    assert "would usually" not in stronger.text
    assert "10K" in stronger.text  # every supported fact the candidate typed is kept
    again = critic.critique(QUESTION, stronger.text)
    assert again.points > result.points


def test_no_stronger_version_without_an_own_story(critic: Critic) -> None:
    from coach.drafting.ask import DraftOptions

    result = critic.critique(QUESTION, WEAK, CritiqueOptions(rewrite=DraftOptions(model=None)))
    assert result.rewrite is None and "no notes of your own" in result.rewrite_note
