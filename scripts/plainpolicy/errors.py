"""The one error plainpolicy raises when it cannot run at all (exit code 2)."""

from __future__ import annotations

import reprlib
from typing import Any

_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 3, 4, 4, 60, 60


def shown(value: Any) -> str:
    """A wrong value as an error message shows it: repr(), cut short. A YAML alias bomb
    (anchors of anchors) loads as a few shared lists, but repr() would write out every
    copy (9 levels of 9 is 387 million); an anchor that holds itself ends too."""
    return _SHORT.repr(value)


class CannotRun(Exception):
    """Bad configuration or an unreadable input file.

    Always carries the file and, where known, the line, so the command line can
    print one clear sentence instead of a traceback.
    """

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        # Sent back from a worker process (see pool.py) with its file and line intact.
        return (CannotRun, (self.path, self.message, self.line))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SettingError(CannotRun):
    """A bad plainpolicy setting. `setting` is where it sits under the plugin's entry, such
    as ("min_words",) or ("voices", "staff", "max_grade"), so whoever reads mkdocs.yml can
    name the file (mkdocs.yml or one it inherits from) and the line that write it."""

    def __init__(self, path: str, message: str, setting: tuple[str, ...] = (), line: int | None = None) -> None:
        super().__init__(path, message, line)
        self.setting = setting

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        return (SettingError, (self.path, self.message, self.setting, self.line))  # type: ignore[return-value]
