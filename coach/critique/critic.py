"""``coach critique``: score a typed answer against the rubric of the principle being probed.

All scores come from measurements (``coach.findings``) and fixed rules (``coach.rubric``); a
language model may only phrase the coach note and draft the stronger version, both checked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

import numpy as np

from coach.core.errors import CoachError
from coach.core.ids import SECTION_NAMES
from coach.core.results import (
    AnswerSentence,
    Critique,
    Delivery,
    MatchedStory,
    PrincipleScore,
)
from coach.core.schema import Story
from coach.critique import signals as signals
from coach.critique.coach_note import write_note
from coach.critique.findings import Findings, RubricHit
from coach.critique.follow_ups import follow_ups
from coach.critique.grounding import left_out_facts, unsupported_claims
from coach.critique.parts import (
    Parts,
    does_something,
    find_parts,
    later_clauses,
    settled_clause,
    with_erring_work_as_task,
)
from coach.critique.rubric import LISTEN_HIT, dimensions, flags, overall
from coach.critique.star_labeller import LabelledSentence, StarLabeller
from coach.critique.stronger import Stronger, build_stronger
from coach.critique.units import Unit, answer_units
from coach.drafting.ask import DraftOptions, clean_question
from coach.index.collections import CRITIQUE_COLLECTION, RUBRIC_PREFIX
from coach.knowledge.corpus import uses_example_bank
from coach.retrieval.retriever import Retrieval, Retriever
from coach.text.asks import relevance
from coach.text.question_kind import question_kind
from coach.text.sentences import visible_text
from coach.text.star_cues import CUES
from coach.text.terms import terms

# 3.5 min of speech; longer answers are counted whole but analysed from the start only
MAX_ANALYSED_WORDS = 500
MAX_SENTENCES = 80
# an answer retells a story only when it also shares this much of its words (measured over the
# critique sets: retellings 0.34-0.96 of the answer's content words, other stories 0.12-0.17)
RETELLING_WORDS = 0.3
MATCH_MIN = 0.58  # answer vs story cosine: retellings measured 0.61-0.96, other stories up to 0.53
_DOING = ("task", "action", "result")  # where "I" against "we" shows who did the work
_TAG = re.compile(r"<[^>]{0,200}>")
_BEFORE_AFTER = re.compile(
    r"\bfrom\b[^.;]{0,40}\bto\b|\bwent from\b|\b(down|up) from\b|\bbefore\b[^.]{0,60}\bafter\b",
    re.IGNORECASE,
)


def clean_answer(text: str) -> str:
    """Plain text of a typed or pasted answer: HTML tags and control characters removed, line
    breaks kept (bullets and labels live on lines)."""
    text = html.unescape(_TAG.sub(" ", text))
    lines = [visible_text(line) for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise CoachError("The answer is empty; type or paste the answer you would give.")
    return text


def _head(text: str, words: int) -> str:
    """The first ``words`` words of a text, line breaks kept."""
    count, out = 0, []
    for line in text.split("\n"):
        parts = line.split(" ")
        if count + len(parts) > words:
            out.append(" ".join(parts[: words - count]))
            break
        out.append(line)
        count += len(parts)
    return "\n".join(out)


def _in_order(labels: list[str]) -> bool:
    """STAR parts first appear in their natural order."""
    firsts = [labels.index(p) for p in SECTION_NAMES[:4] if p in labels]
    return firsts == sorted(firsts)


def _assumption(principle_name: str, hits: list[RubricHit]) -> str:
    """What the critique judged the answer against when no question was given, and why."""
    why = (
        f' (its closest sentence to what interviewers listen for: "{hits[0].line.lower()}")'
        if hits and hits[0].similarity >= LISTEN_HIT
        else ""
    )
    return (
        f"No question was given, so the answer was judged as {principle_name}: the principle it "
        f"shows most{why}. Give the question for a fairer critique."
    )


def _agreeing_labels(
    labelled: list[LabelledSentence], units: list[Unit], parts: Parts
) -> list[LabelledSentence]:
    """The answer's own labels win; a sentence that showed a part carries that part's label."""
    shown = {text: part for part, text in parts.evidence.items()}
    out = []
    for item, unit in zip(labelled, units, strict=True):
        label = unit.label or shown.get(unit.text) or item.label
        confidence = 1.0 if label != item.label else item.confidence
        out.append(LabelledSentence(item.text, label, confidence))
    return out


def _outcome_sentences(
    units: list[Unit], labelled: list[LabelledSentence], parts: Parts
) -> list[str]:
    """The sentences that tell how it ended: labelled or cued as a result, or the labeller's
    confident outcomes in the second half; never lessons or hypotheticals."""
    out = []
    for index, (unit, item) in enumerate(zip(units, labelled, strict=True)):
        text = unit.text
        if text in parts.hypothetical or CUES["lesson"].search(text):
            continue
        late = index >= len(units) / 2
        alone = len(units) == 1  # a one-sentence answer may be nothing but its result
        settled = index >= 2 * len(units) / 3 and signals.checkable_outcome(text)
        if unit.label == "result" or ((index or alone) and CUES["result"].search(text)) or ((
            (item.label == "result" and late) or settled
        ) and not does_something(text)):
            out.append(text)
    evidence = parts.evidence.get("result")
    if evidence and evidence not in out:
        out.append(evidence)
    tail = max(2, -(-len(units) // 3))  # the ending sits in the last third of the answer
    for unit in units[-tail:]:
        if unit.text not in out and unit.text not in parts.hypothetical:
            # "..., I tested it again, and we released with zero upload errors"
            out += [c for c in later_clauses(unit.text) if settled_clause(c) and c not in out]
    return out




def _principle_agreement(question: Retrieval, answer: Retrieval) -> float:
    """Cosine between the principle rankings of the question and of the answer."""
    q = dict(question.principles)
    a = dict(answer.principles)
    keys = sorted(q)
    qv = np.array([q[k] for k in keys])
    av = np.array([a.get(k, 0.0) for k in keys])
    denom = float(np.linalg.norm(qv) * np.linalg.norm(av)) or 1.0
    return float(qv @ av) / denom


def _word_share(answer: str, story: Story) -> float:
    """Share of the answer's content words that its matched story also uses."""
    said = set(terms(answer))
    told = set(terms(f"{story.title} {story.text()}"))
    return len(said & told) / len(said) if said else 0.0


