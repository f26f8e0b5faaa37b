"""Follow-up questions ask for what the answer leaves out, never for a part it already tells."""

from __future__ import annotations

from coach.critique.critic import Critic
from coach.retrieval.opening import open_retriever
from coach.text.asks import relevance

QUESTION = "Tell me about a time you disagreed with your manager."
ANSWER = (
    "Last spring our clinic was short of two nurses during the flu season and the waiting room "
    "was full every morning. I asked my manager to move the walk-in hours, and she said no. "
    "I showed her the waiting times from the last month. In the end she agreed and waiting "
    "times fell by a third."
)
SITUATION_QUESTION = "Before we go on: where was this, when, and what was at stake?"


def test_follow_ups_never_ask_for_a_part_the_answer_tells(toy_embedder) -> None:
    result = Critic(open_retriever()).critique(QUESTION, ANSWER)
    assert result.star["situation"] and not result.star["task"]
    assert SITUATION_QUESTION not in result.follow_ups
    assert "What was the situation before you stepped in?" not in result.follow_ups
    assert any("responsible for" in q for q in result.follow_ups)  # the task it leaves out


def test_a_measured_result_is_not_asked_for_its_number_again(toy_embedder) -> None:
    result = Critic(open_retriever()).critique(QUESTION, ANSWER)
    assert "no_metrics" not in {f.code for f in result.flags}  # "fell by a third" is a measure
    assert not any("in numbers" in q or "before and after" in q for q in result.follow_ups)


def test_a_refusal_told_in_other_words_is_the_disagreement_asked_for() -> None:
    assert not relevance(QUESTION, ANSWER).off_topic
    agreed = ANSWER.replace("and she said no", "and she liked it").replace("In the end she", "She")
    assert relevance(QUESTION, agreed).off_topic  # no disagreement told at all
