"""The model's own process: one GGUF file behind a small OpenAI-compatible endpoint on loopback.

Started and watched by ``backends.process``; it exits by itself when the coach that started it is
gone. It speaks just enough of the protocol for the coach (``GET /v1/models``, streamed and plain
``POST /v1/completions``), so any other server can stand in (``llm_server_command``).

Why not llama-cpp-python's own server here: on a 2-core machine its event loop kept a third thread
busy beside llama.cpp's two while it streamed, and drafts took about 1.5 times as long as
in-process generation. Here the request's own thread runs the generation loop, so a draft costs
what it costs in-process plus a few bytes per token on a socket.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.drafting.backends.load import LoadWatch

WATCH_SECONDS = 1.0
KEEPALIVE_SECONDS = 5.0  # a queued request hears ": queued" this often, so it never times out


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(0)


def watch_parent() -> None:
    """Exit this process as soon as the process that started it is gone.

    The coach passes its pid in ``COACH_PARENT_PID``, so a coach that died before this line ran
    is noticed too.
    """
    parent = int(os.environ.get("COACH_PARENT_PID") or os.getppid())
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


class _Handler(BaseHTTPRequestHandler):
    model: Any = None  # an InProcessModel, set before serving
    lock = threading.Lock()  # llama.cpp is not re-entrant: one generation at a time
    load: LoadWatch | None = None  # set when the thread count follows the machine's load

    def log_message(self, *args: object) -> None:
        return None

    def _json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._json(200, {"object": "list", "data": [{"id": self.model.name}]})
        elif self.path == "/health":
            self._json(200, {"status": "ok"})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        if self.path.rstrip("/") not in ("/v1/completions", "/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            prompt = str(body["prompt"])
        except (ValueError, KeyError, TypeError):
            self._json(400, {"error": {"message": "expected JSON with a prompt"}})
            return
        options = {
            "max_tokens": int(body.get("max_tokens") or 16),
            "temperature": float(body.get("temperature", 0.0)),
            "repeat_penalty": float(body.get("repeat_penalty", 1.0)),
            "stop": body.get("stop") or [],
        }
        if body.get("stream"):
            self._stream(prompt, options)
        else:
            with self.lock:
                text = "".join(self._pieces(prompt, options))
            self._json(200, {"object": "text_completion", "model": self.model.name,
                             "choices": [{"index": 0, "text": text}]})  # fmt: skip

    def _pieces(self, prompt: str, options: dict):
        if self.load is not None:
            self.model.set_threads(self.load.threads())
        for chunk in self.model.llm.create_completion(prompt, stream=True, **options):
            piece = chunk["choices"][0]["text"]
            if piece:
                yield piece

    def _stream(self, prompt: str, options: dict) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            while not self.lock.acquire(timeout=KEEPALIVE_SECONDS):
                self.wfile.write(b": queued\n\n")
            try:
                for piece in self._pieces(prompt, options):
                    event = {"object": "text_completion", "choices": [{"index": 0, "text": piece}]}
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            finally:
                self.lock.release()
            self.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # the coach stopped listening; closing the generator stopped llama.cpp


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve one GGUF model on loopback.")
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--threads", type=int, default=0, help="0: every core while the machine is idle, one "
        "fewer while other work keeps it busy (checked before each request)"
    )
    parser.add_argument("--context", type=int, default=2048)
    args = parser.parse_args(argv)
    watch_parent()
    from coach.drafting.backends.inprocess import InProcessModel

    if not args.threads:
        from coach.drafting.backends.load import LoadWatch

        _Handler.load = LoadWatch()
    threads = args.threads or os.cpu_count() or 2
    _Handler.model = InProcessModel(Path(args.model), threads=threads, context=args.context)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
