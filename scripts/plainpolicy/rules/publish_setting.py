"""`extra.publish` that is not true or false: `publish: "true"`, `publish: 1`.

MkDocs reads mkdocs.yml with PyYAML (YAML 1.1), so true, false, yes, no, on and
off, unquoted and in any case, are true or false; anything else (a quoted "true",
a number, a list) is not. A theme template would even read the text "false" as
true. So such a value is an error naming the file and line that write it (mkdocs.yml,
or a file it inherits from), and until it is put right the build counts as
publishing: placeholders are errors, never silently notes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import yaml

from plainpolicy.errors import shown
from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.mkdocs_config import child_node, config_chain, env_node

RULE = "site/publish-setting"


def is_wrong(extra: dict[str, Any] | None) -> bool:
    """`extra.publish` is written but is not a YAML true or false."""
    return "publish" in (extra or {}) and not isinstance((extra or {})["publish"], bool)


def publish_place(config_file: Path) -> tuple[Path, int] | None:
    """The file and line that write `extra.publish`, as MkDocs merges INHERIT: the child's
    `extra:` mapping over its parents' key by key (a child's `extra:` that is not a
    mapping replaces theirs)."""
    for file, root in config_chain(config_file):
        extra = child_node(root, "extra")
        if extra is None:
            continue
        extra = env_node(extra)
        if not isinstance(extra, yaml.MappingNode):
            return None
        value = child_node(extra, "publish")
        if value is not None:
            return file, int(value.start_mark.line) + 1
    return None


def finding(config_file: Path | None, extra: dict[str, Any] | None, display: Callable[[Path], str]) -> Finding | None:
    """The error for a `publish:` that is not true or false (None when it is, or is not written)."""
    if config_file is None or not is_wrong(extra):
        return None
    value = (extra or {})["publish"]
    file, line = publish_place(config_file) or (config_file, 1)
    return Finding(display(file), line, RULE, ERROR,
                   f"extra.publish is {'empty' if value is None else shown(value)}, not true or false: write true or false without quotes. "
                   "Until then this build counts as the real site, so details left unfilled are errors.",
                   hint="publish: true (the real site) or publish: false (a preview), without quotes.")
