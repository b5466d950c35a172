"""Maintainers' tool: make plainpolicy's list of words only ever written in small letters.

Not run at build, install or test time: its output is committed. Run it only when
moving to a new release of the word list, from the repository's root:

    python scripts/build_small_letter_words.py /usr/share/dict/british-english /usr/share/doc/wbritish/copyright

The word list is SCOWL's British English list as Debian packages it (`apt-get
install wbritish`), under a permissive licence (Kevin Atkinson and others), which
is copied beside the output. SCOWL writes names with their capital ("Leeds",
"Monday", "Google") and ordinary words in small letters ("triage", "google"). The
output keeps the words in small letters whose capitalised form is not also listed:
a capitalised word mid-sentence that is one of them is an ordinary word written
with a capital ("Triage"), not a name (rules/familiarity.py, datafiles/vocabulary.py).

    scripts/plainpolicy/text/data/small-letter-words.txt.gz   one word a line, sorted
    scripts/plainpolicy/text/data/scowl-LICENSE               the word list's licence

gzip with no file name or time in it, so the same list always gives the same bytes.
"""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "plainpolicy" / "text" / "data"
OUTPUT = DATA / "small-letter-words.txt.gz"
LICENCE = DATA / "scowl-LICENSE"


def small_letter_words(lines: list[str]) -> list[str]:
    """Words in small letters (no possessive "'s") whose capitalised form is not in the list too."""
    words = {line.strip() for line in lines if line.strip()}
    return sorted(
        word for word in words
        if word.isalpha() and word.islower() and word.capitalize() not in words
    )


def main(arguments: list[str]) -> int:
    if len(arguments) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, licence = (Path(argument) for argument in arguments)
    found = small_letter_words(source.read_text(encoding="utf-8").splitlines())
    with OUTPUT.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as packed:
        packed.write(("\n".join(found) + "\n").encode("utf-8"))
    shutil.copyfile(licence, LICENCE)
    print(f"{len(found)} words -> {OUTPUT} ({OUTPUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
