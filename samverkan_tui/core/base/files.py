"""Every file and folder the program writes goes through here: private, atomic, no symlinks.

- ``write_private(path, data)``: written to a fresh temporary file in the same folder
  (``tempfile.mkstemp``: an unpredictable name, created exclusively, binary, 0600 whatever
  the umask, no symlink followed) and renamed over the old file only when complete
  (``fsync`` first), so a full disk never leaves half an export behind. A symlink at the
  path is refused, not followed.
- ``ensure_private_dir(path)``: the folders the app creates are 0700 under any umask. A
  folder that exists already is used as it is, never chmod-ed: a folder is only made
  private again if it carries our marker file (``MARKER``), which we write into the folder
  asked for, never into parents made on the way (``~/.local``, ``~/.config`` are not ours).
- ``unique_path(folder, stem, suffix)``: a name that does not exist yet (``-2``, ``-3`` …).
- ``FileSafetyError``: the reason in one Swedish line (``swedish_reason`` for OSErrors).

Portable by design: ``O_NOFOLLOW``, ``O_BINARY``, ``O_CLOEXEC`` and ``fchmod`` are used
where the platform has them (Windows has no ``O_NOFOLLOW``, and ``fchmod`` only from
Python 3.13; without ``O_BINARY`` its ``os.open`` would turn every ``\\n`` into ``\\r\\n``).
On Windows a file open in another program (a PDF in a reader) cannot be replaced for a
moment: the rename is retried briefly, then the user is told to close it. Every flag is
looked up when it is used, so the simulation lane (tests/windows_sim) can take it away.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
MARKER = ".samverkan-mapp"  # in every folder the app created, so it knows it may tighten it
_MARKER_TEXT = "Mappen skapades av Samverkan TUI; filerna i den kan bara du läsa.\n".encode()
# Windows: ERROR_ACCESS_DENIED (5) is also what replacing a file open elsewhere raises;
# ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
SHARING_WINERRORS = frozenset({5, 32, 33})
OPEN_ELSEWHERE = "Filen är öppen i ett annat program – stäng den och försök igen"
OPEN_ELSEWHERE_OR_READ_ONLY = (
    "Filen är öppen i ett annat program eller skrivskyddad – stäng den (eller ta bort skrivskyddet) "
    "och försök igen"
)
# How long a rename waits for another program (a virus scanner, a PDF reader's preview) to
# let go of the file: short, as the user is waiting.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4)


class FileSafetyError(OSError):
    """A path the app will not write to, or a write that failed; ``str()`` is Swedish."""

    def __str__(self) -> str:
        # The Swedish sentence alone: OSError's own str() puts "[Errno 40]" before it.
        return self.strerror if self.strerror else super().__str__()


def swedish_reason(error: OSError, *, name_file: bool = True) -> str:
    """Why an OSError happened, in Swedish, with the file it is about: one line of output.

    The wording comes from ``core.oserrors``, the one mapping every command shares; a
    refusal of our own (``FileSafetyError``) already says it in Swedish. ``name_file=False``:
    the reason alone, for a message that names the file already."""
    if isinstance(error, FileSafetyError):
        return str(error)
    from samverkan_tui.core.base.oserrors import os_error_reason

    reason = os_error_reason(error, writing=True)
    where = f" ({error.filename})" if error.filename and name_file else ""
    return reason + where


def _flag(name: str) -> int:
    return int(getattr(os, name, 0))


def _fchmod(fd: int, path: Path, mode: int) -> None:
    """``fchmod`` where it exists (not on Windows before 3.13), else ``chmod`` by name."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def refuse_symlink(path: Path) -> None:
    """Raise if ``path`` itself is a symbolic link (a missing path is fine)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise FileSafetyError(
            errno.ELOOP,
            f"{path} är en symbolisk länk; av säkerhetsskäl skriver appen inte genom länkar. "
            "Ta bort länken eller ange en annan sökväg",
        )


def ensure_private_dir(path: Path, *, mark: bool = True) -> Path:
    """The folder ``path``, created 0700 (with parents, also 0700) if missing; never a symlink.

    An existing folder is chmod-ed to 0700 only if the app created it (marker file);
    any other existing folder is left exactly as it is. The marker goes into ``path``
    only, never into the parents made on the way. ``mark=False``: no marker at all (an
    export folder the user browses; the app never tightens it later).
    """
    path = Path(path)
    if str(path) == "":
        raise FileSafetyError(errno.EINVAL, "sökvägen till mappen är tom")
    refuse_symlink(path)
    if path.is_dir():
        if created_by_us(path):
            mode = stat.S_IMODE(os.lstat(path).st_mode)
            if mode != DIR_MODE:
                os.chmod(path, DIR_MODE)
        return path
    if path.exists():
        raise FileSafetyError(errno.ENOTDIR, f"{path} finns men är inte en mapp")
    missing: list[Path] = []
    parent = path
    while not parent.exists():
        refuse_symlink(parent)
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:  # made by someone else meanwhile: theirs, not ours
            refuse_symlink(folder)
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode is cut by the umask, and umask 000 adds nothing
        if mark and folder == path:
            _write_marker(path)
    return path


def _write_marker(folder: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _flag("O_NOFOLLOW") | _flag("O_BINARY")
    marker = folder / MARKER
    fd = os.open(marker, flags | _flag("O_CLOEXEC"), FILE_MODE)
    try:
        _fchmod(fd, marker, FILE_MODE)
        _write_fd(fd, _MARKER_TEXT)
    finally:
        os.close(fd)


def created_by_us(folder: Path) -> bool:
    """True if the app made ``folder`` (it holds the marker file)."""
    marker = Path(folder) / MARKER
    return marker.is_file() and not marker.is_symlink()


def mark_as_ours(folder: Path) -> None:
    """Write the marker into a folder the app has just created by other means."""
    with contextlib.suppress(FileExistsError):
        _write_marker(Path(folder))


def write_private(path: Path, data: str | bytes, *, make_folder: bool = False) -> Path:
    """Write ``data`` to ``path`` as a 0600 file, atomically; refuse symlinks. Returns ``path``.

    Text is written as UTF-8 with the newlines given (``\\n`` on every platform).
    ``make_folder``: create a missing folder (0700) first.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_dir() and not path.is_symlink():
        raise FileSafetyError(errno.EISDIR, f"{path} är en mapp")
    refuse_symlink(path)
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode):
            # A device or a pipe (/dev/null, a fifo) is written to, never replaced: a rename
            # over it would swap the device for a file (as root, /dev/full became one once).
            _write_all(path, data)
            return path
        raise FileSafetyError(errno.EINVAL, f"{path} är ingen vanlig fil")
    folder = path.parent
    if make_folder:
        ensure_private_dir(folder)
    import tempfile

    # mkstemp: a random name (nobody can plant a link at it in advance), O_EXCL, mode 0600,
    # and binary and no-follow where the platform has those flags.
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(temporary)
    try:
        try:
            _hide(tmp)
            _write_fd(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        refuse_symlink(path)  # again, just before the rename: the window stays small
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _hide(path: Path) -> None:
    """On Windows a leading dot hides nothing: mark the temporary file hidden, as a crash
    in the middle of a write would otherwise leave it in the user's view."""
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # type: ignore[attr-defined,unused-ignore]


def is_open_elsewhere(error: OSError) -> bool:
    """Windows' refusal to replace or open a file another program holds open."""
    return getattr(error, "winerror", None) in SHARING_WINERRORS


def _replace(source: Path, target: Path) -> None:
    """``os.replace``, retried briefly while another program holds ``target`` open (Windows)."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if not is_open_elsewhere(error):
                raise
            if delay is None:
                # 5 (access denied) is also a read-only file: name both, the user knows which.
                read_only_too = getattr(error, "winerror", None) == 5
                text = OPEN_ELSEWHERE_OR_READ_ONLY if read_only_too else OPEN_ELSEWHERE
                raise FileSafetyError(errno.EBUSY, f"{text} ({target})") from None
            time.sleep(delay)


def _write_all(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | _flag("O_BINARY") | _flag("O_CLOEXEC"))
    try:
        _write_fd(fd, data)
    finally:
        os.close(fd)


def open_private_file(path: Path) -> None:
    """Create ``path`` as a 0600 file if missing (no symlink followed); tighten it if ours."""
    path = Path(path)
    refuse_symlink(path)
    flags = os.O_RDWR | os.O_CREAT | _flag("O_NOFOLLOW") | _flag("O_BINARY") | _flag("O_CLOEXEC")
    fd = os.open(path, flags, FILE_MODE)
    try:
        _fchmod(fd, path, FILE_MODE)
    finally:
        os.close(fd)


def tighten_private_file(path: Path) -> None:
    """Make an existing file of another program's (SQLite's -wal/-shm) 0600 by its path.

    No descriptor is opened: closing any descriptor of a file releases every POSIX lock
    the process holds on it, and SQLite locks its -shm file to know whether another
    process still maps it. Opening and closing one beside a live connection lets a second
    process truncate the -shm under the first one's mapping (SIGBUS)."""
    refuse_symlink(path)
    try:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        return
    if mode != FILE_MODE and os.name != "nt":
        os.chmod(path, FILE_MODE)


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or with ``-2``, ``-3`` … when that name is taken."""
    candidate = Path(folder) / f"{stem}{suffix}"
    number = 2
    while os.path.lexists(candidate):
        candidate = Path(folder) / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "MARKER",
    "OPEN_ELSEWHERE",
    "OPEN_ELSEWHERE_OR_READ_ONLY",
    "FileSafetyError",
    "created_by_us",
    "ensure_private_dir",
    "is_open_elsewhere",
    "mark_as_ours",
    "open_private_file",
    "refuse_symlink",
    "swedish_reason",
    "tighten_private_file",
    "unique_path",
    "write_private",
]
