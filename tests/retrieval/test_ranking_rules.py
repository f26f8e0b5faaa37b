"""Ranking rules over a user's own notes: catch-all entries go after specific stories, long
sections are also searched in windows, entries of a project are named on the card."""

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from coach.drafting.ask import DraftOptions, ask
from coach.index.builder import build_index, index_root
from coach.index.documents import WINDOW_MIN, story_documents, windows
from coach.index.store import Hit, VectorStore
from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.parser import parse_notes
from coach.knowledge.projects import with_projects
from coach.retrieval.fusion import fuse
from coach.retrieval.retriever import Retriever
from tests.fakes import ToyEmbedder

NOTES = """# Prep

## Tell me about yourself
I am a warehouse engineer who loves robots, conveyor belts and fixing conveyor jams fast.

## Dive deep
### Root cause
Quillbox conveyor jams. I logged every jam for a week and found the belt sensor misread wet boxes.

## Deliver results
### Tight deadline
Quillbox pilot moved up by a month. I cut the second sorter and shipped the first on time.
"""


def _retriever(tmp_path: Path, text: str = NOTES) -> Retriever:
    kb = load_knowledge()
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    stories = with_projects(parse_notes(text, path, kb.principles).entries, kb)
    toy = ToyEmbedder()
    store = VectorStore(index_root(), toy.name)
    build_index(kb, stories, store, toy.encode)
    return Retriever(kb, stories, store, toy.encode)


def test_about_yourself_never_outranks_a_specific_story(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path)
    found = retriever.search("Tell me about fixing conveyor jams", k=3).matches
    titles = [m.story.title for m in found]
    assert titles[-1] == "Tell me about yourself", titles  # it shares the most words, yet last
    asked = retriever.search("Tell me about yourself", k=3).matches
    assert asked[0].story.title == "Tell me about yourself"


def test_the_card_names_the_other_entries_of_the_project(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path)
    result = ask(retriever, "Tell me about a root cause you found", 3, DraftOptions(model=None))
    pelican = [s for s in result.stories if s.project == "Quillbox"]
    assert len(pelican) == 2
    for hit in pelican:
        assert [m.title for m in hit.project_mates] == [s.title for s in pelican if s.id != hit.id]


def test_long_sections_are_also_searched_in_windows() -> None:
    kb = load_knowledge()
    sentence = "I checked the {n} pallet scanner and wrote down what it read for every box."
    long_text = " ".join(sentence.format(n=n) for n in range(30))
    assert len(long_text.split()) > WINDOW_MIN
    (story,) = parse_notes(f"## Scanners\n{long_text}\n", Path("x.md"), kb.principles).entries
    kinds = [d.kind for d in story_documents(story)]
    assert kinds.count("window") >= 4 and kinds.count("story") == 1
    short = parse_notes("## Short\nI fixed the scanner.\n", Path("y.md"), kb.principles).entries
    assert "window" not in [d.kind for d in story_documents(short[0])]


def test_windows_overlap_and_cover_every_sentence() -> None:
    text = " ".join(f"Sentence number {n} says one thing about the work." for n in range(12))
    pieces = windows(text, size=20)
    assert len(pieces) > 2
    assert all(len(p.split()) <= 20 for p in pieces)
    assert "Sentence number 0" in pieces[0] and "Sentence number 11" in pieces[-1]
    for first, second in itertools.pairwise(pieces):
        assert first.split(".")[-2].strip() in second  # each window shares a sentence with the next


KINDS = """# Prep

### Conflict with a coworker
A coworker wanted to rewrite our payments deploy tooling from scratch.
I argued for fixing it instead, and we agreed after I showed him the logs.

### A time you failed
My change to the payments cache took checkout down for an hour on a Friday.
I rolled it back, wrote the review and added a load test for the cache.

### Helping a new hire
A new hire was stuck on the warehouse robots for a week. I paired with her every morning.

### Biggest impact
I moved the nightly reports to a queue and the reports arrived two hours earlier.
"""


def test_a_failure_question_gets_the_story_filed_as_a_failure(tmp_path: Path, monkeypatch) -> None:
    retriever = _retriever(tmp_path, KINDS)
    question = "Tell me about a payments deploy outage caused by your own cache code."
    ranked = [m.story.title for m in retriever.search(question, k=2).matches]
    assert ranked[0] == "A time you failed", ranked
    # A question that asks for no kind of event keeps the plain order.
    plain = retriever.search("Tell me about payments deploy cache code.", k=2).matches
    assert plain[0].story.title == "Conflict with a coworker"
    # Without the rule the conflict entry, which shares more of the question's words, is first.
    monkeypatch.setattr(Retriever, "_kind_first", lambda self, q, order, fused: order)
    unruled = [m.story.title for m in retriever.search(question, k=2).matches]
    assert unruled[0] == "Conflict with a coworker", unruled


