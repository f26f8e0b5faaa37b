"""A fake OpenAI-compatible model server for tests, with ways to fail on purpose.

Run: python tests/fake_model_server.py --port N --mode MODE [--state FILE]
Modes: ok (streams the prompt's "- " note lines back), segv (two tokens, then SIGSEGV),
hang (two tokens, then silence), hang-start (never answers a completion), exit-start (exits at
once with code 3), error (HTTP 500). With --state FILE, the failure happens only on the first
completion; later processes (the restarted worker) answer normally.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def _sentences(body: dict) -> list[str]:
    text = body["prompt"] if "prompt" in body else body["messages"][-1]["content"]
    notes = [line[2:].strip() for line in text.splitlines() if line.startswith("- ")]
    return [_rephrased(n) for n in notes] or ["I did the work myself."]


def _rephrased(sentence: str) -> str:
    """A few words of the model's own around a notes sentence (so it is model wording)."""
    head = sentence if sentence.startswith("I ") else sentence[:1].lower() + sentence[1:]
    return f"Back then, {head}"


class Handler(BaseHTTPRequestHandler):
    mode = "ok"
    state: Path | None = None

    def log_message(self, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        payload = json.dumps({"object": "list", "data": [{"id": "fake-model"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _failing(self) -> str:
        if self.state is None:
            return self.mode
        if self.state.exists():
            return "ok"
        self.state.write_text("failed once")
        return self.mode

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        mode = self._failing()
        if mode == "hang-start":
            time.sleep(3600)
        if mode == "error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"model exploded")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        chat = "messages" in body
        words = " ".join(_sentences(body)).split(" ")
        for n, word in enumerate(words):
            if n == 2 and mode == "segv":
                self.wfile.flush()
                ctypes.string_at(0)  # a real segmentation fault, in native code, mid-stream
            if n == 2 and mode == "hang":
                self.wfile.flush()
                time.sleep(3600)
            piece = word + " "
            choice = {"delta": {"content": piece}} if chat else {"text": piece}
            self.wfile.write(f"data: {json.dumps({'choices': [choice]})}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", default="ok")
    parser.add_argument("--state")
    parser.add_argument("--model")
    args, _ = parser.parse_known_args()
    if args.mode == "exit-start":
        print("fake worker refuses to start", file=sys.stderr)
        sys.exit(3)
    Handler.mode = args.mode
    Handler.state = Path(args.state) if args.state else None
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
