from coach.index.documents import IndexDoc
from coach.retrieval.bm25 import LexicalIndex, Thesaurus
from coach.text.terms import stem, terms


def test_stemmer_folds_common_endings() -> None:
    assert [stem(w) for w in ["funniest", "escalated", "deadlines", "stories", "quickly"]] == [
        "funny", "escalat", "deadline", "story", "quick",
    ]  # fmt: skip
    assert stem("deadline") == stem("deadlines") and stem("boxes") == "box"
    assert stem("was") == "was"


def test_terms_drop_interview_filler() -> None:
    assert terms("Tell me about a time you shipped a risky feature") == [
        "shipp",
        "risky",
        "feature",
    ]


def test_thesaurus_expands_words_and_phrases() -> None:
    thesaurus = Thesaurus([["startup", "small company"], ["pto", "vacation"]])
    expanded = thesaurus.expand(terms("ramping up at a small company while on vacation"))
    assert "startup" in expanded and "pto" in expanded


def test_bm25_ranks_the_document_with_the_words() -> None:
    docs = [
        IndexDoc("a", "a", "story", "We collected ten thousand gesture images in three days"),
        IndexDoc("b", "b", "story", "I mediated a conflict between my manager and a teammate"),
    ]
    index = LexicalIndex(docs, Thesaurus([["boss", "manager"]]))
    scores = index.scores("a conflict with my boss")
    assert scores[1] > scores[0] == 0
    assert not index.scores("zzz unknown words").any()


def test_shared_counts_count_distinct_question_terms_per_document() -> None:
    docs = [
        IndexDoc("a", "a", "action", "Nobody noticed the easing was gone."),
        IndexDoc("b", "b", "action", "I audited the app myself; nobody asked for the audit."),
    ]
    index = LexicalIndex(docs)
    counts = [index.shared_count("work nobody asked for, an audit", doc) for doc in (0, 1)]
    assert counts == [1, 3]
