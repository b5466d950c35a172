"""The quick tests before a slow search decide as the slow search does.

text/writtenwords.py, text/joined.py and reading/repeats.py first look for what
a match needs (an "@" or "/", a digit, a hyphen or invisible break) before running
the full pattern. Each quick way is held against the plain way here, on generated
text full of the characters that make them differ, and on every line of the kit.
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from plainpolicy.reading import repeats
from plainpolicy.text import joined, writtenwords
from plainpolicy_testing import REPO

# Letters of the web endings and their look-alikes when case is ignored, digits of
# other scripts, superscripts, breaks, and the punctuation that surrounds addresses.
ALPHABET = "abcdegiklmnoprstuvwyzUKCOMSW .-/@:0123456789\u0660\u0663\u00b2\u00b3\u00ad\u200b\u200c\u200d\u2060\u0130\u0131\u212a\u017f'’é\n"
TEXT = st.text(alphabet=ALPHABET, max_size=40)
KIT_LINES = [line for page in sorted((REPO / "docs").rglob("*.md")) for line in page.read_text(encoding="utf-8").split("\n")]


def _plain_broken(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), joined._BREAK.sub("", m.group(0))) for m in joined._BROKEN.finditer(text)]


def _plain_long_enough(key: str) -> str:
    return key if sum(1 for word in key.split() if not word.isdigit()) >= repeats.REPEAT_WORDS else ""


def _same_everywhere(text: str) -> None:
    assert writtenwords.may_hold_address(text) == bool(writtenwords._HINT.search(text)), text
    assert writtenwords.without_times(text) == writtenwords.TIME.sub(" 0 ", text), text
    assert list(joined.broken_words(text)) == _plain_broken(text), text
    key = repeats.normal_key(text)
    assert repeats._long_enough(key) == _plain_long_enough(key), key
    assert repeats._long_enough(text) == _plain_long_enough(text), text
    assert repeats.without_numbers(text) == repeats._NUMBER.sub("0", text), text


@settings(max_examples=3000, deadline=None)
@given(TEXT)
def test_generated_text(text: str) -> None:
    _same_everywhere(text)


def test_every_line_of_the_kit() -> None:
    for line in KIT_LINES:
        _same_everywhere(line)


def test_the_look_alikes_are_searched_as_the_pattern_searches_them() -> None:
    for text in ("see example.u\u212a today", "nspcc.org.\u0131e", "go to site.\u017fcot now", "www.\u0130"):
        assert writtenwords.may_hold_address(text) == bool(writtenwords._HINT.search(text)), text
    assert writtenwords.may_hold_address("see example.u\u212a today")  # the Kelvin sign is a k when case is ignored
    assert not re.search(r"\d", "no digits here") and writtenwords.without_times("no digits here") == "no digits here"
