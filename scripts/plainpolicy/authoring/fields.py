"""The details `plainpolicy init` asks for, and where each goes in mkdocs.yml.

Apart from adopt.py so that the command line can list init's options without
loading what init needs to write the file (every `plainpolicy check` builds that list)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    option: str  # the argparse destination, e.g. lead_phone
    question: str
    path: tuple[str, ...]
    kind: str = "text"  # text, phone, email, nations, list

    @property
    def shown(self) -> str:
        return ".".join(self.path)


ORGANISATION = ("extra", "organisation")
FIELDS = [
    Field("name", "Your organisation's name", (*ORGANISATION, "name")),
    Field("nations", "Nations you work in (england, wales, scotland, northern-ireland; or all)", ("plugins", "plainpolicy", "nations"), "nations"),
    Field("lead_name", "Designated safeguarding lead's name", (*ORGANISATION, "safeguarding_lead", "name")),
    Field("lead_phone", "Designated safeguarding lead's phone number", (*ORGANISATION, "safeguarding_lead", "phone"), "phone"),
    Field("lead_email", "Designated safeguarding lead's email address", (*ORGANISATION, "safeguarding_lead", "email"), "email"),
    Field("deputy_name", "Deputy safeguarding lead's name", (*ORGANISATION, "deputy", "name")),
    Field("deputy_phone", "Deputy safeguarding lead's phone number", (*ORGANISATION, "deputy", "phone"), "phone"),
    Field("out_of_hours", "Out-of-hours contact (who to call, and the number)", (*ORGANISATION, "out_of_hours")),
    Field("platforms", "Platforms you use with young people, separated by commas (for example WhatsApp, Instagram)", (*ORGANISATION, "platforms"), "list"),
]
