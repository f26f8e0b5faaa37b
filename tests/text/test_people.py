"""Names of people in notes: titles are taken off, names that merely start like a title kept."""

from __future__ import annotations

from coach.text.people import people_named


def test_a_title_is_taken_off_but_a_name_starting_like_one_is_kept() -> None:
    text = "Dr. Priya Raman approved it. I worked with Draga and Mrinal on the release."
    assert people_named(text) == ["Priya Raman", "Draga", "Mrinal"]
