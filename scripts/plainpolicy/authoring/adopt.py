"""`plainpolicy init`: put an organisation's own details into the kit in one go.

    plainpolicy init                      # asks for each detail still to fill in
    plainpolicy init --name "Riverside Youth Club" --nations england,wales ...

Writes the organisation's name, safeguarding lead, deputy and out-of-hours
contact to `extra.organisation` in mkdocs.yml, the nations to the plainpolicy
plugin's `nations:` option, and the platforms it uses to
`extra.organisation.platforms`. Only those values change (see yamledit.py):
comments, order and every other line stay as they were.

Without --force it fills in only what is still a placeholder ("[Your
organisation]", an example.org address): a value someone already filled in is
kept, and an option that would change one is refused. Every answer is checked
before anything is written; the file is replaced in one step, so bad input or
a full disk never leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Callable

from plainpolicy.authoring import yamledit
from plainpolicy.authoring.fields import FIELDS, Field
from plainpolicy.authoring.target import file_to_edit
from plainpolicy.engine.checker import display_path
from plainpolicy.errors import CannotRun

NATIONS = ["england", "wales", "scotland", "northern-ireland"]
PLACEHOLDER = re.compile(r"^\s*\[.*\]\s*$|example\.(org|com)\b", re.I)
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*[0-9]$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TEXT = 200

Ask = Callable[[str], str]  # shows a prompt, returns the answer; raises EOFError when input ends


def is_placeholder(value: yamledit.Value | None, field: Field) -> bool:
    """True while a value still needs filling in (missing, empty, "[...]" or an example address)."""
    if value is None or value == "" or value == []:
        return True
    if field.kind == "nations":
        return sorted(value) == sorted(NATIONS) if isinstance(value, list) else False
    if isinstance(value, list):
        return all(PLACEHOLDER.search(item) for item in value)
    return bool(PLACEHOLDER.search(value))


def parse(field: Field, raw: str) -> yamledit.Value:
    """A checked value from what someone typed; ValueError with a plain reason when it will not do."""
    text = " ".join(raw.split())
    if not text:
        raise ValueError("it is empty")
    if len(text) > MAX_TEXT:
        raise ValueError(f"it is longer than {MAX_TEXT} characters")
    if PLACEHOLDER.search(text):
        raise ValueError("it is still a placeholder or an example address; give the real one")
    if field.kind == "phone":
        digits = re.sub(r"\D", "", text)
        if not PHONE.fullmatch(text) or not 6 <= len(digits) <= 15:
            raise ValueError("it is not a phone number (digits and spaces, for example 01234 567890 or +44 1234 567890)")
    if field.kind == "email" and not EMAIL.fullmatch(text):
        raise ValueError("it is not an email address (for example dsl@riverside-youth.org.uk)")
    if field.kind == "nations":
        return nations(text)
    if field.kind == "list":
        items = [" ".join(item.split()) for item in text.split(",")]
        if not all(items):
            raise ValueError("one of the names between commas is empty")
        return items
    return text


def nations(text: str) -> list[str]:
    if text.strip().lower() in ("all", "uk", "all four"):
        return list(NATIONS)
    chosen: list[str] = []
    for word in text.split(","):
        name = "-".join(word.lower().split())
        if name not in NATIONS:
            raise ValueError(f"'{word.strip()}' is not a nation; use any of {', '.join(NATIONS)}, separated by commas, or all")
        if name not in chosen:
            chosen.append(name)
    return [nation for nation in NATIONS if nation in chosen]  # always in the same order


LOCAL_ROUTE = Field("local_route", "", ("extra", "helplines"), "phone")  # how a local route's number is checked


def _chosen_nations(root: yamledit.yaml.MappingNode, display: str) -> list[str]:
    """The nations the site is for (no `nations:` option: all four)."""
    value = yamledit.current(_node(root, FIELDS[1], display).node)
    if value is None:
        return NATIONS
    return nations(value if isinstance(value, str) else ",".join(value))


def local_routes(text: str, display: str) -> list[tuple[str, yamledit.Found]]:
    """Phone numbers under extra.helplines still to fill in, for the site's nations:
    local routes such as the LADO, whose numbers differ from area to area."""
    root = yamledit.compose(text, display)
    assert isinstance(root, yamledit.yaml.MappingNode)
    helplines = yamledit.find(root, ("extra", "helplines"), display).node if isinstance(yamledit.child(root, "extra"), yamledit.yaml.MappingNode) else None
    if not isinstance(helplines, yamledit.yaml.SequenceNode):
        return []
    chosen, found = set(_chosen_nations(root, display)), []
    for item in helplines.value:
        if not isinstance(item, yamledit.yaml.MappingNode):
            continue
        where = yamledit.current(yamledit.child(item, "nations"))
        if isinstance(where, list) and not chosen & set(where):
            continue
        phones = yamledit.child(item, "phones")
        for phone in phones.value if isinstance(phones, yamledit.yaml.SequenceNode) else []:
            number = yamledit.child(phone, "number") if isinstance(phone, yamledit.yaml.MappingNode) else None
            if number is not None and is_placeholder(yamledit.current(number), LOCAL_ROUTE):
                found.append((str(yamledit.current(yamledit.child(item, "name"))), yamledit.Found(number, phone)))
    return found


def fill_local_routes(text: str, display: str, ask: Ask) -> tuple[str, list[tuple[str, str]]]:
    """Ask for each local route's number, one at a time (positions move as the text changes)."""
    written: list[tuple[str, str]] = []
    while True:
        routes = [route for route in local_routes(text, display) if route[0] not in {name for name, _ in written}]
        if not routes:
            return text, written
        name, found = routes[0]
        value = _ask(ask, Field("local_route", f"Phone number of your area's {name}", ("extra", "helplines"), "phone"))
        assert isinstance(value, str)
        text = yamledit.replace(text, found, value)
        written.append((name, value))


