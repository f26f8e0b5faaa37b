from coach.principle_filter import principle_choices, story_rows


def test_filter_keeps_only_stories_showing_the_principle() -> None:
    everything = story_rows("all")
    frugal = story_rows("frugality")
    assert 0 < len(frugal) < len(everything)
    assert all("frugality" in principles for _, principles, _ in frugal)
    assert len(principle_choices()) == 17
