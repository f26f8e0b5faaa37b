"""Suggestions from the notes name facts the answer leaves out, never one it already tells."""

from coach.core.schema import Sections, Story
from coach.critique.grounding import left_out_facts

STORY = Story(
    id="capper",
    title="Capper faults",
    sections=Sections(
        situation="The capper kept faulting roughly every 40 minutes after the retrofit.",
        action="I logged torque and position at 1 ms for a full shift and found the fault came "
        "right after a bottle jam cleared - the restart ramp was too steep.",
        result="Faults went from about 12 a shift to 0-1.",
    ),
)
RETOLD = (
    "I recorded torque and position for one whole shift and saw the fault always came right "
    "after a jam was cleared, because the restart ramp was too steep."
)


def test_a_fact_the_answer_retells_in_its_own_words_is_not_suggested() -> None:
    left = left_out_facts(RETOLD, STORY)
    assert not any("torque" in fact for fact in left)
    assert any(fact.startswith("Faults went from") for fact in left)  # its figures are not said


def test_a_fact_the_answer_never_tells_is_suggested() -> None:
    left = left_out_facts("I fixed the capper.", STORY)
    assert any("torque" in fact for fact in left)
