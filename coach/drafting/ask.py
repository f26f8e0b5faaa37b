"""``coach ask``: principles and stories for a question (drafting plugs in on top)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from coach.core.errors import CoachError
from coach.core.results import AskResult, NoFit, PrincipleScore, StoryHit, StoryRef
from coach.drafting.backends.base import TextModel
from coach.drafting.draft import DraftWriter, Emit
from coach.drafting.phrasing import PhraseCache, in_background
from coach.drafting.planning import budget_for
from coach.drafting.speaking import prepare
from coach.retrieval.retriever import Retriever
from coach.text.asks import ASKS, OTHERS_MISTAKE, STORY_KINDS
from coach.text.question_text import asks_for_experience, reads_as_question
from coach.text.sentences import visible_text
from coach.text.terms import terms

MAX_QUESTION_CHARS = 2000
MIN_PRINCIPLES = 3
KIND_CANDIDATES = 5  # stories searched for one that tells what the question asks for
NO_FIT_BELOW = 0.30  # best cosine of any story view; below it no story answers the question
# An entry with no question lines is matched on its narrative alone, which the encoder keeps
# further from any question: on the dev notes sets a 0.30 floor refused 14 of 61 questions (12
# of them with the right story first); 0.22 refuses 5 (docs/DRAFTING.md).
NARRATIVE_NO_FIT_BELOW = 0.22
# The first story leads the second by less than this fused z: a close call, said so. Measured on
# the dev notes sets (docs/DRAFTING.md): a similarity floor of 0.40 warned on 54% of right and
# 54% of wrong first stories; a lead under 0.5 warns on 16% of right and 54% of wrong ones.
CLOSE_CALL_LEAD = 0.5


def clean_question(text: str) -> tuple[str, list[str]]:
    """Normalise a question; empty is an error, over-long is cut with a warning."""
    text = visible_text(text)
    if not text:
        raise CoachError("The question is empty; ask something like 'Tell me about a conflict'.")
    warnings = []
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        warnings.append(
            f"The question was longer than {MAX_QUESTION_CHARS:,} characters and was cut."
        )
    return text, warnings


@dataclass
class DraftOptions:
    """How to draft: the model (None for notes-only), minutes, and where to stream sentences."""

    model: TextModel | None = None
    minutes: float = 2.0
    words_per_minute: int = 140
    emit: Emit | None = None
    story_rank: int = 0  # 0 drafts from the best story, 1 from the second...
    on_retrieved: Callable[[AskResult], None] | None = None  # called before drafting starts
    time_limit: float | None = None  # seconds for the model's share of the draft (llm_timeout)


def ask(
    retriever: Retriever, question: str, k: int = 3, drafting: DraftOptions | None = None
) -> AskResult:
    """Principles and the ``k`` best stories for one question, and a draft when asked for."""
    if k < 1:
        raise CoachError("-k must be at least 1.")
    text, warnings = clean_question(question)
    if not retriever.stories:
        raise CoachError(
            "Your sources hold no story right now (a notes file may have moved); "
            "run 'coach sources list' to see them, or add one with 'coach sources add FILE'."
        )
    found = retriever.search(text, k=max(k, KIND_CANDIDATES))
    chosen, told = fitting_story(text, found.matches[:KIND_CANDIDATES])
    if chosen is not None and chosen is not found.matches[0]:
        found.matches = [chosen, *[m for m in found.matches if m is not chosen]]
    rank = drafting.story_rank if drafting is not None else 0
    if chosen is not None and 0 < rank < len(found.matches):  # "draft from the second story"
        picked = found.matches[rank]
        found.matches = [picked, *[m for m in found.matches if m is not picked]]
    unsaid = None
    if chosen is not None and drafting is not None and rank == 0:
        budget = budget_for(drafting.minutes, drafting.words_per_minute)
        found.matches, unsaid = sayable_first(retriever, text, found.matches, budget)
    found.matches = found.matches[:k]
    names = {p.id: p.name for p in retriever.kb.principles}
    result = AskResult(
        question=text,
        principles=[
            PrincipleScore(id=pid, name=names[pid], score=round(score, 4))
            for pid, score in found.principles[: max(MIN_PRINCIPLES, 5)]
        ],
        stories=[
            StoryHit(
                id=m.story.id,
                title=m.story.title,
                score=m.score,
                principles=m.story.principles,
                text=m.story.text(),
                similarity=m.dense,
                why=m.why(),
                thin=m.story.thin,
                thin_note=m.story.thin_note(),
                origin=m.story.origin,
                source=m.story.source,
                project=m.story.project,
                project_mates=[
                    StoryRef(id=mate.id, title=mate.title)
                    for mate in retriever.project_mates(m.story.id)
                ],
            )
            for m in found.matches
        ],
        warnings=warnings,
    )
    best = found.matches[0] if found.matches else None
    top = found.principles[0][0]
    if not reads_as_question(text, found.likeness):
        result.off_topic = True
        result.no_fit = NoFit(
            message=(
                "This does not read as an interview question, so the coach did not guess a "
                "principle or draft an answer. Ask it the way an interviewer would, for example "
                "'Tell me about a time you had to meet a tight deadline.'"
            ),
            closest=[m.story.title for m in found.matches],
            principle=top,
        )
    elif best is not None and chosen is None:
        result.no_fit = NoFit(
            message=(
                f"This question asks for {' or '.join(told)}, and none of your stories tells "
                f"one; the closest is '{best.story.title}'. A success told as "
                f"{told[0]} would not convince: add such a story to your notes."
            ),
            closest=[m.story.title for m in found.matches],
            principle=top,
        )
    elif (best and best.dense < _no_fit_floor(best.story)
          and not _filed_under(best.story, found, text)
          and not _names_the_event(best.story, text)):
        result.no_fit = NoFit(
            message=(
                f"None of your stories fits this question well (similarity {best.dense:.2f}), "
                f"so no draft was written. It probes {names[top]}: add a story for it to your "
                "notes."
            ),
            closest=[m.story.title for m in found.matches],
            principle=top,
        )
    elif warning := close_call(found.matches):
        result.warnings.insert(0, warning)
    if best is not None and result.no_fit is None:
        result.warnings += principle_warning(best.story, top, names)
    if drafting is None or best is None or result.no_fit is not None:
        if drafting is not None and drafting.on_retrieved:
            drafting.on_retrieved(result)
        return result
    if drafting.on_retrieved:
        drafting.on_retrieved(result)
    principle = top if top in best.story.principles else next(
        (p for p, _ in found.principles if p in best.story.principles), top
    )
    mates = retriever.project_mates(best.story.id)
    model, phrased, phrased_from, note = drafting.model, None, None, ""
    if in_background(model):  # too slow to wait for: its words come from background phrasing
        assert model is not None
        cached = PhraseCache().get(best.story, mates, model.name)
        phrased = cached.sentences if cached else None
        phrased_from = cached.combined if cached else None
        note = (f"Phrased beforehand by {model.name} and checked." if cached else
                f"{model.name} is still phrasing your stories in the background; this one is "
                "not done yet, so the draft is in your notes' own words.")  # fmt: skip
        model = None
    writer = DraftWriter(model, retriever.query_embed, drafting.emit, drafting.time_limit)
    result.draft = writer.write(
        text,
        best.story,
        names[principle],
        drafting.minutes,
        drafting.words_per_minute,
        glossary=retriever.glossary(),
        mates=mates,
        phrased=phrased,
        phrased_from=phrased_from,
    )
    result.draft.principle = principle
    if unsaid is not None:
        result.draft.notes.insert(0,
            f"Your closest entry, '{unsaid.title}', is notes to expand: nothing in it can be "
            "said as it stands. This draft tells your next closest story; write the first one "
            "out in full sentences and it will be drafted instead.")  # fmt: skip
    if note:
        result.draft.notes.insert(0, note)
        if phrased is not None and drafting.model is not None:
            result.draft.model = drafting.model.name
    return result


def _nothing_to_say(retriever: Retriever, story, question: str, budget: int) -> bool:
    """A thin entry none of whose lines (nor its project's) can be said as they stand."""
    if not story.thin:
        return False
    material = prepare(story, question, retriever.glossary(), budget, retriever.query_embed,
                       retriever.project_mates(story.id))  # fmt: skip
    return material.words == 0


def sayable_first(
    retriever: Retriever, question: str, matches: list, budget: int
) -> tuple[list, object | None]:
    """The matches, with the next close story that can be said put first when the best is an
    entry of fragments only (it stays on the card, second); and that entry, or None."""
    if not matches or not _nothing_to_say(retriever, matches[0].story, question, budget):
        return matches, None
    for match in matches[1:KIND_CANDIDATES]:
        fits = match.dense >= _no_fit_floor(match.story)
        tells, _ = fitting_story(question, [match])
        if fits and tells is match and not _nothing_to_say(
            retriever, match.story, question, budget
        ):
            return [match, *[m for m in matches if m is not match]], matches[0].story
    return matches, None


def close_call(matches: list) -> str:
    """A warning when the first story hardly leads the second (fused z closer than
    ``CLOSE_CALL_LEAD``): either may be the one the question wants; "" otherwise."""
    if len(matches) < 2 or matches[0].fused - matches[1].fused >= CLOSE_CALL_LEAD:
        return ""
    first, second = matches[0].story.title, matches[1].story.title
    return (f"Close call: '{first}' and '{second}' fit this question about equally well; check "
            "the first answers it before you rehearse it.")  # fmt: skip


def _no_fit_floor(story) -> float:
    """The similarity below which ``story`` does not answer a question: lower for an entry
    that lists no question of its own, since only its narrative can match."""
    return NO_FIT_BELOW if story.questions else NARRATIVE_NO_FIT_BELOW


def _filed_under(story, found, question: str) -> bool:
    """The candidate filed the story under the principle the question probes most: their own
    labelling says it fits, though its words are far from the question's (narrative and question
    are far apart for the encoder: 0.07-0.15 for a matching story without question lines); the
    loose-fit warning still says how close it is."""
    return asks_for_experience(question) and found.principles[0][0] in story.principles


def _names_the_event(story, question: str) -> bool:
    """The question asks for a kind of event (a failure, a conflict...) in words the story itself
    uses ("Tell me about a time you disagreed" and "Disagreed with my manager about..."): the
    candidate wrote that event down, however far apart the encoder puts the two."""
    told = set(terms(" ".join([story.title, story.text()])))
    for ask in ASKS:
        if ask.name not in STORY_KINDS:
            continue
        for asked in ask.question.finditer(question):
            if set(terms(asked.group())) & told and ask.answer.search(story.text()):
                return True
    return False


def fitting_story(question: str, matches: list) -> tuple[object | None, list[str]]:
    """The best match whose story tells what the question asks for (a failure for a failure
    question, a conflict for a disagreement...), with the asks; (None, asks) when none does."""
    question = OTHERS_MISTAKE.sub(" ", question)
    asks = [ask for ask in ASKS if ask.question.search(question) and ask.name in STORY_KINDS]
    # only a kind of event (a failure, a conflict...) overrides the ranking: for a topic (a
    # customer, a deadline) the retriever's meaning and the candidate's filing judge better than
    # a list of words ("a dog owner shouted at reception" tells a customer without the word)
    if not asks or not matches:
        return (matches[0] if matches else None), []
    for match in matches:
        story = match.story
        told = " ".join([story.title, story.text(), *story.questions])
        if any(ask.answer.search(told) for ask in asks) or _filed_as_kind(story, asks):
            return match, [ask.name for ask in asks]
    return None, [ask.name for ask in asks]


# the principle a candidate files a kind of story under: a disagreement under Have Backbone
_KIND_PRINCIPLE = {"a conflict or disagreement": "have-backbone"}


def _filed_as_kind(story, asks: list) -> bool:
    """The candidate filed the story under the principle of the kind asked for (their own
    heading or tag, never a principle the coach inferred)."""
    inferred = any(note.startswith("principles inferred") for note in story.inferred)
    wanted = {_KIND_PRINCIPLE[a.name] for a in asks if a.name in _KIND_PRINCIPLE}
    return not inferred and bool(wanted & set(story.principles))


def principle_warning(story, top: str, names: dict[str, str]) -> list[str]:
    """Say so when the story is filed under other principles than the one the question probes."""
    if not story.principles or top in story.principles:
        return []
    filed = ", ".join(names[p].split(";")[0] for p in story.principles[:3])
    return [f"In your notes, '{story.title}' is filed under {filed}, not "
            f"{names[top].split(';')[0]} "
            f"(what this question probes): say plainly what in it shows "
            f"{names[top].split(';')[0]}."]  # fmt: skip


def ask_batch(
    retriever: Retriever, lines: Iterable[str], k: int = 3, drafting: DraftOptions | None = None
) -> Iterator[dict]:
    """One JSON-ready object per input line, in order; a bad line yields ``{"error": ...}``."""
    for number, line in enumerate(lines, start=1):
        try:
            yield ask(retriever, line, k, drafting).model_dump()
        except CoachError as exc:
            yield {"error": f"line {number}: {exc}"}
