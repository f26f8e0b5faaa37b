"""The draft pipeline with scripted models: faithful text survives, inventions are removed."""

import re

import pytest

from coach.core.schema import Sections, Story
from coach.drafting.draft import DraftWriter
from coach.drafting.planning import plan_draft
from coach.knowledge.bank import load_knowledge
from coach.text.question_kind import needs_lesson
from coach.text.sentences import numbers
from tests.fakes import ScriptedModel, ToyEmbedder

KB = load_knowledge()
STORY = KB.story("snapshot-exposure-ship-without-approval")
QUESTION = "Tell me about a decision you made without your manager"
INVENTED_NUMBER = "That decision saved the team 37 days of work."
INVENTED_COMPANY = "I later presented the fix to Google."


def _write(model, story=STORY, question=QUESTION, minutes=2.0, emit=None):
    return DraftWriter(model, ToyEmbedder().encode, emit).write(
        question, story, "Ownership", minutes
    )


class Rephrasing(ScriptedModel):
    """Says each notes sentence with a few words of its own around it."""

    def stream(self, system, user, max_tokens):
        for chunk in super().stream(system, user, max_tokens):
            text = chunk.strip()
            head = text if text.startswith("I ") else text[:1].lower() + text[1:]
            yield f"Looking back at that time, {head} " if text else chunk


def test_faithful_model_wording_is_kept_and_said_to_be_the_models() -> None:
    draft = _write(Rephrasing())
    assert draft.unsupported == [] and draft.removed == []
    assert draft.grounded
    assert {s.source for s in draft.sentences} == {"model", "template"}
    for part in ("situation", "task", "action", "result"):
        assert draft.sections[part]
    assert draft.model == "scripted-model"


def test_a_sentence_in_the_notes_own_words_is_shown_as_such() -> None:
    draft = _write(ScriptedModel())  # repeats the notes word for word
    assert {s.source for s in draft.sentences} == {"notes", "template"}


class Sloppy(ScriptedModel):
    """Repeats the notes but drops hyphens and commas, as small models do."""

    def stream(self, system, user, max_tokens):
        for chunk in super().stream(system, user, max_tokens):
            yield chunk.replace("-", " ").replace(",", "")


def test_a_near_copy_of_the_notes_is_shown_in_the_notes_exact_words() -> None:
    story = STORY.model_copy(
        update={"sections": Sections(
            situation="Our start-of-shift checks missed a cracked mirror, and a forklift "
            "nearly hit a picker.",
            task="I was shift lead, so night safety was mine.",
            action="I stopped the aisle, walked it with both drivers, and tagged the truck out.",
            result="We had no near misses on nights for the next seven months.",
        )}
    )  # fmt: skip
    draft = _write(Sloppy(), story=story)
    told = {s.text for s in draft.sentences if s.source == "notes"}
    assert any("start-of-shift checks missed a cracked mirror, and" in s for s in told), told
    assert any("I stopped the aisle, walked it with both drivers, and" in s for s in told), told


def test_the_check_removes_exactly_the_inventions() -> None:
    model = ScriptedModel({"action": [INVENTED_NUMBER], "result": [INVENTED_COMPANY]})
    faithful = _write(ScriptedModel())
    draft = _write(model)
    assert draft.unsupported == [INVENTED_NUMBER, INVENTED_COMPANY]
    assert INVENTED_NUMBER not in draft.text and INVENTED_COMPANY not in draft.text
    assert draft.text == faithful.text
    assert numbers(draft.text) <= numbers(STORY.text() + STORY.title)


def test_draft_is_first_person_and_within_budget_for_a_long_story() -> None:
    story = KB.story("mediating-team-conflict-under-deadline")
    draft = _write(ScriptedModel(), story=story, minutes=1.0)
    assert draft.budget_words == 140
    assert abs(draft.words - 140) <= 0.25 * 140, draft.words
    assert re.search(r"\bI\b", draft.text)
    assert not re.search(r"\b(you|your)\b", draft.text, re.IGNORECASE)


def test_dropped_facts_come_back_in_the_notes_words() -> None:
    class Forgetful(ScriptedModel):
        def stream(self, system, user, max_tokens):
            self.prompts.append(user)
            yield "I handled it well."

    draft = _write(Forgetful())
    assert "two weeks" in draft.text and "shipped the DSP version" in draft.text
    assert all(
        s.source in {"notes", "template"} for s in draft.sentences if "handled" not in s.text
    )


def test_without_a_model_the_draft_is_extractive() -> None:
    draft = _write(None)
    assert draft.model == "none" and draft.unsupported == []
    assert draft.sentences[0].source == "template" and draft.sentences[1].source == "notes"
    assert STORY.sections.action in draft.text


def test_streaming_emits_every_sentence_in_order() -> None:
    seen = []
    draft = _write(ScriptedModel(), emit=seen.append)
    assert [s.text for s in seen] == [s.text for s in draft.sentences]


def test_conflict_questions_end_with_the_lesson() -> None:
    story = KB.story("mediating-team-conflict-under-deadline")
    assert needs_lesson("Tell me about a conflict with your manager")
    draft = _write(
        ScriptedModel(), story=story, question="Tell me about a conflict with your manager"
    )
    parts = [s.part for s in draft.sentences if s.source != "template"]
    assert parts[-1] == "lesson"


