"""Story titles written without Markdown headings: bold list titles, capitalised lines, and
STAR grids (a table with one story per row). Text written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.parser import parse_notes
from coach.knowledge.principle_names import principle_tags
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def principles():
    return load_knowledge().principles


def _filed(text: str, principles) -> list[tuple[str, list[str]]]:
    """Each story's title and principles, in order."""
    stories = parse_notes(text, Path("notes.md"), principles).entries
    return [(s.title, s.principles) for s in stories]


def _titles(text: str, principles) -> dict[str, list[str]]:
    parsed = parse_notes(text, Path("notes.md"), principles)
    return {s.title: s.principles for s in parsed.entries}


NUMBERED = """# Stories for the panel

1. **Boiler outage at the school** [Bias for Action]
   **S:** The heating failed on the coldest week of term and the contractor could not come for days.
   **A:** I borrowed heaters from the sports hall, moved two classes and called a second contractor.
   **R:** No lessons lost; the second contractor became our standard backup.

2. **Timetable clash** [Earn Trust; Have Backbone]
   **S:** Two heads of department wanted the same lab every Tuesday and stopped talking.
   **A:** I met each alone, laid out the room bookings on one sheet and proposed alternating weeks.
   **R:** Both agreed within a week and the lab was never double booked again that year.
"""


def test_bold_list_titles_become_stories_with_their_tagged_principles(principles) -> None:
    titles = _titles(NUMBERED, principles)
    assert titles["Boiler outage at the school"] == ["bias-for-action"]
    assert titles["Timetable clash"] == ["earn-trust", "have-backbone"]
    assert len(titles) == 2


STEPS = """## How I tuned the service

1. **Profiling:**
   - used the request logs
2. **Memory tuning:**
   - tried three sizes
"""


def test_a_list_of_bold_points_is_not_a_list_of_stories(principles) -> None:
    parsed = parse_notes(STEPS, Path("notes.md"), principles)
    assert [s.title for s in parsed.entries] == ["How I tuned the service"]


CAPS = """prep notes

BUDGET FREEZE (ownership)
Situation: the CFO froze spending in March with two projects half done.
Action: I ranked both by payback, stopped one and moved its two engineers to the other.
Result: the remaining project shipped in May and paid back its cost by the autumn.

LATE SUPPLIER (deliver results)
Situation: our main supplier was three weeks late on parts for a launch.
Action: I found a second supplier, split the order and flew a sample batch in for testing.
Result: we launched one week late instead of four.
"""


def test_capitalised_title_lines_become_stories_in_plain_case(principles) -> None:
    titles = _titles(CAPS, principles)
    assert titles == {"Budget freeze": ["ownership"], "Late supplier": ["deliver-results"]}


GRID = """# STAR grid

| Story | Situation | Action | Result | LPs |
|---|---|---|---|---|
| Slow checkout | Checkout took 9 s | I cached the tax lookup | 2 s | Customer Obsession |
| Audit scare | Approvals lost | I rebuilt the approval log | Clean audit | Ownership, Dive Deep |
"""


def test_each_row_of_a_star_grid_is_one_story_on_its_own_line(principles) -> None:
    parsed = parse_notes(GRID, Path("notes.md"), principles)
    stories = {s.title: s for s in parsed.entries}
    assert set(stories) == {"Slow checkout", "Audit scare"}
    audit = stories["Audit scare"]
    assert audit.principles == ["ownership", "dive-deep"]
    assert audit.spans == ["notes.md:6-6"]
    assert "rebuilt the approval log" in audit.sections.action
    assert "Clean audit" in audit.sections.result


def test_only_brackets_naming_principles_are_tags(principles) -> None:
    assert principle_tags("Peak week jam [Bias for Action, Deliver Results]", principles) == (
        "Peak week jam",
        ["bias-for-action", "deliver-results"],
    )
    assert principle_tags("Cutover (the Monday one)", principles) == (
        "Cutover (the Monday one)",
        [],
    )


@pytest.mark.parametrize(
    ("name", "count"),
    [("ops_numbered.md", 5), ("finance_caps.md", 5), ("star_table.md", 5), ("tester_rules.md", 5)],
)
def test_fixture_files_make_the_stories_a_reader_counts(name: str, count: int, principles) -> None:
    path = FIXTURES / "notes" / name
    parsed = parse_notes(path.read_text(encoding="utf-8"), path, principles)
    stories = [s for s in parsed.entries if s.title != "Tell me about yourself"]
    assert len(stories) == count, [s.title for s in parsed.entries]