def _put_first(search: Retrieval, principle: str) -> Retrieval:
    """``search`` with ``principle`` first: the rubric the question was set for (a mock's)."""
    scores = dict(search.principles)
    ranked = [(principle, scores.get(principle, 1.0))]
    ranked += [p for p in search.principles if p[0] != principle]
    return replace(search, principles=ranked)


@dataclass
class CritiqueOptions:
    """Optional extras: a model to phrase the coach note, and drafting for ``--rewrite``."""

    note_model: object | None = None
    rewrite: DraftOptions | None = None
    principle: str | None = None  # the principle the question is known to probe (a mock's)
    delivery: Delivery | None = None  # a spoken answer's delivery, measured on its recording


class Critic:
    """Holds the labeller and the rubric vectors; one per process, shared across critiques."""

    def __init__(self, retriever: Retriever, own_stories: bool | None = None) -> None:
        """``own_stories``: whether the retriever's stories are the user's own (default: unless
        the example bank stands in for a user with no sources yet)."""
        if own_stories is None:
            own_stories = not uses_example_bank()
        self.own_stories = own_stories
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
        """Score one answer. ``question`` may be None: the principle then comes from the answer,
        and the critique says which one was assumed and why."""
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
        units = answer_units(analysed)[:MAX_SENTENCES] or [Unit(" ".join(analysed.split()), None)]
        sentences = [u.text for u in units]
        vectors = self.embed(sentences)
        labelled = self.labeller.label_sentences(sentences, vectors)
        parts = find_parts(units, [s.label for s in labelled], [s.confidence for s in labelled])
        kind = question_kind(asked or "")
        if kind == "failure":
            parts = with_erring_work_as_task(parts, units)
        labelled = _agreeing_labels(labelled, units, parts)
        plain = " ".join(sentences)

        mean = vectors.mean(axis=0)
        answer_vector = mean / (float(np.linalg.norm(mean)) or 1.0)
        answer_search = self.retriever.search(_head(plain, 300), k=3, vector=answer_vector)
        question_search = self.retriever.search(asked, k=5) if asked else answer_search
        if options.principle in {p.id for p in self.kb.principles}:
            question_search = _put_first(question_search, options.principle)
        principle_id = question_search.principles[0][0]
        principle = self.kb.principle(principle_id)
        assumed = "" if asked else _assumption(principle.name, self._hits(principle_id, vectors,
                                                                           sentences))  # fmt: skip
        if assumed:
            warnings.append(assumed)
        outcome = _outcome_sentences(units, labelled, parts)
        best = answer_search.matches[0] if answer_search.matches else None
        story = best.story if best is not None and best.dense >= MATCH_MIN else None
        if story is not None and _word_share(plain, story) < RETELLING_WORDS:
            story = None  # close in meaning, but another event: its facts are not this answer's
        if not self.own_stories:
            story = None  # the example bank is another person's life: nothing to ground on
        findings = Findings(
            question=asked or "",
            kind=kind,
            principle_id=principle_id,
            principle_name=principle.name,
            words=words,
            seconds=signals.speaking_seconds(words),
            sentences=labelled,
            parts=parts,
            in_order=_in_order([s.label for s in labelled]),
            action_share=_share(labelled, "action"),
            voice=signals.voice(plain),
            fillers=signals.fillers(analysed),
            delivery=options.delivery,
            blame=signals.blame_sentences(sentences),
            names=signals.named_people(analysed),
            code_names=signals.code_names(analysed),
            outcome_text=" ".join(outcome),
            outcome_measured=any(signals.measured_outcome(s) for s in outcome),
            before_after=any(_BEFORE_AFTER.search(s) for s in outcome),
            relevance=relevance(asked, plain) if asked else None,
            principle_agreement=_principle_agreement(question_search, answer_search),
            principle_rank=[p for p, _ in answer_search.principles].index(principle_id),
            listen_hits=self._hits(principle_id, vectors, sentences),
            assumed=assumed,
            own_stories=self.own_stories,
        )
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
            star=parts.present,
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
            kind=findings.kind,
            sentences=[AnswerSentence(text=s.text, part=s.label) for s in labelled],
            suggestions=[f'From your notes: "{fact}"' for fact in findings.left_out],
            warnings=warnings,
        )
        result.coach_note, result.coach_note_source = write_note(result, options.note_model)
        if options.rewrite is not None:
            better = self.stronger(result)
            result.rewrite, result.rewrite_note = better.draft, better.reason
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

    def stronger(self, result: Critique) -> Stronger:
        """A stronger version of a critiqued answer from the candidate's own words and notes,
        offered only when critiquing it again scores higher with no unsupported claim."""
        if result.matched_story is None:
            return Stronger(None, reason=(
                "No story of your own matches this answer, so your notes have nothing to add; "
                "put the story in your notes first." if self.own_stories else "You have no notes "
                "of your own yet; add them (Story bank) and a stronger version can use them."
            ))  # fmt: skip
        story = self.retriever.stories.get(result.matched_story.id)
        if story is None:
            return Stronger(None, reason="The matched story is no longer in your notes.")
        built = build_stronger(result.question, result.sentences, story, result.kind != "standard")
        if built.draft is None:
            return built
        again = self.critique(result.question or None, built.draft.text)
        supported = not any(f.code == "unsupported_claim" for f in again.flags)
        if not supported or again.points <= result.points:
            return Stronger(None, reason=(
                f"A version built from your notes did not score higher ({again.overall}/5 "
                f"against {result.overall}/5), so none is offered."
            ), kept=built.kept, added=built.added, dropped=built.dropped)  # fmt: skip
        built.draft.notes.insert(0, (
            f"Scores {again.overall}/5 ({again.points:.0f} points), up from {result.overall}/5 "
            f"({result.points:.0f} points)."
        ))  # fmt: skip
        return built



def _share(labelled: list, part: str) -> float:
    total = sum(len(s.text.split()) for s in labelled) or 1
    return sum(len(s.text.split()) for s in labelled if s.label == part) / total


