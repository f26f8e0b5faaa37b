from hypothesis import given
from hypothesis import strategies as st

from coach.text.repair import repair_mac_roman, repair_text


def test_known_mojibake_from_the_notes_is_repaired() -> None:
    assert repair_text("2 days‚Üí1 day") == "2 days→1 day"
    assert repair_text("‚ö†Ô∏è CRITICAL") == "⚠️ CRITICAL"
    assert repair_text("\uf8ffüìã VTO") == "📋 VTO"
    assert repair_text("L'Or√©al") == "L'Oréal"
    assert repair_text("‚ùå Bottlenecks") == "❌ Bottlenecks"


def test_genuine_text_is_left_alone() -> None:
    text = "Earth’s best employer — café, naïve, “quoted”, 45°"
    assert repair_text(text) == text


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_mac_roman_round_trip_is_exact(original: str) -> None:
    garbled = original.encode("utf-8").decode("mac_roman")
    assert repair_mac_roman(garbled) == original
