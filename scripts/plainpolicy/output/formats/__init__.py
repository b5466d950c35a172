"""The same findings, printed for people, machines and GitHub."""

from __future__ import annotations

from typing import Callable

from plainpolicy.output.formats import github, json_format, sarif, text

FORMATTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}