def _node(root: object, field: Field, display: str) -> yamledit.Found:
    assert isinstance(root, yamledit.yaml.MappingNode)
    if field.path[0] == "plugins":
        options = yamledit.plugin_options(root, field.path[1], display)
        return yamledit.Found(yamledit.child(options, field.path[2]), options)
    return yamledit.find(root, field.path, display)


def _shown(value: yamledit.Value | None) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _ask(ask: Ask, field: Field, tries: int = 3) -> yamledit.Value:
    for _ in range(tries):
        try:
            raw = ask(f"{field.question}: ")
        except EOFError:
            raise CannotRun(field.shown, "no answer given (the input ended); nothing was written") from None
        try:
            return parse(field, raw)
        except ValueError as reason:
            ask_again = f"  That will not do: {reason}."
            print(ask_again)
    raise CannotRun(field.shown, f"no usable answer after {tries} tries; nothing was written")


def collect(text: str, display: str, given: dict[str, str | None], force: bool, ask: Ask | None) -> dict[Field, yamledit.Value]:
    """The values to write: from the options, else asked for. Raises CannotRun before anything is written."""
    root = yamledit.compose(text, display)
    chosen: dict[Field, yamledit.Value] = {}
    refused: list[str] = []
    for field in FIELDS:
        existing = yamledit.current(_node(root, field, display).node)
        filled = not is_placeholder(existing, field)
        raw = given.get(field.option)
        if raw is not None:
            try:
                value = parse(field, raw)
            except ValueError as reason:
                raise CannotRun(f"--{field.option.replace('_', '-')}", f"{reason}. Nothing was written") from None
            if filled and value != existing and not force:
                refused.append(f"{field.shown} is already '{_shown(existing)}'")
                continue
            chosen[field] = value
        elif ask is not None and (force or not filled):
            chosen[field] = _ask(ask, field)
    if refused:
        raise CannotRun(display, "will not change values already filled in: " + "; ".join(refused) + ". Run again with --force to replace them. Nothing was written")
    return chosen


def apply(text: str, display: str, chosen: dict[Field, yamledit.Value]) -> str:
    for field, value in chosen.items():
        found = _node(yamledit.compose(text, display), field, display)
        if found.node is not None and yamledit.current(found.node) == value:
            continue  # already so: leave the line exactly as it is written
        if found.node is None and field.kind == "nations" and value == NATIONS:
            continue  # no `nations:` option means all four (the shared contract): nothing to add
        if found.node is None:
            text = yamledit.insert(text, found, field.path[-1], value)
        else:
            text = yamledit.replace(text, found, value)
    root = yamledit.compose(text, display)  # read back: every value is where it should be
    for field, value in chosen.items():
        written = yamledit.current(_node(root, field, display).node)
        if written != value and not (written is None and value == NATIONS):
            raise CannotRun(display, f"could not write {field.shown} safely; nothing was written. Edit it by hand")
    return text


def write_whole(file: Path, text: str) -> None:
    """Replace the file in one step (a temporary file beside it, then rename), keeping its permissions."""
    mode = file.stat().st_mode & 0o777
    handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remaining(text: str, display: str) -> list[str]:
    """Values in extra.organisation that are still placeholders."""
    root = yamledit.compose(text, display)
    left = []
    for field in FIELDS:
        if field.path[0] == "extra":
            try:
                value = yamledit.current(_node(root, field, display).node)
            except CannotRun:
                continue
            if field.kind != "list" and is_placeholder(value, field):
                left.append(field.shown)
    left += [f"extra.helplines ({name})" for name, _ in local_routes(text, display)]
    return left


def init(config_file: Path, given: dict[str, str | None], force: bool = False, ask: Ask | None = input) -> str:
    """Fill in the organisation's details; return what to tell the person who ran it.
    They go where MkDocs reads them: mkdocs.yml or the file it inherits them from (target.py)."""
    config_file = file_to_edit(config_file, [*(field.path for field in FIELDS), ("extra", "helplines")], display_path(config_file))
    display = display_path(config_file)
    try:
        text = config_file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CannotRun(display, f"cannot read it ({error}); nothing was changed") from None
    chosen = collect(text, display, given, force, ask)
    updated = apply(text, display, chosen) if chosen else text
    routes: list[tuple[str, str]] = []
    if ask is not None:
        updated, routes = fill_local_routes(updated, display, ask)
    if not chosen and not routes:
        return f"Nothing to change in {display}: every detail is filled in. Run again with --force to replace them.\n"
    if updated != text:
        try:
            write_whole(config_file.resolve(), updated)  # a symlinked mkdocs.yml: the file it points to, the link kept
        except OSError as error:
            raise CannotRun(display, f"cannot write it ({error.strerror or error}); the file was not changed") from None
    count = len(chosen) + len(routes)
    lines = [f"Wrote {count} detail{'s' * (count != 1)} to {display}:"]
    lines += [f"  {field.shown}: {_shown(value)}" for field, value in chosen.items()]
    lines += [f"  extra.helplines, {name}: {value}" for name, value in routes]
    left = remaining(updated, display)
    if left:
        lines.append("Still to fill in (run plainpolicy init again): " + ", ".join(left))
    else:
        lines.append("Next: set site_url in mkdocs.yml to the address you publish at, then run mkdocs build --strict.")
    return "\n".join(lines) + "\n"
