"""Worker processes end when the process that started them dies, even by `kill -9`.

A killed parent cannot tell its workers to stop, and a worker blocked waiting
for work would otherwise run on (a minute or more, holding memory and the
syllable table). On Linux the kernel sends the worker SIGKILL when its parent
dies (prctl PR_SET_PDEATHSIG); everywhere, a watch thread ends the worker once
it has been handed to another parent.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def die_with_parent() -> None:
    """Call in a worker as it starts."""
    parent = multiprocessing.parent_process()
    expected = parent.pid if parent is not None else os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != expected:  # the parent died before the line above
        os._exit(1)
    threading.Thread(target=_watch, args=(expected,), name="plainpolicy-orphan-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
