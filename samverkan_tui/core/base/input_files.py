"""Every file the program reads as input, read one way: a type check and a size limit.

Routine files, the config, answer files, source texts, saved reviews, follow-up JSON to
merge: each is a small text file. A path that names a device (``/dev/zero``), a FIFO or
a socket would make a plain ``read()`` hang or never end, and a huge file would fill the
memory, so they are refused with one Swedish line before anything is read:

- the path must be a regular file (checked on the open descriptor, so a file swapped for
  a FIFO between the check and the open is caught too; on POSIX the open itself does not
  block on a FIFO);
- at most ``limit`` bytes (``MAX_INPUT_BYTES`` unless the reader says otherwise), counted
  while reading, so a file that grows meanwhile is refused as well.

``InputFileError`` carries the reason without the file name (the caller names the file
the way its messages do) and the exit code a command uses for it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 8 * 1024 * 1024  # a routine is ~50 kB, a year's merged follow-up < 1 MB
EXIT_USAGE = 2  # the path the user gave is wrong (cli.state.EXIT_USAGE)
EXIT_FAILURE = 1  # the system failed (cli.state.EXIT_FAILURE)


class InputFileError(OSError):
    """Why an input file cannot be read, in Swedish (``str()``), and the exit code for it."""

    def __init__(
        self, reason: str, exit_code: int = EXIT_USAGE, number: int = errno.EINVAL, *, from_os: bool = False
    ) -> None:
        super().__init__(number, reason)
        self.reason = reason
        self.exit_code = exit_code
        self.from_os = from_os  # the OS refused (reason: "behörighet saknas"), not our check

    def __str__(self) -> str:
        return self.reason

    @property
    def missing(self) -> bool:
        return self.errno == errno.ENOENT

    @property
    def too_big(self) -> bool:
        return self.errno == errno.EFBIG

    def describe(self, name: str) -> str:
        """One line about the file ``name``: "NAME är en enhet …" or "kan inte läsa NAME: …"."""
        return f"kan inte läsa {name}: {self.reason}" if self.from_os else f"{name} {self.reason}"


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} kB"


def _kind(mode: int) -> str | None:
    """What a path is when it is not a regular file, in Swedish."""
    if stat.S_ISDIR(mode):
        return "det är en katalog, inte en fil"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "är en enhet, inte en fil; ange en vanlig fil"
    if stat.S_ISFIFO(mode):
        return "är en namngiven rörledning (FIFO), inte en fil; ange en vanlig fil"
    if stat.S_ISSOCK(mode):
        return "är en socket, inte en fil; ange en vanlig fil"
    if not stat.S_ISREG(mode):
        return "är ingen vanlig fil; ange en vanlig fil"
    return None


def read_input_bytes(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of the input file ``path``, or ``InputFileError`` (Swedish, with an exit code)."""
    from samverkan_tui.core.base.oserrors import INPUT_ERRNOS, os_error_reason

    limit = MAX_INPUT_BYTES if limit is None else limit
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as error:
        code = EXIT_USAGE if error.errno in INPUT_ERRNOS or error.errno == errno.ENOENT else EXIT_FAILURE
        raise InputFileError(os_error_reason(error), code, error.errno or errno.EIO, from_os=True) from None
    except ValueError:  # a NUL byte in the path
        raise InputFileError("ogiltig sökväg", from_os=True) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        # A folder reads like the OS says it ("det är en katalog"), a device like our check.
        raise InputFileError(kind, from_os=stat.S_ISDIR(info.st_mode))
    if info.st_size > limit:
        raise InputFileError(
            f"är för stor ({_size_text(info.st_size)}; högst {_size_text(limit)})", number=errno.EFBIG
        )
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise InputFileError(
            os_error_reason(error), EXIT_FAILURE, error.errno or errno.EIO, from_os=True
        ) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise InputFileError(kind)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputFileError(f"är för stor (mer än {_size_text(limit)})", number=errno.EFBIG)
    except InputFileError:
        raise
    except OSError as error:
        raise InputFileError(
            os_error_reason(error), EXIT_FAILURE, error.errno or errno.EIO, from_os=True
        ) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_input_text(path: Path | str, limit: int | None = None) -> str:
    """The input file as UTF-8 text (a byte-order mark dropped), or ``InputFileError``."""
    data = read_input_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputFileError(f"är inte text i UTF-8 (byte {error.start + 1})") from None


__all__ = ["MAX_INPUT_BYTES", "InputFileError", "read_input_bytes", "read_input_text"]
