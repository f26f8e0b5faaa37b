import pytest

from coach.text.question_text import question_content


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
