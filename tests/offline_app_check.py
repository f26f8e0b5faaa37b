"""Run inside a network namespace with only loopback (see test_slow_offline.py): prove the network
is gone, then coach through the app in chromium and through the CLI, from a fresh HOME."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, served_app, wait_ready, wait_text

QUESTION = "Tell me about a time you disagreed with your manager."
ANSWER = ("My manager preferred a CPU model and I preferred the DSP. I went with her choice but "
          "kept the DSP version ready. When the CPU version failed we swapped it in.")  # fmt: skip


def main() -> None:
    probe = socket.socket()
    probe.settimeout(2)
    try:
        probe.connect(("1.1.1.1", 53))
        raise SystemExit("NETWORK-REACHABLE: this check must run without a network")
    except OSError:
        print("network-unreachable")
    coach = str(Path(sys.executable).with_name("coach"))
    asked = subprocess.run([coach, "ask", QUESTION, "--json"], capture_output=True, text=True,
                           check=True)  # fmt: skip
    draft = json.loads(asked.stdout)["draft"]
    assert draft["text"] and draft["model"] == "gemma-3-270m-q4_k_m.gguf", draft["model"]
    assert not any("model process" in note for note in draft["notes"]), draft["notes"]
    doctor = subprocess.run([coach, "doctor"], capture_output=True, text=True)
    assert doctor.returncode == 0, doctor.stdout
    critiqued = subprocess.run([coach, "critique", "--question", QUESTION, "--answer", ANSWER,
                                "--json"], capture_output=True, text=True, check=True)  # fmt: skip
    assert 1 <= json.loads(critiqued.stdout)["overall"] <= 5
    print("cli-ok")
    from playwright.sync_api import sync_playwright

    home = Path(os.environ["COACH_HOME"])
    with served_app(home) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        wait_ready(page)
        page.fill("#ask-question textarea", QUESTION)
        page.click("#ask-button")
        wait_text(page, "#chat", "Follow-ups to expect", 180)
        page.get_by_role("tab", name="Critique").click()
        page.fill("#critique-question textarea", QUESTION)
        page.fill("#critique-answer textarea", ANSWER)
        page.click("#critique-button")
        wait_text(page, "#critique-summary", "Overall", 60)
        browser.close()
    print("app-ok")


if __name__ == "__main__":
    main()
