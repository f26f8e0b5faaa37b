"""The command line: output, exit codes and one-sentence errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli.main import main
from coach.knowledge.sources import registered_sources
from tests.conftest import FIXTURES


def test_stories_lists_the_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 40
    row = next(r for r in rows if r["id"] == "y-channel-face-detection")
    assert row["thin"] is True and row["principles"][0] == "invent-and-simplify"


def test_ingest_registers_once_and_stories_all_includes_notes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    notes = FIXTURES / "notes_small.md"
    assert main(["ingest", str(notes)]) == 0
    first = capsys.readouterr().out
    assert "registered" in first and "with STAR/SPSIL parts" in first
    assert "question heading with no answer" in first
    assert main(["ingest", str(notes)]) == 0
    assert "already registered" in capsys.readouterr().out
    assert registered_sources() == [notes.resolve()]
    assert main(["stories", "--all", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    from_notes = [r for r in rows if r["origin"] == "notes"]
    assert len(from_notes) == len({r["id"] for r in from_notes}) >= 5


def test_ingest_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text((FIXTURES / "notes_small.md").read_text())
    (folder / "image.png").write_bytes(b"\x89PNG\x00\x00")
    for hidden in (".venv/lib/site-packages/pkg", ".git", "node_modules/x"):  # never notes
        (folder / hidden).mkdir(parents=True)
        (folder / hidden / "README.md").write_text("# A package\n\nDr Draga wrote it.\n")
    assert main(["ingest", str(folder)]) == 0
    assert registered_sources() == [(folder / "a.md").resolve()]


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse usage errors exit from inside main
        return int(exc.code or 0)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ingest", "/no/such/notes.md"], "/no/such/notes.md does not exist."),
        (["frobnicate"], "Run 'coach --help' for usage."),
        (["ingest"], "Run 'coach --help' for usage."),
        (["ingest", ""], "an empty path was given."),  # never the current folder
        (["sources", "add", " "], "an empty path was given."),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.md"
    bad.write_bytes(b"\x00\x01binary")
    assert main(["ingest", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == f"{bad} is not a text file."
    assert registered_sources() == []


def test_broken_bank_exits_2_with_the_file_and_field(knowledge_copy: Path) -> None:
    story = knowledge_copy / "stories" / "snapshot-copy-boxes.md"
    story.write_text(
        story.read_text().replace(
            "primary_principle: invent-and-simplify", "primary_principle: nope"
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "coach.cli", "stories"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"{story}: field 'primary_principle' has unknown principle id 'nope'."
    )
    assert done.stdout == ""


def test_workshop_refusals_come_before_the_index(coach_home, monkeypatch, capsys) -> None:
    """No notes of one's own, or an unknown story id: refused from the notes alone."""
    import coach.retrieval.opening as opening
    from coach.knowledge.workspace import add_sources

    def never(*_a, **_k):
        raise AssertionError("the index was opened for a refusal")

    monkeypatch.setattr(opening, "open_retriever", never)
    assert main(["workshop", "any-story", "--json"]) == 2
    assert "add your notes first" in capsys.readouterr().err
    add_sources([FIXTURES / "notes_small.md"])
    assert main(["workshop", "no-such-story", "--json"]) == 2
    assert "No story with the id 'no-such-story'" in capsys.readouterr().err
    assert not (coach_home / "index").exists()
