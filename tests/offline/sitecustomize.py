"""Loaded by every Python subprocess the tests start (via PYTHONPATH).

Any attempt to reach the network (a TCP/UDP connect or send, or a DNS lookup)
prints one line to stderr and ends the process at once with exit code 97, so
no `except OSError` in the code under test can hide it. Unix-domain sockets
are not network and are allowed.
"""

import os
import socket
import sys

EXIT_NETWORK = 97


def _die(what):
    try:
        sys.stderr.write(f"plainpolicy-tests: NETWORK ACCESS ATTEMPTED: {what}\n")
        sys.stderr.flush()
    finally:
        os._exit(EXIT_NETWORK)


def _is_unix(sock):
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto


def _connect(self, address):
    if _is_unix(self):
        return _real_connect(self, address)
    _die(f"connect to {address!r}")


def _connect_ex(self, address):
    if _is_unix(self):
        return _real_connect_ex(self, address)
    _die(f"connect_ex to {address!r}")


def _sendto(self, data, *args):
    if _is_unix(self):
        return _real_sendto(self, data, *args)
    _die(f"sendto {args[-1] if args else None!r}")


def _create_connection(address, *args, **kwargs):
    _die(f"create_connection to {address!r}")


_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kwargs):
    if host is None:
        return _real_getaddrinfo(host, *args, **kwargs)
    _die(f"getaddrinfo({host!r})")


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
socket.socket.sendto = _sendto
socket.create_connection = _create_connection
socket.getaddrinfo = _getaddrinfo
