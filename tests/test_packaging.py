"""plainpolicy as another site installs it: the wheel, its requirements, a fresh environment.

The wheel is built here, offline (no build isolation: the test extra brings
setuptools). The install test needs the wheels of plainpolicy's requirements
and of a Material patch release other than the one constraints.txt pins;
.ci/run downloads them into build/wheelhouse before the tests (pytest itself
never reaches the network) and sets PLAINPOLICY_REQUIRE_WHEELHOUSE=1, which
turns a missing wheelhouse into a failure instead of a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from plainpolicy_testing import OFFLINE, REPO, site

WHEELHOUSE = Path(os.environ.get("PLAINPOLICY_WHEELHOUSE") or REPO / "build" / "wheelhouse")


def pinned(name: str) -> str:
    """The version constraints.txt pins for a package."""
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        found, _, version = line.partition("==")
        if found.strip().lower().replace("_", "-") == name:
            return version.strip()
    raise AssertionError(f"{name} is not pinned in constraints.txt")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """plainpolicy's wheel, built from a copy of the sources, and what the build printed."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "scripts", source / "scripts", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", str(dist), str(source)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (wheel,) = dist.glob("plainpolicy-*.whl")
    return wheel, run.stdout + run.stderr


def test_the_wheel_ships_the_checker_its_data_and_licences_not_the_benchmark(built: tuple[Path, str]) -> None:
    wheel, _ = built
    names = zipfile.ZipFile(wheel).namelist()
    assert "plainpolicy/cli.py" in names and "plainpolicy/mkdocs_plugin/plugin.py" in names
    assert "plainpolicy/text/data/cmudict-syllables.txt.gz" in names and "plainpolicy/text/data/cmudict-LICENSE" in names
    assert "plainpolicy/text/data/small-letter-words.txt.gz" in names and "plainpolicy/text/data/scowl-LICENSE" in names
    assert "plainpolicy/safety/htmlpolicy.yml" in names and "plainpolicy/output/templates/report.html" in names
    assert not [name for name in names if name.startswith("plainpolicy_bench")], "the benchmark is shipped"
    assert not [name for name in names if name.startswith("build_syllable_table")], "the maintainers' script is shipped"
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_the_wheel_says_mit_and_asks_for_ranges_only(built: tuple[Path, str]) -> None:
    wheel, output = built
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert "License-Expression: MIT" in meta.splitlines()
    requirements = [Requirement(line.split(": ", 1)[1]) for line in meta.splitlines() if line.startswith("Requires-Dist: ")]
    runtime = {req.name.lower() for req in requirements if req.marker is None}
    assert runtime == {"mkdocs", "markdown", "textstat", "pyphen", "pyyaml", "selectolax", "tinycss2", "jinja2", "markupsafe"}
    assert not [str(req) for req in requirements if "==" in str(req.specifier)], "exact pins belong in constraints.txt"
    assert not re.search(r"deprecat", output, re.I), output  # setuptools' licence-table warning, among others


def test_pyproject_pins_nothing_and_constraints_pin_everything() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    every = list(project["dependencies"]) + [text for extra in project["optional-dependencies"].values() for text in extra]
    for text in every:
        requirement = Requirement(text)
        assert "==" not in str(requirement.specifier), text
        assert requirement.specifier.contains(pinned(requirement.name.lower().replace("_", "-"))), f"{text}: constraints.txt pins {pinned(requirement.name.lower())}"


def _wheelhouse_material() -> str | None:
    """The Material version in the wheelhouse, if it is another patch release of the pinned one."""
    pin = pinned("mkdocs-material")
    for wheel in WHEELHOUSE.glob("mkdocs_material-*.whl"):
        version = wheel.name.split("-")[1]
        if version != pin and version.rsplit(".", 1)[0] == pin.rsplit(".", 1)[0]:
            return version
    return None


def test_installs_beside_another_material_release_and_builds_a_site(built: tuple[Path, str], tmp_path: Path) -> None:
    material = _wheelhouse_material()
    if material is None:
        message = f"no wheelhouse with another Material patch release at {WHEELHOUSE} (.ci/run makes it)"
        if os.environ.get("PLAINPOLICY_REQUIRE_WHEELHOUSE"):
            pytest.fail(message)
        pytest.skip(message)
    wheel, _ = built
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env.update(PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONPATH=str(OFFLINE), PLAINPOLICY_NO_CACHE="1")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--find-links", str(WHEELHOUSE), str(wheel) + "[site]", f"mkdocs-material=={material}"],
        capture_output=True, text=True, timeout=900, env=env,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    where = subprocess.run([str(python), "-c", "import material, plainpolicy; from importlib.metadata import version; print(version('mkdocs-material')); print(plainpolicy.__file__)"], capture_output=True, text=True, env=env, check=True)
    installed, location = where.stdout.split()
    assert installed == material != pinned("mkdocs-material")
    assert Path(location).is_relative_to(venv), location  # the installed wheel, not this checkout
    project = tmp_path / "site"
    shutil.copytree(site("clean"), project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\ntheme:\n  name: material\n  font: false\n", encoding="utf-8")
    build = subprocess.run([str(venv / "bin" / "mkdocs"), "build", "-d", str(tmp_path / "out")], cwd=project, capture_output=True, text=True, timeout=600, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "plainpolicy: checked" in build.stderr, build.stderr
    assert (tmp_path / "out" / "staff" / "devices" / "index.html").is_file()
    check = subprocess.run([str(venv / "bin" / "plainpolicy"), "check", "--today", "2026-11-21"], cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
