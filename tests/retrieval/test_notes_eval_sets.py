"""The raw-notes evaluation reads its set files right: one notes file or several, plain line
ranges or ranges named by file, and a story counts as right only in the file it came from."""

from pathlib import Path

from coach.evaluation.notes import _hit, case_stories, load_cases
from coach.knowledge.bank import load_knowledge

FIRST = "## Ownership\n- I took over the broken nightly import and fixed its retries.\n"
SECOND = "## Frugality\n- I reused three old laptops as test machines instead of buying new.\n"


def _write(tmp_path: Path, sets: str) -> Path:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "aaa_first.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "notes" / "bbb_second.md").write_text(SECOND, encoding="utf-8")
    folder = tmp_path / "repo" / "tests" / "data" / "notes_eval"
    folder.mkdir(parents=True)
    (folder / "seednotes_test.yaml").write_text(sets, encoding="utf-8")
    return folder


def test_several_files_with_ranges_named_by_file(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        "files:\n"
        "  - notes: [../notes/aaa_first.md, ../notes/bbb_second.md]\n"
        "    name: both\n"
        "    questions:\n"
        "      - text: When did you save money on equipment?\n"
        '        lines: ["bbb:2-2"]\n'
        "  - notes: ../notes/missing.md\n"
        "    questions: [{text: Anything?, lines: ['1-2']}]\n",
    )
    cases = load_cases(folder, tmp_path / "repo")
    assert list(cases) == ["seednotes-test"]  # the entry with a missing file is skipped
    (case,) = cases["seednotes-test"]
    assert case.name == "both" and [f.name for f in case.files] == ["aaa_first.md", "bbb_second.md"]
    question = case.questions[0]
    assert question.anchors == [("bbb", 2, 2)]
    stories = case_stories(case, load_knowledge())
    laptops = next(s for s in stories if "laptops" in s.text())
    imports = next(s for s in stories if "nightly import" in s.text())
    assert _hit(laptops, question.anchors)
    assert not _hit(imports, question.anchors)  # same lines, other file


def test_plain_ranges_match_any_file_of_the_case(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        "files:\n"
        "  - notes: ../notes/aaa_first.md\n"
        "    questions:\n"
        "      - text: Tell me about fixing a job nobody owned.\n"
        '        lines: ["2"]\n',
    )
    (case,) = load_cases(folder, tmp_path / "repo")["seednotes-test"]
    assert case.name == "aaa_first.md"
    assert case.questions[0].anchors == [("", 2, 2)]
    (story,) = case_stories(case, load_knowledge())
    assert _hit(story, case.questions[0].anchors)
