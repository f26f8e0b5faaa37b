"""Note formats a new user brings (issue 24), each with a fixture of our own: episodes under one
project heading, dash letters under repeated ``Story1`` headings with competency lines, lookup
tables, pointers, retelling lists, advice under question headings, captions, empty headings."""

from pathlib import Path

import pytest

from coach.core.schema import Story
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.parser import ParsedNotes, parse_notes
from coach.knowledge.notes.titles import heading_of
from tests.conftest import FIXTURES

NOTES = FIXTURES / "notes"


def _parse(name: str) -> ParsedNotes:
    path = NOTES / name
    return parse_notes(read_notes(path), path, load_knowledge().principles)


def _lines(story: Story) -> list[tuple[int, int]]:
    out = []
    for span in story.spans:
        first, _, last = span.rpartition(":")[2].partition("-")
        out.append((int(first), int(last)))
    return out


def _story(parsed: ParsedNotes, words: str) -> Story:
    found = [s for s in parsed.entries if words in s.text()]
    assert len(found) == 1, [s.title for s in found]
    return found[0]


def test_prose_bullets_under_one_project_heading_are_one_story_each() -> None:
    parsed = _parse("controls_bullets.md")
    assert len(parsed.entries) == 6
    episodes = [s for s in parsed.entries if s.title.startswith("Bottling line retrofit")]
    assert [_lines(s) for s in episodes] == [[(n, n)] for n in range(5, 10)]
    assert any("split into 5 stories" in d for d in parsed.decisions)
    capper = _story(parsed, "capper kept faulting")
    assert "ramp" in capper.text() and "business case" not in capper.text()


def test_the_steps_of_one_story_stay_one_story() -> None:
    """Short bullets under a question heading are the steps of one answer, not episodes."""
    parsed = _parse("backend_resume.md")
    assert len(parsed.entries) == 6
    ledger = _story(parsed, "900M rows")
    assert _lines(ledger) == [(4, 7)] and "zero balance diffs" in ledger.text()
    assert not any("split into" in d for d in parsed.decisions)


def test_several_paragraphs_of_one_story_are_not_cut() -> None:
    text = (
        "## The outage\n\n"
        "We ran the payments service for three regions and I was the on-call engineer that week "
        "when the queue backed up during the evening peak and orders stopped.\n\n"
        "Then I drained the queue, rolled back the config change I had made that morning and "
        "wrote a note to the other engineers explaining what had happened and why.\n\n"
        "As a result orders recovered within ten minutes and we added a check so a config "
        "change cannot reach all three regions at once again.\n"
    )
    parsed = parse_notes(text, Path("outage.md"), load_knowledge().principles)
    assert len(parsed.entries) == 1


def test_dash_letters_under_repeated_story_headings_and_competency_lines() -> None:
    parsed = _parse("security_story_dash.md")
    assert len(parsed.entries) == 5
    certs = _story(parsed, "TLS certs")
    assert certs.sections.situation.startswith("prod TLS certs")
    assert "expiry scan" in certs.sections.action
    assert certs.sections.result.startswith("no outage")
    assert certs.sections.lesson == "automate the check not just the task"
    assert certs.principles == ["ownership", "bias-for-action"]
    assert _story(parsed, "pen test report").principles == ["dive-deep"]
    assert certs.title != "Story1"
    assert sum("read as a heading" in d for d in parsed.decisions) == 3


def test_a_recruiter_list_retelling_stories_joins_each_item_to_its_story() -> None:
    parsed = _parse("security_story_dash.md")
    assert not any("Recruiter" in s.text() for s in parsed.entries)
    assert (39, 39) in _lines(_story(parsed, "TLS certs"))
    assert (40, 40) in _lines(_story(parsed, "phishing test"))
    assert (41, 41) in _lines(_story(parsed, "pen test report"))
    assert (42, 42) in _lines(_story(parsed, "office hours"))
    assert any("a list retelling 4 stories" in d for d in parsed.decisions)


def test_a_list_of_parts_is_not_read_as_a_retelling() -> None:
    text = (
        "## Checkout rewrite\n\nI rewrote checkout on Lambda and API Gateway with DynamoDB for "
        "state, and cut the p99 latency from two seconds to 300 ms for shoppers.\n\n"
        "## Search prototype\n\nI built a search prototype.\n\n**Architecture:**\n"
        "- Lambda + API Gateway\n- DynamoDB for state\n"
    )
    parsed = parse_notes(text, Path("parts.md"), load_knowledge().principles)
    checkout = _story(parsed, "rewrote checkout")
    assert _lines(checkout) == [(3, 3)]


def test_a_dash_after_a_lone_I_is_not_a_label() -> None:
    text = "## Ownership\n\nI - think this was my best year. I rebuilt the rota and fixed it.\n"
    parsed = parse_notes(text, Path("x.md"), load_knowledge().principles)
    (story,) = parsed.entries
    assert not story.labelled or not story.sections.lesson


def test_a_lookup_table_gives_principles_and_is_never_a_story() -> None:
    parsed = _parse("switcher_checkmarks.md")
    assert not any("Cust Obsession" in s.text() or "✓" in s.text() for s in parsed.entries)
    lapsed = _story(parsed, "bootcamp capstone")
    assert set(lapsed.principles) == {"customer-obsession", "dive-deep", "learn-and-be-curious"}
    assert any("lookup table row 'Lapsed members dashbord'" in n for n in lapsed.inferred)
    assert not any("Story key" in s.text() for s in parsed.entries)  # the table's caption


