"""``coach ask`` per CONTRACT.md: JSON shape, batch mode, bad input, exit codes."""

import json
from pathlib import Path

import pytest

from coach.cli.main import main
from coach.core.errors import CoachError
from coach.drafting.ask import MAX_QUESTION_CHARS, clean_question

pytestmark = pytest.mark.usefixtures("toy_embedder")


@pytest.fixture(scope="module")
def _shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-coach-home")


@pytest.fixture
def coach_home(_shared_home: Path, monkeypatch: pytest.MonkeyPatch, request) -> Path:
    """Read-only ask tests share one index; the index test gets its own."""
    home = _shared_home if "index" not in request.node.name else _shared_home.parent / "own-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("COACH_KNOWLEDGE", raising=False)
    return home


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_clean_question_rules() -> None:
    with pytest.raises(CoachError, match="empty"):
        clean_question(" \n\t ")
    assert clean_question("  Tell me\x00 about\x07 a   conflict ") == (
        "Tell me about a conflict",
        [],
    )
    long_question, warnings = clean_question("word " * 1000)
    assert len(long_question) <= MAX_QUESTION_CHARS
    assert warnings == [
        f"The question was longer than {MAX_QUESTION_CHARS:,} characters and was cut."
    ]


def test_ask_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        _run(["ask", "Tell me about the honeybee bug", "--retrieve-only", "--json", "-k", "4"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["question"] == "Tell me about the honeybee bug"
    assert out["draft"] is None
    assert len(out["principles"]) >= 3
    assert {"id", "name", "score"} <= set(out["principles"][0])
    assert [p["score"] for p in out["principles"]] == sorted(
        (p["score"] for p in out["principles"]), reverse=True
    )
    assert len(out["stories"]) == 4
    story = out["stories"][0]
    assert {"id", "title", "score", "principles", "text"} <= set(story)
    assert story["id"] == "tryon-models-and-honeybee-bug" and "honeybee" in story["text"]


def test_ask_readable_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["ask", "Tell me about the honeybee bug", "--retrieve-only"]) == 0
    out = capsys.readouterr().out
    assert "Principles probed:" in out and "Your best stories:" in out and "why:" in out


@pytest.mark.parametrize("question", ["", "   ", "\n"])
def test_empty_question_exits_2_with_one_sentence(question: str, capsys) -> None:
    assert _run(["ask", question, "--retrieve-only"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty" in err and "Traceback" not in err


def test_long_question_is_cut_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["ask", "conflict " * 400, "--retrieve-only", "--json"]) == 0
    captured = capsys.readouterr()
    assert "was cut" in captured.err
    assert len(json.loads(captured.out)["question"]) <= MAX_QUESTION_CHARS


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path, capsys) -> None:
    batch = tmp_path / "questions.txt"
    batch.write_text(
        "Tell me about the honeybee bug\n\n   \nTell me about a conflict\n", encoding="utf-8"
    )
    assert _run(["ask", "--batch", str(batch), "--retrieve-only", "--json"]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 4
    assert lines[0]["question"] == "Tell me about the honeybee bug"
    assert "error" in lines[1] and "line 2" in lines[1]["error"] and "error" in lines[2]
    assert lines[3]["question"] == "Tell me about a conflict"


def test_batch_of_good_lines_exits_0(tmp_path: Path, capsys) -> None:
    batch = tmp_path / "questions.txt"
    batch.write_text("Tell me about a conflict\nWhy did you replace the vendor?\n")
    assert _run(["ask", "--batch", str(batch), "--retrieve-only", "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["ask", "--batch", "/no/such/file.txt"], "does not exist"),
        (["ask"], "Give a question"),
        (["ask", "q", "--batch", "x"], "not both"),
        (["ask", "q", "-k", "0"], "at least 1"),
        (["ask", "q", "-k", "many"], "invalid int value"),
    ],
)
def test_bad_usage_exits_2(argv: list[str], words: str, capsys) -> None:
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_index_reports_changes_then_is_a_no_op(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["index"]) == 0
    first = capsys.readouterr().out
    assert "added" in first and "texts embedded" in first
    listed = next(line for line in first.splitlines() if line.strip().startswith("added:"))
    assert len(listed.split(",")) <= 5 and "more" in listed  # a count, not every id
    assert _run(["index"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert _run(["index", "--rebuild"]) == 0
    assert "unchanged" in capsys.readouterr().out
