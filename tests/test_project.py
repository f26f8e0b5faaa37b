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


def test_makefile_installs_cpu_torch_first_and_builds_llama_portably() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert makefile.index("grep '^torch==' $(LOCK)") < makefile.index("-r $(LOCK)")
    assert "-DGGML_NATIVE=OFF" in makefile and "-DGGML_AMX_INT8=OFF" in makefile
    assert "--no-cache-dir" in makefile  # pip's cache keys wheels by source, not build flags


def test_every_dependency_is_pinned_in_the_lock() -> None:
    from coach.health.doctor import locked_versions

    pins = locked_versions(REPO / "requirements.lock")
    assert pins["torch"] == "2.13.0+cpu"
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    for requirement in wanted:
        name = requirement.split("[")[0].split(">")[0].split("=")[0].split("<")[0].strip()
        assert name.lower() in pins, name
    assert len(pins) > 100  # transitive dependencies are pinned too


def test_installed_packages_match_the_lock() -> None:
    from coach.health.doctor import check_packages

    check = check_packages(REPO / "requirements.lock")
    assert check.ok, check.detail
