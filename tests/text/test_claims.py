"""One claims checker for drafting and critique: figures as written, projections as projections."""

from coach.text.claims import PROJECTION_WORDS, ClaimsChecker, claimed
from coach.text.sentences import numbers


def test_figures_are_read_as_written() -> None:
    assert claimed("It took three weeks and 40% fewer crashes") == {"3": "three", "40": "40"}
    assert claimed("One teammate and I did it once") == {}  # "one", "once" are not claims
    checker = ClaimsChecker("We shipped in 3 weeks.")
    assert checker.invented("We shipped in three weeks.") == []
    assert checker.invented("We shipped in four weeks with 12 people.") == ["four", "12"]


def test_projection_words_do_not_match_the_noun_project() -> None:
    assert not PROJECTION_WORDS.search("On that project the bot saved 240 dev-hours.")
    assert not PROJECTION_WORDS.search("The projector broke, so I presented from my laptop.")
    for told_as_projection in ("We projected 240 dev-hours a year.", "an estimated 240 hours",
                               "The forecast was 240 hours.", "It could save 240 hours."):
        assert PROJECTION_WORDS.search(told_as_projection), told_as_projection


def test_a_projected_figure_told_as_a_result_is_caught() -> None:
    checker = ClaimsChecker("The bot could save 240 dev-hours a year.", projected=["240 dev-hours"])
    assert checker.projection_as_result("On that project the bot saved 240 dev-hours.")
    assert not checker.projection_as_result("We projected it would save 240 dev-hours.")


def test_numbers_spelled_in_words_are_one_figure() -> None:
    from coach.text.sentences import figure_mentions

    assert set(figure_mentions("she took out nine thousand in cash")) == {"9000"}
    assert set(figure_mentions("one hundred and twenty people, twenty-two minutes")) == {
        "120",
        "22",
    }
    assert set(figure_mentions("two or three times")) == {"2", "3"}
    checker = ClaimsChecker("An elderly customer came to withdraw 9,000 in cash.")
    assert checker.invented("She wanted to take out nine thousand.") == []
    assert checker.invented("She wanted to take out nine hundred.") == ["nine hundred"]


def test_every_number_word_up_to_ninety_is_a_figure() -> None:
    said = "eighteen people, thirteen shifts, seventy boxes and ninety calls"
    assert {"18", "13", "70", "90"} <= numbers(said)
