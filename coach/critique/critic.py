"""``coach critique``: score a typed answer against the rubric of the principle being probed.

All scores come from measurements (``coach.findings``) and fixed rules (``coach.rubric``); a
language model may only phrase the coach note and draft the stronger version, both checked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np

from coach.core.errors import CoachError
from coach.core.ids import SECTION_NAMES
from coach.core.results import AnswerSentence, Critique, MatchedStory, PrincipleScore
from coach.core.schema import Story
from coach.critique import signals as signals
from coach.critique.coach_note import write_note
from coach.critique.findings import Findings, RubricHit
from coach.critique.follow_ups import follow_ups
from coach.critique.rubric import dimensions, flags, overall
from coach.critique.star_labeller import StarLabeller
from coach.drafting.ask import DraftOptions, clean_question
from coach.drafting.draft import DraftWriter
from coach.index.collections import CRITIQUE_COLLECTION, RUBRIC_PREFIX
from coach.retrieval.retriever import Retrieval, Retriever
from coach.text.claims import ClaimsChecker
from coach.text.question_kind import question_kind
from coach.text.sentences import split_clauses, split_sentences, visible_text
from coach.text.star_cues import has_cue

# 3.5 min of speech; longer answers are counted whole but analysed from the start only
MAX_ANALYSED_WORDS = 500
MAX_SENTENCES = 80
MATCH_MIN = 0.5  # cosine between answer and story: retold stories 0.7-0.96, unrelated text < 0.3
LEFT_OUT_SHOWN = 3
_DOING = ("task", "action", "result")  # where "I" against "we" shows who did the work
_TAG = re.compile(r"<[^>]{0,200}>")
_BEFORE_AFTER = re.compile(
    r"\bfrom\b[^.;]{0,40}\bto\b|\bwent from\b|\b(down|up) from\b|\bbefore\b[^.]{0,60}\bafter\b",
    re.IGNORECASE,
)


def clean_answer(text: str) -> str:
    """Plain text of a typed or pasted answer: HTML tags and control characters removed."""
    text = visible_text(html.unescape(_TAG.sub(" ", text)))
    if not text:
        raise CoachError("The answer is empty; type or paste the answer you would give.")
    return text


def _head(text: str, words: int) -> str:
    parts = text.split(" ")
    return text if len(parts) <= words else " ".join(parts[:words])


def _in_order(labels: list[str]) -> bool:
    """STAR parts first appear in their natural order."""
    firsts = [labels.index(p) for p in SECTION_NAMES[:4] if p in labels]
    return firsts == sorted(firsts)


def _principle_agreement(question: Retrieval, answer: Retrieval) -> float:
    """Cosine between the principle rankings of the question and of the answer."""
    q = dict(question.principles)
    a = dict(answer.principles)
    keys = sorted(q)
    qv = np.array([q[k] for k in keys])
    av = np.array([a.get(k, 0.0) for k in keys])
    denom = float(np.linalg.norm(qv) * np.linalg.norm(av)) or 1.0
    return float(qv @ av) / denom


@dataclass
class CritiqueOptions:
    """Optional extras: a model to phrase the coach note, and drafting for ``--rewrite``."""

    note_model: object | None = None
    rewrite: DraftOptions | None = None


class Critic:
    """Holds the labeller and the rubric vectors; one per process, shared across critiques."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.kb = retriever.kb
        self.embed = retriever.query_embed
        ids, metas, vectors = retriever.store.all_vectors(CRITIQUE_COLLECTION)
        lines = {p.id: p.listen_for for p in self.kb.principles}
        self.rubric: dict[str, list[tuple[str, np.ndarray]]] = {pid: [] for pid in lines}
        labels, owners, rows = [], [], []
        for index, (doc_id, meta) in enumerate(zip(ids, metas, strict=True)):
            owner = meta["owner"]
            if owner.startswith(RUBRIC_PREFIX):
                pid = owner[len(RUBRIC_PREFIX) :]
                number = int(doc_id.rsplit("::", 1)[1])
                self.rubric[pid].append((lines[pid][number], vectors[index]))
            else:
                labels.append(meta["kind"])
                owners.append(owner)
                rows.append(index)
        story_vectors = vectors[rows] if rows else np.zeros((0, 1), dtype=np.float32)
        self.labeller = StarLabeller(labels, owners, story_vectors, self.embed)

    def critique(
        self, question: str | None, answer: str, options: CritiqueOptions | None = None
    ) -> Critique:
        """Score one answer. ``question`` may be None: the principle then comes from the answer."""
        options = options or CritiqueOptions()
        text = clean_answer(answer)
        warnings: list[str] = []
        asked = None
        if question is not None and question.strip():
            asked, warnings = clean_question(question)
        words = signals.word_count(text)
        analysed = _head(text, MAX_ANALYSED_WORDS)
        if analysed != text:
            warnings.append(
                f"The answer has {words:,} words; only the first {MAX_ANALYSED_WORDS:,} were "
                "analysed."
            )
        sentences = [c for s in split_sentences(analysed) for c in split_clauses(s)]
        sentences = sentences[:MAX_SENTENCES] or [analysed]
        vectors = self.embed(sentences)
        labelled = self.labeller.label_sentences(sentences, vectors)
        star = self.labeller.present(labelled)

        mean = vectors.mean(axis=0)
        answer_vector = mean / (float(np.linalg.norm(mean)) or 1.0)
        answer_search = self.retriever.search(_head(analysed, 300), k=3, vector=answer_vector)
        question_search = self.retriever.search(asked, k=5) if asked else answer_search
        principle_id = question_search.principles[0][0]
        principle = self.kb.principle(principle_id)
        best = answer_search.matches[0] if answer_search.matches else None
        story = best.story if best is not None and best.dense >= MATCH_MIN else None
        kind = question_kind(asked or "")
        findings = Findings(
            question=asked or "",
            kind=kind,
            principle_id=principle_id,
            principle_name=principle.name,
            words=words,
            seconds=signals.speaking_seconds(words),
            sentences=labelled,
            star=star,
            in_order=_in_order([s.label for s in labelled]),
            action_share=_share(labelled, "action"),
            voice=signals.voice(" ".join(s.text for s in labelled if s.label in _DOING)),
            fillers=signals.fillers(analysed),
            hypothetical=signals.hypothetical_sentences(
                [s.text for s in labelled if s.label != "lesson"]
            ),
            blame=signals.blame_sentences(sentences),
            names=signals.named_people(analysed),
            code_names=signals.code_names(analysed),
            result_text="",
            result_quantified=False,
            before_after=False,
            relevance=_principle_agreement(question_search, answer_search) if asked else None,
            principle_rank=[p for p, _ in answer_search.principles].index(principle_id),
            listen_hits=self._hits(principle_id, vectors, sentences),
        )
        results = [s.text for s in labelled if s.label == "result"]
        results = [s for s in results if has_cue("result", s)] or results  # the stated outcome
        findings.result_text = " ".join(results)
        findings.result_quantified = any(signals.has_quantity(s) for s in results)
        findings.before_after = any(_BEFORE_AFTER.search(s) for s in results)
        if story is not None and best is not None:
            findings.matched_story_id = story.id
            findings.matched_story_title = story.title
            findings.matched_similarity = best.dense
            findings.unsupported = unsupported_claims(sentences, story)
            findings.left_out = left_out_facts(analysed, story)
        raised = flags(findings)
        dims = dimensions(findings, raised)
        score, points = overall(dims, raised, findings)
        names = {p.id: p.name for p in self.kb.principles}
        result = Critique(
            question=asked or "",
            principles=[
                PrincipleScore(id=pid, name=names[pid], score=round(value, 4))
                for pid, value in question_search.principles[:5]
            ],
            overall=score,
            dimensions=dims,
            star=star,
            flags=raised,
            matched_story=(
                MatchedStory(id=story.id, title=story.title, similarity=round(best.dense, 4))
                if story is not None and best is not None
                else None
            ),
            follow_ups=follow_ups(findings, dims, raised),
            coach_note="",
            words=words,
            speaking_seconds=findings.seconds,
            points=points,
            kind=kind,
            sentences=[AnswerSentence(text=s.text, part=s.label) for s in labelled],
            suggestions=[f'From your notes: "{fact}"' for fact in findings.left_out],
            warnings=warnings,
        )
        result.coach_note, result.coach_note_source = write_note(result, options.note_model)
        if options.rewrite is not None:
            result.rewrite = self._rewrite(asked or "", story, question_search, options.rewrite)
        return result

    def _hits(
        self, principle_id: str, vectors: np.ndarray, sentences: list[str]
    ) -> list[RubricHit]:
        """Each listen-for line with the answer sentence closest to it, best first."""
        hits = []
        for line, vector in self.rubric.get(principle_id, []):
            if not len(vectors):
                continue
            sims = vectors @ vector
            best = int(np.argmax(sims))
            hits.append(RubricHit(line, sentences[best], float(sims[best])))
        return sorted(hits, key=lambda h: -h.similarity)

    def _rewrite(
        self, question: str, story: Story | None, found: Retrieval, drafting: DraftOptions
    ):
        """A stronger version drafted from the matched story (else the question's best story)."""
        if story is None:
            story = found.matches[0].story if found.matches else None
        if story is None:
            return None
        principle = next((p for p, _ in found.principles if p in story.principles), None)
        name = self.kb.principle(principle or found.principles[0][0]).name
        writer = DraftWriter(drafting.model, self.embed, drafting.emit)
        return writer.write(
            question or story.title, story, name, drafting.minutes, drafting.words_per_minute
        )


