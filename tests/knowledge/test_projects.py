"""Projects: entries sharing a name the notes use and everyday English does not."""

from pathlib import Path

from coach.knowledge.bank import load_knowledge
from coach.knowledge.notes.blocks import read_notes
from coach.knowledge.notes.parser import parse_notes
from coach.knowledge.projects import find_projects, project_mates, with_projects
from tests.conftest import FIXTURES


def _entries(text: str):
    kb = load_knowledge()
    return parse_notes(text, Path("notes.md"), kb.principles).entries, kb


def test_entries_of_one_project_are_linked_by_its_name() -> None:
    path = FIXTURES / "notes" / "fragments_project.md"
    kb = load_knowledge()
    stories = with_projects(parse_notes(read_notes(path), path, kb.principles).entries, kb)
    kestrel = [s for s in stories if s.project == "Kestrel"]
    assert len(kestrel) == 6 and all("Kestrel" in s.text() for s in kestrel)
    about = next(s for s in stories if s.title == "Tell me about yourself")
    assert about.project == ""
    mates = project_mates(kestrel[0], stories)
    assert len(mates) == 5 and kestrel[0] not in mates


def test_a_made_up_name_links_and_everyday_words_do_not() -> None:
    stories, kb = _entries(
        "## Ownership\nQuorvane rollout - I owned the cutover for the team.\n\n"
        "## Dive deep\nQuorvane latency spikes, I traced them to the cache.\n\n"
        "## Earn trust\nI told the team about my mistake with the budget.\n\n"
        "## Frugality\nI cut the budget for the team offsite by half.\n"
    )
    found = find_projects(stories, kb)
    linked = {s.id for s in stories if "Quorvane" in s.text()}
    assert set(found) == linked and {p.name for p in found.values()} == {"Quorvane"}


def test_misspellings_are_not_project_names() -> None:
    stories, kb = _entries(
        "## Ownership\nI fixed the dashbord report after the audit.\n\n"
        "## Frugality\nWe moved the dashbord servers to the cheaper plan.\n"
    )
    assert find_projects(stories, kb) == {}


def test_two_entries_opening_with_one_nickname_are_one_project() -> None:
    stories, kb = _entries(
        "## Customer Obsession\nOverbooked wedding - twelve rooms were sold twice, I found "
        "rooms nearby and told the family myself.\n\n"
        "## Ownership\nOverbooked wedding fallout - I wrote a night checklist so it never "
        "happened again, and it caught three more mismatches.\n"
    )
    found = find_projects(stories, kb)
    assert len(found) == 2 and {p.name for p in found.values()} == {"Overbooked wedding"}


def test_jargon_written_in_lower_case_names_no_project() -> None:
    stories, kb = _entries(
        "## Ownership\nThe infra was a mess of blockers, so I rebuilt the deploy config.\n\n"
        "## Dive deep\nI traced the blockers to an old infra config in the build.\n\n"
        "## Bias for action\nThe Zentrova pilot slipped, so I shipped a smaller cut first.\n\n"
        "## Deliver results\nZentrova went live in March after I split the rollout.\n"
    )
    found = find_projects(stories, kb)
    assert {p.name for p in found.values()} == {"Zentrova"}
    assert all("Zentrova" in s.text() for s in stories if s.id in found)


def test_entries_sharing_two_names_in_other_orders_are_one_project() -> None:
    stories, kb = _entries(
        "## Ownership\nThe Orvik crane used the Kexatron controller, I rewired it in a night.\n\n"
        "## Dive deep\nKexatron faults on the Orvik crane: I logged them for a week.\n"
    )
    found = find_projects(stories, kb)
    assert len(found) == 2 and len({p.name for p in found.values()}) == 1


def test_a_name_run_together_with_an_everyday_word_is_that_name() -> None:
    stories, kb = _entries(
        "## Deliver results\nThe VX demo was moved up a week, I cut the scope to two flows.\n\n"
        "## Invent and simplify\nVXdemo needed gestures too, I added them on the last day.\n\n"
        "## Bias for action\nI rebuilt the VX pipeline overnight when the camera changed.\n"
    )
    found = find_projects(stories, kb)
    assert len(found) == 3 and {p.name for p in found.values()} == {"VX"}
