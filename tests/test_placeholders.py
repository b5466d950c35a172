"""Unfilled placeholders in mkdocs.yml stop a publishing build; the kit as shipped still builds for preview."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainpolicy.rules.site_placeholders import is_publishing, placeholders_in
from plainpolicy_testing import REPO, copy_project, line_of, mkdocs_build, run_cli

SITE_URL = "https://example-youth.org.uk/policy/"

# Real-looking details for every placeholder the kit ships with (key -> value).
FILLED = {
    '"[Your organisation]"': "Riverside Youth Project",
    '"[Name of your DSL]"': "Sam Patel",
    '"[DSL phone number]"': '"01632 960 123"',
    '"[dsl@example.org]"': "safeguarding@riverside-youth.org.uk",
    '"[Name of your deputy DSL]"': "Jo Evans",
    '"[Deputy phone number]"': '"01632 960 124"',
    "\"[Out-of-hours contact, for example your on-call manager's number]\"": '"On-call manager: 07700 900 125"',
    '"[LADO phone number]"': '"01632 960 200"',
    '"[Local authority safeguarding phone number]"': '"01632 960 201"',
    '"[Child protection phone number]"': '"01632 960 202"',
    '"[Gateway team phone number]"': '"01632 960 203"',
}


def with_site_url(config: str) -> str:
    return config.replace("docs_dir: docs", f"site_url: {SITE_URL}\ndocs_dir: docs", 1)


def filled(config: str) -> str:
    for placeholder, value in FILLED.items():
        config = config.replace(placeholder, value)
    return config


def shipped_placeholders(config: Path = REPO / "mkdocs.yml") -> list[tuple[int, str]]:
    """(line, text) of every "[...]" value under extra: in a mkdocs.yml, found independently of the module."""
    lines = config.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("extra:"))
    found = []
    for number, line in enumerate(lines[start:], start + 1):
        if re.match(r"^\S", line) and number > start + 1:
            break
        if line.lstrip().startswith("#"):
            continue
        found += [(number, text) for text in re.findall(r'"(\[[^\]"]+\])"', line)]
    return found


def test_publishing_build_stops_and_names_each_placeholder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "kit", with_site_url)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, "a build with site_url and placeholders should fail"
    expected = shipped_placeholders(project / "mkdocs.yml")
    assert len(expected) >= 10
    for line, text in expected:
        assert f"mkdocs.yml:{line} " in result.stderr and text in result.stderr, f"{text} (line {line}) not named:\n{result.stderr[-3000:]}"
    assert "extra.organisation.safeguarding_lead.phone" in result.stderr
    assert f"mkdocs.yml:{line_of(project / 'mkdocs.yml', '[dsl@example.org]')} " in result.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "the site was written despite the placeholders"


def test_explicit_publish_setting_without_site_url(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "kit", lambda c: c.replace("  # publish: true ", "  publish: true ", 1))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "[Your organisation]" in result.stderr


def test_filled_in_kit_publishes_with_a_sitemap(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "kit", lambda c: filled(with_site_url(c)))
    assert placeholders_in(project / "mkdocs.yml") == [], "FILLED misses a placeholder the kit ships with"
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert SITE_URL + "staff/devices.html" in locations or SITE_URL + "staff/devices/" in locations, locations[:5]
    assert all(url.startswith(SITE_URL) for url in locations) and len(locations) > 20
    page = (out / "staff" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:01632960123"' in page and 'href="tel:07700900125"' in page, "filled-in numbers are not tel: links"


def test_plainpolicy_check_lists_placeholders(tmp_path: Path) -> None:
    """`plainpolicy check`: a note for each placeholder in a preview, an error (exit 1) once site_url is set."""
    preview = copy_project(tmp_path / "preview")
    result = run_cli("check", "--format", "json", cwd=preview)
    notes = [f for f in result.json()["findings"] if f["rule"] == "site/placeholder"]
    assert result.code == 0 and len(notes) == len(shipped_placeholders()), (result.code, notes)
    assert {f["severity"] for f in notes} == {"info"}
    assert {f["line"] for f in notes} == {line for line, _ in shipped_placeholders()}

    publishing = copy_project(tmp_path / "publishing", with_site_url)
    result = run_cli("check", "--format", "json", cwd=publishing)
    errors = [f for f in result.json()["findings"] if f["rule"] == "site/placeholder"]
    assert result.code == 1 and errors and {f["severity"] for f in errors} == {"error"}


def test_a_contact_for_other_nations_need_not_be_filled_in(tmp_path: Path) -> None:
    every = {p.key for p in placeholders_in(REPO / "mkdocs.yml")}
    scotland = {p.key for p in placeholders_in(REPO / "mkdocs.yml", ["scotland"])}
    assert any(key.endswith(".phones[0].number") for key in every - scotland), "England's LADO should drop out"
    assert any("helplines" in key for key in scotland), "Scotland's own local route should stay"


def _plugin_knows_nations() -> bool:
    from plainpolicy.mkdocs_plugin.config import PlainPolicyConfig

    return "nations" in dict(PlainPolicyConfig._schema)


@pytest.mark.skipif(not _plugin_knows_nations(), reason="the plugin's nations: setting is not merged yet")
def test_one_nation_site_shows_its_own_local_route(tmp_path: Path) -> None:
    """nations: [scotland]: the staff panel shows Scotland's local route, not England's LADO,
    and the publishing build does not ask for the LADO's number."""
    def scotland(config: str) -> str:
        config, count = re.subn(r"\n      nations: \[[^\]]*\]", "\n      nations: [scotland]", config, count=1)
        assert count == 1  # the kit names its nations in the plugin's settings
        return filled(with_site_url(config)).replace('"01632 960 202"', '"[Child protection phone number]"')

    project = copy_project(tmp_path / "kit", scotland)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "[Child protection phone number]" in result.stderr
    assert "LADO" not in result.stderr and "Gateway" not in result.stderr

    (project / "mkdocs.yml").write_text(filled((project / "mkdocs.yml").read_text()), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "staff" / "index.html").read_text(encoding="utf-8")
    assert 'pp-help__name">Local authority child protection team' in page
    assert 'pp-help__name">Local authority designated officer' not in page


def test_mkdocs_serve_address_is_a_preview() -> None:
    """`mkdocs serve` sets site_url to its own address: the shipped kit must still serve."""
    assert not is_publishing("http://127.0.0.1:8000/", {})
    assert not is_publishing("http://localhost:8000/policy/", {})
    assert is_publishing("https://owner.github.io/policy/", {})
    assert not is_publishing("https://owner.github.io/policy/", {"publish": False})
    assert is_publishing(None, {"publish": True})
