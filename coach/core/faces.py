"""Lazy package faces: a stage's ``__init__`` names its entry points without importing them all.

``from coach.retrieval import open_retriever`` then loads only what that one name needs, so a
light process (the model worker, a one-shot CLI call) never pays for stages it does not use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_face(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``name`` from ``exports[name]`` on first use."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(exports[name]), name)

    return __getattr__
