"""The project's own set-up promises: layout, README opening, CI wiring."""

import tomllib

from tests.conftest import REPO


def test_required_top_level_layout() -> None:
    for name in ["coach", "knowledge", "prompts", "tests", "app.py", "pyproject.toml", "Makefile"]:
        assert (REPO / name).exists(), name


def test_readme_opens_with_the_two_commands() -> None:
    head = (REPO / "README.md").read_text().split("## ")[0]
    assert "make run" in head and "make test" in head


def test_ci_runs_make_test() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_required_packages_and_console_script() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    deps = " ".join(project["dependencies"])
    for package in ["llama-cpp-python", "chromadb", "sentence-transformers", "gradio", "pydantic"]:
        assert package in deps
    assert project["scripts"]["coach"] == "coach.cli:main"


def test_makefile_installs_cpu_torch_before_the_project() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert makefile.index("torch==2.13.0") < makefile.index("-e '.[dev]'")
