"""Drafts from raw notes a candidate can say: speakable notes, notes to expand, a thin entry's
project facts with their lines, worked examples that cannot be repeated, checked phrasing
cached for a slow model."""

from pathlib import Path

from coach.core.results import DraftSentence
from coach.core.schema import Sections, Story
from coach.drafting.draft import DraftWriter
from coach.drafting.phrasing import PhraseCache, phrase_story
from coach.text.spoken import Glossary
from tests.fakes import ScriptedModel, ToyEmbedder

FRAGMENTS = Story(
    id="fd-video", title="Face detection for video", origin="notes", source="n.md:3-5",
    sections=Sections(
        situation="FD kept failing in backlight on the glasses",
        action="Designed FD for video. Face detection snapshot case",
        result="The dark faces stopped in the next build",
    ),
)  # fmt: skip
GLOSSARY = Glossary.of("Face detection was my project. We shipped face detection. FD failed.")


def _draft(model=None, story=FRAGMENTS, mates=None, phrased=None, question="Tell me about FD"):
    return DraftWriter(model, ToyEmbedder().encode).write(
        question, story, "Invent and Simplify", 2.0, glossary=GLOSSARY, mates=mates,
        phrased=phrased,
    )  # fmt: skip


def test_notes_become_speakable_and_fragments_are_listed_not_read() -> None:
    draft = _draft()
    # the acronym is spelt out the first time it is said, then kept short
    assert "Face detection kept failing in backlight" in draft.text
    assert "I designed FD for video." in draft.text
    assert "snapshot case" not in draft.text
    assert draft.to_expand == ["Face detection snapshot case"]
    assert any("added 'I'" in change for change in draft.changes)
    notes = [s for s in draft.sentences if s.source == "notes"]
    assert notes and all(s.where == "n.md:3-5" for s in notes)


def test_a_label_line_names_the_measure_of_the_figures_below_it() -> None:
    body = (
        "1. Turnaround Time.\n2 days -> 1 day for every new catalogue.\n2. Quality.\n"
        "I rebuilt the colour checks with the brand teams last spring."
    )
    story = Story(id="impact", title="Impact", origin="notes", source="n.md:40-44", body=body)
    draft = _draft(story=story, question="Tell me about the impact of the colour checks")
    assert "Turnaround time went from 2 days to 1 day for every new catalogue." in draft.text
    assert not any(note.strip(" .").isdigit() for note in draft.to_expand)  # "1." is no note


def test_a_thin_entry_tells_its_projects_facts_with_their_lines() -> None:
    thin = Story(id="kes", title="Kestrel drops", origin="notes", source="n.md:9-9",
                 body="Kestrel drops were from bags", thin=True, project="Kestrel")  # fmt: skip
    mate = Story(id="kes-2", title="Kestrel vacuum", origin="notes", source="n.md:20-21",
                 project="Kestrel", body="I raised the vacuum threshold for soft bags and the "
                 "Kestrel drops fell from 3% to 0.4%.")  # fmt: skip
    draft = _draft(story=thin, mates=[mate], question="Tell me about Kestrel bag drops")
    borrowed = [s for s in draft.sentences if s.where == "n.md:20-21"]
    assert borrowed and "0.4%" in draft.text
    assert [c.id for c in draft.combined] == ["kes-2"]
    assert any("Kestrel vacuum" in note for note in draft.notes)


def test_a_full_entry_does_not_borrow_from_its_project() -> None:
    mate = Story(id="kes-3", title="Other episode", origin="notes", source="n.md:30-30",
                 body="I trained two technicians on the simulator every week.")  # fmt: skip
    full = FRAGMENTS.model_copy(update={"thin": False})
    assert _draft(story=full, mates=[mate]).combined == []


class CopiesTheExample(ScriptedModel):
    """A plain-completion model that answers with the prompt's first worked example."""

    format = "plain"

    def stream(self, system, user, max_tokens):
        self.prompts.append(user)
        example = next(line for line in user.splitlines() if line.startswith("Spoken: "))
        yield example.removeprefix("Spoken: ") + " "


def test_worked_examples_come_from_the_notes_and_a_copy_is_removed() -> None:
    model = CopiesTheExample()
    draft = _draft(model)
    assert "orders recovered" not in " ".join(model.prompts)  # no example from elsewhere
    said = [s.text for s in draft.sentences]
    assert len(said) == len(set(said)), "nothing said twice"
    example = next(ln for ln in model.prompts[0].splitlines() if ln.startswith("Spoken: "))
    assert said.count(example.removeprefix("Spoken: ")) == 1  # said once, in its own part
    # the copy is said anyway in its own part, so listing it as removed would only confuse
    assert not [r for r in draft.removed if "worked example" in r.reason], draft.removed


