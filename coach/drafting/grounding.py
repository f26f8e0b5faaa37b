"""Check a sentence against the story it claims to tell. Model text is untrusted until it passes.

A sentence passes only when every figure in it occurs in the story, every name or technical term
occurs in the story (or the question), it keeps the candidate speaking in the first person, any
projected figure is still called a projection, it is close to some story sentence, and it keeps
that sentence's meaning: polarity, direction, actor and modality (``text.meaning``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.core.ids import SECTION_NAMES
from coach.core.schema import Story
from coach.text.claims import ClaimsChecker
from coach.text.meaning import meaning_changes
from coach.text.sentences import special_terms, split_sentences, vocabulary
from coach.text.terms import terms

Embed = Callable[[list[str]], np.ndarray]
MIN_SIMILARITY = 0.62  # cosine to the closest story sentence
MIN_SUPPORT = 0.75  # share of the sentence's content words that occur in the notes
MIN_LOCAL_SUPPORT = 0.7  # ... and in the one or two notes sentences it rewrites
_NOT_FIRST_PERSON = re.compile(
    r"\b(the candidate|the interviewee|the author|the user|this person)\b|(?<![-\w])(you|your)\b",
    re.IGNORECASE,
)
# Words that may appear capitalised in any spoken answer without being a claim.
_HARMLESS = set(
    "so first then finally after as at in on when that this what my we our it the a an but and "
    "because".split()
)


@dataclass(frozen=True)
class Verdict:
    """Whether a sentence passed, why not, and the story sentence closest to it."""

    ok: bool
    reasons: tuple[str, ...]
    closest: str
    similarity: float


class GroundingChecker:
    """Holds one story's facts and checks sentences against them."""

    def __init__(
        self,
        story: Story,
        question: str,
        embed: Embed,
        extra: Sequence[str] = (),
        projected: Sequence[str] = (),
    ) -> None:
        """``extra``: more of the candidate's own words the draft may tell (speakable versions
        of the story's sentences, the facts of its project's other entries); ``projected``:
        their figures that are projections."""
        self.story = story
        self.embed = embed
        source = " ".join([f"{story.title}. {story.text()}", *extra])
        parts = [getattr(story.sections, p) for p in SECTION_NAMES] + [story.body, *extra]
        sentences = [s for part in parts for s in split_sentences(part)] or [story.title]
        self.sentences = list(dict.fromkeys(sentences))
        self.vectors = embed(self.sentences)
        self.vector_of = dict(zip(self.sentences, self.vectors, strict=True))
        projections = [m.value for m in story.metrics if not m.measured] + list(projected)
        self.claims = ClaimsChecker(source, projections)
        self.vocab = vocabulary(source) | vocabulary(question)
        self.terms = set(terms(source)) | set(terms(question))

    def support(self, sentence: str) -> float:
        """Share of the sentence's content words that occur in the story or the question."""
        words = terms(sentence)
        return sum(w in self.terms for w in words) / len(words) if words else 1.0

    def local_support(self, sentence: str, sims: np.ndarray) -> float:
        """Share of the sentence's content words found in the notes sentence closest to it and
        the better matching of its neighbours: a rewrite of one or two sentences told together,
        not a new link between facts the notes tell apart."""
        words = terms(sentence)
        if not words:
            return 1.0
        best = int(np.argmax(sims))
        neighbours = [i for i in (best - 1, best + 1) if 0 <= i < len(self.sentences)]
        chosen = [best, *sorted(neighbours, key=lambda i: -sims[i])[:1]]
        local = {t for i in chosen for t in terms(self.sentences[i])}
        return sum(w in local for w in words) / len(words)

    def check(self, sentence: str) -> Verdict:
        """Judge one sentence."""
        return self.check_many([sentence])[0][0]

    def check_many(self, sentences: list[str]) -> list[tuple[Verdict, np.ndarray]]:
        """Judge several sentences with one embedding call; each verdict with its vector."""
        if not sentences:
            return []
        vectors = self.embed(sentences)
        return [(self._judge(s, v), v) for s, v in zip(sentences, vectors, strict=True)]

    def _judge(self, sentence: str, vector: np.ndarray) -> Verdict:
        reasons = []
        invented = self.claims.invented(sentence)
        if invented:
            reasons.append("figures not in your notes: " + ", ".join(invented))
        unknown = sorted(t for t in special_terms(sentence) - self.vocab if t not in _HARMLESS)
        if unknown:
            reasons.append("names or terms not in your notes: " + ", ".join(unknown))
        if _NOT_FIRST_PERSON.search(sentence):
            reasons.append("not in your own voice (first person)")
        if self.claims.projection_as_result(sentence):
            reasons.append("states a projected figure as a result")
        support = self.support(sentence)
        if support < MIN_SUPPORT:
            reasons.append(f"uses words your notes do not ({support:.0%} supported)")
        sims = self.vectors @ vector
        best = int(np.argmax(sims))
        similarity = float(sims[best])
        local = self.local_support(sentence, sims)
        if support >= MIN_SUPPORT and local < MIN_LOCAL_SUPPORT:
            reasons.append(f"joins facts from different parts of your notes ({local:.0%} from "
                           "the sentences it rewrites)")  # fmt: skip
        if similarity < MIN_SIMILARITY:
            reasons.append(f"not close enough to anything in your notes ({similarity:.2f})")
        else:
            reasons += meaning_changes(self.sentences[best], sentence)
        return Verdict(not reasons, tuple(reasons), self.sentences[best], similarity)

    def audit(self, text: str, allowed: str = "") -> list[str]:
        """Problems in a whole assembled draft, template lines included: figures, names or terms
        the notes do not hold, a voice that is not the candidate's, projections told as results.
        ``allowed`` is wording the coach adds itself (the principle's name). Empty: grounded."""
        problems = []
        invented = self.claims.invented(text)
        if invented:
            problems.append("figures not in your notes: " + ", ".join(invented))
        vocab = self.vocab | vocabulary(allowed)
        unknown = sorted(
            {t for s in split_sentences(text) for t in special_terms(s)} - vocab - _HARMLESS
        )
        if unknown:
            problems.append("names or terms not in your notes: " + ", ".join(unknown))
        if _NOT_FIRST_PERSON.search(text):
            problems.append("not in your own voice (first person)")
        if any(self.claims.projection_as_result(s) for s in split_sentences(text)):
            problems.append("states a projected figure as a result")
        return problems
