"""Operating-system errors in plain Swedish: the one mapping every command shares.

The OS describes failures in English ("No space left on device"); users read Swedish.
``os_error_reason`` gives the reason alone, ``os_error_message`` adds the file it is about.
"""

from __future__ import annotations

import errno

_REASONS: dict[int, str] = {
    errno.ENOENT: "filen eller katalogen finns inte",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EISDIR: "det är en katalog, inte en fil",
    errno.ENOTDIR: "en del av sökvägen är inte en katalog",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.ENAMETOOLONG: "sökvägen eller filnamnet är för långt",
    errno.ELOOP: "för många symboliska länkar i sökvägen",
    errno.EEXIST: "filen finns redan",
    errno.ENOTEMPTY: "katalogen är inte tom",
    errno.EIO: "läs- eller skrivfel på enheten",
    errno.EMFILE: "för många öppna filer",
    errno.ENFILE: "för många öppna filer i systemet",
    errno.EBUSY: "filen används av ett annat program",
    errno.ETXTBSY: "filen används av ett annat program",
    errno.EPIPE: "mottagaren har stängt utdata",
    errno.EBADF: "filen är stängd",
    errno.EINVAL: "ogiltig sökväg eller ogiltigt värde",
    errno.EXDEV: "filen kan inte flyttas mellan filsystem",
    errno.EFBIG: "filen är för stor",
    errno.ENOMEM: "minnet räcker inte",
    errno.EAGAIN: "resursen är tillfälligt upptagen; försök igen",
    errno.ENODEV: "enheten finns inte",
    errno.ENXIO: "enheten finns inte",
    errno.ETIMEDOUT: "tidsgränsen gick ut",
}

# Errors caused by what the user typed (a path), not by the system: exit code 2.
INPUT_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.EINVAL, errno.ELOOP})


def os_error_reason(error: OSError, writing: bool = False) -> str:
    """Why, in Swedish, without the file name: ``disken är full``.

    ``writing``: the error came from creating a file, where a missing path means a missing
    folder (``katalogen finns inte``)."""
    number = error.errno
    if writing and number == errno.ENOENT:
        return "katalogen finns inte"
    if number in _REASONS:
        return _REASONS[number]
    if isinstance(error, (PermissionError,)):
        return _REASONS[errno.EACCES]
    if isinstance(error, FileNotFoundError):
        return _REASONS[errno.ENOENT]
    name = errno.errorcode.get(number or 0)
    return f"systemfel {name}" if name else "okänt systemfel"


def os_error_message(error: OSError) -> str:
    """``/tmp/ut.pdf: disken är full``; the reason alone when the error names no file."""
    reason = os_error_reason(error)
    filename = error.filename
    if filename is None:
        return reason
    if isinstance(filename, bytes):
        filename = filename.decode("utf-8", "replace")
    text = str(filename)
    if len(text) > 120:  # a path too long for the OS is too long for one line, too
        text = text[:60] + "…" + text[-40:]
    return f"{text}: {reason}"
