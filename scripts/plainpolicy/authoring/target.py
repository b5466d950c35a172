"""Which file `plainpolicy init` edits: mkdocs.yml, or the file it inherits its details from.

MkDocs reads mkdocs.yml and each file it names with `INHERIT:`, the child's values
winning (mappings such as `extra:` merged key by key, a `plugins:` list taken whole
from the first file that has one). init writes where each detail is in effect: when
every detail it fills in is written (or would be added) in one file, that file;
when they are spread over several, it refuses and names them, so nothing is
written where MkDocs would not read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import yaml

from plainpolicy.engine.checker import display_path
from plainpolicy.errors import CannotRun
from plainpolicy.reading.mkdocs_config import child_node, config_chain

Chain = list[tuple[Path, yaml.Node | None]]


def _owner(chain: Chain, path: Sequence[str]) -> Path | None:
    """The first file of the chain (mkdocs.yml first) whose value for `path` MkDocs uses."""
    for file, root in chain:
        if path[0] == "plugins":  # a list: the first file that has one decides
            if child_node(root, "plugins") is not None:
                return file
            continue
        node = root
        for key in path:
            node = child_node(node, key)
        if node is not None:
            return file
    return None


def file_to_edit(config_file: Path, paths: Sequence[Sequence[str]], display: str) -> Path:
    """config_file, or the one file of its INHERIT chain that holds every path in `paths`.
    Raises CannotRun naming the files when the details are spread over several."""
    chain = config_chain(config_file)
    if len(chain) < 2:
        return config_file
    owners = list(dict.fromkeys(owner for path in paths if (owner := _owner(chain, path)) is not None))
    if len(owners) > 1:
        named = " and ".join(display_path(file) for file in owners)
        raise CannotRun(display, f"its details are spread over {named} (INHERIT:); fill them in by hand there. Nothing was written")
    return owners[0] if owners else config_file
