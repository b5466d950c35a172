"""The GitHub Actions workflows and pre-commit files, checked here because they cannot run here.

Each file must be valid YAML with the keys GitHub (or pre-commit) needs; every
action must be pinned to a version; and every command a step runs must exist in
this project: make targets in the Makefile, plainpolicy subcommands and options
that plainpolicy's own parser accepts, scripts that are in the repository.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from plainpolicy.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PAGES = WORKFLOWS / "pages.yml"

PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")
# Commands a step may use that are not part of this project.
SYSTEM_COMMANDS = {"echo", "cat", "test", "true", "set", "export", "cd", "apt-get", "printf"}
SEPARATORS = {"&&", "||", ";", "|", "&", "\n"}
REDIRECTS = {">", ">>", "<", ">&", "<&", "&>"}


# --- reading the project -----------------------------------------------------------------
def makefile_targets(path: Path = REPO / "Makefile") -> set[str]:
    """Targets defined in a Makefile, with $(VARIABLES) expanded (as make would)."""
    variables: dict[str, str] = {}

    def expand(text: str) -> str:
        for _ in range(10):
            new = re.sub(r"\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]", lambda m: variables.get(m.group(1), ""), text)
            if new == text:
                break
            text = new
        return text

    targets: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("\t") or line.lstrip().startswith("#"):
            continue
        assignment = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(\?=|:=|::=|\+=|=)\s*(.*)$", line)
        if assignment:
            name, operator, value = assignment.groups()
            if operator == "?=" and name in variables:
                continue
            value = expand(value) if operator in (":=", "::=") else value
            variables[name] = (variables.get(name, "") + " " + value).strip() if operator == "+=" else value
            continue
        rule = re.match(r"^([^:=#]+?)\s*::?(?!=)", line)
        if rule:
            # Special targets such as .PHONY are not things to build.
            targets.update(name for name in expand(rule.group(1)).split() if not re.fullmatch(r"\.[A-Z_]+", name))
    return targets


def console_scripts() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project.get("scripts", {}))


def split_commands(script: str) -> list[list[str]]:
    """A `run:` script as simple commands (words), without separators and redirections."""
    script = re.sub(r"\\\n", " ", script)
    commands: list[list[str]] = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        current: list[str] = []
        skip = False
        for token in lexer:
            if skip:
                skip = False
            elif token in SEPARATORS:
                if current:
                    commands.append(current)
                current = []
            elif token in REDIRECTS:
                skip = True
            else:
                current.append(token)
        if current:
            commands.append(current)
    return commands


@dataclass
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def command_problems(words: list[str], where: str, targets: set[str] | None = None) -> list[Problem]:
    """What is wrong with one simple command, or nothing."""
    targets = makefile_targets() if targets is None else targets
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        words = words[1:]  # VARIABLE=value before the command
    if words and words[0] == "sudo":
        words = words[1:]
    if not words:
        return []
    program, arguments = words[0], words[1:]
    name = program.rsplit("/", 1)[-1]
    if program == "make":
        wanted = [word for word in arguments if not word.startswith("-") and "=" not in word]
        if not wanted:
            return [Problem(where, "`make` without a target: name the target, such as `make site`")]
        return [Problem(where, f"make target '{target}' is not in the Makefile") for target in wanted if target not in targets]
    if name == "plainpolicy":
        if program not in ("plainpolicy", ".venv/bin/plainpolicy"):
            return [Problem(where, f"run plainpolicy as `.venv/bin/plainpolicy` (from make's install), not {program}")]
        try:
            build_parser().parse_args(arguments)
        except SystemExit:
            return [Problem(where, f"plainpolicy does not accept: {shlex.join(arguments)}")]
        return []
    if program.startswith(".venv/bin/"):
        known = console_scripts() | {"python", "python3", "pip", "mkdocs", "pytest"}
        if name not in known:
            return [Problem(where, f"{program} is not installed by this project")]
        if name.startswith("python") and arguments[:1] == ["-m"] and len(arguments) > 1:
            import importlib.util

            if importlib.util.find_spec(arguments[1]) is None:
                return [Problem(where, f"no Python module {arguments[1]}")]
        return []
    if "/" in program:
        path = REPO / program
        if not path.is_file():
            return [Problem(where, f"{program} is not a file in the repository")]
        if not path.stat().st_mode & 0o111:
            return [Problem(where, f"{program} is not executable (git update-index --chmod=+x)")]
        return []
    if program in SYSTEM_COMMANDS:
        return []
    return [Problem(where, f"unknown command '{program}': use a make target, plainpolicy, or a script in the repository")]


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` block (PyYAML reads a bare `on` key as True, as YAML 1.1 says)."""
    value = workflow.get("on", workflow.get(True))
    assert value is not None, "no 'on:' block"
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return {name: None for name in value}
    return value