OUTLINE = """## Ownership
- Flooded stockroom
  - S: a pipe burst over the stockroom on a Sunday night
  - A: I moved the stock to the loading bay and called the landlord's plumber
  - R: we opened on Monday with nothing written off
"""


def test_an_outline_item_over_labelled_sub_items_names_its_story(principles) -> None:
    parsed = parse_notes(OUTLINE, Path("notes.md"), principles)
    [story] = parsed.entries
    assert story.title == "Flooded stockroom"
    assert story.sections.situation.startswith("a pipe burst")


BOLD_LINES = """## Jobs

**Story: the slow nightly export** (Ownership)
The nightly export took six hours and nobody owned it after the author left the team. I took it on,
split it into daily partitions and added a row count between stages, and now it runs in 40 min.

**Story: the tax rounding bug** (Dive Deep)
Invoices were a cent off for a few customers each month. I traced the rounding through each step and
found two services rounding at different points. I moved rounding to one place and the gaps stopped.

**Step 1: Review**
- asked two peers
"""


def test_bold_title_lines_over_prose_are_stories_and_steps_over_bullets_are_not(
    principles,
) -> None:
    titles = _titles(BOLD_LINES, principles)
    assert titles["Jobs: the slow nightly export"] == ["ownership"]
    assert titles["Jobs: the tax rounding bug"] == ["dive-deep"]
    assert not any("Step 1" in t for t in titles)


SECOND = """## Deliver Results
Our clinic had to move every patient record to the new system by the end of the month, and a week
before we were only half done. I split the rest across four nurses and came in on two weekends,
and we finished a day early. Another example: when the lab courier stopped for a week, I drove
the samples to the hospital myself each evening and no test results were delayed.
"""


def test_another_example_starts_a_second_story(principles) -> None:
    parsed = parse_notes(SECOND, Path("notes.md"), principles)
    texts = [s.text() for s in parsed.entries]
    assert len(texts) == 2, texts
    assert "courier" not in texts[0] and texts[1].startswith("When the lab courier")
    assert parsed.entries[1].spans == ["notes.md:4-5"]


def test_a_line_telling_what_i_did_is_not_a_question() -> None:
    from coach.knowledge.notes.lines import is_question

    assert not is_question("When our partner closed, I found two churches to host pickup")
    assert not is_question("What I learned: we quickly cut the scope")
    assert is_question("When did you last disagree with your manager")
    assert is_question("What would you do differently")


HTML = """<h1>My stories</h1>
<p><b>Story 1: Late shipment</b> (Ownership)<br>
<b>Situation:</b> a supplier shipped the wrong boards two days before launch.<br>
<b>Action:</b> I drove to their plant, swapped the boards myself and re-tested all 40 units.<br>
<b>Result:</b> we launched on time.</p>
<p><b>Story 2: Quiet intern</b> (Hire and Develop the Best)<br>
<b>Situation:</b> our intern never spoke in stand-ups.<br>
<b>Action:</b> I gave her the demo slot and rehearsed it with her twice.<br>
<b>Result:</b> she presented to 30 people &amp; got a return offer.</p>
"""


def test_an_html_export_reads_as_the_markdown_it_stands_for(principles) -> None:
    parsed = parse_notes(HTML, Path("notes.html.md"), principles)
    stories = {s.title: s for s in parsed.entries}
    assert set(stories) == {"Late shipment", "Quiet intern"}
    intern = stories["Quiet intern"]
    assert intern.principles == ["hire-and-develop-the-best"]
    assert intern.spans == ["notes.html.md:7-9"]
    assert "30 people & got" in intern.sections.result


TAGGED = """# One-liners

1. Bias for Action - Flooded basement (S) storm flooded the archive (A) I moved the boxes up and
   called the restorer (R) lost 3 of 200 boxes
2. Dive Deep - Wrong invoices (S) invoices doubled for some clients (A) I traced it to a repeated
   import job (R) refunds sent in a day
"""


def test_one_line_stories_with_letter_tags_become_labelled_stories(principles) -> None:
    parsed = parse_notes(TAGGED, Path("notes.md"), principles)
    stories = {s.title: s for s in parsed.entries}
    assert set(stories) == {"Flooded basement", "Wrong invoices"}
    assert stories["Wrong invoices"].principles == ["dive-deep"]
    assert stories["Flooded basement"].sections.action.startswith("I moved the boxes")


