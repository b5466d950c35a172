"""What the theme's templates are told about a page: `page.meta.plainpolicy`.

main.html and the partials read it for the voice switch ("Read the young people's
version"), the review date line and the overdue notice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from mkdocs.structure.files import Files

from plainpolicy.config import Settings, Voice
from plainpolicy.rules.pairing import partners
from plainpolicy.rules.review import review_dates


def template_meta(relative: str, meta: Mapping[str, Any], voice: Voice, settings: Settings, existing: set[str], files: Files, today: dt.date) -> dict[str, Any]:
    """The page's voice, its pages in the other voices, and its review dates."""
    reviewed, due = review_dates(meta, settings.review_months)
    return {
        "voice": voice.name,
        "voice_label": voice.label,
        "partners": [
            {"voice": name, "label": settings.voices[name].label, "url": partner.url}
            for name, path in partners(relative, voice, settings, existing).items()
            if (partner := files.get_file_from_path(path)) is not None  # partners() lists existing pages only
        ],
        "reviewed": reviewed.isoformat() if reviewed else None,
        "review_due": due.isoformat() if due else None,
        "review_overdue": bool(due and due < today and not meta.get("generated")),
    }
