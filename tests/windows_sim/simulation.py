"""A SIMULATION, on Linux, of what CPython on Windows lacks or does differently when writing files.

This is not Windows and not a claim of support: it reproduces the three differences that
broke every write of the app on Windows, so that a regression shows up here, where no
Windows machine exists:

- ``os.O_NOFOLLOW`` does not exist (AttributeError when used unguarded);
- ``os.fchmod`` does not exist (before Python 3.13);
- ``os.open`` opens in text mode unless ``os.O_BINARY`` is given: every ``\\n`` written
  becomes ``\\r\\n`` (a PDF is silently corrupt). ``os.O_BINARY`` exists,
  and ``tempfile``, as on Windows, opens its files with it and without ``O_NOFOLLOW``.

Python's own ``open()`` is binary-safe on Windows as well (it adds ``O_BINARY`` itself)
and goes through ``io``, not ``os.open``, so it is left alone, as is SQLite (C code).
A cp1252 stdout is simulated per process: ``PYTHONIOENCODING=cp1252`` in a subprocess.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator

# Windows' own value (0x8000) is O_LARGEFILE's bit on Linux: a bit no Linux flag uses instead.
O_BINARY = 1 << 30
LABEL = "SIMULATION of CPython on Windows (no O_NOFOLLOW, no fchmod, text-mode os.open, cp1252 stdout)"


@contextlib.contextmanager
def windows_os() -> Iterator[None]:
    """Inside: ``os`` and ``tempfile`` behave as on Windows in the three ways above."""
    real_open, real_write, real_close = os.open, os.write, os.close
    saved = {name: getattr(os, name) for name in ("O_NOFOLLOW", "fchmod", "open", "write", "close")}
    had_binary = hasattr(os, "O_BINARY")
    saved_tempfile_flags = tempfile._bin_openflags  # type: ignore[attr-defined]
    text_mode: set[int] = set()

    def open_(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        fd = real_open(path, flags & ~O_BINARY, mode, dir_fd=dir_fd)
        if flags & O_BINARY:
            text_mode.discard(fd)
        else:
            text_mode.add(fd)
        return fd

    def write(fd, data):  # type: ignore[no-untyped-def]
        if fd in text_mode:
            translated = bytes(data).replace(b"\n", b"\r\n")
            real_write(fd, translated)
            return len(data)
        return real_write(fd, data)

    def close(fd):  # type: ignore[no-untyped-def]
        text_mode.discard(fd)
        return real_close(fd)

    try:
        del os.O_NOFOLLOW
        del os.fchmod
        os.O_BINARY = O_BINARY  # type: ignore[attr-defined]
        os.open, os.write, os.close = open_, write, close  # type: ignore[assignment]
        # tempfile computes its flags at import; on Windows they hold O_BINARY, no O_NOFOLLOW.
        tempfile._bin_openflags = (saved_tempfile_flags & ~saved["O_NOFOLLOW"]) | O_BINARY  # type: ignore[attr-defined]
        yield
    finally:
        for name, value in saved.items():
            setattr(os, name, value)
        if not had_binary:
            with contextlib.suppress(AttributeError):
                del os.O_BINARY  # type: ignore[attr-defined]
        tempfile._bin_openflags = saved_tempfile_flags  # type: ignore[attr-defined]


def apply() -> None:
    """For a subprocess: enter the simulation for the rest of the process."""
    windows_os().__enter__()
