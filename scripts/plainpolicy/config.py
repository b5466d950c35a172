"""plainpolicy's settings: voices and their thresholds, data files, rule options.

The same mapping is read from mkdocs.yml (the `plainpolicy` entry under
`plugins:`) by the command line and by the MkDocs plugin, so both always apply
the same rules. Nothing about any one site is built in: voices are data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from plainpolicy.errors import CannotRun, SettingError, shown
from plainpolicy.uknations import ALL_NATIONS, nations_setting

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Voice:
    """One audience: where its pages live and how hard they may be to read."""

    name: str
    folder: str
    label: str
    max_grade: float
    min_ease: float
    max_sentence_words: int
    paired: bool = True
    language: str = "en"  # ISO 639-1 code of the voice's language (see language.py)
    max_unfamiliar: float | None = None  # per cent of words a reader may not know (None: not checked)
    max_word_letters: float = 6.0  # average letters per word, for a language with no formula


DEFAULT_VOICES: dict[str, dict[str, Any]] = {
    "staff": {"folder": "staff", "label": "Staff and volunteers", "max_grade": 9, "min_ease": 55, "max_sentence_words": 25},
    "young-people": {"folder": "young-people", "label": "Young people", "max_grade": 6, "min_ease": 70, "max_sentence_words": 20},
}


@dataclass(frozen=True)
class Settings:
    """Everything the checks need to know about a site."""

    voices: dict[str, Voice]
    default_voice: str | None = None
    glossary: str | None = None
    prompts: str | None = None
    checklist: str | None = None
    image_register: str | None = None  # None: docs/image-consent.yml if it exists
    plain_words: str | None = None  # everyday words and plainer words (plainwords.py)
    min_words: int = 100
    hard_words: int = 5
    review_months: int = 12
    overdue_review: str = "warning"
    long_sentence: str = "warning"
    exclude: tuple[str, ...] = field(default_factory=tuple)
    front_matter_keys: tuple[str, ...] = field(default_factory=tuple)  # front matter keys allowed besides the kit's (see frontmatter.py)
    nations: tuple[str, ...] = ALL_NATIONS  # the UK nations the organisation works in (see nations.py)
    # rule id -> error, warning or info: the site's own level for a rule (checked against
    # the rule registry, and applied to every finding, by engine/severities.py)
    severities: dict[str, str] = field(default_factory=dict)

    def voice_for(self, relative_path: str, meta: Mapping[str, Any]) -> Voice | None:
        """The page's voice: front matter `voice`, else its folder, else the default."""
        named = meta.get("voice")
        if isinstance(named, str) and named in self.voices:
            return self.voices[named]
        first = relative_path.replace("\\", "/").split("/", 1)[0]
        for voice in self.voices.values():
            if "/" in relative_path.replace("\\", "/") and voice.folder == first:
                return voice
        if self.default_voice:
            return self.voices[self.default_voice]
        return None


