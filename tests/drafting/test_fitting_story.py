"""Only a kind of event (a failure, a conflict) reorders the retriever's stories for a draft."""

from types import SimpleNamespace

from coach.drafting.ask import fitting_story


def _match(title: str, text: str) -> SimpleNamespace:
    story = SimpleNamespace(
        title=title, text=lambda: text, questions=[], principles=[], inferred=[]
    )
    return SimpleNamespace(story=story)


def test_a_topic_ask_keeps_the_first_story() -> None:
    owner = _match("Angry owner", "A dog owner shouted at reception about a bill. I sat with him.")
    clinic = _match("X-ray down", "Our clinic's X-ray failed. I sent cases to two other clinics.")
    chosen, asks = fitting_story("Tell me about dealing with an upset customer.", [owner, clinic])
    assert chosen is owner and asks == []


def test_a_failure_ask_picks_the_story_that_tells_one() -> None:
    win = _match("Launch", "We shipped the app on time and sales rose.")
    miss = _match("Cutover", "I skipped the rehearsal and it was my mistake; we lost a night.")
    chosen, asks = fitting_story("Tell me about a time you failed.", [win, miss])
    assert chosen is miss and asks == ["a failure or mistake"]


def test_a_close_call_between_the_first_two_stories_is_said() -> None:
    from coach.drafting.ask import CLOSE_CALL_LEAD, close_call

    first, second = _match("Night leak", ""), _match("Used lathe", "")
    first.fused, second.fused = 2.0, 2.0 - CLOSE_CALL_LEAD / 2
    assert "'Night leak' and 'Used lathe'" in close_call([first, second])
    second.fused = 2.0 - CLOSE_CALL_LEAD * 2
    assert close_call([first, second]) == ""
    assert close_call([first]) == ""


def test_a_story_the_candidate_filed_under_have_backbone_tells_a_disagreement() -> None:
    quiet = _match("Schema rule", "The mobile lead wanted every field optional. I brought three "
                   "incidents to a call and we agreed on required fields.")  # fmt: skip
    quiet.story.principles, quiet.story.inferred = ["have-backbone"], []
    chosen, asks = fitting_story("Describe a disagreement with another team.", [quiet])
    assert chosen is quiet and asks == ["a conflict or disagreement"]
    quiet.story.inferred = ["principles inferred from its text"]  # the coach's guess is no filing
    assert fitting_story("Describe a disagreement with another team.", [quiet])[0] is None


def test_disagreement_words_and_asks_that_are_no_failure() -> None:
    pushback = _match("Dashboards", "Our head of claims wanted real time. She still wanted two.")
    assert fitting_story("Tell me about a disagreement.", [pushback])[0] is pushback
    data = _match("Pay gap", "I pulled three years of salary data and found the real cause.")
    for question in (
        "Tell me about a time you found the cause of repeated failures by analysing data.",
        "Describe a time the data showed the common explanation for a problem was wrong.",
    ):
        assert fitting_story(question, [data]) == (data, [])
