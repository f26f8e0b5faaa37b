"""The package layout reads as the pipeline, and dependencies run one way (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

COACH = REPO / "coach"
# Lower tiers never import higher ones; packages on one tier never import each other.
TIERS = {
    "core": 0, "text": 1, "knowledge": 2, "speech": 2, "index": 3, "retrieval": 4, "drafting": 5,
    "critique": 6, "practice": 7, "health": 7, "evaluation": 7, "app": 8, "cli": 8,
}  # fmt: skip
MAX_LINES = 400


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "coach" else None


def _imports(path) -> set[str]:
    """Every coach module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "coach":
                found |= {f"coach.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("coach.")}


def _modules():
    return sorted(p for p in COACH.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_lives_in_a_stage_package() -> None:
    for path in _modules():
        relative = path.relative_to(COACH)
        if relative.as_posix() == "__init__.py":
            continue
        assert relative.parts[0] in TIERS, f"{relative} is outside the stage packages"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(COACH)))
def test_imports_run_one_way(path) -> None:
    stage = _stage("coach." + ".".join(path.relative_to(COACH).with_suffix("").parts))
    if stage is None or stage == "__init__":
        return
    for imported in _imports(path):
        target = _stage(imported)
        if target is None or target == stage:
            continue
        assert target in TIERS, f"{path.name} imports unknown stage {imported}"
        assert TIERS[target] < TIERS[stage], (
            f"coach.{stage} ({path.relative_to(COACH)}) imports {imported}: "
            f"a tier-{TIERS[target]} stage from tier {TIERS[stage]}"
        )


def test_no_module_is_too_long() -> None:
    long = {str(p.relative_to(COACH)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}  # fmt: skip
    assert not long, long


def test_each_stage_says_what_it_does() -> None:
    for stage in TIERS:
        init = COACH / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, f"coach/{stage}/__init__.py needs its two lines"


def test_the_checker_sees_a_wrong_way_import(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from coach.app.service import CoachService\n")
    assert "coach.app.service" in _imports(bad)
