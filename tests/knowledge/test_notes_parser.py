import hashlib
import re
from pathlib import Path

import pytest

from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.parser import ParsedNotes, parse_notes
from tests.conftest import FIXTURES

MOJIBAKE = re.compile(r"‚Ä|‚Ü|‚ö|Ô∏|√©|√®|üì|üí|üö|üî|\uf8ff|Ã©|â€")


@pytest.fixture(scope="module")
def principles():
    return load_knowledge().principles


def _parse(path: Path, principles) -> ParsedNotes:
    return parse_notes(read_notes(path), path, principles)


@pytest.fixture
def small(principles) -> ParsedNotes:
    return _parse(FIXTURES / "notes_small.md", principles)


def _entry(parsed: ParsedNotes, fragment: str):
    matches = [e for e in parsed.entries if fragment in e.title]
    assert len(matches) == 1, [e.title for e in parsed.entries]
    return matches[0]


def test_bold_labels_fill_sections_under_the_enclosing_principle(small: ParsedNotes) -> None:
    entry = _entry(small, "went beyond your role")
    assert entry.primary_principle == "ownership"
    assert entry.sections.situation == "Our on-call rotation had a gap over a holiday."
    assert entry.sections.result == "No incident went unanswered that week."
    assert entry.questions == ["Tell me about a time you went beyond your role"]
    fixture = FIXTURES / "notes_small.md"
    line = (
        fixture.read_text()
        .splitlines()
        .index("   - **Situation:** Our on-call rotation had a gap over a holiday.")
    )
    assert entry.origin == "notes"
    assert entry.source == f"{fixture}:{line + 1}-{line + 4}"
    assert entry.spans == [entry.source]


def test_misspelt_spsil_labels_map_to_star_sections(small: ParsedNotes) -> None:
    entry = _entry(small, "without approval")
    assert entry.sections.situation == "My lead was away on a flight."
    assert entry.sections.task == "A bad deploy was corrupting reports."
    assert entry.sections.action == "I disabled the feature flag myself."
    assert entry.sections.result == "The reports stopped corrupting."
    assert entry.sections.lesson == "Document reversible decisions as you make them."


def test_inline_tags_after_sample_questions_become_an_entry(small: ParsedNotes) -> None:
    entry = _entry(small, "fixed something that was not yours")
    assert entry.questions == ["Tell me about a time you fixed something that was not yours."]
    assert entry.sections.situation == "Checkout broke during a sale"
    assert entry.sections.action == "I rolled back the cache change"
    assert entry.sections.result == "Orders recovered in ten minutes"


def test_unlabelled_answer_is_kept_whole(small: ParsedNotes) -> None:
    entry = _entry(small, "quick decision")
    assert not entry.labelled
    assert entry.body == "I picked the simpler database in an afternoon and we shipped on time."
    assert entry.primary_principle == "bias-for-action"
    assert entry.thin


def test_bold_titled_bullets_split_into_separate_answers(small: ParsedNotes) -> None:
    caching = _entry(small, "Caching debate")
    naming = _entry(small, "Naming debate")
    assert caching.primary_principle == naming.primary_principle == "have-backbone"
    assert caching.sections.situation == "I argued for a smaller cache"
    assert naming.sections.result == "we kept long ones"
    assert caching.id != naming.id


def test_guidance_is_not_a_story_and_misplaced_guidance_is_reported(small: ParsedNotes) -> None:
    assert not any("customer obsession" in e.text().lower() for e in small.entries)
    assert small.guidance
    reasons = [p.reason for p in small.problems]
    assert "guidance here seems to describe Customer Obsession" in reasons


def test_empty_heading_and_index_links_are_handled(small: ParsedNotes) -> None:
    empty = [p for p in small.problems if p.reason == "question heading with no answer"]
    assert [p.text for p in empty] == ["Tell me about a time you had nothing to say"]
    assert not any("checkout outage" in e.text() for e in small.entries)
    assert not any("a table" in e.text() for e in small.entries)


def test_ids_are_stable_and_unique(principles) -> None:
    first = _parse(FIXTURES / "notes_small.md", principles)
    second = _parse(FIXTURES / "notes_small.md", principles)
    ids = [e.id for e in first.entries]
    assert ids == [e.id for e in second.entries]
    assert len(ids) == len(set(ids))


def test_seed_notes_yield_enough_answers(seed_notes: Path, principles) -> None:
    parsed = _parse(seed_notes, principles)
    questions = [e for e in parsed.entries if e.questions]
    assert len(questions) >= 45
    assert len(parsed.labelled) >= 12
    assert len(parsed.principles_seen) >= 15
    failure = next(e for e in parsed.labelled if "biggest career failure" in e.title)
    assert failure.primary_principle == "learn-and-be-curious"
    assert "ROC curve" in failure.sections.action
    assert failure.sections.lesson.startswith("Credibility of a team is very important")
    reasons = {p.reason for p in parsed.problems}
    assert "guidance here seems to describe Customer Obsession" in reasons
    assert "question heading with no answer" in reasons


def test_seed_prep_sheet_has_no_mojibake_left(seed_prep: Path, principles) -> None:
    raw = seed_prep.read_text(encoding="utf-8")
    assert MOJIBAKE.search(raw), "the seed file is expected to contain mojibake"
    text = read_notes(seed_prep)
    assert not MOJIBAKE.search(text)
    assert "2 days→1 day" in text and "L'Oréal" in text
    parsed = _parse(seed_prep, principles)
    assert len(parsed.entries) >= 10
    for entry in parsed.entries:
        assert not MOJIBAKE.search(entry.title + entry.text())
    assert any("honeybee" in e.text().lower() for e in parsed.entries)


def test_reading_never_modifies_the_notes(seed_notes: Path, seed_prep: Path, principles) -> None:
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (seed_notes, seed_prep)}
    for path in before:
        _parse(path, principles)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before}


def test_words_after_the_last_inline_tag_go_where_their_cue_says(principles) -> None:
    text = (
        "## Ownership\n"
        "- **Sensor fix** (The partner team kept getting garbage output from my model "
        "(*situation*) I read the vendor manual and found a flag left off.(*Action*) "
        "With that one flag switched on the issue was resolved.\n"
    )
    story = parse_notes(text, Path("notes.md"), principles).entries[0]
    assert "garbage output" in story.sections.situation
    assert story.sections.action.startswith("I read the vendor manual")
    assert "issue was resolved" in story.sections.result
    assert "issue was resolved" not in story.sections.situation


def test_an_entry_pointing_back_joins_the_story_before_it(principles) -> None:
    text = (
        "## Earn Trust\n"
        "#### How do you rebuild trust after a missed delivery?\n"
        "- The shipment to our biggest client slipped by a week. I called them the same day, "
        "explained the cause and sent a daily status until it landed.\n"
        "#### Tell me about a time you were vocally self-critical\n"
        "- Same story\n"
        "#### Tell me about a time you disagreed with your manager\n"
        "- Same problem with the rota came up again, so I proposed two shifts instead of one.\n"
    )
    parsed = parse_notes(text, Path("notes.md"), principles)
    assert len(parsed.entries) == 2, [e.title for e in parsed.entries]
    shipment = next(e for e in parsed.entries if "shipment" in e.text())
    assert "Tell me about a time you were vocally self-critical" in shipment.questions
    assert len(shipment.spans) == 2 and shipment.spans[1].endswith(":5-5")
    assert any("also referred to under" in note for note in shipment.inferred)
    rota = next(e for e in parsed.entries if "rota" in e.text())  # "Same problem..." is a story
    assert "shipment" not in rota.text()
