"""Question kinds decide whether an answer must end with a lesson."""

import pytest

from coach.knowledge.bank import load_knowledge
from coach.text.question_kind import needs_lesson, question_kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Tell me about a time you failed.", "failure"),
        ("Describe a mistake you made and what you did next.", "failure"),
        ("Tell me about a time you disagreed with your manager.", "conflict"),
        ("Tell me about a difficult coworker.", "conflict"),
        ("Tell me about a time you received critical feedback.", "criticism"),
        ("Tell me about a time you delivered results despite a setback.", "standard"),
        ("Tell me about your proudest launch.", "standard"),
    ],
)
def test_question_kind(question: str, kind: str) -> None:
    assert question_kind(question) == kind
    assert needs_lesson(question) == (kind != "standard")


def test_agrees_with_the_question_bank_on_most_questions() -> None:
    questions = load_knowledge().questions
    agree = sum((question_kind(q.text) != "standard") == (q.kind != "standard") for q in questions)
    assert agree / len(questions) >= 0.9
