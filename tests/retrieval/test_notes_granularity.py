"""The granularity rule of the notes evaluation: a story that also holds the answers to two or
more other questions of the file, with other targets, is a merge and counts as a miss."""

from coach.core.schema import Story
from coach.evaluation.notes import NotesCase, NotesQuestion, is_right


def _story(spans: list[str]) -> Story:
    return Story(id="s", title="t", body="text", spans=spans, origin="notes")


def _case() -> NotesCase:
    return NotesCase(
        "notes.md",
        [],
        [
            NotesQuestion("A?", [("", 1, 2)]),
            NotesQuestion("B?", [("", 5, 6)]),
            NotesQuestion("C?", [("", 9, 9)]),
            NotesQuestion("A again?", [("", 1, 2)]),
        ],
    )


def test_a_story_of_its_own_is_right() -> None:
    case = _case()
    assert is_right(_story(["notes.md:1-3"]), case.questions[0], case)


def test_a_story_holding_two_other_answers_is_a_miss() -> None:
    case = _case()
    merged = _story(["notes.md:1-10"])
    assert not is_right(merged, case.questions[0], case)


def test_one_other_answer_or_the_same_target_is_still_right() -> None:
    case = _case()
    assert is_right(_story(["notes.md:1-6"]), case.questions[0], case)  # A and B only
    # the second question about A has the same target, so it does not count against it
    assert is_right(_story(["notes.md:1-2", "notes.md:5-6"]), case.questions[3], case)


def test_a_story_elsewhere_is_a_miss() -> None:
    case = _case()
    assert not is_right(_story(["notes.md:20-25"]), case.questions[0], case)
