"""Every file and folder the app writes goes through here: private, atomic, no symlinks.

- ``write_private(path, data)``: the file is 0600 whatever the umask, written to a
  temporary file in the same folder and renamed over the old one only when complete
  (``fsync`` first), so a full disk never leaves half an export behind. A symlink at the
  path is refused, not followed.
- ``ensure_private_dir(path)``: a folder the app creates is 0700. A folder that exists
  already is used as it is, never chmod-ed: a folder is only made private if it carries
  our marker file (``MARKER``), which we write when we create it.
- ``unique_path(folder, stem, suffix)``: a name that does not exist yet (``-2``, ``-3`` …).
- ``FileSafetyError``: the reason in one Swedish line (``swedish_reason`` for OSErrors).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
MARKER = ".samverkan-mapp"  # in every folder the app created, so it knows it may tighten it
_MARKER_TEXT = "Mappen skapades av Samverkan TUI; filerna i den kan bara du läsa.\n".encode()


class FileSafetyError(OSError):
    """A path the app will not write to, or a write that failed; ``str()`` is Swedish."""

    def __str__(self) -> str:
        # OSError's own str() starts "[Errno 40] ": the user reads the Swedish text only.
        return str(self.strerror) if self.strerror else super().__str__()


def swedish_reason(error: OSError) -> str:
    """Why an OSError happened, in Swedish, with the file it is about: one line of output.

    The wording comes from ``core.oserrors``, the one mapping every command shares; a
    refusal of our own (``FileSafetyError``) already says it in Swedish."""
    if isinstance(error, FileSafetyError):
        return str(error)
    from samverkan_tui.core.base.oserrors import os_error_reason

    reason = os_error_reason(error, writing=True)
    where = f" ({error.filename})" if error.filename else ""
    return reason + where


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
    """The folder ``path``, created 0700 (with parents) if missing; never a symlink.

    An existing folder is chmod-ed to 0700 only if the app created it (marker file);
    any other existing folder is left exactly as it is. ``mark=False``: no marker in the
    folders made (an export folder the user browses; the app never tightens it later).
    """
    path = Path(path)
    if str(path) == "":
        raise FileSafetyError(errno.EINVAL, "sökvägen till mappen är tom")
    refuse_symlink(path)
    if path.is_dir():
        if (path / MARKER).is_file() and not (path / MARKER).is_symlink():
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
        except FileExistsError:
            refuse_symlink(folder)
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode is cut by the umask
        if mark:
            _write_marker(folder)
    return path


def _write_marker(folder: Path) -> None:
    fd = os.open(folder / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, _MARKER_TEXT)
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
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    with contextlib.suppress(FileNotFoundError):
        if os.path.islink(tmp):
            os.unlink(tmp)
    try:
        fd = os.open(tmp, flags, FILE_MODE)
    except FileExistsError:
        os.unlink(tmp)
        fd = os.open(tmp, flags, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away, never added: be sure
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        refuse_symlink(path)  # again, just before the rename: the window stays small
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _write_all(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def open_private_file(path: Path) -> None:
    """Create ``path`` as a 0600 file if missing (no symlink followed); tighten it if ours."""
    path = Path(path)
    refuse_symlink(path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


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
    "FileSafetyError",
    "created_by_us",
    "ensure_private_dir",
    "mark_as_ours",
    "open_private_file",
    "refuse_symlink",
    "swedish_reason",
    "unique_path",
    "write_private",
]
