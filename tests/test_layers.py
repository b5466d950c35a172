"""The package's layers and loops, as pyproject.toml's [tool.importlinter] contracts say.

The real package must keep both contracts; a copy with one import that runs up the
layers, or one loop, must break them (so the check can fail)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(scripts: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(scripts)}
    return subprocess.run([str(LINT_IMPORTS), str(config), "--no-cache"], capture_output=True, text=True, env=env, cwd=config.parent)


def copy_package(tmp_path: Path) -> tuple[Path, Path]:
    scripts = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts" / "plainpolicy", scripts / "plainpolicy", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return scripts, tmp_path / "pyproject.toml"


def test_the_package_keeps_its_layers_and_has_no_loops() -> None:
    run = lint_imports(ROOT / "scripts", ROOT / "pyproject.toml")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


def test_an_import_up_the_layers_is_refused(tmp_path: Path) -> None:
    scripts, config = copy_package(tmp_path)
    module = scripts / "plainpolicy" / "text" / "sentences.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom plainpolicy.output import report_html  # noqa\n", encoding="utf-8")
    run = lint_imports(scripts, config)
    assert run.returncode != 0
    assert "Each part uses only the parts below it BROKEN" in run.stdout
    assert "plainpolicy.text.sentences -> plainpolicy.output.report_html" in run.stdout


def test_a_loop_inside_a_part_is_refused(tmp_path: Path) -> None:
    scripts, config = copy_package(tmp_path)
    module = scripts / "plainpolicy" / "reading" / "fragments.py"  # extract imports fragments already
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom plainpolicy.reading import extract  # noqa\n", encoding="utf-8")
    run = lint_imports(scripts, config)
    assert run.returncode != 0
    assert "No import loops BROKEN" in run.stdout