def test_missing_lesson_is_pointed_out_not_invented() -> None:
    story = Story(
        id="no-lesson", title="A disagreement", primary_principle="have-backbone",
        sections=Sections(
            situation="We disagreed on the cache size.", task="I had to decide.",
            action="I ran a benchmark and shared it.", result="We kept the small cache.",
        ),
    )  # fmt: skip
    plan = plan_draft(story, "Tell me about a disagreement", 2, 140, ToyEmbedder().encode)
    assert any("lesson" in note for note in plan.notes)
    assert "lesson" not in plan.parts


def test_short_notes_are_not_padded() -> None:
    draft = _write(ScriptedModel(), story=KB.story("y-channel-face-detection"))
    assert draft.words < 0.75 * draft.budget_words
    assert any("will not pad" in note for note in draft.notes)
    assert draft.unsupported == []


@pytest.mark.parametrize("minutes", [0.5, 1.0, 2.0])
def test_every_draft_keeps_the_four_star_parts(minutes: float) -> None:
    for story in KB.stories[:12]:
        draft = _write(ScriptedModel(), story=story, minutes=minutes)
        assert all(draft.sections[p] for p in ("situation", "task", "action", "result")), story.id


def test_plain_completion_models_get_the_fact_free_opening() -> None:
    class PlainModel(ScriptedModel):
        format = "plain"

        def stream(self, system, user, max_tokens):
            self.prompts.append(user)
            yield user.rsplit("Notes: ", 1)[1].split("\nSpoken:")[0]

    draft = _write(PlainModel())
    first = draft.sentences[0]
    assert first.source == "template"
    assert STORY.title.lower()[:20] not in first.text.lower()  # never the title read out
    assert not numbers(first.text)
    assert draft.unsupported == [] and draft.grounded


def test_grounded_is_false_when_the_assembled_draft_holds_an_invention(monkeypatch) -> None:
    """The whole-draft audit is a second line of defence: it checks the template lines too."""
    from coach.drafting import draft as draft_module

    assert _write(ScriptedModel()).grounded
    monkeypatch.setattr(draft_module, "closing_sentence",
                        lambda *args: "That saved us 37 days at Google.")  # fmt: skip
    leaked = _write(ScriptedModel())
    assert not leaked.grounded
    assert any("37" in note and "google" in note for note in leaked.notes), leaked.notes


def test_a_draft_past_its_time_limit_goes_on_from_the_notes(monkeypatch) -> None:
    """A busy machine slows the model to a crawl without a hang: once the draft's time (the
    llm_timeout setting) is spent, the model is stopped mid-part and the notes take over."""
    import coach.drafting.draft as draft_module

    clock = [0.0]
    monkeypatch.setattr(draft_module.time, "monotonic", lambda: clock[0])
    closed: list[bool] = []

    class Crawling(ScriptedModel):
        def stream(self, system, user, max_tokens):
            try:
                yield "I "
                clock[0] += 100.0  # the next token comes long after the limit
                yield "looked at the logs. "
                yield "Then I fixed it. "
            finally:
                closed.append(True)

    model = Crawling()
    draft = DraftWriter(model, ToyEmbedder().encode, time_limit=30.0).write(
        QUESTION, STORY, "Ownership", 2.0
    )
    assert closed == [True]  # one request, stopped, never asked again
    assert "Then I fixed it" not in draft.text
    assert STORY.sections.action in draft.text  # the notes' own words carry on
    assert any("llm_timeout" in note for note in draft.notes)


def test_a_rewording_that_drops_a_clause_gives_way_to_the_notes_words() -> None:
    story = Story(
        id="fat-test",
        title="Kept the acceptance test",
        primary_principle="have-backbone",
        sections=Sections(
            situation="My manager wanted to skip the acceptance test for phase three.",
            action="I showed him the faults the test caught in phase two. We kept a shortened "
            "two day test, and it caught a wrongly wired emergency stop.",
        ),
        source="notes.md:4-6",
    )

    class Trimming(ScriptedModel):
        """Says each notes sentence only up to its first comma: the clause after it is lost."""

        def stream(self, system, user, max_tokens):
            for chunk in super().stream(system, user, max_tokens):
                yield chunk.split(",")[0].rstrip(".") + ". "

    draft = _write(Trimming(), story=story, question="Tell me about a time you disagreed.")
    assert "wrongly wired emergency stop" in draft.text
    kept = [s for s in draft.sentences if "shortened" in s.text]
    assert len(kept) == 1 and kept[0].source == "notes"
    assert all(s.where == "notes.md:4-6" for s in draft.sentences if s.source != "template")


def test_a_lesson_the_notes_hold_as_a_fragment_is_named_not_denied() -> None:
    from coach.drafting.speaking import prepare
    from coach.text.spoken import Glossary

    story = Story(
        id="fragment-lesson", title="The wrong order", primary_principle="ownership",
        sections=Sections(
            situation="I ordered the summer stock on last year's numbers and we ran out.",
            action="I called the supplier and asked for a second delivery.",
            result="The shelves were full again within three days.",
            lesson="sanity check inputs not just the model",
        ),
    )  # fmt: skip
    question = "Tell me about a time you made a mistake"
    embed = ToyEmbedder().encode
    material = prepare(story, question, Glossary.of(story.text()), 280, embed)
    plan = plan_draft(story, question, 2, 140, embed, material)
    note = next(n for n in plan.notes if "lesson" in n)
    assert "'sanity check inputs not just the model'" in note and "hold none" not in note
