"""Phone numbers in generated text become tap-to-call (tel:) links.

Glossary definitions are also shown as tooltips, which are plain text, so the glossary
data keeps plain numbers and only the generated glossary page links them.
"""

from __future__ import annotations

import re

# UK numbers as the policy writes them: "0800 1111", "0808 800 5000", "116 123",
# and the police numbers 999 and 101. Not part of a longer figure ("1010", "2008",
# "101.5") or a path.
_NUMBER = re.compile(r"(?<![\w.,/-])(0\d{3}(?: \d{3,4}){1,2}|116 \d{3}|999|101)(?![\w/-]|[.,]\d)")


def link_phone_numbers(markdown: str) -> str:
    """The Markdown with each phone number written as a tel: link."""
    return _NUMBER.sub(lambda match: f"[{match.group(1)}](tel:{match.group(1).replace(' ', '')})", markdown)
