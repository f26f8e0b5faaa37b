"""Formats of the thirteenth and fourteenth fresh batches, each with a fixture of our own: bullets
pasted from a word processor, CAR/PAR labels, "* * *" scene breaks under italic titles,
tracker-style ``STORY-1:`` lines with ``@principle`` tags, labels of a few words ("What I
did:"), ``Q1.``/``A1.`` pairs, ``[S]`` letters, ``TL;DR:``/``Metrics:`` labels, diary dates,
follow-up Q&A lists, template fields and short title lines in plain text files."""

from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.labels import leading_label
from coach.knowledge.notes.lines import is_question
from coach.knowledge.notes.parser import ParsedNotes, parse_notes
from coach.text.star_cues import cue_sections
from tests.conftest import FIXTURES

NOTES = FIXTURES / "notes"


def _parse(name: str) -> ParsedNotes:
    path = NOTES / name
    return parse_notes(read_notes(path), path, load_knowledge().principles)


def _parse_text(text: str) -> ParsedNotes:
    return parse_notes(text, NOTES / "inline.md", load_knowledge().principles)


def test_word_processor_bullets_nest_by_their_glyph() -> None:
    parsed = _parse("word_paste_ops.md")
    assert [s.title for s in parsed.entries] == [
        "Recovering a late warehouse launch",
        "Telling my director the forecast was wrong",
        "A picker who kept making mistakes",
    ]
    forecast = parsed.entries[1]
    assert "pulled two years" in forecast.sections.action
    assert "short of about 30 people" in forecast.sections.action  # the second "Action –" line
    assert "temporary hires" in forecast.sections.result


def test_an_o_that_is_a_word_is_not_a_bullet() -> None:
    text = "## Night shift\n\no well, I stayed late and fixed the rota myself.\nIt worked.\n"
    parsed = _parse_text(text)
    assert len(parsed.entries) == 1
    assert "o well" in parsed.entries[0].text()


def test_a_repeated_action_label_goes_on_but_a_new_situation_starts_a_story() -> None:
    text = (
        "## Stories\n\n"
        "Situation: the release slipped twice.\nAction: I cut scope.\nAction: I paired daily.\n"
        "Result: we shipped on the new date.\n\n"
        "Situation: a client was angry about billing.\nAction: I called her the same day.\n"
        "Result: she renewed.\n"
    )
    parsed = _parse_text(text)
    assert len(parsed.entries) == 2
    assert "paired daily" in parsed.entries[0].sections.action


def test_car_labels_set_the_scene_without_a_situation_label() -> None:
    parsed = _parse("car_labels_teacher.md")
    assert len(parsed.entries) == 3
    curriculum = parsed.entries[0]
    assert curriculum.primary_principle == "invent-and-simplify"
    assert "lowest in the school" in curriculum.sections.task
    assert "no situation" not in curriculum.missing
    assert not curriculum.thin or all(not m.startswith("no ") for m in curriculum.missing)


def test_scene_breaks_and_italic_titles_split_stories() -> None:
    parsed = _parse("scene_breaks_chef.md")
    assert [s.title for s in parsed.entries] == [
        "The walk-in freezer failure",
        "Training a new sous chef",
        "Cutting food waste",
    ]
    freezer, chef, _ = parsed.entries
    assert "180 covers" in freezer.sections.result
    assert "walked him through" in chef.sections.action


def test_an_italic_sentence_of_advice_is_no_title() -> None:
    text = "*You should be able to take some calculated risks*\n\nI shipped the beta early.\n"
    assert all("calculated" not in s.title for s in _parse_text(text).entries)


def test_tracker_lines_with_at_tags_are_titled_stories_with_principles() -> None:
    parsed = _parse("at_tags_logistics.md")
    titles = [s.title for s in parsed.entries]
    assert titles == [
        "Customs hold on a key shipment",
        "Route planning tool nobody used",
        "Disagreeing on a carrier switch",
    ]
    customs, route, carrier = parsed.entries
    assert [customs.primary_principle, *customs.secondary_principles] == [
        "customer-obsession",
        "bias-for-action",
    ]
    assert carrier.primary_principle == "have-backbone"
    assert "rode with three drivers" in route.sections.action  # "Did:" is the action


def test_an_email_address_is_not_a_principle_tag() -> None:
    text = "## Vendor escalation (mail ops@example.com)\n\nI called the vendor. It got fixed.\n"
    parsed = _parse_text(text)
    assert parsed.entries[0].primary_principle is None


def test_multi_word_labels() -> None:
    assert leading_label("What I did: rode with the drivers") == ("action", "rode with the drivers")
    assert leading_label("**My role:** shift lead") == ("task", "shift lead")
    assert leading_label("What I learned: ask first") == ("lesson", "ask first")
    assert leading_label("How it ended: on time") == ("result", "on time")
    assert leading_label("What a day: it rained") is None


def test_cues_read_a_step_after_its_aim_and_a_count_as_the_outcome() -> None:
    sections = cue_sections(
        "The freezer died before service. To save the stock, I moved it to the reach-ins. "
        "We lost under 5% of stock."
    )
    assert sections is not None
    assert sections["action"].startswith("To save the stock")
    assert sections["result"] == "We lost under 5% of stock."


def test_numbered_question_and_answer_pairs() -> None:
    parsed = _parse("qa_numbered_pairs_accountant.md")
    assert len(parsed.entries) == 3
    for story in parsed.entries:
        assert story.title.startswith(("Tell me", "Describe", "Give"))
        assert not story.text().split(": ", 1)[1].startswith("A")  # "A1." is a label, not text
    assert "a day early" in parsed.entries[1].sections.result