def test_a_pointer_to_an_earlier_story_joins_it() -> None:
    parsed = _parse("switcher_checkmarks.md")
    wedding = _story(parsed, "wedding party of 40")
    assert (29, 29) in _lines(wedding)
    assert "bias-for-action" in wedding.principles
    assert not any(s.text().strip() == "see wedding" for s in parsed.entries)


def test_advice_under_question_headings_and_empty_headings() -> None:
    parsed = _parse("datasci_questions.md")
    assert len(parsed.entries) == 6
    assert not any("Interviewers want" in s.text() for s in parsed.entries)
    assert not any("impact vs effort grid" in s.text() for s in parsed.entries)
    assert not any("keep every answer under 2 min" in s.text() for s in parsed.entries)
    assert any(p.reason == "question heading with no answer" for p in parsed.problems)
    mine = _story(parsed, "uplift model")
    assert _lines(mine) == [(11, 11)]


def test_a_quoted_I_in_advice_is_not_the_candidate_acting() -> None:
    text = "## How do you handle conflict?\n\nStay calm, listen first. Use \"I\" statements.\n"
    parsed = parse_notes(text, Path("x.md"), load_knowledge().principles)
    assert parsed.entries == []


@pytest.mark.parametrize("heading", ["Story1", "Story 2", "Example #3", "Other"])
def test_a_generic_heading_does_not_title_the_story(heading: str) -> None:
    text = f"## {heading}\nS- the nightly export failed silently\nA- I added a check\n"
    parsed = parse_notes(text, Path("x.md"), load_knowledge().principles)
    (story,) = parsed.entries
    assert story.title != heading and "nightly export" in story.title


def test_a_bold_opening_names_the_story_and_a_pointer_finds_it() -> None:
    text = (
        "## Frugality\n**Quick fix** I moved one person to watch the tills at peak hours and "
        "losses fell.\n\nQuick fix also fits here (cheap)\n"
    )
    (story,) = parse_notes(text, Path("x.md"), load_knowledge().principles).entries
    assert story.title == "Quick fix" and _lines(story) == [(2, 2), (4, 4)]


def test_a_title_line_above_the_first_heading_is_not_a_story() -> None:
    text = (
        "INTERVIEW STORIES - which story where\n(I'm moving from retail into operations)\n\n"
        "## Ownership\nI rebuilt the staff rota when nobody owned it and overtime fell.\n"
    )
    parsed = parse_notes(text, Path("x.md"), load_knowledge().principles)
    assert [s.title for s in parsed.entries] == ["I rebuilt the staff rota when nobody owned it…"]


def test_list_headers_end_their_sentence_and_closed_asides_keep_their_bracket() -> None:
    text = (
        "## Dive Deep\n### Picking the queue\n**Decision factors:**\n"
        "1. **Jobs could run for hours:**\n   - nobody wanted idle servers\n"
        "**Partner team (External):**\n- agreed the message format\n"
    )
    (story,) = parse_notes(text, Path("x.md"), load_knowledge().principles).entries
    body = story.text()
    for said in ("Decision factors.", "Jobs could run for hours.", "nobody wanted idle servers."):
        assert said in body
    assert "Partner team (External)." in body


def test_two_stories_under_one_heading_get_titles_that_tell_them_apart() -> None:
    text = (
        "## Tell me about a time you saved money\n"
        "Situation: Our lab paid for a cloud GPU we used twice a month.\n"
        "Action: I moved the jobs to the spare workstation.\n"
        "Result: We saved the whole cloud bill.\n\n"
        "Situation: The team bought a new license every year.\n"
        "Action: I found the open-source tool that did the same.\n"
        "Result: We cancelled the license.\n"
    )
    entries = parse_notes(text, Path("x.md"), load_knowledge().principles).entries
    titles = [s.title for s in entries]
    assert len(entries) == 2 and len(set(titles)) == 2, titles
    assert all(t.startswith("Tell me about a time you saved money (") for t in titles)
    assert "(Our lab paid for a cloud…)" in titles[0]
    assert {heading_of(s) for s in entries} == {"Tell me about a time you saved money"}


@pytest.mark.parametrize("marker", ["(cont)", "(continued)", "- cont'd", "part 2"])
def test_an_entry_that_says_it_continues_a_story_is_joined_to_it(marker: str) -> None:
    text = (
        "## Customer Obsession\n\nFlooded basement - the archive room flooded the night before "
        "the audit. I moved the boxes to the canteen with two porters.\n\n## Ownership\n\n"
        f"Flooded basement {marker} - the drains were facilities' job, not mine. I wrote a "
        "weekly drain check and it caught two blockages that winter.\n"
    )
    parsed = parse_notes(text, Path("x.md"), load_knowledge().principles)
    (story,) = parsed.entries
    assert "moved the boxes" in story.text() and "weekly drain check" in story.text()
    assert _lines(story) == [(3, 3), (7, 7)]
    assert any("continues 'Flooded basement'" in d for d in parsed.decisions)