def test_question_labels_and_to_do_lists_under_headings(principles) -> None:
    text = (
        "## Q1: Tell me about a time you missed a deadline\n"
        "I promised a client report by Friday and sent it on Monday because I underestimated "
        "the data cleaning. I told the client on Thursday, and I now plan a buffer day.\n\n"
        "## Weak spots (work on these)\n- numbers for the delay story\n- conflict story not "
        "written yet\n"
    )
    parsed = parse_notes(text, Path("notes.md"), principles)
    assert [s.title for s in parsed.entries] == ["Tell me about a time you missed a deadline"]


def test_labels_behind_emoji_or_arrows_are_labels(principles) -> None:
    text = (
        "## Dive Deep\n\n### Spike in refunds\n"
        "🟢 Situation: refunds doubled in one week and nobody knew why\n"
        "→ Action: I read 200 refund notes and found one courier losing parcels\n"
        "✅ Result: we dropped that courier and refunds fell back within a month\n"
    )
    [story] = parse_notes(text, Path("notes.md"), principles).entries
    assert story.sections.situation.startswith("refunds doubled")
    assert story.sections.action.startswith("I read 200 refund notes")
    assert story.sections.result.startswith("we dropped that courier")


def test_label_headings_are_labels_of_the_story_above(principles) -> None:
    text = (
        "## Ownership\n### Broken nightly backup\n#### Situation\nThe backup had failed for a "
        "week without an alert.\n#### Action\nI restored the last good copy and added an alert "
        "on the job.\n#### Result\nNo silent failure since.\n"
    )
    [story] = parse_notes(text, Path("notes.md"), principles).entries
    assert story.title == "Broken nightly backup"
    assert story.sections.action.startswith("I restored the last good copy")


def test_bullet_titles_over_dash_labels_name_their_stories(principles) -> None:
    text = (
        "STORIES\n\n• Coaching a new cashier\nSituation – she froze on busy tills\nAction – I "
        "stood beside her for three Saturdays\nResult – she ran a till alone in a month\n\n"
        "• Freezer failure\nSituation – the freezer died on a Friday night\nAction – I moved the "
        "stock to our sister store\nResult – we lost nothing\n"
    )
    titles = [s.title for s in parse_notes(text, Path("notes.md"), principles).entries]
    assert titles == ["Coaching a new cashier", "Freezer failure"]


def test_underlined_headings_and_numbered_story_lines_name_stories(principles) -> None:
    text = (
        "Notes\n=====\n\nFixing the night bus timetable\n------------------------------\n"
        "Night buses ran empty after midnight. I counted riders for a month and moved two buses "
        "to the hospital route.\n\nDepot flood\n-----------\nThe depot flooded in March. I "
        "moved the buses to a school car park overnight.\n"
    )
    titles = [s.title for s in parse_notes(text, Path("notes.md"), principles).entries]
    assert titles == ["Fixing the night bus timetable", "Depot flood"]
    numbered = (
        "Story #1 - Depot flood\nThe depot flooded in March. I moved the buses to a school car "
        "park overnight.\n\nStory #2 - Empty night buses\nNight buses ran empty. I counted "
        "riders for a month and moved two buses.\n"
    )
    titles = [s.title for s in parse_notes(numbered, Path("notes.md"), principles).entries]
    assert titles == ["Depot flood", "Empty night buses"]
    rule = (
        "When the depot flooded I moved every bus to the school car park overnight.\n---\n"
        "I called the council the next morning and we reopened in two days.\n"
    )
    stories = parse_notes(rule, Path("notes.md"), principles).entries
    assert any("I moved every bus" in s.text() for s in stories)  # a paragraph, not a heading


def test_short_labels_under_numbered_titles_make_one_story_each(principles) -> None:
    text = (
        "# Prep\n\n1. Cold store alarm (Ownership)\n   - Sit: the freezer alarm went off at 2am\n"
        "   - Tsk: nobody on call knew the system\n   - Act: moved the stock to the van and called"
        " the engineer\n   - Res: lost nothing\n   - Learned: write the on-call steps down\n\n"
        "2. Rota rewrite (Invent and Simplify)\n   - Sit: the rota took a day a week\n"
        "   - Act: built a shared sheet with fixed patterns\n   - Res: two hours a week\n"
    )
    stories = parse_notes(text, Path("notes.md"), principles).entries
    assert [s.title for s in stories] == ["Cold store alarm", "Rota rewrite"]
    first = stories[0].sections
    assert first.situation.startswith("the freezer alarm") and first.result == "lost nothing."
    assert first.lesson.startswith("write the on-call steps") and first.task
    assert stories[1].principles == ["invent-and-simplify"]


