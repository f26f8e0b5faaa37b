"""Safe YAML reading: no Python tags, no aliases (which can explode into huge documents)."""

from __future__ import annotations

from typing import Any

import yaml


class _NoAliasSafeLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors/aliases outright."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it


def load_yaml(text: str) -> Any:
    """Parse YAML text safely; raises yaml.YAMLError on anything malformed or unsafe.

    With libyaml the event stream is checked for aliases first (both passes in C, about six
    times faster than the Python loader); without it the Python loader refuses them itself."""
    if _FAST is None:
        return yaml.load(text, Loader=_NoAliasSafeLoader)
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases are not allowed", event.start_mark
            )
    return yaml.load(text, Loader=_FAST)


def yaml_problem(exc: yaml.YAMLError) -> str:
    """A one-line description of a YAML error, with its line number when known."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f" at line {mark.line + 1}" if mark is not None else ""
    return f"is not valid YAML{where} ({problem})"