FILED = """# Prep

## Deliver results
### Scanner outage
The handheld scanners froze every morning. I swapped the firmware and the freezes stopped.

## Dive deep
### Scanner freeze
At the start of each shift the handheld scanners froze; I read the logs and found a leak.
"""


def test_a_story_filed_under_the_probed_principle_moves_up(tmp_path: Path) -> None:
    import numpy as np

    from coach.core.ids import PRINCIPLE_IDS

    retriever = _retriever(tmp_path, FILED)
    question = "Tell me about the handheld scanners that froze"
    plain = [m.story.title for m in retriever.search(question, k=2).matches]
    probed = np.full(len(PRINCIPLE_IDS), 0.01)
    probed[PRINCIPLE_IDS.index("dive-deep")] = 1.0
    retriever.detector.votes = lambda vector: probed / probed.sum()
    found = retriever.search(question, k=2).matches
    assert found[0].story.title == "Scanner freeze", (plain, [m.story.title for m in found])
    assert "you filed it under Dive Deep" in found[0].why()
    probed[:] = 0.01
    probed[PRINCIPLE_IDS.index("deliver-results")] = 1.0
    assert retriever.search(question, k=2).matches[0].story.title == "Scanner outage"


def test_one_shared_word_weighs_less_than_a_closer_meaning() -> None:
    owners = {"close", "word"}
    dense = {"close": 0.46, "word": 0.36}  # "close" means what was asked
    lexical = {"close": 0.0, "word": 1.0}  # "word" only shares the word "nobody"
    one_word = fuse(dense, lexical, "fused", owners, trust=0.5)
    assert one_word["close"] > one_word["word"]
    two_words = fuse(dense, lexical, "fused", owners, trust=1.0)
    assert two_words["word"] >= two_words["close"]  # full trust: the lexical hit counts fully


FRAGMENTS_FIRST = """# Prep

## Dive deep
### Conveyor jams
Conveyor jams. belt sensor. wet boxes.

### Scanner faults
Our scanners kept failing on the conveyor line. I logged every scanner fault for a week, found
the charger dock was failing, and replaced it. Faults fell from nine a day to one.
"""


def test_a_best_entry_of_fragments_only_hands_the_draft_to_the_next_story(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path, FRAGMENTS_FIRST)
    question = "Tell me about conveyor jams and faults on the line"
    assert retriever.search(question, k=2).matches[0].story.title == "Conveyor jams"
    result = ask(retriever, question, 2, DraftOptions(model=None))
    assert [s.title for s in result.stories] == ["Scanner faults", "Conveyor jams"]
    assert "I logged every scanner fault" in result.draft.text
    assert any("'Conveyor jams', is notes to expand" in n for n in result.draft.notes)
    listed = ask(retriever, question, 2)  # no draft asked for: the ranking is the retriever's
    assert listed.stories[0].title == "Conveyor jams"


def test_a_long_list_of_sample_questions_widens_an_entry_less(tmp_path: Path) -> None:
    """An entry under a list of five section questions matches one of them word for word, yet
    each question beyond two costs its question view a little, so the specific entry whose own
    question is close wins; with the same list of one question it would not."""
    listed = (
        "## Ownership\n\n**Sample Questions**:\n\n"
        "- Tell me about fixing conveyor jams on a night shift\n"
        "- Tell me about a time you went above your job\n"
        "- Tell me about a decision without your boss\n"
        "- Tell me about a time you helped another team\n"
        "- Tell me about making the site better\n\n"
        "I covered the night shift and restarted the sorter after the power cut.\n\n"
        "## Dive deep\n### Tell me about fixing conveyor jams\n"
        "Quillbox conveyor jams. I logged every jam for a week and found the sensor misread.\n"
    )
    retriever = _retriever(tmp_path, listed)
    sample = next(s for s in retriever.stories.values() if len(s.questions) == 5)
    hit = Hit(doc_id="q", owner=sample.id, kind="question", similarity=0.8)
    assert retriever._listed_question(hit).similarity == pytest.approx(0.65)  # three beyond two
    plain = replace(
        hit,
        kind="question",
        owner=next(s.id for s in retriever.stories.values() if len(s.questions) == 1),
    )
    assert retriever._listed_question(plain).similarity == 0.8
    found = retriever.search("Tell me about fixing conveyor jams on a night shift", k=2).matches
    assert found[0].story.title.startswith("Tell me about fixing conveyor jams"), [
        m.story.title for m in found
    ]
