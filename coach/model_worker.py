"""The model's own process: llama-cpp-python's OpenAI-compatible server, tied to its parent.

Started by ``coach.llm_server``; takes the server's own arguments. It exits by itself when the
coach that started it is gone, however the coach ended, so no model process is ever left behind.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time

WATCH_SECONDS = 1.0


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


def main() -> None:
    watch_parent()
    sys.argv = ["llama_cpp.server", *sys.argv[1:]]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