def _share(labelled: list, part: str) -> float:
    total = sum(len(s.text.split()) for s in labelled) or 1
    return sum(len(s.text.split()) for s in labelled if s.label == part) / total


def unsupported_claims(sentences: list[str], story: Story) -> list[tuple[str, str]]:
    """Figures the story does not hold, and projected figures told as results."""
    checker = ClaimsChecker(
        f"{story.title}. {story.text()}", (m.value for m in story.metrics if not m.measured)
    )
    out = []
    for sentence in sentences:
        invented = checker.invented(sentence)
        if invented:
            out.append((
                f"Your notes for '{story.title}' do not hold the figure(s) "
                + ", ".join(invented) + "; only claim what you can back up.",
                sentence,
            ))  # fmt: skip
        elif checker.projection_as_result(sentence):
            out.append(("Your notes call this figure a projection, not a result.", sentence))
    return out


def left_out_facts(answer: str, story: Story) -> list[str]:
    """Story sentences with figures the answer never mentions (strongest first, at most 3)."""
    said = signals.claim_figures(answer)
    facts = []
    for part in ("result", "action", "situation", "task"):
        for sentence in split_sentences(getattr(story.sections, part)):
            figures = signals.claim_figures(sentence)
            if figures and not figures & said:
                facts.append(sentence)
    return facts[:LEFT_OUT_SHOWN]
