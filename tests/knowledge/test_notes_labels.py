import pytest

from coach.knowledge.notes.labels import inline_tags, leading_label, section_for


@pytest.mark.parametrize(
    ("word", "section"),
    [
        ("Situation", "situation"),
        ("Situaton", "situation"),
        ("scenario", "situation"),
        ("Problem", "task"),
        ("Conflict", "task"),
        ("Solutoin", "action"),
        ("Impact", "result"),
        ("outcome", "result"),
        ("Leesson", "lesson"),
        ("Lessons", "lesson"),
        ("Reflection", "lesson"),
    ],
)
def test_label_words_map_to_sections(word: str, section: str) -> None:
    assert section_for(word) == section


@pytest.mark.parametrize("word", ["Risk", "Trigger", "Note", "Step", "DNN", "STAR", "Expensive"])
def test_ordinary_words_are_not_labels(word: str) -> None:
    assert section_for(word) is None


@pytest.mark.parametrize(
    "line",
    ["**Situation:** We had", "**Situation**: We had", "**Situation** We had", "Situation: We had"],
)
def test_leading_label_forms(line: str) -> None:
    assert leading_label(line) == ("situation", "We had")


def test_sentence_is_not_a_leading_label() -> None:
    assert leading_label("I decided to act: quickly") is None
    assert leading_label("Risk: the box could lag") is None


def test_inline_tags_including_broken_ones() -> None:
    text = "Context here (*Situation*). Goal *(Task)* then (*Action) and (*outcome*) (AEC DNN)"
    assert [section for _, _, section in inline_tags(text)] == [
        "situation",
        "task",
        "action",
        "result",
    ]
