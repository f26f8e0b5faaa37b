"""Grounded STAR drafts: the story's own facts, phrased by the model, checked sentence by sentence.

Everything that matters is decided without the model: which story, which sentences fit the time
budget, the order of the parts, and whether the answer must end with a lesson. The model only
rephrases one part at a time; every sentence it writes goes through the grounding check, and a
sentence that fails is replaced by the story's own wording and listed in ``unsupported``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz

from coach.core.ids import SECTION_NAMES
from coach.core.results import Draft, DraftSentence, RemovedSentence, StoryRef
from coach.core.schema import Story
from coach.drafting.backends.base import ModelUnavailable, TextModel
from coach.drafting.framing import closing_sentence, opening_sentence, without_repeats
from coach.drafting.grounding import Embed, GroundingChecker
from coach.drafting.planning import DraftPlan, budget_for, plan_draft
from coach.drafting.prompts import render
from coach.drafting.speaking import prepare
from coach.text.sentences import numbers, split_sentences
from coach.text.spoken import Glossary, sentence_problems
from coach.text.terms import terms

Emit = Callable[[DraftSentence], None]
COVERED = 0.75  # a kept sentence this close to a notes sentence carries its meaning
SAME_WORDS = 95  # a model sentence this close in wording to its notes sentence is the notes' own
# share of a notes sentence's content words a model sentence must keep to stand for it: a
# shorter rewording that drops a clause ("..., it caught a wrongly wired e-stop") drops a fact
KEPT_WORDS = 0.7
MAX_TOKENS_PER_WORD = 1.7  # generation cap per word of notes: room to rephrase, not to ramble
_LABEL_PREFIX = re.compile(r"^\s*(?:[-*•]\s*)?(?:\*\*)?(situation|task|action|result|lesson|spoken)"
                           r"(?:\*\*)?\s*:\s*", re.IGNORECASE)  # fmt: skip


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())




EXAMPLES = 2  # worked examples in a plain-completion prompt
COPIED = 90  # a model sentence this close to a worked example copies it


def _kept_share(notes_sentence: str, said: str) -> float:
    """The share of a notes sentence's content words (stemmed) that ``said`` keeps."""
    wanted = set(terms(notes_sentence))
    return len(wanted & set(terms(said))) / len(wanted) if wanted else 1.0


def _examples(plan: DraftPlan, part: str) -> list[tuple[str, str]]:
    """Worked examples for the prompt, taken from the candidate's own notes (other parts of the
    same story): a model that copies one can only repeat the candidate's own fact, which the
    repeat check then drops. Raw note line and spoken sentence."""
    out = []
    for other, sentences in plan.parts.items():
        if other == part:
            continue
        for sentence in sentences:
            raw = plan.raw.get(sentence, sentence)
            out.append((raw, sentence))
    out.sort(key=lambda pair: pair[0] == pair[1])  # lines the coach had to repair teach most
    return out[:EXAMPLES]


COPIED_EXAMPLE = "repeats the prompt's worked example, not this part of your notes"


def _shown(sentence: str, out: list[DraftSentence]) -> bool:
    """Whether a removed model sentence is said anyway (a copy of a notes sentence the draft
    keeps in the notes' own words): listing it as removed would only confuse."""
    return any(fuzz.ratio(_normal(sentence), _normal(s.text)) >= COPIED for s in out)


def _notes_copy(sentence: str, source: list[str]) -> str:
    """A model sentence that copies one of the notes' own sentences, as the notes say it: a
    copy may drop a hyphen or a comma ("start-ofshift"), which the candidate never wrote."""
    best = max(source, key=lambda s: fuzz.ratio(_normal(sentence), _normal(s)), default="")
    return best if best and fuzz.ratio(_normal(sentence), _normal(best)) >= SAME_WORDS else sentence


