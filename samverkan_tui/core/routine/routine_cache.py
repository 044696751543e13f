"""A cache of parsed routines, so that start-up does not re-parse unchanged TOML files.

One small file per routine file (``<cache>/rutiner/<hash of the absolute path>.pickle``),
so a lookup reads only the entries it needs: a cache that has seen 500 variants of a
routine costs a listing no more than an empty one. Each entry holds a header — the
program version and the source of the modules that build routines (a developer editing
the model never sees a stale object), the file's absolute path, size and modification
time — and then the routine, whose ``path`` is absolute, so a command run from another
folder still finds the routine's source text.

An entry whose file changed or no longer exists is dropped when it is met, and whenever
something was added the folder is pruned: entries of files that are gone or changed go,
and beyond ``MAX_ENTRIES`` the least recently written go.

The entries are pickles, so they are only read from a folder that belongs to the user
and that nobody else can write. On POSIX that is the owner and the mode bits; on
Windows, where the mode Python reports means nothing (always 0o666 or 0o444), the
cache lives in the user's own profile (``%LOCALAPPDATA%``), which the profile's ACL
protects, and the check is that no entry or folder is a link elsewhere. Anything odd and
the entry is ignored and rebuilt. Failing to write (read-only home) only costs speed.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import stat
import sys
import zlib
from pathlib import Path

from samverkan_tui import __version__
from samverkan_tui.core.routine.model import Routine

CACHE_ENV = "SAMVERKAN_CACHE"
MAX_ENTRIES = 64  # routine files; a unit has a handful, a routine writer a few dozen drafts
_FOLDER = "rutiner"
_OLD_SINGLE_FILE = "rutiner.pickle"  # before issue 26: one pickle that only grew
_FORMAT = 3  # 3: entry names from zlib's checksums, not SHA-256
_BUILDERS = ("model.py", "loader.py", "conditions.py", "deadline_phrases.py", "schema.py")

Key = tuple[int, int]


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from samverkan_tui.core.base.paths import cache_dir as user_cache_dir

    return user_cache_dir()


def _code_stamp() -> str:
    here = Path(__file__).resolve().parent
    stamps = []
    for name in _BUILDERS:
        try:
            info = (here / name).stat()
            stamps.append(f"{info.st_mtime_ns}:{info.st_size}")
        except OSError:
            stamps.append("-")
    return f"{__version__}|{_FORMAT}|{'|'.join(stamps)}"


def _trusted(path: Path) -> bool:
    """Only our own file, in our own folder, that nobody else can write.

    POSIX: not a link, owned by us, no group/other write bit. Windows: not a link (nor
    another reparse point); the folder's protection is the profile's ACL (see above).
    """
    try:
        for item in (path.parent, path):
            info = item.lstat()
            if stat.S_ISLNK(info.st_mode):
                return False
            if sys.platform == "win32":
                reparse = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
                if getattr(info, "st_file_attributes", 0) & reparse:
                    return False
                continue
            if info.st_mode & 0o022:
                return False
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return False
    except OSError:
        return False
    return True


def _entry_name(absolute: str) -> str:
    """A file name for the routine file at ``absolute``: two checksums of its path, 64 bits.

    Not hashlib: importing it loads OpenSSL, about 2.5 ms of every start. Nothing here needs
    a cryptographic hash: the entry's header names the path it holds, so two paths that
    met in one name would only take turns in the cache."""
    data = absolute.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.pickle"


def _file_key(path: Path) -> tuple[str, Key] | None:
    try:
        absolute = path.resolve()
        info = absolute.stat()
    except (OSError, RuntimeError):
        return None
    return str(absolute), (info.st_mtime_ns, info.st_size)


class RoutineCache:
    def __init__(self, folder: Path, stamp: str) -> None:
        self.folder = folder
        self.stamp = stamp
        self.dirty = False
        self._new: dict[str, tuple[str, Key, Routine]] = {}  # entry file name -> what to write

    @property
    def path(self) -> Path:
        """The cache's folder (kept under this name for callers that show it)."""
        return self.folder

    @classmethod
    def open(cls) -> RoutineCache:
        base = cache_dir()
        with contextlib.suppress(OSError):
            old = base / _OLD_SINGLE_FILE
            if old.is_file() and not old.is_symlink():
                old.unlink()  # the old format, which never dropped anything
        return cls(base / _FOLDER, _code_stamp())

    def _read(self, entry: Path) -> tuple[str, str, Key] | None:
        """An entry's header (stamp, absolute path, key), or None if it cannot be trusted."""
        try:
            with entry.open("rb") as handle:
                header = pickle.load(handle)
        except Exception:  # a truncated or foreign file
            return None
        if not (isinstance(header, tuple) and len(header) == 3):
            return None
        return header

    def get(self, path: Path) -> Routine | None:
        key = _file_key(path)
        if key is None:
            return None
        absolute, file_key = key
        entry = self.folder / _entry_name(absolute)
        if not entry.is_file() or not _trusted(entry):
            return None
        try:
            with entry.open("rb") as handle:
                stamp, stored_path, stored_key = pickle.load(handle)
                if stamp != self.stamp or stored_path != absolute or tuple(stored_key) != file_key:
                    raise LookupError  # changed file or another version: drop the entry
                routine = pickle.load(handle)
        except Exception:
            with contextlib.suppress(OSError):
                entry.unlink()
            return None
        if not isinstance(routine, Routine):
            return None
        return routine

    def put(self, path: Path, routine: Routine) -> Routine:
        """Remember ``routine`` for ``path``; returns it with its absolute ``path``."""
        key = _file_key(path)
        if key is None:
            return routine
        absolute, file_key = key
        routine = routine._replace(path=absolute)
        self._new[_entry_name(absolute)] = (absolute, file_key, routine)
        self.dirty = True
        return routine

    def save(self) -> None:
        if not self.dirty:
            return
        from samverkan_tui.core.base.files import ensure_private_dir, write_private

        try:
            ensure_private_dir(self.folder, mark=False)
            for name, (absolute, file_key, routine) in self._new.items():
                data = io.BytesIO()
                pickle.dump((self.stamp, absolute, file_key), data, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(routine, data, protocol=pickle.HIGHEST_PROTOCOL)
                write_private(self.folder / name, data.getvalue())
            self._new.clear()
            self.dirty = False
            self.prune()
        except OSError:
            pass  # read-only or full disk: the cache only buys speed

    def prune(self) -> int:
        """Drop entries of files that are gone or changed, then the oldest beyond the cap."""
        dropped = 0
        kept: list[tuple[float, Path]] = []
        try:
            entries = [e for e in self.folder.iterdir() if e.suffix == ".pickle"]
        except OSError:
            return 0
        for entry in entries:
            header = self._read(entry)
            current = _file_key(Path(header[1])) if header is not None else None
            if header is None or header[0] != self.stamp or current is None or current[1] != tuple(header[2]):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    dropped += 1
                continue
            with contextlib.suppress(OSError):
                kept.append((entry.stat().st_mtime, entry))
        kept.sort(reverse=True)
        for _, entry in kept[MAX_ENTRIES:]:
            with contextlib.suppress(OSError):
                entry.unlink()
                dropped += 1
        return dropped
