"""The plugin's settings in mkdocs.yml (validated again by plainpolicy.config)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PlainPolicyConfig(Config):
    enabled = c.Type(bool, default=True)
    voices = c.Optional(c.Type(dict))
    default_voice = c.Optional(c.Type(str))
    glossary = c.Optional(c.Type(str))
    prompts = c.Optional(c.Type(str))
    checklist = c.Optional(c.Type(str))
    image_register = c.Optional(c.Type(str))
    plain_words = c.Optional(c.Type(str))
    min_words = c.Type(int, default=100)
    hard_words = c.Type(int, default=5)
    review_months = c.Type(int, default=12)
    overdue_review = c.Choice(("warning", "error"), default="warning")
    long_sentence = c.Choice(("warning", "error"), default="warning")
    exclude = c.Type(list, default=[])
    # Front matter keys allowed besides the kit's own (a security decision: templates read them raw).
    front_matter_keys = c.Type(list, default=[])
    report = c.Type(bool, default=True)
    # Worker processes that check pages while MkDocs builds (0: none; default: decided by site size and cores).
    workers = c.Optional(c.Type(int))
    # Site only (not a check): file and folder names to list first in the navigation, at every level.
    nav_order = c.Type(list, default=[])
    # The UK nations the organisation works in (absent: all four); checked by plainpolicy.config.
    nations = c.Optional(c.Type(object))
    # Rule id -> error, warning or info (see plainpolicy/engine/severities.py); checked against the rule registry.
    severities = c.Type(dict, default={})
