import pytest

from coach.text.question_text import question_content, reads_as_question


@pytest.mark.parametrize(
    ("question", "content"),
    [
        (
            "Tell me about a time you had a conflict with your manager.",
            "you had a conflict with your manager",
        ),
        ("Describe a situation when you acted without data", "you acted without data"),
        ("How did you handle two deadlines at once?", "handle two deadlines at once"),
        ("Give me an example of a calculated risk.", "calculated risk"),
        ("Tell me about yourself.", "Tell me about yourself."),
        ("Why Amazon?", "Why Amazon"),
    ],
)
def test_framing_is_stripped_but_content_kept(question: str, content: str) -> None:
    assert question_content(question) == content


@pytest.mark.parametrize(
    ("text", "likeness", "expected"),
    [
        ("asdf qwer", 0.20, False),
        ("Tell me a joke.", 0.30, False),
        ("Conflict with a teammate?", 0.66, True),
        ("Tell me about a time you failed.", 0.10, True),  # asks for an experience
        ("Why Amazon?", 0.30, True),  # a motivation question
        ("What are your weaknesses?", 0.25, True),
    ],
)
def test_reads_as_question(text: str, likeness: float, expected: bool) -> None:
    assert reads_as_question(text, likeness) is expected
