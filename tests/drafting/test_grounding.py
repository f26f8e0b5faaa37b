import pytest

from coach.core.schema import Metric, Sections, Story
from coach.drafting.grounding import GroundingChecker
from tests.fakes import ToyEmbedder

STORY = Story(
    id="docs-bot",
    title="Prototyping a documentation bot",
    primary_principle="invent-and-simplify",
    sections=Sections(
        situation="Our documentation was incomplete and experts kept answering the same questions.",
        task="I wanted to prove an assistant could answer from our docs.",
        action="I built a Slack bot with retrieval over our docs on SageMaker.",
        result="A napkin calculation projected that it could save 240 dev-hours a month.",
    ),
    metrics=[Metric(value="240 dev-hours/month", what="saved", measured=False)],
)


@pytest.fixture
def checker() -> GroundingChecker:
    return GroundingChecker(STORY, "Tell me about a prototype you built", ToyEmbedder().encode)


def test_story_sentences_pass(checker: GroundingChecker) -> None:
    assert checker.check("I built a Slack bot with retrieval over our docs on SageMaker.").ok


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("I built a Slack bot with retrieval over our docs on SageMaker for 12 teams.", "figures"),
        ("I built a Slack bot with retrieval over our docs on Google Cloud.", "names or terms"),
        ("You built a Slack bot with retrieval over our docs on SageMaker.", "first person"),
        ("It saved 240 dev-hours a month.", "projected figure"),
        ("I enjoy painting landscapes on weekends with my friends.", "words your notes do not"),
    ],
)
def test_unsupported_sentences_fail_with_a_reason(checker, sentence: str, reason: str) -> None:
    verdict = checker.check(sentence)
    assert not verdict.ok
    assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_projection_stated_as_projection_passes(checker: GroundingChecker) -> None:
    assert checker.check(
        "A napkin calculation projected that it could save 240 dev-hours a month."
    ).ok


def test_number_words_count_as_figures(checker: GroundingChecker) -> None:
    assert (
        "figures" in checker.check("I built a Slack bot for three teams over our docs.").reasons[0]
    )


def test_a_rewrite_that_links_facts_told_apart_is_removed() -> None:
    from coach.core.schema import Sections, Story
    from coach.drafting.grounding import GroundingChecker
    from tests.fakes import ToyEmbedder

    story = Story(id="s", title="Retrofit", sections=Sections(
        situation="Old PLCs on the filler were end of life and spare parts came off eBay.",
        task="The night crew needed to run the line without calling me.",
        action="I trained two junior techs to maintain the new system.",
    ))  # fmt: skip
    checker = GroundingChecker(story, "Tell me about training", ToyEmbedder().encode)
    joined = ("I trained two junior techs to maintain the new system, which meant replacing old "
              "PLCs with spare parts from eBay.")  # fmt: skip
    verdict = checker.check(joined)
    assert not verdict.ok and any("joins facts" in r for r in verdict.reasons)
    assert checker.check("I trained two junior techs to maintain the new system.").ok
