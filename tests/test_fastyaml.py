"""libyaml and the pure-Python parser agree on every YAML file we read (fastyaml.py).

mkdocs.yml, the placeholders' line numbers, htmlpolicy.yml and languages.yml are
parsed by libyaml since it is seven times faster. These tests prove the values,
tags and line numbers are the same as the pure-Python loaders gave, on every YAML
file in the repository (the kit, its data files, every fixture site), and that a
file libyaml rejects still gets the pure-Python parser's own message and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plainpolicy import fastyaml
from plainpolicy.reading.mkdocs_config import (
    Composer as _Composer,
    _ConfigLoader,
    load_site_config,
    read_values,
)
from plainpolicy.rules.site_placeholders import placeholders_in
from plainpolicy_testing import REPO, run_cli

YAML_FILES = sorted(
    path for pattern in ("*.yml", "*.yaml") for path in REPO.rglob(pattern)
    if not {".git", ".venv", "node_modules", "site", "build"} & set(path.relative_to(REPO).parts)
)


def _tree(node: yaml.Node | None, seen: dict[int, int] | None = None) -> Any:
    """Everything a node tree says: tags, values and where each node starts and ends.
    A node met again (a YAML alias) is written as its number, so an alias bomb stays small."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("again", seen[id(node)])
    seen[id(node)] = len(seen)
    where = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.style or "", where)  # a plain scalar's style: None in Python, '' in libyaml
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [_tree(item, seen) for item in node.value], where)
    return (node.tag, [(_tree(key, seen), _tree(value, seen)) for key, value in node.value], where)


def test_there_are_files_to_compare() -> None:
    names = {path.name for path in YAML_FILES}
    assert {"mkdocs.yml", "glossary.yml", "htmlpolicy.yml", "languages.yml"} <= names
    assert len(YAML_FILES) > 30


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_libyaml_gives_what_the_pure_python_loaders_give(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 (a fixture for error messages)")
    try:
        expected_tree = _tree(yaml.compose(text, Loader=_Composer))
    except yaml.YAMLError:
        pytest.skip("not valid YAML (a fixture for error messages)")
    assert _tree(yaml.compose(text, Loader=fastyaml.c_twin(_Composer))) == expected_tree
    assert _tree(fastyaml.compose(text, _Composer)) == expected_tree
    if "again" in repr(expected_tree):
        return  # aliases: the trees are equal, so are the values; comparing values would expand them
    for loader in (_ConfigLoader, yaml.SafeLoader):
        try:
            expected = yaml.load(text, Loader=loader)
        except (yaml.YAMLError, ValueError) as error:  # ValueError: an impossible date
            with pytest.raises(type(error)):
                fastyaml.load(text, loader)
            continue
        assert fastyaml.load(text, loader) == expected
        assert yaml.load(text, Loader=fastyaml.c_twin(loader)) == expected


def test_the_fast_loaders_are_libyaml() -> None:
    assert issubclass(fastyaml.c_twin(_ConfigLoader), yaml.cyaml.CParser)
    assert fastyaml.c_twin(_ConfigLoader).yaml_multi_constructors == _ConfigLoader.yaml_multi_constructors


BROKEN = {
    "a tab for an indent": "site_name: Kit\nextra:\n\tpublish: true\n",
    "an unclosed bracket": "site_name: Kit\nnav: [a, b\nextra: {}\n",
    "a key twice on a line": "site_name: Kit\ntheme: name: material\n",
    "a control character": "site_name: Kit\x07\n",
}


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_an_error_is_the_pure_python_parsers(tmp_path: Path, text: str) -> None:
    """libyaml words its errors differently: the message a contributor sees is the one they always saw."""
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.load(text, Loader=_ConfigLoader)
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    run = run_cli("check", "--config", config, cwd=tmp_path)
    assert run.code == 2
    problem = getattr(expected.value, "problem", None) or str(expected.value)
    assert problem in run.err
    mark = getattr(expected.value, "problem_mark", None)
    if mark is not None:
        assert f":{mark.line + 1}" in run.err
    assert read_values(config) == {}
    assert placeholders_in(config) == []


def test_tags_in_mkdocs_yml_are_built_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """!ENV, !!python/name and unknown tags: the same values from libyaml as from the pure-Python loader."""
    monkeypatch.setenv("PP_FASTYAML_TEST", "from the environment")
    text = (
        "site_name: !ENV [PP_FASTYAML_TEST, fallback]\n"
        "site_url: !ENV PP_FASTYAML_UNSET\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:no.such.module.thing\n"
        "  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "extra:\n"
        "  when: 2026-11-21\n"
        "  odd: !custom {a: 1}\n"
    )
    expected = yaml.load(text, Loader=_ConfigLoader)
    assert expected["site_name"] == "from the environment"
    assert fastyaml.load(text, _ConfigLoader) == expected
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    assert read_values(config) == expected
    assert load_site_config(config).extra == expected["extra"]