def test_a_phrased_body_is_cached_and_joined_between_opening_and_closing(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path)
    phrased = phrase_story(ScriptedModel(), FRAGMENTS, [], GLOSSARY, ToyEmbedder().encode)
    cache.put(FRAGMENTS, [], "scripted-model", phrased)
    again = cache.get(FRAGMENTS, [], "scripted-model")
    assert again is not None and [s.text for s in again.sentences] == [
        s.text for s in phrased.sentences
    ]
    assert cache.get(FRAGMENTS, [], "another-model") is None
    edited = FRAGMENTS.model_copy(update={"title": "Face detection for live video"})
    assert cache.get(edited, [], "scripted-model") is None
    draft = _draft(phrased=again.sentences)
    kinds = [s.source for s in draft.sentences]
    assert kinds[0] == "template" and kinds[-1] == "template"
    assert [s.text for s in draft.sentences[1:-1]] == [s.text for s in again.sentences]


def test_a_phrased_sentence_keeps_its_provenance_through_the_cache(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path)
    sentence = DraftSentence(text="I designed it.", part="action", source="notes", where="x:1-1")
    from coach.drafting.phrasing import Phrased

    cache.put(FRAGMENTS, [], "m", Phrased([sentence], model="m"))
    (back,) = cache.get(FRAGMENTS, [], "m").sentences
    assert back == sentence


def test_a_cached_body_reports_the_project_entries_it_drew_on(tmp_path: Path) -> None:
    """A body phrased beforehand drew on some of the project's entries; a live plan for another
    question might pick others. The draft reports (and is checked against) the body's own."""
    thin = Story(id="kes", title="Kestrel drops", origin="notes", source="n.md:9-9",
                 body="Kestrel drops were from bags", thin=True, project="Kestrel")  # fmt: skip
    vacuum = Story(id="kes-2", title="Kestrel vacuum", origin="notes", source="n.md:20-21",
                   project="Kestrel", body="I raised the vacuum threshold for soft bags and "
                   "the Kestrel drops fell from 3% to 0.4%.")  # fmt: skip
    training = Story(id="kes-3", title="Kestrel training", origin="notes", source="n.md:30-31",
                     project="Kestrel", body="I trained the Kestrel night shift on the new "
                     "bag checks over two weeks.")  # fmt: skip
    cache = PhraseCache(tmp_path)
    phrased = phrase_story(ScriptedModel(), thin, [vacuum], GLOSSARY, ToyEmbedder().encode)
    assert phrased.combined == ["kes-2"]
    cache.put(thin, [vacuum, training], "scripted-model", phrased)
    back = cache.get(thin, [vacuum, training], "scripted-model")
    assert back is not None and back.combined == ["kes-2"]
    draft = DraftWriter(None, ToyEmbedder().encode).write(
        "Tell me about training the night shift", thin, "Ownership", 2.0, glossary=GLOSSARY,
        mates=[vacuum, training], phrased=back.sentences, phrased_from=back.combined,
    )  # fmt: skip
    assert [c.id for c in draft.combined] == ["kes-2"]
    assert draft.grounded and "0.4%" in draft.text


def test_an_episode_never_borrows_from_another_episode_of_its_block() -> None:
    from pathlib import Path

    from coach.knowledge.bank import load_knowledge
    from coach.knowledge.notes.assemble import episode_block
    from coach.knowledge.notes.blocks import read_notes
    from coach.knowledge.notes.parser import parse_notes
    from tests.conftest import FIXTURES

    path = FIXTURES / "notes" / "civil_paragraphs.md"
    entries = parse_notes(read_notes(path), Path(path), load_knowledge().principles).entries
    episodes = [s for s in entries if episode_block(s)]
    assert len(episodes) >= 2 and len({episode_block(s) for s in episodes}) == 1
    thin = episodes[-1].model_copy(update={"thin": True, "project": "Bridge"})
    mates = [s.model_copy(update={"project": "Bridge"}) for s in episodes[:-1]]
    draft = _draft(story=thin, mates=mates, question=f"Tell me about {episodes[0].text()[:80]}")
    assert draft.combined == []
