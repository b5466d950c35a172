"""Synthetic two-voice knowledge bases for the benchmark.

`make_site(root, pairs)` writes a complete MkDocs project: docs/staff/<area>/<topic>.md
and the same path under docs/young-people/ for every topic pair, a small
glossary, and two configurations that differ only in the plainpolicy plugin:

    mkdocs.yml            theme material (font: false, navigation.prune), search, plainpolicy
    mkdocs-noplugin.yml   the same, without plainpolicy

The Markdown extensions are copied from the real mkdocs.yml. Pages are about 800
words of plausible prose (simpler words for young people) with lists,
admonitions, a table, links and code. The voices' limits are permissive: the
benchmark measures speed, and a finding must never stop the build.
Everything is seeded, so the same arguments always give the same files.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOPICS_PER_AREA = 20
TARGET_WORDS = 800
AREAS = [
    "devices", "messaging", "gaming", "photos", "accounts", "reporting", "wellbeing",
    "privacy", "events", "trips", "streaming", "money", "friendships", "school", "apps",
]
SUBJECTS = [
    "phones", "group chats", "photos", "passwords", "games", "videos", "live streams", "apps",
    "laptops", "tablets", "messages", "online friends", "comments", "profiles", "voice chat",
    "shared screens", "memes", "stickers", "location sharing", "smart speakers",
]
ASPECTS = ["at sessions", "on trips", "at home", "in clubs", "after events", "with friends", "in groups", "on weekends"]

# --- staff voice: plain, but longer words and sentences -----------------------
S_VERB = ["check", "agree", "explain", "write down", "review", "talk through", "record", "share", "update", "plan"]
S_OBJECT = ["the rules for {s}", "how we use {s}", "who can see {s}", "the settings on {s}", "what young people post", "the group's guidelines", "the consent form", "the risk assessment"]
S_EVENT = ["the session starts", "a trip", "an event", "the group meets", "anyone joins", "the term begins"]
S_CONCERN = ["tells you something worrying", "seems upset after using {s}", "shows you a message that worries you", "is asked to keep a secret", "gets a friend request from an adult", "loses access to an account"]
S_ACTION = ["stay calm and listen", "thank them for telling you", "do not promise to keep it secret", "write down what they said in their words", "tell the designated safeguarding lead the same day", "ask the DSL before you act"]
S_FACT = [
    "Most problems with {s} start small, and they are easier to sort out early.",
    "Young people often know more about {s} than we do, so ask them to show you.",
    "Our acceptable use policy sets out what staff may and may not do with {s}.",
    "A youth worker should never use a personal account to contact a young person.",
    "We keep records for as long as the law says, and no longer.",
    "Parents and carers can ask to see the rules we follow for {s}.",
    "Two-step verification makes it much harder for someone to take over an account.",
    "If you are not sure, it is always fine to ask the DSL for advice.",
    "The group chat for each session has at least two members of staff in it.",
    "Screenshots can be useful evidence, but never save an image of a young person that is indecent.",
]
# --- young people's voice: short, common words --------------------------------
Y_VERB = ["use", "bring", "share", "talk about", "turn off", "check", "ask about", "change"]
Y_OBJECT = ["your {s}", "the settings", "who can see your posts", "your password", "the group chat", "your photos"]
Y_FACT = [
    "It is your choice what you share.",
    "You can ask us for help at any time.",
    "It is never your fault if someone is unkind to you online.",
    "We will not look through your {s} without asking you.",
    "If something feels wrong, tell a youth worker you trust.",
    "You can talk to Childline for free, day or night.",
    "Keep your password to yourself, even from friends.",
    "Turn on two-step verification so no one else can get in.",
    "Our group chat always has two staff in it.",
    "You will not get in trouble for telling us.",
]

GLOSSARY_TERMS = [
    ("designated safeguarding lead", ["DSL"], [], "The person in charge of safeguarding in our organisation. Tell them about any worry the same day.", "The person who keeps you safe here. You can talk to them about any worry."),
    ("youth worker", [], ["youth leader"], "A member of staff or a volunteer who runs our sessions with young people.", "A grown-up who runs our groups and helps you."),
    ("group chat", [], [], "An online chat with several members, such as a session's message group.", "A chat with lots of people in it."),
    ("two-step verification", ["2SV"], [], "A second check, such as a code sent to a phone, when someone signs in.", "An extra code you type in when you sign in."),
    ("acceptable use policy", ["AUP"], [], "The rules for using our devices, networks and accounts.", "Our rules for using our phones, laptops and Wi-Fi."),
    ("screenshot", [], [], "A picture of what is on a screen, saved as an image.", "A picture of your screen."),
    ("privacy settings", [], [], "The settings that control who can see a person's posts and details.", "The settings that say who can see your things."),
    ("Childline", [], [], "A free, private helpline for children and young people.", "A free helpline you can call or chat to."),
    ("consent form", [], [], "The form a parent or carer signs before we take or use photos.", "The form that says yes to photos."),
    ("risk assessment", [], [], "A written plan of what could go wrong and how we make it less likely.", "A plan to keep everyone safe."),
]
GLOSSARY_REJECTED = [("designated safeguarding lead", "child protection officer", "We call this role the designated safeguarding lead.")]


@dataclass
class Site:
    """A generated benchmark site."""

    root: Path
    pairs: int
    pages: list[str]  # relative to docs/

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def config_without_plugin(self) -> Path:
        return self.root / "mkdocs-noplugin.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def markdown_files(self) -> list[Path]:
        return [self.docs / relative for relative in self.pages]


def topic_path(index: int) -> str:
    area = AREAS[(index // TOPICS_PER_AREA) % len(AREAS)]
    group = index // TOPICS_PER_AREA
    return f"{area}-{group:02d}/topic-{index:04d}.md"


def topic_title(index: int) -> str:
    rng = random.Random(f"title-{index}")
    return f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(ASPECTS)} ({index})"


def _sentences(rng: random.Random, voice: str, subject: str, count: int) -> str:
    out = []
    for _ in range(count):
        if voice == "staff":
            kind = rng.randrange(4)
            if kind == 0:
                text = f"Staff should {rng.choice(S_VERB)} {rng.choice(S_OBJECT)} before {rng.choice(S_EVENT)}."
            elif kind == 1:
                text = f"If a young person {rng.choice(S_CONCERN)}, {rng.choice(S_ACTION)}."
            elif kind == 2:
                action = rng.choice(S_ACTION)
                text = f"{action[0].upper()}{action[1:]}, and then {rng.choice(S_VERB)} {rng.choice(S_OBJECT)}."
            else:
                text = rng.choice(S_FACT)
        else:
            kind = rng.randrange(3)
            if kind == 0:
                text = f"You can {rng.choice(Y_VERB)} {rng.choice(Y_OBJECT)} if you want to."
            elif kind == 1:
                text = f"Ask a youth worker if you want to {rng.choice(Y_VERB)} {rng.choice(Y_OBJECT)}."
            else:
                text = rng.choice(Y_FACT)
        out.append(text.replace("{s}", subject))
    return " ".join(out)


def _count(markdown: str) -> int:
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return len(re.findall(r"[A-Za-z][\w'-]*", prose))


def page(index: int, voice: str, pairs: int, reviewed: dt.date) -> str:
    """One topic page in one voice (about 800 words)."""
    rng = random.Random(f"page-{voice}-{index}")
    subject = rng.choice(SUBJECTS)
    title = topic_title(index)
    other_voice = "young-people" if voice == "staff" else "staff"
    here = topic_path(index)
    neighbour = topic_path((index + 1) % pairs)
    up = "../" * (here.count("/") + 1)  # from docs/<voice>/<area>/ to docs/
    staff = voice == "staff"
    say = lambda n: _sentences(rng, voice, subject, n)  # noqa: E731
    parts = [
        "---",
        f"title: {title}",
        f"summary: {'What staff and volunteers do about' if staff else 'What you need to know about'} {subject}.",
        f"reviewed: {reviewed.isoformat()}",
        "owner: Designated safeguarding lead",
        "---",
        "",
        f"# {title}",
        "",
        say(4),
        "",
        "## What this page covers",
        "",
        say(3),
        "",
        *[f"- {say(1)}" for _ in range(5)],
        "",
        "## What to do",
        "",
        say(2),
        "",
        *[f"{n}. {say(1)}" for n in range(1, 7)],
        "",
        '!!! note "Remember"',
        "",
        f"    {say(2)}",
        "",
        "## Who can help",
        "",
        "| Who | When | How |",
        "| --- | --- | --- |",
        "| The designated safeguarding lead | Any time you are worried | Phone or talk in person |" if staff else "| A youth worker | At any session | Talk to them |",
        "| A youth worker | During sessions | Talk to them |" if staff else "| Childline | Day or night | Call or chat online |",
        "| Childline | Day or night | Call or chat online |" if staff else "| Someone at home | When you need to | Tell them what happened |",
        "",
        f"{say(2)} Read the [{'young people' if staff else 'staff'} page]({up}{other_voice}/{here}), "
        f"the page about [{topic_title((index + 1) % pairs).lower()}]({up}{voice}/{neighbour}) "
        "or the [help page on the web](https://www.example.org/help).",
        "",
        "## Settings to check",
        "",
        f"{say(2)} Open `Settings > Privacy` to see them.",
        "",
        "```text",
        "Settings > Privacy > Who can contact me: Friends only",
        "Settings > Security > Two-step verification: On",
        "```",
        "",
        "### An example",
        "",
        say(4),
        "",
        '??? tip "If you are not sure"',
        "",
        f"    {say(2)}",
        "",
        "## More about this",
        "",
    ]
    while _count("\n".join(parts)) < TARGET_WORDS:
        parts += [say(4), ""]
    return "\n".join(parts)


def glossary_yaml() -> str:
    lines = ["terms:"]
    for term, abbreviations, forms, staff, young in GLOSSARY_TERMS:
        lines.append(f'  - term: "{term}"')
        if abbreviations:
            lines.append(f"    abbreviations: [{', '.join(abbreviations)}]")
        if forms:
            lines.append(f"    forms: [{', '.join(forms)}]")
        lines += ["    definitions:", f'      staff: "{staff}"', f'      young-people: "{young}"']
        for owner, form, reason in GLOSSARY_REJECTED:
            if owner == term:
                lines += ["    rejected:", f'      - form: "{form}"', f'        reason: "{reason}"']
    return "\n".join(lines) + "\n"


def markdown_extensions(config: Path = ROOT / "mkdocs.yml") -> str:
    """The real site's `markdown_extensions:` block, as text (tags and all)."""
    lines = config.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("markdown_extensions:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace() and not lines[i].startswith("#")), len(lines))
    block = lines[start:end]
    while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
        block.pop()
    return "\n".join(block) + "\n"


def mkdocs_yml(pairs: int, plugin: bool) -> str:
    voices = (
        "        staff: {folder: staff, label: Staff and volunteers, max_grade: 99, min_ease: -999, max_sentence_words: 200}\n"
        "        young-people: {folder: young-people, label: Young people, max_grade: 99, min_ease: -999, max_sentence_words: 200}\n"
    )
    plainpolicy = "  - plainpolicy:\n      glossary: glossary.yml\n      min_words: 100\n      voices:\n" + voices if plugin else ""
    return (
        f"site_name: plainpolicy benchmark ({pairs} topic pairs)\n"
        "docs_dir: docs\nuse_directory_urls: true\nstrict: false\n"
        "exclude_docs: |\n  *.yml\n"
        "theme:\n  name: material\n  language: en\n  font: false\n  features:\n    - navigation.prune\n"
        "plugins:\n  - search:\n      lang: en\n" + plainpolicy + "\n" + markdown_extensions()
    )


def make_site(root: Path, pairs: int, today: dt.date | None = None) -> Site:
    """Write a benchmark site with `pairs` topics in each of the two voices."""
    reviewed = (today or dt.date.today()) - dt.timedelta(days=30)
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml(pairs, plugin=True), encoding="utf-8")
    (root / "mkdocs-noplugin.yml").write_text(mkdocs_yml(pairs, plugin=False), encoding="utf-8")
    (docs / "glossary.yml").write_text(glossary_yaml(), encoding="utf-8")
    (docs / "index.md").write_text(
        "---\ntitle: Benchmark knowledge base\n---\n\n# Benchmark knowledge base\n\n"
        f"This site has {pairs} topics, each written for staff and for young people.\n",
        encoding="utf-8",
    )
    pages = ["index.md"]
    for index in range(pairs):
        for voice in ("staff", "young-people"):
            relative = f"{voice}/{topic_path(index)}"
            file = docs / relative
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(page(index, voice, pairs, reviewed), encoding="utf-8")
            pages.append(relative)
    return Site(root, pairs, pages)


def edit_one_page(site: Site, marker: str) -> Path:
    """Change one sentence of one staff page (for the serve rebuild)."""
    file = site.docs / "staff" / topic_path(site.pairs // 2)
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("## More about this\n", f"## More about this\n\nThis sentence was added by the benchmark ({marker}).\n", 1), encoding="utf-8")
    return file