def test_plain_lower_case_titles_with_a_colon_and_lp_dash_lines(principles) -> None:
    text = (
        "my stories\n\nflooded basement:\nthe basement flooded during the open day and the "
        "visitors were due in an hour. i moved the exhibits upstairs with two volunteers and "
        "opened on time with the ground floor only.\nlp - bias for action\n\n---\n\n"
        "grant report:\nthe grant report was due on friday and the figures from finance were "
        "wrong. i rebuilt them from the receipts over two evenings and the funder accepted it "
        "without questions.\nlp - dive deep, deliver results\n"
    )
    assert _filed(text, principles) == [
        ("Flooded basement", ["bias-for-action"]),
        ("Grant report", ["dive-deep", "deliver-results"]),
    ]
    one = "notes:\nthe alarm went off at night and I called the engineer myself.\n"
    assert parse_notes(one, Path("notes.md"), principles).entries[0].title != "Notes"


def test_hashtags_and_an_arrow_map_file_stories_under_principles(principles) -> None:
    text = (
        "## Journal\n\nMap:\n- Earn Trust -> bridge story\n- Are Right, A Lot -> the tender\n\n"
        "### 2021-05 · the bridge inspection  #ownership\nThe inspection found rust on two "
        "beams. I closed a lane the same day and told the council why.\n\n"
        "### 2022-02 · the tender\nTwo bids looked the same. I checked their past delays and "
        "picked the slower but reliable one, which finished on time.\n"
    )
    stories = parse_notes(text, Path("notes.md"), principles).entries
    assert len(stories) == 2  # the map is no story
    bridge, tender = stories
    assert bridge.principles == ["ownership", "earn-trust"] and "#" not in bridge.title
    assert tender.principles == ["are-right-a-lot"]
    labels = "Action -> I moved the stock myself\nResult -> we lost nothing\n"  # no map
    story = parse_notes(labels, Path("notes.md"), principles).entries[0]
    assert "I moved the stock" in story.text() and not story.principles


def test_a_plain_line_over_labelled_lines_is_the_story_title(principles) -> None:
    text = (
        "Freezer story\nSituation: the freezer died on a Friday\nAction: I moved the stock "
        "myself\nResult: we lost nothing\n\nRota rewrite\nSituation: the rota took a day a week"
        "\nAction -> I built a shared sheet\nResult -> two hours a week\n"
    )
    stories = parse_notes(text, Path("notes.md"), principles).entries
    assert [s.title for s in stories] == ["Freezer story", "Rota rewrite"]
    assert stories[0].sections.situation.startswith("the freezer died on a Friday")
    assert stories[1].sections.action.startswith("I built a shared sheet")
    assert not stories[1].principles


def test_a_two_column_table_of_parts_is_a_story_and_an_outline_files_its_stories(
    principles,
) -> None:
    table = (
        "## Flood at the depot\n\n| Part | Notes |\n|---|---|\n| Situation | The depot flooded "
        "overnight |\n| Action | I moved the buses to the school car park |\n| Result | Every "
        "route ran the next morning |\n"
    )
    story = parse_notes(table, Path("notes.md"), principles).entries[0]
    assert story.title == "Flood at the depot" and not story.principles
    assert story.sections.action.startswith("I moved the buses")
    outline = (
        "- Ownership\n  - Wrong fuel figure\n    - the figure did not match the slip\n"
        "    - I stopped the door closing and called dispatch\n  - Missing manifest\n"
        "    - no manifest 10 min before departure\n    - I printed it from the backup system\n"
    )
    stories = parse_notes(outline, Path("notes.md"), principles).entries
    filed = {s.title: s.principles for s in stories}
    assert filed["Wrong fuel figure"] == filed["Missing manifest"] == ["ownership"]
    advice = "- Develop Adaptability\n  - Embrace change\n    - be open\n    - stay flexible\n"
    titles = [s.title for s in parse_notes(advice, Path("notes.md"), principles).entries]
    assert "Embrace change" not in titles  # an advice list whose head only sounds like one


