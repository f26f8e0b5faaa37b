"""A rewrite must keep the notes sentence's polarity, direction, actor and modality."""

import pytest

from coach.text.meaning import meaning_changes


@pytest.mark.parametrize(
    ("notes", "rewrite", "reason"),
    [
        ("There was no room for reinventing the pipeline.",
         "There was room for reinventing the pipeline.", "drops a negation"),
        ("The first version worked on the device.",
         "The first version never worked on the device.", "adds a negation"),
        ("Complaints fell by half after the change.",
         "Complaints rose by half after the change.", "changes the direction"),
        ("The wait went from 20 minutes to 4 minutes.",
         "The wait went from 4 minutes to 20 minutes.", "reverses the 'from ... to ...'"),
        ("I planned a backup.", "A backup was in place.", "changes who acted"),
        ("We built two versions of the detector.",
         "I built two versions of the detector.", "claims for you"),
        ("The bot would save 240 hours a month.",
         "The bot saved 240 hours a month.", "states a projection as a measured result"),
        ("The bot saved 240 hours a month.",
         "The bot is expected to save 240 hours a month.", "turns a measured result"),
        ("The night crew did not like our handover notes, they said our labels were too small.",
         "The night crew did not like our labels were too small.", "cuts the middle out"),
    ],
)  # fmt: skip
def test_each_change_of_meaning_is_named(notes: str, rewrite: str, reason: str) -> None:
    reasons = meaning_changes(notes, rewrite)
    assert any(r.startswith(reason) for r in reasons), reasons


@pytest.mark.parametrize(
    ("notes", "rewrite"),
    [
        ("We could not enable face detection on the CPU.",
         "We were not able to enable face detection on the CPU."),
        ("I trained the network and passed it to the firmware team.",
         "I trained the network and handed it to the firmware team."),
        ("Setup time dropped from about twenty minutes to five.",
         "Setup time dropped from twenty minutes to five minutes."),
        ("Without a device, I simulated the input data.",
         "I had no device, so I simulated the input data."),
        ("The old scanner, which was slow, failed on Monday.",
         "The old scanner failed on Monday."),
        ("I quickly and carefully rebuilt the schedule.", "I rebuilt the schedule."),
    ],
)  # fmt: skip
def test_faithful_rewrites_pass(notes: str, rewrite: str) -> None:
    assert meaning_changes(notes, rewrite) == []


def test_putting_the_candidate_into_a_sentence_about_nobody_changes_the_meaning() -> None:
    from coach.text.meaning import meaning_changes

    reasons = meaning_changes("Everyone blamed the new servo drive.",
                              "I was blamed for the new servo drive.")  # fmt: skip
    assert reasons == ["puts you into a sentence where the notes name nobody"]
    assert meaning_changes("The capper kept faulting.", "The capper kept on faulting.") == []