def test_square_bracket_letters_tag_the_sentence_before_them() -> None:
    parsed = _parse("bracket_letters_nurse.md")
    round_, family, falls = parsed.entries
    assert round_.sections.task.startswith("As the senior nurse")
    assert family.sections.lesson.startswith("I learned")
    assert "one a month" in falls.sections.result
    lone = _parse_text("## Plan\nWe picked option (A) after the vote and I wrote it up.\n")
    assert "option (A)" in lone.entries[0].text()  # one letter alone is no tag


def test_summary_and_metrics_labels_and_a_title_that_starts_with_a_principle() -> None:
    parsed = _parse("tldr_metrics_engineer.md")
    titles = [s.title for s in parsed.entries]
    assert titles == [
        "Cache stampede during the launch",
        "Mentoring a new hire through on-call",  # a title, not the principle "mentoring"
        "Pushing back on a rewrite",
    ]
    assert all(not s.primary_principle for s in parsed.entries)
    assert all("TL" not in (s.project or "") for s in parsed.entries)
    assert "95% to 40%" in parsed.entries[0].sections.result  # "Metrics:" is the result
    assert "TL;DR" not in parsed.entries[0].text()


def test_a_principle_heading_with_a_word_or_two_more_stays_a_principle() -> None:
    parsed = _parse_text("## Ownership examples\n\n### Night cover\nI took the extra shift.\n")
    assert parsed.entries[0].primary_principle == "ownership"


def test_a_date_heading_titles_the_entry_with_its_opening() -> None:
    parsed = _parse("diary_dates_retail.md")
    assert [s.title.split(":")[0] for s in parsed.entries] == [
        "12 March 2024",
        "2 June 2024",
        "18 September 2024",
    ]
    assert parsed.entries[0].title.startswith("12 March 2024: Saturday rush")
    assert parsed.entries[0].primary_principle == "customer-obsession"


def test_terse_one_line_stories_under_a_principle_are_stories_each() -> None:
    parsed = _parse("terse_fragments_devops.md")
    assert len(parsed.entries) == 5
    assert [s.primary_principle for s in parsed.entries] == [
        "ownership",
        "ownership",
        "bias-for-action",
        "bias-for-action",
        "customer-obsession",
    ]
    assert any("split into 2 stories" in d for d in parsed.decisions)
    steps = _parse_text(
        "## Ownership\n- Noticed the nightly build failing most mornings\n"
        "- Read the logs and split the shared test database\n"
        "- Build green for 30 nights after that\n"
    )
    assert len(steps.entries) == 1  # short steps with no turn of their own are one story


def test_a_heading_that_only_gathers_stories_is_no_title_prefix() -> None:
    parsed = _parse("mixed_notes_and_todo_pm.md")
    titles = [s.title for s in parsed.entries]
    assert "Killing a feature" in titles and "Roadmap conflict with sales" in titles
    assert not any(t.startswith("Stories:") for t in titles)


def test_label_words_with_two_letters_swapped() -> None:
    parsed = _parse("typos_nonnative_support.md")
    customer = parsed.entries[0]
    assert customer.sections.task.startswith("I must calm him")  # "Taks:"
    assert "two days" in customer.sections.result  # "Resut:"


def test_follow_up_answers_stay_with_their_story() -> None:
    parsed = _parse("followups_qa_analyst.md")
    assert len(parsed.entries) == 2
    insight = parsed.entries[0]
    assert insight.sections.lesson.startswith("Involve marketing earlier")
    assert "Follow-ups" not in insight.text()
    assert insight.questions == [insight.title]  # the follow-up questions are not its questions
    assert not insight.project


def test_numbered_titles_over_indented_paragraphs_are_one_story_each() -> None:
    parsed = _parse("numbered_multipara_nurse.md")
    assert [s.title for s in parsed.entries] == [
        "The patient who kept missing insulin",
        "Covering a colleague's caseload",
        "Speaking up about a wound care product",
    ]
    caseload = parsed.entries[1]
    assert "sick leave" in caseload.text() and "handover notes" in caseload.text()


def test_template_fields_name_the_story_and_its_principles() -> None:
    parsed = _parse("template_fields_consultant.md")
    assert [s.title for s in parsed.entries] == [
        "Client workshop rescue",
        "Junior analyst burnout",
        "Pricing model error",
    ]
    workshop, burnout, pricing = parsed.entries
    assert [workshop.primary_principle, *workshop.secondary_principles] == [
        "customer-obsession",
        "bias-for-action",
    ]
    assert burnout.primary_principle == "hire-and-develop-the-best"
    assert workshop.sections.lesson.startswith("ask for the board's questions")
    assert pricing.secondary_principles == ["dive-deep"]


def test_short_title_lines_over_wrapped_prose_in_a_text_file() -> None:
    parsed = _parse("plain_wrapped_chef.txt")
    assert [(s.title, s.primary_principle) for s in parsed.entries] == [
        ("Walk-in fridge failure", "bias-for-action"),
        ("Training a new commis", "hire-and-develop-the-best"),
        ("Menu costing", "frugality"),
    ]


def test_a_narrative_sentence_opening_with_when_is_no_question() -> None:
    assert not is_question("When the lift broke, two patients were stuck on the ward.")
    assert is_question("When did you last change your mind")
    assert is_question("What was your biggest mistake.")  # it asks "you"