def _number(value: Any, where: str, path: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SettingError(path, f"{where}: '{name}' must be a number, not {shown(value)}", (name,))
    return float(value)


def _voice(name: str, raw: Any, path: str) -> Voice:
    where = f"plainpolicy voice '{name}'"
    if not isinstance(raw, dict):
        raise SettingError(path, f"{where} must be a mapping of settings (folder, label, max_grade, ...)")
    defaults = DEFAULT_VOICES.get(name, {})
    merged = {**defaults, **raw}
    unknown = set(merged) - {"folder", "label", "max_grade", "min_ease", "max_sentence_words", "paired", "language", "max_unfamiliar", "max_word_letters"}
    if unknown:
        raise SettingError(path, f"{where}: unknown setting(s) {', '.join(sorted(unknown))}", (min(unknown),))
    for needed in ("max_grade", "min_ease", "max_sentence_words"):
        if needed not in merged:
            raise SettingError(path, f"{where} needs '{needed}'")
    folder = merged.get("folder", name)
    if not isinstance(merged.get("label", name), (str, int, float)):
        raise SettingError(path, f"{where}: 'label' must be a short text, such as Young people, not {shown(merged['label'])}", ("label",))
    if not isinstance(folder, str) or not folder.strip("/"):
        raise SettingError(path, f"{where}: 'folder' must be a folder name under docs/", ("folder",))
    return Voice(
        name=name,
        folder=folder.strip("/"),
        label=str(merged.get("label", name)),
        max_grade=_number(merged["max_grade"], where, path, "max_grade"),
        min_ease=_number(merged["min_ease"], where, path, "min_ease"),
        max_sentence_words=int(_number(merged["max_sentence_words"], where, path, "max_sentence_words")),
        paired=bool(merged.get("paired", True)),
        language=_language(merged.get("language", "en"), where, path),
        max_word_letters=_number(merged.get("max_word_letters", 6.0), where, path, "max_word_letters"),
        max_unfamiliar=None if merged.get("max_unfamiliar") is None else _number(merged["max_unfamiliar"], where, path, "max_unfamiliar"),
    )


def _voice_setting(name: str, raw: Any, path: str) -> Voice:
    """_voice, its errors placed under `voices: {name}:`."""
    try:
        return _voice(name, raw, path)
    except SettingError as error:
        raise SettingError(path, error.message, ("voices", name, *error.setting)) from None


def _nations(raw: Any, path: str) -> tuple[str, ...]:
    """nations_setting, its errors placed at `nations:`."""
    try:
        return nations_setting(raw, path)
    except CannotRun as error:
        raise SettingError(path, error.message, ("nations",), error.line) from None


def _language(value: Any, where: str, path: str) -> str:
    if not isinstance(value, str) or not value.strip().isalpha() or len(value.strip()) != 2:
        raise SettingError(path, f"{where}: 'language' must be a two-letter language code such as en or cy, not {shown(value)}", ("language",))
    return value.strip().lower()


def _severity(raw: dict[str, Any], key: str, default: str, path: str) -> str:
    value = raw.get(key, default)
    if value not in SEVERITIES:
        raise SettingError(path, f"plainpolicy setting '{key}' must be 'error' or 'warning', not {shown(value)}", (key,))
    return str(value)


def _positive_int(raw: dict[str, Any], key: str, default: int, path: str) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingError(path, f"plainpolicy setting '{key}' must be a whole number, 0 or more, not {shown(value)}", (key,))
    return value


KNOWN_KEYS = {
    "voices", "default_voice", "glossary", "prompts", "checklist", "min_words", "hard_words",
    "review_months", "overdue_review", "long_sentence", "exclude", "enabled", "report", "nav_order",
    "image_register", "plain_words", "nations",
    "front_matter_keys", "severities",
}


def settings_from_mapping(raw: dict[str, Any] | None, path: str = "mkdocs.yml") -> Settings:
    """Validate the `plainpolicy` settings; raise CannotRun naming the problem."""
    raw = dict(raw or {})
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise SettingError(path, f"unknown plainpolicy setting(s): {', '.join(sorted(unknown))}", (min(unknown),))
    voices_raw = raw.get("voices") or DEFAULT_VOICES
    if not isinstance(voices_raw, dict):
        raise SettingError(path, "plainpolicy 'voices' must map each voice name to its settings", ("voices",))
    voices = {str(name): _voice_setting(str(name), value, path) for name, value in voices_raw.items()}
    folders = [voice.folder for voice in voices.values()]
    if len(set(folders)) != len(folders):
        raise SettingError(path, "two plainpolicy voices use the same folder", ("voices",))
    default_voice = raw.get("default_voice")
    if default_voice is not None and (not isinstance(default_voice, str) or default_voice not in voices):
        raise SettingError(path, f"plainpolicy 'default_voice' is {shown(default_voice)}, which is not one of the voices ({', '.join(voices)})", ("default_voice",))
    files = {}
    for key in ("glossary", "prompts", "checklist", "image_register", "plain_words"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise SettingError(path, f"plainpolicy '{key}' must be a file name under docs/", (key,))
        files[key] = value
    exclude = raw.get("exclude") or []
    if not isinstance(exclude, list) or not all(isinstance(item, str) for item in exclude):
        raise SettingError(path, "plainpolicy 'exclude' must be a list of file patterns", ("exclude",))
    extra_keys = raw.get("front_matter_keys") or []
    if not isinstance(extra_keys, list) or not all(isinstance(item, str) for item in extra_keys):
        raise SettingError(path, "plainpolicy 'front_matter_keys' must be a list of front matter key names", ("front_matter_keys",))
    severities = raw.get("severities") or {}
    if not isinstance(severities, dict) or not all(isinstance(key, str) and isinstance(value, str) for key, value in severities.items()):
        raise SettingError(path, "plainpolicy 'severities' must map rule ids to error, warning or info, for example: sentence/too-long: error", ("severities",))
    return Settings(
        voices=voices,
        severities=dict(severities),
        front_matter_keys=tuple(extra_keys),
        default_voice=default_voice,
        min_words=_positive_int(raw, "min_words", 100, path),
        hard_words=_positive_int(raw, "hard_words", 5, path),
        review_months=_positive_int(raw, "review_months", 12, path),
        overdue_review=_severity(raw, "overdue_review", "warning", path),
        long_sentence=_severity(raw, "long_sentence", "warning", path),
        exclude=tuple(exclude),
        nations=_nations(raw.get("nations"), path),
        **files,
    )
