"""Surface signals of a typed answer, each with its evidence."""

from coach.critique import signals as s


def test_word_count_and_speaking_time() -> None:
    assert s.word_count("I led the A/B test; it rose 60%.") == 9  # "A/B" is said as two words
    assert s.speaking_seconds(140) == 60
    assert s.speaking_seconds(70) == 30


def test_voice_counts_subjects_not_possessives() -> None:
    voice = s.voice("We built it. We shipped it. I wrote the tests for our demos with my team.")
    assert (voice.i_count, voice.we_count) == (1, 2)
    assert voice.i_share == 1 / 3
    assert "We built it." in " ".join(voice.we_examples)
    assert s.voice("The US test went well.").we_count == 0  # "US" is not "us"


def test_fillers_keep_their_order_and_skip_comparisons() -> None:
    text = "So, um, basically I led it, like, really fast, you know. It looked like a win."
    assert s.fillers(text) == ["um", "basically", "like", "you know"]
    assert s.fillers("Particle properties like glitter size.") == []


def test_hypothetical_sentences_ignore_reported_speech() -> None:
    sentences = [
        "I would always commit to the decision.",
        "I told my teammate I would take over some of his work.",
        "In a situation like that I usually escalate.",
        "I shipped it on time.",
    ]
    assert s.hypothetical_sentences(sentences) == [sentences[0], sentences[2]]


def test_blame_sentences_only_without_an_own_share() -> None:
    sentences = [
        "Honestly, it was her fault because she never listened.",
        "The other team's fault was obvious to everyone.",
        "The back end was changed and changed, and delayed and delayed.",
        "The vendor did not follow the contract.",
        "I rolled back the release the same evening.",
    ]
    assert s.blame_sentences(sentences) == sentences[:4]
    owned = [*sentences, "Looking back, I should have checked the contract dates myself."]
    assert s.blame_sentences(owned) == []
    assert s.blame_sentences(["My responsibility was the final check.", sentences[0]]) == [
        sentences[0]
    ]  # naming a duty is not owning a share of the fault


def test_named_people_by_list_and_by_role() -> None:
    found = s.named_people(
        "My manager, Laura, asked Priya and me. Zorblat from the infra team helped."
    )
    joined = " | ".join(found)
    assert "Laura" in joined and "Priya" in joined and "Zorblat from the infra team" in joined
    assert s.named_people("We used SAM and shipped in Japan with MAC and L'Oréal.") == []


def test_claim_figures_and_quantities() -> None:
    assert s.claim_figures("One teammate and I cut it by 40% in three days") == {"40", "3"}
    assert s.has_quantity("Latency halved after the change.")
    assert not s.has_quantity("It went much better afterwards.")


def test_code_names() -> None:
    assert s.code_names("I led Project Falcon end to end.") == ["Project Falcon"]