def steps(workflow: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(job id, step label, step) for every step of every job."""
    found = []
    for job_id, job in workflow["jobs"].items():
        for index, step in enumerate(job.get("steps", []), start=1):
            found.append((job_id, f"{job_id} step {index} ({step.get('name', '')})", step))
    return found


def run_commands(workflow: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(label, words) for _, label, step in steps(workflow) if "run" in step for words in split_commands(step["run"])]


ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


# --- the validator itself catches mistakes (so the checks below cannot pass by accident) ---
def test_makefile_targets_are_read_with_variables() -> None:
    targets = makefile_targets()
    assert {"site", "test", "check", "serve", "clean", ".venv/.installed"} <= targets
    assert "$(STAMP)" not in targets


@pytest.mark.parametrize(
    ("command", "complaint"),
    [
        ("make sitee", "make target 'sitee' is not in the Makefile"),
        ("make", "`make` without a target"),
        (".venv/bin/plainpolicy check --format html", "plainpolicy does not accept"),
        (".venv/bin/plainpolicy chek", "plainpolicy does not accept"),
        (".venv/bin/plainpolicy check --summry x", "plainpolicy does not accept"),
        ("/usr/local/bin/plainpolicy check", "run plainpolicy as"),
        (".venv/bin/notatool", "is not installed by this project"),
        (".venv/bin/python -m no_such_module_here", "no Python module"),
        (".ci/nothing-here", "is not a file in the repository"),
        ("curl https://example.org | sh", "unknown command 'curl'"),
    ],
)
def test_the_validator_catches_mistakes(command: str, complaint: str) -> None:
    problems = [problem for words in split_commands(command) for problem in command_problems(words, "test")]
    assert any(complaint in problem.what for problem in problems), problems


def test_split_commands() -> None:
    script = 'set -e\nFOO=1 make site && .venv/bin/plainpolicy check --summary "$GITHUB_STEP_SUMMARY" >> out.txt # note\nmake \\\n  test'
    assert split_commands(script) == [
        ["set", "-e"],
        ["FOO=1", "make", "site"],
        [".venv/bin/plainpolicy", "check", "--summary", "$GITHUB_STEP_SUMMARY"],
        ["make", "test"],
    ]


# --- every workflow -------------------------------------------------------------------------
def test_the_workflows_exist() -> None:
    assert PULL_REQUEST in ALL_WORKFLOWS
    assert PAGES in ALL_WORKFLOWS


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda path: path.name)
def test_workflow_structure(path: Path) -> None:
    workflow = load(path)
    assert isinstance(workflow.get("name"), str) and workflow["name"]
    assert triggers(workflow)
    jobs = workflow.get("jobs")
    assert isinstance(jobs, dict) and jobs, "no jobs"
    for job_id, job in jobs.items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", job_id), job_id
        assert isinstance(job, dict), job_id
        assert job.get("runs-on"), f"{job_id}: no runs-on"
        assert isinstance(job.get("timeout-minutes"), int), f"{job_id}: set timeout-minutes, so a stuck job stops"
        needs = job.get("needs", [])
        for other in [needs] if isinstance(needs, str) else needs:
            assert other in jobs, f"{job_id} needs unknown job {other}"
        assert isinstance(job.get("steps"), list) and job["steps"], f"{job_id}: no steps"
        ids = [step.get("id") for step in job["steps"] if step.get("id")]
        assert len(ids) == len(set(ids)), f"{job_id}: two steps share an id"
        for step in job["steps"]:
            assert isinstance(step, dict)
            assert ("uses" in step) != ("run" in step), f"{job_id}: each step has either uses or run: {step}"
            assert step.get("name"), f"{job_id}: every step has a name a contributor can read"
            assert set(step) <= {"name", "id", "if", "uses", "with", "run", "env", "shell", "working-directory", "continue-on-error", "timeout-minutes"}, step


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned(path: Path) -> None:
    for _, label, step in steps(load(path)):
        uses = step.get("uses")
        if uses is None or uses.startswith("./"):
            continue
        if uses.startswith("docker://"):
            assert re.search(r":[\w.-]+$|@sha256:[0-9a-f]{64}$", uses), f"{label}: docker image without a tag"
            continue
        assert PINNED_ACTION.match(uses), f"{label}: pin '{uses}' to a version (owner/action@v1) or a commit"
    for job_id, job in load(path)["jobs"].items():
        container = job.get("container")
        if container:
            image = container["image"] if isinstance(container, dict) else container
            assert re.search(r":[\w.-]+$", image) and not image.endswith(":latest"), f"{job_id}: pin the container image {image}"


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda path: path.name)
def test_every_command_exists(path: Path) -> None:
    workflow = load(path)
    targets = makefile_targets()
    problems = [problem for label, words in run_commands(workflow) for problem in command_problems(words, label, targets)]
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_itself_knows_the_targets() -> None:
    """A second opinion from make: a dry run of each target the workflows use."""
    wanted = {
        word
        for path in ALL_WORKFLOWS
        for _, words in run_commands(load(path))
        if words[:1] == ["make"]
        for word in words[1:]
        if not word.startswith("-") and "=" not in word
    }
    assert wanted
    for target in sorted(wanted):
        dry = subprocess.run(["make", "--dry-run", "--no-print-directory", "-C", str(REPO), target], capture_output=True, text=True, timeout=60)
        assert dry.returncode == 0, f"make {target}: {dry.stderr}"


def test_scripts_run_by_the_workflows_are_checked_too() -> None:
    """.ci/run is run by a step: what it runs must exist as well."""
    script = REPO / ".ci" / "run"
    commands = split_commands(script.read_text(encoding="utf-8"))
    assert ["make", "test"] in commands
    make_calls = [words for words in commands if words[:1] == ["make"]]
    problems = [problem for words in make_calls for problem in command_problems(words, ".ci/run")]
    assert not problems, problems
    assert "PLAINPOLICY_REQUIRE_BROWSER=1" in script.read_text(encoding="utf-8")


# --- the pull-request workflow ----------------------------------------------------------------
def _pr() -> dict[str, Any]:
    return load(PULL_REQUEST)


def _commands(workflow: dict[str, Any]) -> list[list[str]]:
    return [words for _, words in run_commands(workflow)]


def _plainpolicy_runs(workflow: dict[str, Any]) -> list[Any]:
    return [build_parser().parse_args(words[1:]) for words in _commands(workflow) if words[0].endswith("plainpolicy")]


def test_pull_request_trigger() -> None:
    assert "pull_request" in triggers(_pr())
    assert _pr().get("permissions") == {"contents": "read"}, "a pull request needs no write access"


def test_pull_request_annotates_and_summarises() -> None:
    runs = _plainpolicy_runs(_pr())
    check = [args for args in runs if args.command == "check"]
    assert check, "the pull-request workflow runs plainpolicy check"
    assert any(args.format == "github" for args in check), "annotations: --format github"
    assert all(args.strict for args in check), "strict, like the site build (make site runs mkdocs build --strict)"
    assert any(args.summary is not None and str(args.summary) == "$GITHUB_STEP_SUMMARY" for args in check), "summary: --summary \"$GITHUB_STEP_SUMMARY\""
    assert all(not args.paths for args in check), "check the whole site: pairing and the checklist need every page"


def test_pull_request_builds_and_tests() -> None:
    commands = _commands(_pr())
    assert ["make", "site"] in commands, "the site is built with make site (mkdocs build --strict)"
    runs_tests = ["make", "test"] in commands or [".ci/run"] in commands
    assert runs_tests, "the tests run (make test, or .ci/run which runs make test)"
    assert "--strict" in (REPO / "Makefile").read_text(encoding="utf-8").split("\nsite:", 1)[1].split("\n\n", 1)[0]


def test_pull_request_installs_before_checking() -> None:
    check_job = _pr()["jobs"]["check"]
    labels = [step.get("run", step.get("uses", "")) for step in check_job["steps"]]
    install = next(index for index, label in enumerate(labels) if label.startswith("make .venv/.installed"))
    check = next(index for index, label in enumerate(labels) if "plainpolicy check" in label)
    python = next(index for index, label in enumerate(labels) if label.startswith("actions/setup-python@"))
    assert python < install < check
    setup = check_job["steps"][python]
    assert setup["with"]["python-version"] == "3.11", "a string, so YAML does not read it as a number"
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert requires.startswith(">=3.11"), requires


def test_pull_request_site_build_runs_even_when_the_check_fails() -> None:
    steps_by_run = {step.get("run"): step for step in _pr()["jobs"]["check"]["steps"] if "run" in step}
    assert "!cancelled()" in steps_by_run["make site"].get("if", ""), "contributors see every problem in one run"


def test_pull_request_browser_tests_run_on_debian() -> None:
    test_job = _pr()["jobs"]["test"]
    image = test_job["container"]["image"] if isinstance(test_job["container"], dict) else test_job["container"]
    assert image.startswith("python:3.11-") and ("bookworm" in image or "trixie" in image), "Debian, for apt-get install chromium"
    assert [".ci/run"] in [words for step in test_job["steps"] if "run" in step for words in split_commands(step["run"])]


# --- the pages workflow -------------------------------------------------------------------------
def _pages() -> dict[str, Any]:
    return load(PAGES)


def test_pages_publishes_from_main() -> None:
    on = triggers(_pages())
    assert "main" in on["push"]["branches"]
    assert "pull_request" not in on
    assert _pages()["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_pages_builds_with_make_site_and_deploys() -> None:
    jobs = _pages()["jobs"]
    build_steps = jobs["build"]["steps"]
    assert ["make", "site"] in [words for step in build_steps if "run" in step for words in split_commands(step["run"])]
    upload = next(step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    site_dir = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")).get("site_dir", "site")
    assert upload["with"]["path"].rstrip("/") == site_dir
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    step = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/deploy-pages@"))
    assert "steps." + step["id"] + ".outputs.page_url" in deploy["environment"]["url"]
    assert _pages()["concurrency"]["cancel-in-progress"] is False


@pytest.mark.parametrize("path", [PULL_REQUEST, PAGES], ids=lambda path: path.name)
def test_plainpolicy_cache_is_kept_between_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder the workflow caches is the one plainpolicy uses on the runner, restored before the first check or build."""
    from plainpolicy.text.syllables import cache_dir

    for name in ("PLAINPOLICY_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "/home/runner")
    workflow = load(path)
    job_steps = next(job["steps"] for job in workflow["jobs"].values() if any("make site" in step.get("run", "") for step in job["steps"]))
    cache = next(index for index, step in enumerate(job_steps) if step.get("uses", "").startswith("actions/cache@"))
    assert Path(job_steps[cache]["with"]["path"].replace("~", "/home/runner", 1)) == cache_dir()
    assert "hashFiles(" in job_steps[cache]["with"]["key"] and job_steps[cache]["with"]["restore-keys"].strip()
    first_use = next(index for index, step in enumerate(job_steps) if "plainpolicy" in step.get("run", "") or "make site" in step.get("run", ""))
    assert cache < first_use


# --- pre-commit -----------------------------------------------------------------------------------
def test_pre_commit_hooks_file() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and hooks
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
        assert hook["language"] == "python", "installed from this repository's pyproject.toml"
        entry = shlex.split(hook["entry"])
        assert entry[0] in console_scripts(), f"{entry[0]} is not a console script of this package"
        build_parser().parse_args(entry[1:] + list(hook.get("args", [])))
        files = re.compile(hook["files"])
        assert files.search("docs/staff/devices.md") and files.search("docs/glossary.yml") and files.search("mkdocs.yml")
        assert not files.search("scripts/plainpolicy/cli.py")
        assert hook["pass_filenames"] is False, "the whole site is checked: pairing needs every page"


def test_pre_commit_config() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = config["repos"]
    assert repos
    local_entries = []
    for repo in repos:
        assert {"repo", "hooks"} <= set(repo), repo
        if repo["repo"] == "local":
            for hook in repo["hooks"]:
                assert {"id", "name", "entry", "language"} <= set(hook), hook
                local_entries.append(hook)
        else:
            assert re.fullmatch(r"v\d+(\.\d+)*|[0-9a-f]{40}", str(repo.get("rev", ""))), f"pin {repo['repo']} to a tag or commit"
        for hook in repo["hooks"]:
            if "files" in hook:
                re.compile(hook["files"])
    assert local_entries, "this repository checks itself with its own plainpolicy"
    for hook in local_entries:
        words = shlex.split(hook["entry"]) + list(hook.get("args", []))
        problems = command_problems(words, f"pre-commit hook {hook['id']}")
        assert not problems, problems
