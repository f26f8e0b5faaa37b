"""``python -m coach.health.smoke``: a short real generation before the test suite (``make test``).

A llama.cpp build that cannot run on this CPU fails here within seconds, with one sentence and
the fix, instead of as a segmentation fault in the middle of the tests.
"""

from __future__ import annotations

import sys

from coach.drafting.backends.choice import DEFAULT_MODEL, close_models
from coach.health.doctor import check_model, check_native_build, render


def main() -> int:
    checks = [check_native_build()]
    if checks[0].ok:
        checks.append(check_model(DEFAULT_MODEL))
    close_models()
    print("Model smoke test:\n" + render(checks))
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
