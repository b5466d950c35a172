"""No network, ever, at build or check time.

In this process, tests/conftest.py refuses and records every connection (and
fails the test that made one). In subprocesses, tests/offline/sitecustomize.py
ends the process with exit 97 on any attempt. These tests prove both guards
work, then prove that a cold first run (no syllable cache, no NLTK data) of
`plainpolicy check` and of `mkdocs build` with the plugin needs no network,
while textstat on its own would reach for it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest

from plainpolicy_testing import OFFLINE, TESTS, copy_site, offline_env, run_subprocess

EXIT_NETWORK = 97


# --- the in-process guard ----------------------------------------------------------------


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param(lambda: socket.create_connection(("example.org", 443), timeout=1), id="create_connection"),
        pytest.param(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80)), id="connect-ipv4"),
        pytest.param(lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM).connect(("2001:db8::1", 80, 0, 0)), id="connect-ipv6"),
        pytest.param(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect_ex(("192.0.2.1", 80)), id="connect_ex"),
        pytest.param(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("192.0.2.1", 53)), id="udp-sendto"),
        pytest.param(lambda: socket.getaddrinfo("pypi.org", 443), id="dns"),
        pytest.param(lambda: urllib.request.urlopen("https://example.org/", timeout=1), id="urllib"),
        pytest.param(lambda: socket.create_connection(("127.0.0.1", 9), timeout=1), id="loopback-outside-browser-tests"),
        pytest.param(lambda: socket.getaddrinfo("localhost", 80), id="localhost-outside-browser-tests"),
    ],
)
def test_the_guard_refuses_and_records_every_connection(network_guard, attempt) -> None:
    with network_guard.expected() as attempts:
        with pytest.raises(OSError):
            attempt()
    assert len(attempts) >= 1


def test_the_guard_catches_an_attempt_even_when_the_code_swallows_the_error(network_guard) -> None:
    def careless() -> str:
        try:
            urllib.request.urlopen("https://example.org/", timeout=1)
        except Exception:
            return "offline, carry on"
        return "online"

    with network_guard.expected() as attempts:
        assert careless() == "offline, carry on"
    assert attempts, "the attempt must be recorded, so the autouse fixture can fail the test"


def test_unix_sockets_are_not_network() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


def test_a_test_that_touches_the_network_fails(tmp_path: Path) -> None:
    """Run a tiny suite with our conftest: the careless test must fail, the careful one pass."""
    (tmp_path / "conftest.py").write_text((TESTS / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(
        textwrap.dedent(
            """
            import urllib.request

            def test_careless():
                try:
                    urllib.request.urlopen("https://example.org/", timeout=1)
                except OSError:
                    pass

            def test_careful():
                assert 1 + 1 == 2
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=offline_env(),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 1 passed" in result.stdout
    assert "network access attempted" in result.stdout and "example.org" in result.stdout


# --- the subprocess guard ----------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "import socket; socket.create_connection(('example.org', 80))",
        "import urllib.request\ntry:\n    urllib.request.urlopen('https://example.org/')\nexcept Exception:\n    pass",
        "import socket; socket.getaddrinfo('pypi.org', 443)",
    ],
)
def test_the_subprocess_guard_ends_the_process(code: str) -> None:
    result = subprocess.run([sys.executable, "-c", code], env=offline_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == EXIT_NETWORK
    assert "NETWORK ACCESS ATTEMPTED" in result.stderr


def test_the_subprocess_guard_is_loaded() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sitecustomize; print(sitecustomize.__file__)"],
        env=offline_env(), capture_output=True, text=True, timeout=60,
    )
    assert Path(result.stdout.strip()).resolve() == (OFFLINE / "sitecustomize.py").resolve()


# --- a cold first run, offline ------------------------------------------------------------


@pytest.fixture()
def cold_env(tmp_path: Path) -> dict[str, str]:
    """No syllable cache, no NLTK data anywhere, a fresh home: a brand-new machine, offline."""
    for name in ("cache", "nltk_data", "home", "xdg"):
        (tmp_path / name).mkdir()
    env = offline_env({
        "PLAINPOLICY_CACHE_DIR": str(tmp_path / "cache"),
        "NLTK_DATA": str(tmp_path / "nltk_data"),
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    })
    return env


def test_a_cold_first_check_needs_no_network(tmp_path: Path, cold_env: dict[str, str]) -> None:
    root = copy_site("site", tmp_path / "work")
    run = run_subprocess("check", "--format", "json", "docs/staff/readability.md", "docs/young-people/words.md", cwd=root, env=cold_env)
    assert run.code == 1, run.err  # findings, not a crash
    assert run.err == ""
    assert any(f["rule"] == "readability/too-hard" for f in run.json()["findings"])
    assert [p.name for p in (tmp_path / "cache").iterdir()], "the syllable cache was written where it was told"
    assert not any((tmp_path / "nltk_data").iterdir()), "nothing was downloaded for NLTK"
    # Warm run: the same answer from the cache.
    again = run_subprocess("check", "--format", "json", "docs/staff/readability.md", "docs/young-people/words.md", cwd=root, env=cold_env)
    assert again.json() == run.json()


def test_checking_never_imports_textstat_or_nltk(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from plainpolicy.cli import main\n"
        "main(['check', '--today', '2026-11-21', 'docs/staff/readability.md'])\n"
        "print('nltk' in sys.modules, 'textstat' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=TESTS / "fixtures/site", env=offline_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.stderr.strip() == "False False"


def test_textstat_alone_would_need_the_network(cold_env: dict[str, str]) -> None:
    """The trap the checker avoids: textstat fetches the CMU dictionary through NLTK on first use."""
    result = subprocess.run(
        [sys.executable, "-c", "import textstat; print(textstat.flesch_kincaid_grade('We keep your notes safe.'))"],
        env=cold_env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == EXIT_NETWORK, result.stdout + result.stderr
    assert "NETWORK ACCESS ATTEMPTED" in result.stderr


def test_a_cold_mkdocs_build_with_the_plugin_needs_no_network(tmp_path: Path, cold_env: dict[str, str]) -> None:
    root = copy_site("clean", tmp_path / "work")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=root, env=cold_env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "NETWORK ACCESS ATTEMPTED" not in result.stderr
    assert (tmp_path / "out/staff/devices/index.html").is_file()
    assert [p.name for p in (tmp_path / "cache").iterdir()]
