"""pyinstrument profiles of the measured commands (for `--profile DIR`).

Each profile is saved as a session and rendered twice: a call tree limited to
plainpolicy's own frames, and `<name>-hotspots.txt`: the functions with the most
self time, and plainpolicy's functions with the most inclusive time, each with
file:line and share of the whole run. (pyinstrument's own flat view merges every
"[self]" entry into one line, so the hot spots are added up here instead.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from .corpus import ROOT, Site
from .processes import CHECK
from .procs import run_ok


def profile(name: str, target: list[str], cwd: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    session = out / f"{name}.pyisession"
    run_ok([sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session), *target], cwd, allowed=(0, 1))
    load = [sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text", "--no-color"]
    run_ok([*load, "-o", str(out / f"{name}-tree.txt"), "--show", "*/plainpolicy/*"], cwd)
    (out / f"{name}-hotspots.txt").write_text(hot_spots(session), encoding="utf-8")
    return session


def hot_spots(session_file: Path, limit: int = 25) -> str:
    from pyinstrument.session import Session

    session = Session.load(str(session_file))
    root = session.root_frame()
    total = root.time if root is not None else 0.0
    own: dict[str, float] = {}
    inclusive: dict[str, float] = {}

    def key(frame) -> str:  # type: ignore[no-untyped-def]
        return f"{frame.function}  {frame.file_path_short}:{frame.line_no}"

    def walk(frame, open_keys: frozenset[str]) -> None:  # type: ignore[no-untyped-def]
        if frame.is_synthetic_leaf:
            parent = frame.parent
            if parent is not None:
                own[key(parent)] = own.get(key(parent), 0.0) + frame.time
            return
        name = key(frame)
        real = [child for child in frame.children if not child.is_synthetic_leaf]
        own[name] = own.get(name, 0.0) + frame.time - sum(child.time for child in frame.children)
        if "plainpolicy" in (frame.file_path or "") and name not in open_keys:  # outermost call only: no double counting
            inclusive[name] = inclusive.get(name, 0.0) + frame.time
        for child in frame.children:
            walk(child, open_keys | {name})
        del real

    if root is not None:
        walk(root, frozenset())

    def listing(values: dict[str, float]) -> list[str]:
        ranked = sorted(values.items(), key=lambda item: -item[1])[:limit]
        return [f"{share * 100:5.1f}%  {seconds:7.3f} s  {name}" for name, seconds in ranked for share in [seconds / total if total else 0.0]]

    return "\n".join([
        f"{session_file.name}: {total:.3f} s sampled (wall), {session.cpu_time:.3f} s CPU",
        "", "Self time (where the time is spent):", *listing(own),
        "", "plainpolicy functions, inclusive time:", *listing(inclusive), "",
    ])


# `mkdocs serve` in one process, as MkDocs runs it: load the configuration, keep the
# plugins (those with on_startup are reused by load_config), build, edit one page,
# load again and build again; only the second build is profiled.
SERVE_REBUILD = """
import sys, logging
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pyinstrument import Profiler
config_file, page, out, site_dir = sys.argv[1:5]
logging.getLogger("mkdocs").setLevel(logging.ERROR)
config = load_config(config_file, site_dir=site_dir)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
file = Path(page)
file.write_text(file.read_text(encoding="utf-8") + "\\nOne more sentence, added to profile a rebuild.\\n", encoding="utf-8")
config = load_config(config_file, site_dir=site_dir)
profiler = Profiler()
profiler.start()
build(config)
profiler.stop()
profiler.last_session.save(out)
"""


def profile_serve_rebuild(out: Path, site: Site) -> Path:
    from .corpus import topic_path

    out.mkdir(parents=True, exist_ok=True)
    name = f"serve-rebuild-{site.pairs}-pairs-with-plugin"
    session = out / f"{name}.pyisession"
    page = site.docs / "staff" / topic_path(site.pairs // 2)
    run_ok([sys.executable, "-c", SERVE_REBUILD, str(site.config), str(page), str(session), str(site.root / "site-serve")], site.root)
    load = [sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text", "--no-color"]
    run_ok([*load, "-o", str(out / f"{name}-tree.txt"), "--show", "*/plainpolicy/*"], site.root)
    (out / f"{name}-hotspots.txt").write_text(hot_spots(session), encoding="utf-8")
    return session


def profile_all(out: Path, checked: Site, built: Site, project: Path = ROOT) -> list[Path]:
    """The cold check of `project`, the checker on `checked`, the build and a serve rebuild of `built`."""
    return [
        profile("cold-check", ["-m", "plainpolicy", "check"], project, out),
        profile(f"checker-{checked.pairs}-pairs", ["-c", CHECK, str(checked.config)], checked.root, out),
        profile(f"build-{built.pairs}-pairs-with-plugin", ["-m", "mkdocs", "build", "-q", "-f", str(built.config), "-d", str(built.root / "site-with")], built.root, out),
        profile(f"build-{built.pairs}-pairs-without-plugin", ["-m", "mkdocs", "build", "-q", "-f", str(built.config_without_plugin), "-d", str(built.root / "site-without")], built.root, out),
        profile_serve_rebuild(out, built),
    ]
