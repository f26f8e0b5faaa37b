"""The fixed vocabularies of the contract: principle ids, STAR section names, rubric dimensions
and flag codes (CONTRACT.md). Change them only together with the contract."""

from __future__ import annotations

PRINCIPLE_IDS: tuple[str, ...] = (
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
)

SECTION_NAMES: tuple[str, ...] = ("situation", "task", "action", "result", "lesson")
REQUIRED_SECTIONS: tuple[str, ...] = ("situation", "task", "action", "result")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def check_principle_id(value: str) -> str:
    """Return the id unchanged if it is one of the sixteen contract ids, else raise ValueError."""
    if value not in PRINCIPLE_IDS:
        raise ValueError(f"has unknown principle id '{value}'")
    return value


DIMENSION_IDS: tuple[str, ...] = (
    "structure", "ownership", "impact", "principle_fit", "relevance",
    "conciseness", "delivery", "authenticity", "professionalism", "grounding",
)  # fmt: skip
FLAG_CODES: tuple[str, ...] = (
    "missing_situation", "missing_task", "missing_action", "missing_result", "missing_lesson",
    "low_ownership", "no_metrics", "too_long", "too_short", "filler_words", "hypothetical",
    "names_people", "blames_others", "off_topic", "unsupported_claim",
)  # fmt: skip
