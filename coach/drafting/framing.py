"""The words a draft adds around the candidate's story: an opening and a closing that fit the
question (fact-free, varied, never the story's title read out), and no sentence said twice."""

from __future__ import annotations

import zlib

from coach.core.results import DraftSentence
from coach.text.asks import relevance
from coach.text.question_kind import needs_lesson
from coach.text.sentences import numbers
from coach.text.terms import terms

_OPENERS = {
    "a failure or mistake": ("The failure I would pick is this one.",
                             "Here is a time I got it wrong."),
    "a setback or obstacle": ("Here is a time things did not go to plan.",
                              "A setback comes to mind."),
    "a conflict or disagreement": ("A disagreement that comes to mind is this one.",
                                   "Here is a time I did not agree."),
    "criticism or feedback you received": ("The feedback I would talk about is this.",
                                           "Here is a time my work was criticised."),
    "a customer": ("A customer situation stands out.", "Here is a customer story."),
    "helping someone grow": ("Here is a time I helped someone grow.",),
}
_GENERAL_OPENERS = ("An example comes to mind.", "Here is a time that fits.",
                    "Here is a situation I can speak to.")
_CLOSERS = ("That, for me, is {principle} in practice.", "That is the example I would give for "
            "{principle}.", "That is how I think about {principle}.")  # fmt: skip
_LESSON_CLOSERS = ("That is what I took from it.", "That lesson has stayed with me.")


def _pick(options: tuple[str, ...], key: str) -> str:
    """A stable choice among options, varied from one question to the next."""
    return options[zlib.crc32(key.encode()) % len(options)]


def opening_sentence(question: str) -> str:
    """A fact-free opening that fits what the question asks for; never the story's title."""
    for ask in relevance(question, "").asked:
        if ask in _OPENERS:
            return _pick(_OPENERS[ask], question)
    return _pick(_GENERAL_OPENERS, question)


def closing_sentence(question: str, principle_name: str, has_lesson: bool) -> str:
    """A fact-free closing: the lesson's weight for failure-like answers, else the principle."""
    if has_lesson and needs_lesson(question):
        return _pick(_LESSON_CLOSERS, question)
    return _pick(_CLOSERS, question + principle_name).format(
        principle=principle_name.split(";")[0]
    )


NEAR_DUPLICATE = 0.8  # share of a sentence's content words already said by an earlier one


def without_repeats(sentences: list[DraftSentence]) -> list[DraftSentence]:
    """No sentence that says again what an earlier one said; a fuller one replaces it. The
    coach's fact-free opening and closing lines say nothing of the story, so they repeat nothing
    ("That is what I took from it." after "It took us a month.")."""
    out: list[DraftSentence] = []
    for sentence in sentences:
        if sentence.source == "template":
            out.append(sentence)
            continue
        words = set(terms(sentence.text))
        repeat = None
        for index, earlier in enumerate(out):
            if earlier.source == "template":
                continue
            said = set(terms(earlier.text))
            if words and said and (len(words & said) / len(words) >= NEAR_DUPLICATE
                                   or len(words & said) / len(said) >= NEAR_DUPLICATE):  # fmt: skip
                repeat = index
                break
        if repeat is None:
            out.append(sentence)
        elif len(words) > len(set(terms(out[repeat].text))) and numbers(out[repeat].text) <= (
            numbers(sentence.text)
        ):
            out[repeat] = sentence  # the fuller one, holding every figure of the shorter
    return out
