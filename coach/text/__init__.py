"""Plain-text helpers that know nothing of stories: sentences, mojibake repair, question text and
kind, content words, and the one claims checker that drafting and critique share.
"""

from coach.core.faces import lazy_face

__all__ = ["ClaimsChecker", "question_kind", "repair_text", "split_sentences", "terms"]
__getattr__ = lazy_face(
    __name__,
    {
        "split_sentences": "coach.text.sentences",
        "repair_text": "coach.text.repair",
        "question_kind": "coach.text.question_kind",
        "terms": "coach.text.terms",
        "ClaimsChecker": "coach.text.claims",
    },
)