def test_lines_led_by_a_principle_are_stories_filed_under_it(principles) -> None:
    text = (
        "My examples\n\n**Frugality** — The museum wanted a new ticket scanner for 2,000. I "
        "built one from an old tablet and a free app, and it has run for a year.\n\n"
        "Earn Trust: I told the board the visitor figures I had sent were wrong, sent the "
        "corrected ones the same day and explained how the error happened.\n"
    )
    stories = parse_notes(text, Path("notes.md"), principles).entries
    assert [s.principles for s in stories] == [["frugality"], ["earn-trust"]]
    assert stories[0].title.startswith("The museum wanted a new ticket scanner")
    labels = "Action: I moved the stock to the van and called the engineer at once.\n" * 2
    assert all(not s.principles for s in parse_notes(labels, Path("n.md"), principles).entries)


def test_story_lines_with_a_principle_bracket_and_collapsible_sections(principles) -> None:
    text = (
        "# Stories\n\nStory 1 (LP: Frugality) – Second-hand lathe\nI bought a used lathe for "
        "a fifth of the price and it still runs.\n\nStory 2 (LP: Ownership) – Night leak\nI "
        "found the leak at 2am and shut the valve myself.\n"
    )
    assert _filed(text, principles) == [
        ("Second-hand lathe", ["frugality"]),
        ("Night leak", ["ownership"]),
    ]
    folded = (
        "# Notes\n\n<details>\n<summary>Night leak</summary>\n\nI found the leak at 2am and "
        "shut the valve myself.\n\n</details>\n<details>\n<summary>Used lathe</summary>\n\nI "
        "bought a used lathe for a fifth of the price.\n</details>\n"
    )
    stories = parse_notes(folded, Path("notes.md"), principles).entries
    assert [s.title for s in stories] == ["Night leak", "Used lathe"]
    assert stories[0].spans == ["notes.md:6-6"]


def test_principles_after_a_dash_in_a_heading_are_its_tags(principles) -> None:
    assert principle_tags("Checkout redesign — Customer Obsession, Dive Deep", principles) == (
        "Checkout redesign",
        ["customer-obsession", "dive-deep"],
    )
    assert principle_tags("Fixing the build - a long night", principles) == (
        "Fixing the build - a long night",
        [],
    )


def test_org_mode_headings_drawers_and_tags_read_as_markdown(principles) -> None:
    text = (
        "#+TITLE: Prep\n#+STARTUP: overview\n\n* Stories\n** Night leak        :ownership:\n"
        "   :PROPERTIES:\n   :LP: Ownership, Bias for Action\n   :END:\n"
        "   - S: a pipe burst over the stockroom on a Sunday\n"
        "   - A: I shut the valve and moved the stock\n   - R: nothing was written off\n"
        "** TODO Used lathe\n   - S: the budget for a new lathe was cut\n"
        "   - A: I bought a used one for a fifth of the price\n   - R: it still runs\n"
    )
    stories = parse_notes(text, Path("notes.org"), principles).entries
    assert [(s.title, s.principles) for s in stories] == [
        ("Night leak", ["ownership", "bias-for-action"]),
        ("Used lathe", []),
    ]
    assert stories[0].spans == ["notes.org:9-11"]  # drawer lines left out, numbers kept
    assert "shut the valve" in stories[0].sections.action


def test_markdown_with_stray_stars_is_not_read_as_org_mode(principles) -> None:
    text = "## Night leak\n* I shut the valve at 2am.\n* Nothing was written off.\n"
    assert _filed(text, principles) == [("Night leak", [])]


def test_a_labelled_principles_line_right_under_a_heading_tags_that_story(principles) -> None:
    text = (
        "# Prep\n\n## Night leak\nLP: Ownership\n- S: a pipe burst on a Sunday\n"
        "- A: I shut the valve\n- R: nothing was written off\n\n## Used lathe\n"
        "Leadership Principles: Frugality\n- S: the budget was cut\n- A: I bought a used lathe\n"
        "- R: it still runs\n"
    )
    filed = [("Night leak", ["ownership"]), ("Used lathe", ["frugality"])]
    assert _filed(text, principles) == filed


