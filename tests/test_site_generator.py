"""Material for MkDocs announces its end of life on every build: nothing in the kit hides it.

The notice is how the people who look after a fork learn that the site
generator is changing (docs/maintainers/site-generator.md has the plan).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from plainpolicy_testing import REPO, copy_site

HIDING = "NO_MKDOCS_2_WARNING"


def project_files() -> list[Path]:
    """The kit's code, configuration, workflows and tests (the documentation may name the setting)."""
    files = [REPO / name for name in ("Makefile", "mkdocs.yml", "pyproject.toml", ".pre-commit-hooks.yaml") if (REPO / name).is_file()]
    for folder in (".ci", ".github", "scripts", "tests", "overrides"):
        files += [path for path in (REPO / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    return [path for path in files if path.resolve() != Path(__file__).resolve()]


def test_no_project_file_hides_materials_end_of_life_notice() -> None:
    hiding = [str(path.relative_to(REPO)) for path in project_files() if HIDING.encode() in path.read_bytes()]
    assert not hiding, f"{HIDING} is set in {hiding}: Material's end-of-life notice must stay visible"


def test_the_build_shows_materials_end_of_life_notice(tmp_path: Path) -> None:
    project = copy_site("clean", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\ntheme:\n  name: material\n  font: false\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != HIDING}
    env["PLAINPOLICY_NO_CACHE"] = "1"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "out")], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "end of life" in result.stderr, result.stderr
