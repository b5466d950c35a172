"""Results as plain JSON text and back, for the cache folder and the site build.

Unlike pickle, reading this never runs code and never makes an object of a
class it does not list: a result is made of the classes in `_classes()`,
tuples, lists, dicts with text keys, text, numbers, booleans, None and bytes.
Anything else cannot be written (dumps raises TypeError) and text that is not
in this shape cannot be read (loads raises ValueError).

A JSON object only ever stands for one of these tagged forms (user data such
as front matter is kept as a list of key-value pairs), so no text a
contributor writes can be mistaken for one:

    {"c": "Finding", "f": [...]}   an object of a listed class, its fields in order
    {"t": [...]}                   a tuple
    {"d": [[key, value], ...]}     a dict
    {"b": "base64"}                bytes
"""

from __future__ import annotations

import base64
import dataclasses
import json
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    """The only classes a stored result may hold (imported here, when first needed,
    because they import the modules that store results)."""
    from plainpolicy.datafiles.commitments import Marker
    from plainpolicy.engine.buildresult import BuildResult, ReportEntry
    from plainpolicy.engine.results import PageResult
    from plainpolicy.findings import Finding
    from plainpolicy.reading.nations import NationBlock
    from plainpolicy.rules.readability import SectionReport
    from plainpolicy.text.scoring import Scores

    return {cls.__name__: cls for cls in (BuildResult, Finding, Marker, NationBlock, PageResult, ReportEntry, Scores, SectionReport)}


def _fields(value: Any) -> list[Any]:
    if dataclasses.is_dataclass(value):
        return [getattr(value, field.name) for field in dataclasses.fields(value) if field.init]
    return list(value)  # a NamedTuple


def _plain(value: Any) -> Any:
    """value as JSON-ready lists, dicts and scalars (TypeError for anything not listed)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    kind = type(value)
    if kind is list:
        return [_plain(item) for item in value]
    if _classes().get(kind.__name__) is kind:
        return {"c": kind.__name__, "f": [_plain(item) for item in _fields(value)]}
    if kind is tuple:
        return {"t": [_plain(item) for item in value]}
    if kind is dict:
        if not all(isinstance(key, str) for key in value):
            raise TypeError("a dict with keys that are not text")
        return {"d": [[key, _plain(item)] for key, item in value.items()]}
    if kind is bytes:
        return {"b": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"{kind.__name__} is not stored")


def _unplain(tagged: dict[str, Any]) -> Any:
    """One tagged JSON object back as what it stands for (json.loads' object_hook)."""
    if len(tagged) == 2 and isinstance(tagged.get("c"), str) and isinstance(tagged.get("f"), list):
        kind = _classes().get(tagged["c"])
        if kind is None:
            raise ValueError(f"{tagged['c']!r} is not a stored class")
        try:
            return kind(*tagged["f"])
        except TypeError as error:  # another number of fields than the class has
            raise ValueError(str(error)) from None
    if len(tagged) == 1:
        (tag, content), = tagged.items()
        if tag == "t" and isinstance(content, list):
            return tuple(content)
        if tag == "d" and isinstance(content, list) and all(isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) for pair in content):
            return dict(content)
        if tag == "b" and isinstance(content, str):
            return base64.b64decode(content, validate=True)
    raise ValueError("not a stored value")


def dumps(value: Any) -> str:
    """value as one line of JSON text (TypeError if it holds something that is not stored)."""
    return json.dumps(_plain(value), separators=(",", ":"), ensure_ascii=True)


def loads(text: str | bytes) -> Any:
    """What dumps(value) was made from (ValueError if the text is not in that shape)."""
    try:
        return json.loads(text, object_hook=_unplain)
    except RecursionError:
        raise ValueError("nested too deeply") from None
