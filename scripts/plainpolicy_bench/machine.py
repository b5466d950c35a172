"""The machine the figures were measured on, and the versions of what was measured."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ["plainpolicy", "mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "textstat", "proselint", "pyphen", "pyinstrument"]


def _cpuinfo() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.1f} {five:.1f} {fifteen:.1f}"


def describe() -> dict[str, str]:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return {
        "processor": _cpuinfo(),
        "cores": str(os.cpu_count() or "?"),
        "memory": f"{_memory_gb():.1f} GB",
        "system": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(versions),
    }


def source_state(root: Path) -> str:
    """The commit of the code measured, and how many of plainpolicy's files differ from it (read-only git)."""
    from importlib.util import find_spec

    spec = find_spec("plainpolicy")
    origin = Path(spec.origin).resolve().parent if spec and spec.origin else None
    if origin is not None and origin != (root / "scripts" / "plainpolicy").resolve():
        return f"plainpolicy imported from {origin} (not this repository's scripts/)"
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "scripts/plainpolicy"], cwd=root, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    count = len([line for line in changed.splitlines() if line.strip()])
    return f"commit {head or '?'}" + (f" with {count} changed file{'s' * (count != 1)} in scripts/plainpolicy" if count else ", no local changes")