def test_task_boxes_hashtag_lines_two_questions_and_wiki_headings(principles) -> None:
    checklist = (
        "Prep\n\n- [x] practise intro\n- [x] Story: night leak (Ownership)\n"
        "    - a pipe burst over the stockroom on a Sunday night\n"
        "    - I shut the valve and moved the stock to the loading bay\n"
        "    - nothing was written off\n"
    )
    assert _filed(checklist, principles) == [("night leak", ["ownership"])]
    asked = (
        "Q: a time you acted without all the data\nQ: a quick judgement call\n"
        "A: I added fuel to all twelve flights before the storm and four used it.\n"
        "#biasforaction #earntrust\n"
    )
    story = parse_notes(asked, Path("notes.md"), principles).entries[0]
    assert story.questions == ["a time you acted without all the data", "a quick judgement call"]
    assert story.principles == ["bias-for-action", "earn-trust"]
    assert "#" not in story.text()
    email = (
        "=== STORY 1 ===\nFrugality\nI cancelled unused subscriptions and moved the money.\n\n"
        "=== STORY 2 ===\nOwnership\nI shut the valve at 2am myself.\n"
    )
    assert [p for _, p in _filed(email, principles)] == [["frugality"], ["ownership"]]


def test_a_thin_story_says_what_it_lacks(principles) -> None:
    from coach.core.schema import thin_note

    text = (
        "## Night leak\n- S: a pipe burst over the stockroom on a Sunday night before a delivery\n"
        "- T: nobody else was on call that weekend so it fell to me alone\n"
        "- A: I shut the main valve, moved the stock to the loading bay and called the plumber\n"
    )
    story = parse_notes(text, Path("notes.md"), principles).entries[0]
    assert story.thin and story.thin_note() == "your notes give it no result yet"
    assert thin_note(["no situation", "no result", "only 12 words"]) == (
        "your notes give it no situation or result yet; your notes hold only 12 words for it"
    )


NUMBERED_BULLETS = """prep notes

LPs to cover: ownership, dive deep, frugality, earn trust

1) Flooded stockroom (spring 2022)
- a pipe burst over the stockroom on a Sunday night before a delivery
- I was the only manager reachable, so it fell to me
- shut the valve, moved the stock to the loading bay, called the plumber
- opened on Monday with nothing written off
- ownership / bias for action

2) The wrong order
- I ordered the summer stock on last year's numbers and we ran out in week two
- my fault: I ignored that the school holidays moved
- called the supplier and asked for a second delivery
- moved the last stock to the front and told the staff what to say to customers
- the shelves were full again within three days
- lesson: check the calendar, not just the numbers
"""


def test_numbered_titles_over_plain_bullets_are_stories(principles) -> None:
    parsed = parse_notes(NUMBERED_BULLETS, Path("notes.md"), principles)
    stories = parsed.entries
    assert [s.title for s in stories] == ["Flooded stockroom (spring 2022)", "The wrong order"]
    assert stories[0].principles == ["ownership", "bias-for-action"]  # the closing bullet
    assert "bias for action" not in stories[0].text().lower()
    order = stories[1]
    assert order.sections.lesson.startswith("check the calendar")
    assert order.sections.action and not order.thin  # only "lesson:" was labelled


def test_numbered_points_with_a_colon_are_no_stories(principles) -> None:
    text = (
        "## How I plan\n\n1. **Plan your day:**\n   - **To-do list:** write it first.\n"
        "   - **Blocks:** keep two hours free.\n\n2. **Avoid multitasking:**\n"
        "   - **One thing:** finish a task before the next.\n   - **Breaks:** take them.\n"
    )
    titles = [s.title for s in parse_notes(text, Path("notes.md"), principles).entries]
    assert not any(t.startswith(("Plan your day", "Avoid multitasking")) for t in titles)


def test_question_answer_blocks_roman_and_emoji_numbers_and_bracket_titles(principles) -> None:
    asked = (
        "Question: Tell me about a time you caught an error.\nPrinciple: Dive Deep\n"
        "Answer: I checked the invoices line by line and found a duplicate payment.\n"
    )
    story = parse_notes(asked, Path("notes.md"), principles).entries[0]
    assert story.questions == ["Tell me about a time you caught an error."]
    assert story.principles == ["dive-deep"] and "Answer" not in story.text()
    prose = (
        "Crews lost minutes finding hydrants on new estates because the paper maps were old. I "
        "walked the estates on quiet shifts and marked every hydrant on a shared phone map."
    )
    drills = (
        "Three recruits kept failing the timed drill. I filmed each of them doing it so they "
        "could see where they lost time, and all three passed within two weeks."
    )
    roman = (
        f"Notes\n\nI. Hydrant map (Invent and Simplify)\n{prose}\n\n"
        f"II. Pump drills for the new recruits on my watch (Hire and Develop the Best)\n{drills}\n"
    )
    assert _filed(roman, principles) == [
        ("Hydrant map", ["invent-and-simplify"]),
        ("Pump drills for the new recruits on my watch", ["hire-and-develop-the-best"]),
    ]
    emoji = f"Stories\n\n1️⃣ Hydrant map\n{prose}\n\n2️⃣ Pump drills\n{drills}\n"
    assert [t for t, _ in _filed(emoji, principles)] == ["Hydrant map", "Pump drills"]
    bracket = f"Stories\n\n[Hydrant map]\n{prose}\n\n[Pump drills]\n{drills}\n"
    assert [t for t, _ in _filed(bracket, principles)] == ["Hydrant map", "Pump drills"]