def _copies_example(sentence: str, examples: list[tuple[str, str]], source: list[str]) -> str:
    """Why a model sentence is removed for repeating a worked example, or ""."""
    for _, spoken in examples:
        copied = fuzz.ratio(_normal(sentence), _normal(spoken)) >= COPIED
        if copied and not any(fuzz.ratio(_normal(spoken), _normal(s)) >= COPIED for s in source):
            return COPIED_EXAMPLE
    return ""


def _clean_model_sentence(text: str) -> str:
    """A model sentence without a leading label, starting with a capital and ending with a
    full stop (the only repairs made to a model's words)."""
    text = _LABEL_PREFIX.sub("", text.strip().strip('"“”')).strip()
    if text:
        text = text[0].upper() + text[1:]
        if text[-1].isalnum():
            text += "."
    return text


class DraftWriter:
    """Builds one draft: plan, phrase part by part, check every model sentence, assemble."""

    def __init__(
        self,
        model: TextModel | None,
        embed: Embed,
        emit: Emit | None = None,
        time_limit: float | None = None,
    ) -> None:
        self.model = model
        self.embed = embed
        self.emit = emit or (lambda sentence: None)
        self.model_failure: str | None = None  # set when the model stops mid-draft
        # seconds the model may spend on the whole draft; past them (a busy machine slows it
        # to a crawl without ever hanging) the rest of the draft is the notes' own words
        self.time_limit = time_limit
        self._deadline: float | None = None

    def write(
        self,
        question: str,
        story: Story,
        principle_name: str,
        minutes: float,
        wpm: int = 140,
        glossary: Glossary | None = None,
        mates: list[Story] | None = None,
        phrased: list[DraftSentence] | None = None,
        phrased_from: list[str] | None = None,
    ) -> Draft:
        """The draft for ``question`` from ``story`` (and, for a thin entry, the facts of its
        project ``mates``), in words a candidate can say (``glossary``: the notes' own
        shorthand and spelling). ``phrased``: the story's body already phrased by the model
        and checked (background phrasing); it is joined between the opening and the closing;
        ``phrased_from``: the ids of the project entries that body drew on, which the draft then
        reports and is checked against (a live plan for another question may pick others)."""
        start = time.perf_counter()
        material = prepare(
            story, question, glossary or Glossary(), budget_for(minutes, wpm), self.embed, mates
        )
        plan = plan_draft(story, question, minutes, wpm, self.embed, material)
        if phrased is not None and phrased_from is not None:
            material.combined = [m for m in mates or [] if m.id in phrased_from]
        checker = GroundingChecker(
            story, question, self.embed, material.extra(), material.projected()
        )
        out: list[DraftSentence] = []
        unsupported: list[str] = []
        removed: list[RemovedSentence] = []
        order = [p for p in ("situation", "task", "action", "result", "lesson") if p in plan.parts]
        # the opening is fact-free and the coach's own, so it is on screen at once, whatever
        # model phrases the rest (a model's first checked sentence takes a second or more)
        self._add(out, DraftSentence(text=opening_sentence(question), part="situation",
                                     source="template"))  # fmt: skip
        if phrased is not None:  # the story's spoken version, phrased and checked beforehand
            for sentence in phrased:
                self._add(out, sentence)
        else:
            self.phrase_parts(question, plan, checker, removed, out)
        if self.model_failure:
            plan.notes.insert(0, f"{self.model_failure.rstrip('.')}, so this draft continues in "
                                 "your notes' own words.")  # fmt: skip
        out = without_repeats(out)
        words = sum(len(s.text.split()) for s in out)
        if not order:
            out = []  # nothing the notes hold can be said as it stands: no opening alone
            plan.notes.insert(0, "Nothing in this entry can be said as it stands yet: expand "
                                 "the notes listed below into full sentences.")  # fmt: skip
        elif words + 12 <= plan.budget_words * 1.25:
            closing = closing_sentence(question, principle_name, "lesson" in plan.parts)
            self._add(out, DraftSentence(text=closing, part=order[-1], source="template"))
        removed = [
            r for r in removed if not (r.reason == COPIED_EXAMPLE and _shown(r.sentence, out))
        ]
        unsupported += [r.sentence for r in removed]
        if material.to_expand:
            plan.notes.append(
                f"{len(material.to_expand)} line(s) of your notes could not be said as they "
                "stand (listed as notes to expand): say them in a full sentence in your notes "
                "and the draft will use them."
            )
        if material.combined:
            plan.notes.append(
                "This entry is thin, so the draft also tells what your notes say about the same "
                "project in: " + "; ".join(m.title for m in material.combined) + "."
            )
        text = " ".join(s.text for s in out)
        # the candidate's own words cannot invent anything: audit what the coach or model wrote
        written = " ".join(s.text for s in out if s.source != "notes")
        problems = checker.audit(written, allowed=principle_name)
        if problems:  # a second line of defence; the sentence checks should never let this happen
            plan.notes.append("The final check of the whole draft found " + "; ".join(problems)
                              + ": do not rehearse it as it is.")  # fmt: skip
        sections = {p: " ".join(s.text for s in out if s.part == p) or None for p in SECTION_NAMES}
        return Draft(
            text=text,
            sections=sections,
            story_id=story.id,
            model=self.model.name if self.model else "none",
            grounded=not problems,
            unsupported=unsupported,
            words=len(text.split()),
            seconds=round(time.perf_counter() - start, 2),
            budget_words=plan.budget_words,
            minutes=minutes,
            sentences=out,
            notes=plan.notes,
            removed=removed,
            to_expand=material.to_expand,
            changes=material.changes(),
            combined=[StoryRef(id=m.id, title=m.title) for m in material.combined],
        )

    @staticmethod
    def _notes(sentence: str, part: str, plan: DraftPlan) -> DraftSentence:
        """A sentence in the notes' own words, with the lines it came from."""
        return DraftSentence(
            text=sentence, part=part, source="notes", where=plan.where.get(sentence, "")
        )

    def phrase_parts(
        self,
        question: str,
        plan: DraftPlan,
        checker: GroundingChecker,
        removed: list[RemovedSentence],
        out: list[DraftSentence],
    ) -> None:
        """Every planned part in order: the model's checked wording, else the notes' own."""
        order = [p for p in SECTION_NAMES if p in plan.parts]
        if self.time_limit is not None:
            self._deadline = time.monotonic() + self.time_limit
        for part in order:
            source = plan.parts[part]
            self._check_deadline()
            if self.model is None or self.model_failure:
                for sentence in source:
                    self._add(out, self._notes(sentence, part, plan))
                continue
            kept = self._phrase_part(
                question, part, source, checker, removed, plan, first=part == order[0]
            )
            for sentence in kept:
                if any(self._same(sentence, earlier) for earlier in out):
                    continue  # a near repeat is never spoken
                self._add(out, sentence)

    def _check_deadline(self) -> None:
        if self._deadline is not None and not self.model_failure and (
            time.monotonic() > self._deadline
        ):
            self.model_failure = (
                f"The model took over {self.time_limit:.0f} s (llm_timeout) on this draft"
            )

    def _generate(self, system: str, prompt: str, budget: int) -> str:
        """The model's text, cut off (and the model stopped) once the draft's time is up."""
        assert self.model is not None
        pieces: list[str] = []
        stream = self.model.stream(system, prompt, max_tokens=budget)
        try:
            for piece in stream:
                pieces.append(piece)
                self._check_deadline()
                if self.model_failure:
                    raise ModelUnavailable(self.model_failure)
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()
        return "".join(pieces)

    @staticmethod
    def _same(sentence: DraftSentence, earlier: DraftSentence) -> bool:
        return without_repeats([earlier, sentence]) == [earlier]

    def _add(self, out: list[DraftSentence], sentence: DraftSentence) -> None:
        out.append(sentence)
        self.emit(sentence)

    def _phrase_part(
        self,
        question: str,
        part: str,
        source: list[str],
        checker: GroundingChecker,
        removed: list[RemovedSentence],
        plan: DraftPlan,
        first: bool,
    ) -> list[DraftSentence]:
        """The model's wording of one part, each sentence checked; failures fall back to notes."""
        assert self.model is not None
        words = sum(len(s.split()) for s in source)
        notes = "\n".join(f"- {s}" for s in source)
        examples = _examples(plan, part)
        if self.model.format == "plain":
            shown = "".join(render("draft_example", notes=n, spoken=sp) for n, sp in examples)
            prompt = render("draft_plain", examples=shown, notes=" ".join(source))
        else:
            prompt = render(
                "draft_part",
                question=f"Interview question: {question}\n" if first else "",
                part=part,
                notes=notes,
                words=words,
            )
        system = render("draft_system").strip()
        budget = int(words * MAX_TOKENS_PER_WORD) + 24
        try:
            text = self._generate(system, prompt, budget)
        except ModelUnavailable as exc:
            self.model_failure = str(exc)
            return [self._notes(s, part, plan) for s in source]
        candidates = [_clean_model_sentence(raw) for raw in split_sentences(text)]
        candidates = [c for c in candidates if len(c.split()) >= 3]
        for candidate in list(candidates):
            problems = sentence_problems(candidate)
            if problems:  # the model's words must be as speakable as the notes' own
                candidates.remove(candidate)
                reason = "not a complete spoken sentence (" + ", ".join(problems) + ")"
                removed.append(RemovedSentence(sentence=candidate, reason=reason))
        kept: list[DraftSentence] = []
        kept_vectors: list[np.ndarray] = []
        for sentence, (verdict, vector) in zip(
            candidates, checker.check_many(candidates), strict=True
        ):
            copied = _copies_example(sentence, examples, source)
            if copied:
                removed.append(RemovedSentence(sentence=sentence, reason=copied))
                continue
            if verdict.ok:
                own = fuzz.ratio(_normal(sentence), _normal(verdict.closest)) >= SAME_WORDS
                where = plan.where.get(verdict.closest) or plan.story.source
                said = _notes_copy(sentence, source) if own else sentence
                kept.append(DraftSentence(text=said, part=part, where=where,
                                          source="notes" if own else "model"))  # fmt: skip
                kept_vectors.append(vector)
            else:
                reason = "; ".join(verdict.reasons)
                removed.append(RemovedSentence(sentence=sentence, reason=reason))
        return self._cover_facts(part, source, kept, kept_vectors, checker, plan)

    def _cover_facts(
        self,
        part: str,
        source: list[str],
        kept: list[DraftSentence],
        kept_vectors: list[np.ndarray],
        checker: GroundingChecker,
        plan: DraftPlan,
    ) -> list[DraftSentence]:
        """Every chosen notes sentence must be carried by some kept sentence (same meaning and
        all its figures); one that is not is put back in the notes' own words, in order."""
        if not kept:
            return [self._notes(s, part, plan) for s in source]
        matrix = np.stack(kept_vectors)
        missing = [s for s in source if s not in checker.vector_of]
        extra = dict(zip(missing, self.embed(missing), strict=True)) if missing else {}
        result: list[DraftSentence] = []
        placed: set[int] = set()
        for sentence in source:
            vector = checker.vector_of.get(sentence, extra.get(sentence))
            sims = matrix @ vector
            best = int(np.argmax(sims))
            carried = (
                sims[best] >= COVERED
                and numbers(sentence) <= numbers(kept[best].text)
                and _kept_share(sentence, kept[best].text) >= KEPT_WORDS
            )
            if carried:
                if best not in placed:
                    placed.add(best)
                    result.append(kept[best])
            else:
                result.append(self._notes(sentence, part, plan))
        return result
