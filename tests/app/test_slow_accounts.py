"""Private workspaces on one server: two accounts sign in to the real app; one fills her workspace,
the other calls every endpoint of the API with her titles, ids and paths and never sees her data."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coach.core.accounts import AccountStore
from tests.browser import served_app, wait_ready, wait_text

pytestmark = pytest.mark.slow
ALICE, BOB = ("alice", "alice-password-1"), ("bob", "bob-password-22")
SECRET_STORY = "the brass foghorn"  # only in Alice's notes
SECRET_ANSWER = "ALICE-PRIVATE-7731"  # only in Alice's critiqued answer
NOTES = f"""# Customer Obsession

### Keeping the island ferry running
S: Our ferry's radio failed before a storm, and {SECRET_STORY} was all we had left.
T: I had to keep the crossing safe for the morning passengers.
A: I drafted a signal plan with the harbour, trained two deckhands on it, and tested it twice.
R: We ran all twelve crossings that week with no missed signal.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("accounts-home")
    store = AccountStore(url=None, path=home / "accounts.sqlite3")
    for name, password in (ALICE, BOB):
        store.add(name, password)
    notes = tmp_path_factory.mktemp("alice-upload") / "ferry notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    with served_app(home, "--model", "none") as url:
        yield url, home, notes


def _client(url: str, account: tuple[str, str]):
    from gradio_client import Client, handle_file

    return Client(url, auth=account, verbose=False), handle_file


def test_every_endpoint_keeps_accounts_apart(server) -> None:
    url, home, notes = server
    alice, handle_file = _client(url, ALICE)
    report = alice.predict(handle_file(str(notes)), api_name="/upload_notes")
    assert "answers" in report[0] or "stor" in report[0], report[0]
    alice.predict("Tell me about a time you kept customers safe.",
                  f"I kept the ferry safe. {SECRET_ANSWER} was the code we used.", False,
                  api_name="/critique")  # fmt: skip
    exported = alice.predict(api_name="/export_markdown")
    assert SECRET_ANSWER in Path(exported).read_text(encoding="utf-8")
    history = json.dumps(alice.predict(api_name="/history"), default=str)
    assert SECRET_ANSWER not in history  # the table shows questions, not answers
    asked = json.dumps(alice.predict("Tell me about keeping a ferry crossing safe.", [], 2.0,
                                     "best story", api_name="/ask"), default=str)  # fmt: skip
    assert "Keeping the island ferry running" in asked  # her own story, for her
    alice_files = [str(p) for p in (home / "users" / "alice").rglob("*") if p.is_file()]
    assert alice_files and not (home / "users" / "bob").exists()

    bob, _ = _client(url, BOB)
    guesses = {  # what Bob might send to reach Alice's data
        "title": "Keeping the island ferry running", "story_id": "keeping-the-island-ferry-running",
        "p": str(notes), "path": str(notes), "name": "amazon-5", "q": "Tell me about a ferry",
        "text": "Tell me about keeping a ferry crossing safe.", "answer": "I helped.",
    }  # fmt: skip
    api = bob.view_api(return_format="dict", print_info=False)["named_endpoints"]
    seen, refused = [], []
    for endpoint, spec in api.items():
        args = []
        for param in spec["parameters"]:
            name = param.get("parameter_name") or ""
            if name == "path":  # a file of Alice's named by its server path, not uploaded
                args.append({"path": alice_files[0], "orig_name": "notes.md",
                             "meta": {"_type": "gradio.FileData"}})  # fmt: skip
            else:
                args.append(guesses.get(name, param.get("parameter_default")))
        try:
            seen.append(json.dumps(bob.predict(*args, api_name=endpoint), default=str))
        except Exception as exc:  # refusing is fine; leaking is not
            seen.append(str(exc))
            refused.append(endpoint)
    everything = "\n".join(seen)
    assert len(seen) == len(api) >= 25
    assert "/upload_notes" in refused  # a file named by its server path is never read
    # the rest ran for Bob on Bob's workspace; the few refused had a choice not on Bob's lists
    assert len(refused) <= 6, refused
    assert SECRET_STORY not in everything and SECRET_ANSWER not in everything
    bob_export = bob.predict(api_name="/export_markdown")
    assert SECRET_ANSWER not in Path(bob_export).read_text(encoding="utf-8")
    bob_files = [p for p in (home / "users" / "bob").rglob("*") if p.is_file()]
    assert bob_files  # Bob worked in his own folder...
    for path in bob_files:  # ...and nothing of Alice's reached it
        data = path.read_bytes()
        assert SECRET_STORY.encode() not in data and SECRET_ANSWER.encode() not in data, path


def test_files_and_pages_need_a_signed_in_account(server) -> None:
    url, home, _ = server
    secret = next((home / "users" / "alice").rglob("*.md"))
    for path in ("gradio_api/info", f"gradio_api/file={secret}", "config"):
        try:
            with urllib.request.urlopen(url + path, timeout=10) as response:
                body = response.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            assert exc.code in (401, 403, 404), (path, exc.code)
            continue
        assert SECRET_STORY not in body and "named_endpoints" not in body, path


def test_signing_in_in_a_browser(server, browser) -> None:
    url, _, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.get_by_label("username").fill("bob")
    page.get_by_label("password").fill("not his password")
    page.get_by_role("button", name="Login").click()
    page.wait_for_timeout(1500)
    assert page.locator("#status").count() == 0  # still outside
    page.get_by_label("username").fill(BOB[0])
    page.get_by_label("password").fill(BOB[1])
    page.get_by_role("button", name="Login").click()
    wait_ready(page)
    page.get_by_role("tab", name="Story bank").click()
    wait_text(page, "#bank-summary", "example bank")  # Bob has no sources of his own
    page.fill("#bank-path textarea, #bank-path input", "/etc/passwd")
    page.click("#bank-add")
    wait_text(page, "#bank-report", "upload your notes file instead")
    page.close()