def test_a_lone_i_at_the_start_of_a_line_is_no_roman_number(principles) -> None:
    text = "## Night leak\nI. was the only one there, so I shut the valve.\n"
    assert "was the only one there" in parse_notes(text, Path("n.md"), principles).entries[0].text()


def test_a_spreadsheet_saved_as_csv_or_tsv_is_one_story_per_row(principles) -> None:
    text = (
        "Title,LP,Situation,Action,Result\n"
        'Night leak,Ownership,"A pipe burst over the stockroom\non a Sunday night.",'
        '"I shut the valve and moved the stock.","Nothing was written off."\n'
        "Used lathe,Frugality,The lathe budget was cut.,I bought a used one at auction.,"
        "It paid for itself in four months.\n"
    )
    stories = parse_notes(text, Path("stories.csv"), principles).entries
    assert [(s.title, s.principles) for s in stories] == [
        ("Night leak", ["ownership"]),
        ("Used lathe", ["frugality"]),
    ]
    assert stories[0].spans == ["stories.csv:2-2"] and stories[1].spans == ["stories.csv:4-4"]
    assert "on a Sunday night" in stories[0].sections.situation
    tabbed = "Title\tLP\tSituation\tAction\tResult\nNight leak\tOwnership\tA pipe burst.\t" \
        "I shut the valve.\tNothing was lost.\n"
    assert [s.title for s in parse_notes(tabbed, Path("s.tsv"), principles).entries] == [
        "Night leak"
    ]


def test_prose_with_commas_is_not_read_as_csv() -> None:
    from coach.knowledge.notes.csv_table import looks_like_csv

    prose = (
        "Situation, task, action and result, in that order, is how I tell stories.\n"
        "Last year, at the depot, I fixed the rota, the heaters and the doors.\n"
    )
    assert not looks_like_csv(prose)
    assert not looks_like_csv("## Night leak\nI shut the valve, moved the stock, called him.\n")


def test_numbered_parts_of_one_story_are_not_stories(principles) -> None:
    text = (
        "## Peak season pick errors\n\n1. The problem\nOur pick error rate doubled in November "
        "when we took on forty temporary pickers, and customers complained every day.\n\n"
        "2. What I did\nI walked the aisles with the temps, moved similar items apart, added "
        "coloured size labels and trained every new picker myself for an hour.\n\n"
        "3. The outcome\nErrors fell from thirty a week to five within six weeks and complaints "
        "dropped by half before Christmas.\n"
    )
    assert [t for t, _ in _filed(text, principles)] == ["Peak season pick errors"]


def test_bare_label_lines_story_front_matter_and_named_episodes(principles) -> None:
    bare = (
        "Stories\n\nNight leak\nSituation\nA pipe burst over the stockroom on a Sunday.\nAction\n"
        "I shut the valve and moved the stock.\nResult\nNothing was written off.\n"
    )
    story = parse_notes(bare, Path("n.md"), principles).entries[0]
    assert story.title == "Night leak" and story.sections.action.startswith("I shut")
    blocks = (
        "---\ntitle: Night leak\nlp: Ownership\n---\nA pipe burst and I shut the valve myself.\n\n"
        "---\ntitle: Used lathe\nlp: Frugality\n---\nI bought a used lathe at auction.\n"
    )
    assert _filed(blocks, principles) == [("Night leak", ["ownership"]),
                                          ("Used lathe", ["frugality"])]  # fmt: skip
    single = "---\ntitle: My prep\nlayout: page\n---\n\n## Night leak\nI shut the valve.\n"
    assert [t for t, _ in _filed(single, principles)] == ["Night leak"]  # the file's own
