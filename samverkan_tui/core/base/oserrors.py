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

# Windows' own error codes (``OSError.winerror``), which say more than the errno Python
# maps them to: a sharing violation arrives as EACCES, "behörighet saknas", which sends the
# user looking at permissions when a PDF reader holds the file open.
_WINDOWS_REASONS: dict[int, str] = {
    2: "filen finns inte",  # ERROR_FILE_NOT_FOUND
    3: "katalogen finns inte",  # ERROR_PATH_NOT_FOUND
    5: "åtkomst nekad: filen är skrivskyddad, öppen i ett annat program eller så saknas behörighet",
    32: "filen är öppen i ett annat program – stäng den och försök igen",  # ERROR_SHARING_VIOLATION
    33: "en del av filen är låst av ett annat program – stäng det och försök igen",  # ERROR_LOCK_VIOLATION
    53: "nätverkssökvägen hittades inte",  # ERROR_BAD_NETPATH
    67: "nätverksnamnet hittades inte",  # ERROR_BAD_NET_NAME
    112: "disken är full",  # ERROR_DISK_FULL
    123: "ogiltigt tecken i filnamnet eller sökvägen",  # ERROR_INVALID_NAME
    206: "sökvägen eller filnamnet är för långt",  # ERROR_FILENAME_EXCED_RANGE
    225: "filen innehåller ett virus eller oönskat program och blockerades",  # ERROR_VIRUS_INFECTED
    1920: "filen kan inte nås av systemet",  # ERROR_CANT_ACCESS_FILE (OneDrive placeholders)
}

# Errors caused by what the user typed (a path), not by the system: exit code 2.
INPUT_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.EINVAL, errno.ELOOP})


def os_error_reason(error: OSError, writing: bool = False) -> str:
    """Why, in Swedish, without the file name: ``disken är full``.

    ``writing``: the error came from creating a file, where a missing path means a missing
    folder (``katalogen finns inte``)."""
    number = error.errno
    winerror = getattr(error, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINDOWS_REASONS:
        if writing and winerror in (2, 3):
            return "katalogen finns inte"
        return _WINDOWS_REASONS[winerror]
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
