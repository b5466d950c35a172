"""Suite-wide setup: no network, ever, and an isolated syllable cache.

The network guard is installed when pytest starts (so it also covers imports
during collection) and stays for the whole session. It replaces socket
connect / connect_ex / sendto, socket.create_connection and socket.getaddrinfo
with versions that refuse and *record* every attempt; an autouse fixture then
fails the test that made one, even if the code under test swallowed the error.

Loopback (127.0.0.0/8, ::1, localhost) is allowed only for tests under
tests/browser, which serve the built site on 127.0.0.1, and during fixture
teardown once a browser test has run (their session fixtures are torn down at
the very end). Everything else is refused everywhere. Unix-domain sockets are
not network and are left alone.

Subprocesses get the same guarantee from tests/offline/sitecustomize.py, which
plainpolicy_testing.run_subprocess always puts on PYTHONPATH.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

TESTS = Path(__file__).resolve().parent
BROWSER_DIR = TESTS / "browser"


class NetworkBlocked(OSError):
    """Raised instead of opening a network connection during the tests."""


class _Guard:
    def __init__(self) -> None:
        self.attempts: list[str] = []
        self.allow_loopback = False
        self.browser_seen = False
        self._saved: dict[str, Any] = {}

    # --- deciding ---------------------------------------------------------------
    @staticmethod
    def is_loopback(host: Any) -> bool:
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if not isinstance(host, str):
            return False
        if host.lower() in ("localhost", "localhost.", "ip6-localhost"):
            return True
        try:
            return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
        except ValueError:
            return False

    @contextlib.contextmanager
    def expected(self) -> Iterator[list[str]]:
        """For tests that try the network on purpose: yields the attempts made inside, then forgets them."""
        before = len(self.attempts)
        made: list[str] = []
        try:
            yield made
        finally:
            made.extend(self.attempts[before:])
            del self.attempts[before:]

    def refuse(self, what: str) -> NetworkBlocked:
        self.attempts.append(what)
        return NetworkBlocked(f"network access is not allowed in plainpolicy's tests: {what}")

    def check_address(self, family: int, address: Any, what: str) -> None:
        if family == getattr(socket, "AF_UNIX", object()):
            return
        host = address[0] if isinstance(address, tuple) and address else address
        if self.allow_loopback and self.is_loopback(host):
            return
        raise self.refuse(f"{what} {address!r}")

    # --- installing -------------------------------------------------------------
    def install(self) -> None:
        guard = self
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        real_sendto = socket.socket.sendto
        real_create_connection = socket.create_connection
        real_getaddrinfo = socket.getaddrinfo
        self._saved = {
            "connect": real_connect,
            "connect_ex": real_connect_ex,
            "sendto": real_sendto,
            "create_connection": real_create_connection,
            "getaddrinfo": real_getaddrinfo,
        }

        def connect(sock: socket.socket, address: Any) -> Any:
            guard.check_address(sock.family, address, "connect to")
            return real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> Any:
            guard.check_address(sock.family, address, "connect_ex to")
            return real_connect_ex(sock, address)

        def sendto(sock: socket.socket, data: Any, *args: Any) -> Any:
            address = args[-1] if args else None
            guard.check_address(sock.family, address, "sendto")
            return real_sendto(sock, data, *args)

        def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
            guard.check_address(socket.AF_INET, address, "create_connection to")
            return real_create_connection(address, *args, **kwargs)

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if host is None or (guard.allow_loopback and guard.is_loopback(host)):
                return real_getaddrinfo(host, *args, **kwargs)
            raise guard.refuse(f"getaddrinfo({host!r})")

        socket.socket.connect = connect  # type: ignore[method-assign]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
        socket.socket.sendto = sendto  # type: ignore[method-assign]
        socket.create_connection = create_connection  # type: ignore[assignment]
        socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]

    def uninstall(self) -> None:
        if not self._saved:
            return
        socket.socket.connect = self._saved["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = self._saved["connect_ex"]  # type: ignore[method-assign]
        socket.socket.sendto = self._saved["sendto"]  # type: ignore[method-assign]
        socket.create_connection = self._saved["create_connection"]  # type: ignore[assignment]
        socket.getaddrinfo = self._saved["getaddrinfo"]  # type: ignore[assignment]
        self._saved = {}


GUARD = _Guard()
_CACHE_DIR: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _CACHE_DIR
    GUARD.install()
    # Our own syllable cache: never depend on (or write to) the user's ~/.cache.
    if not os.environ.get("PLAINPOLICY_CACHE_DIR"):
        _CACHE_DIR = tempfile.mkdtemp(prefix="plainpolicy-test-cache-")
        os.environ["PLAINPOLICY_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config: pytest.Config) -> None:
    GUARD.uninstall()
    if _CACHE_DIR:
        shutil.rmtree(_CACHE_DIR, ignore_errors=True)


def _is_browser_item(item: pytest.Item) -> bool:
    try:
        Path(str(item.path)).resolve().relative_to(BROWSER_DIR)
    except ValueError:
        return False
    return True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    browser = _is_browser_item(item)
    GUARD.browser_seen = GUARD.browser_seen or browser
    GUARD.allow_loopback = browser
    try:
        return (yield)
    finally:
        GUARD.allow_loopback = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    GUARD.allow_loopback = _is_browser_item(item)
    before = len(GUARD.attempts)
    try:
        result = yield
    finally:
        GUARD.allow_loopback = False
    attempts = GUARD.attempts[before:]
    if attempts:  # the test itself fails, even if the code under test swallowed the error
        del GUARD.attempts[before:]
        pytest.fail("network access attempted: " + "; ".join(attempts), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    GUARD.allow_loopback = _is_browser_item(item) or GUARD.browser_seen
    try:
        return (yield)
    finally:
        GUARD.allow_loopback = False


@pytest.fixture(autouse=True)
def no_network() -> Iterator[Callable[[], list[str]]]:
    """Fails the test if it, its fixtures or code they called tried to open a network connection.

    Attempts made by the test body fail the test itself (pytest_runtest_call);
    this catches the rest (fixture setup) as an error at teardown.
    """
    before = len(GUARD.attempts)
    yield lambda: GUARD.attempts[before:]
    attempts = GUARD.attempts[before:]
    if attempts:
        del GUARD.attempts[before:]
        pytest.fail("network access attempted: " + "; ".join(attempts), pytrace=False)


@pytest.fixture()
def network_guard() -> _Guard:
    """The guard itself, for the tests that prove it works."""
    return GUARD


@pytest.fixture(scope="session")
def cmu_dict() -> dict[str, list[list[str]]]:
    """The CMU dictionary as plainpolicy ships it, in the shape textstat reads from NLTK."""
    from plainpolicy.text.syllables import textstat_dictionary

    return textstat_dictionary()
