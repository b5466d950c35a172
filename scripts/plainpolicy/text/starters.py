"""The starter text that `plainpolicy new` writes (scaffold.py), and how it is recognised.

A starter page is not a finished page: rules/placeholder.py reports each starter
sentence, and the starter summary, until someone replaces them.
"""

from __future__ import annotations

SUMMARY_PLACEHOLDER = "One plain sentence that says what this page is about."
# Voices whose readers need the plainest words (young people, easy read) get the
# "you" starter; the others get the practical staff starter.
PLAIN_GRADE = 6

# Each starter sentence is short (12 words or fewer), so a page that keeps a few of
# them among its own words is not also too hard to read; each is still reported.
STAFF_STARTER = [
    ("", ["Say what this page covers in two or three short sentences.", "Say who it is for."]),
    ("What to do", ["List the steps to take, in the order people take them.", "Start each step with a verb, such as \"tell\" or \"check\"."]),
    ("Who to tell", ["Say who to tell, how to reach them and how soon."]),
    ("What good looks like", ["Give a short example from real work with young people.", "Show what a good choice looks like."]),
]
PLAIN_STARTER = [
    ("", ["Say what this page is about in one or two short sentences."]),
    ("What we will do", ["Say what our staff will do.", "Use \"we\" for our group."]),
    ("What you can do", ["Say what the reader can do.", "Talk to them as \"you\"."]),
    ("Who to talk to", ["Say who they can talk to, and how."]),
    ("Your rights", ["Say what they can ask for.", "Keep each sentence short and kind."]),
]


def starter_sentences() -> frozenset[str]:
    """Every starter sentence, in small letters."""
    return frozenset(sentence.lower() for _, sentences in STAFF_STARTER + PLAIN_STARTER for sentence in sentences)
