"""The story bank, rubric and question bank: content checks and every validation error."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from coach.core.errors import KnowledgeError
from coach.core.ids import PRINCIPLE_IDS
from coach.knowledge.bank import (
    load_dev_questions,
    load_knowledge,
    load_questions,
    load_story_file,
)
from coach.text.repair import repair_text
from tests.conftest import DATA, REPO, SEEDS

KB = load_knowledge()
STORIES = {s.id: s for s in KB.stories}
# First names and nicknames of real people that appear in the seed notes; none may reach the bank.
REAL_NAMES = [
    "Martin", "Ginger", "Bruce", "Hal", "Mehdi", "Chuong", "Dong", "Xin", "Jie", "Mark",
    "Zuckerberg", "Zakerburg", "MZ", "Daniel", "Blaze", "Rhea", "Tyler", "Mehul", "El",
]  # fmt: skip


def test_bank_size_and_coverage() -> None:
    assert len(KB.stories) >= 40
    primaries = Counter(s.primary_principle for s in KB.stories)
    assert set(primaries) == set(PRINCIPLE_IDS), "every principle is some story's main principle"
    tryon = [s for s in KB.stories if s.id.startswith("tryon-")]
    assert len(tryon) >= 9


def test_every_seed_thread_maps_to_existing_stories() -> None:
    threads = yaml.safe_load((DATA / "threads.yaml").read_text())
    assert sorted(threads["threads"]) == list(range(1, 34))
    mapped = {sid for ids in threads["threads"].values() for sid in ids} | set(threads["extras"])
    assert mapped <= set(STORIES), mapped - set(STORIES)
    assert mapped == set(STORIES), f"stories missing from the thread map: {set(STORIES) - mapped}"


def test_bank_uses_roles_not_real_names() -> None:
    for story in KB.stories:
        text = Path(story.source).read_text(encoding="utf-8")
        for name in REAL_NAMES:
            assert not re.search(rf"\b{name}\b", text), f"{story.id} mentions {name}"


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def test_bank_stories_are_told_in_the_first_person() -> None:
    for story in KB.stories:
        if "hypothetical" in story.tags:
            continue
        text = story.text()
        assert re.search(r"\b(I|we|my|our)\b", text, re.IGNORECASE), story.id
        assert not re.search(r"(?<![-\w])(you|your)\b", text, re.IGNORECASE), story.id


def test_bank_contains_no_number_absent_from_the_notes() -> None:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not present in this checkout")
    notes = "\n".join(repair_text(p.read_text(encoding="utf-8")) for p in SEEDS.glob("0*.txt"))
    known = _numbers(notes)
    for story in KB.stories:
        text = Path(story.source).read_text(encoding="utf-8")
        invented = _numbers(text) - known
        assert not invented, f"{story.id} states numbers not in the notes: {invented}"


def test_projected_figures_are_marked_and_said_to_be_projections() -> None:
    projected = [(s, m) for s in KB.stories for m in s.metrics if not m.measured]
    assert {s.id for s, _ in projected} >= {
        "rag-slack-bot-prototype",
        "tryon-impact-and-foundation-reuse",
    }
    for story, _ in projected:
        assert "projected" in story.sections.result or "projection" in story.sections.result


def test_thin_stories_are_flagged() -> None:
    assert STORIES["y-channel-face-detection"].thin
    assert not STORIES["mediating-team-conflict-under-deadline"].thin


def test_conflict_and_failure_stories_carry_a_lesson() -> None:
    for sid in ["mediating-team-conflict-under-deadline", "gesture-demo-model-failure",
                "over-engineering-criticism", "research-paper-topic-disagreement"]:  # fmt: skip
        assert STORIES[sid].sections.lesson


def test_principles_rubric_is_complete() -> None:
    assert [p.id for p in KB.principles] == list(PRINCIPLE_IDS)
    for principle in KB.principles:
        assert len(principle.sample_questions) >= 5
        assert principle.listen_for and principle.red_flags
    frameworks = {f.id: f for f in KB.frameworks}
    assert set(frameworks) == {"STAR", "SPSIL"}
    assert [p.section for p in frameworks["SPSIL"].parts] == [
        "situation",
        "task",
        "action",
        "result",
        "lesson",
    ]
    assert "conflict" in frameworks["SPSIL"].when_to_use.lower()


def test_question_bank_size_and_balance() -> None:
    assert len(KB.questions) >= 200
    per_principle = Counter(p for q in KB.questions for p in q.principles)
    assert min(per_principle[p] for p in PRINCIPLE_IDS) >= 8
    texts = [q.text.lower() for q in KB.questions]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("name", ["dev_questions.yaml", "test_questions.yaml"])
def test_eval_sets_are_held_out_and_point_at_real_stories(name: str) -> None:
    dev = load_dev_questions(DATA / name)
    assert len(dev) >= 40
    seen = [q for s in KB.stories for q in s.questions] + [q.text for q in KB.questions]
    if SEEDS.exists():
        notes = repair_text((SEEDS / "000_8cfa992463ddd1e4.txt").read_text(encoding="utf-8"))
        seen += re.findall(r"#### (.+)", notes)
    for item in dev:
        assert set(item.stories) <= set(STORIES), item.stories
        closest = max(fuzz.ratio(item.text.lower(), s.lower()) for s in seen)
        assert closest < 75, f"dev question too close to a known question: {item.text}"


@pytest.mark.parametrize("name", ["principle_dev.yaml", "principle_test.yaml"])
def test_principle_sets_are_not_answered_by_a_near_copy_in_the_bank(name: str) -> None:
    questions = load_questions(DATA / "principle_eval" / name)
    assert len(questions) >= 90
    assert {q.principles[0] for q in questions} == set(PRINCIPLE_IDS)
    known = [q.text for q in KB.questions] + [t for p in KB.principles for t in p.sample_questions]
    for item in questions:
        closest = max(fuzz.ratio(item.text.lower(), k.lower()) for k in known)
        assert closest < 85, f"principle set question too close to a bank question: {item.text}"


# ---- validation errors: one sentence naming the file and the field ----

GOOD = (REPO / "knowledge" / "stories" / "snapshot-copy-boxes.md").read_text()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / "stories" / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def _expect(path: Path, field: str, words: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_story_file(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and f"'{field}'" in message and words in message
    assert "\n" not in message


def test_malformed_front_matter(knowledge_copy: Path) -> None:
    path = _write(
        knowledge_copy, "snapshot-copy-boxes", GOOD.replace("title: ", "title: broken: ", 1)
    )
    _expect(path, "front matter", "not valid YAML")


def test_missing_front_matter(knowledge_copy: Path) -> None:
    path = _write(knowledge_copy, "snapshot-copy-boxes", GOOD.split("---", 2)[2])
    _expect(path, "front matter", "missing")


def test_unknown_principle_id(knowledge_copy: Path) -> None:
    bad = GOOD.replace(
        "secondary_principles: [deliver-results", "secondary_principles: [deliver-result"
    )
    path = _write(knowledge_copy, "snapshot-copy-boxes", bad)
    _expect(path, "secondary_principles", "unknown principle id 'deliver-result'")


def test_unknown_primary_principle(knowledge_copy: Path) -> None:
    bad = GOOD.replace("primary_principle: invent-and-simplify", "primary_principle: simplify")
    path = _write(knowledge_copy, "snapshot-copy-boxes", bad)
    _expect(path, "primary_principle", "unknown principle id 'simplify'")


def test_empty_required_section(knowledge_copy: Path) -> None:
    bad = GOOD.replace("That solved the inconsistency and let us deliver.", "")
    path = _write(knowledge_copy, "snapshot-copy-boxes", bad)
    _expect(path, "sections.result", "empty or missing")


def test_unknown_section_heading(knowledge_copy: Path) -> None:
    path = _write(knowledge_copy, "snapshot-copy-boxes", GOOD.replace("## Task", "## Plan"))
    _expect(path, "sections.plan", "is not one of")


def test_unknown_field(knowledge_copy: Path) -> None:
    path = _write(
        knowledge_copy, "snapshot-copy-boxes", GOOD.replace("tags:", "colour: red\ntags:", 1)
    )
    _expect(path, "colour", "not a known field")


def test_id_must_match_file_name(knowledge_copy: Path) -> None:
    path = _write(knowledge_copy, "renamed-story", GOOD)
    _expect(path, "id", "does not match the file name")


def test_duplicate_story_id(knowledge_copy: Path) -> None:
    # Two files whose front matter claims the same id: the id/file-name rule fires on the copy, and
    # with that rule satisfied the duplicate rule must still catch a clash across files.
    folder = knowledge_copy / "stories"
    copy = GOOD.replace("id: snapshot-copy-boxes", "id: snapshot-copy-boxes-2")
    (folder / "snapshot-copy-boxes-2.md").write_text(copy)
    assert len(load_knowledge(knowledge_copy).stories) == len(KB.stories) + 1
    (folder / "snapshot-copy-boxes-2.md").write_text(GOOD)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge_copy)
    assert "'id'" in str(caught.value)


def test_yaml_alias_bomb_is_refused(knowledge_copy: Path) -> None:
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    path = _write(knowledge_copy, "snapshot-copy-boxes", f"---\n{bomb}---\n## Situation\nx\n")
    _expect(path, "front matter", "aliases are not allowed")


def test_python_tags_are_refused(knowledge_copy: Path) -> None:
    evil = "id: !!python/object/apply:os.system ['echo hacked']\n"
    path = _write(knowledge_copy, "snapshot-copy-boxes", f"---\n{evil}---\n## Situation\nx\n")
    _expect(path, "front matter", "not valid YAML")


def test_principles_file_missing_a_principle(knowledge_copy: Path) -> None:
    path = knowledge_copy / "principles.yaml"
    text = path.read_text().replace("id: frugality", "id: customer-obsession")
    path.write_text(text)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge_copy)
    assert str(caught.value).startswith(str(path)) and "'principles'" in str(caught.value)


def test_question_with_unknown_principle(knowledge_copy: Path) -> None:
    path = knowledge_copy / "questions.yaml"
    path.write_text("questions:\n  - {text: 'Tell me about a time.', principles: [teamwork]}\n")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge_copy)
    assert "'questions.0.principles'" in str(caught.value) and "teamwork" in str(caught.value)
