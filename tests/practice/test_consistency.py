"""Consistency and confidentiality checks over a plan's stories."""

from __future__ import annotations

from coach.core.schema import Sections, Story
from coach.knowledge.bank import load_knowledge
from coach.practice.consistency import figure_conflicts, mentions, sensitive_details


def _story(story_id: str, result: str, action: str = "I led the work.") -> Story:
    return Story(
        id=story_id,
        title=story_id.replace("-", " "),
        primary_principle="deliver-results",
        sections=Sections(situation="Our release process was slow.", action=action, result=result),
        origin="user",
    )


def test_planted_figure_conflict_is_found_in_other_words() -> None:
    a = _story("build-a", "We cut the build from 40 minutes to 12 minutes by caching dependencies.")
    b = _story("build-b", "After I added dependency caching, the build dropped to 15 minutes.")
    found = figure_conflicts([a, b])
    assert len(found) == 1
    assert found[0]["stories"] == ["build-a", "build-b"]
    assert found[0]["what"] == "the same figure told as 12 minutes and as 15 minutes"


def test_planted_date_and_percent_conflicts_are_found() -> None:
    a = _story("migrate-a", "In 2019 I led the migration of the billing service to the cloud.")
    b = _story("migrate-b", "In 2021 I led the migration of the billing service, on my own.")
    c = _story("churn-a", "Customer churn on the premium plan fell by 30% in one quarter.")
    d = _story("churn-b", "The premium plan saw customer churn fall by 45% that quarter.")
    found = figure_conflicts([a, b, c, d])
    whats = sorted(f["what"] for f in found)
    assert whats == [
        "the same date told as 2019 and as 2021",
        "the same figure told as 30% and as 45%",
    ]


def test_no_false_alarm_when_figures_agree_or_stories_differ() -> None:
    a = _story("same-a", "We cut the build from 40 minutes to 12 minutes by caching dependencies.")
    same = _story("same-b", "Caching dependencies took the build down to 12 minutes.")
    other = _story("other", "We hired 12 engineers in 40 days for the new office.")
    pasted = a.model_copy(update={"id": "same-a-again"})
    assert figure_conflicts([a, same, other, pasted]) == []


def test_no_false_alarm_on_the_hand_written_bank() -> None:
    assert figure_conflicts(load_knowledge().stories) == []


def test_from_to_figures_keep_their_roles() -> None:
    found = mentions("Accuracy rose from 65% to 92% in March 2024.")
    assert [(m.value, m.unit, m.role) for m in found] == [
        ("65", "%", "start"), ("92", "%", "end"), ("2024", "year", "date"),
    ]  # fmt: skip
    assert "accuracy" in found[1].context


def test_sensitive_details_are_flagged_not_removed() -> None:
    text = (
        "My teammate Priya and I met the client, Northwind Traders, about Project Falcon. "
        "We reused the TrackerBot service and saved $120,000 a year. "
        "I wrote the fix in JavaScript on GitHub."
    )
    story = _story("secret", text)
    found = {(d["kind"], d["text"]) for d in sensitive_details([story])}
    assert ("colleague name", "Priya") in found
    assert ("customer or partner name", "Northwind Traders") in found
    assert ("internal code name", "Project Falcon") in found
    assert ("company, product or code name", "TrackerBot") in found
    assert ("money figure", "$120,000") in found
    assert not any(t in ("JavaScript", "GitHub", "Falcon") for _, t in found)
    assert story.sections.result == text  # the story itself is untouched


def test_everyday_capitalised_words_are_not_colleagues() -> None:
    story = _story("notes", "Key question: what did the Brand team need? Take the average.")
    assert [d for d in sensitive_details([story]) if d["kind"] == "colleague name"] == []
