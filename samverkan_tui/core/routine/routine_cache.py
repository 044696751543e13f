"""A cache of parsed routines, so that start-up does not re-parse unchanged TOML files.

Entries are keyed by the file's path, size and modification time, and the whole cache by
the program version and the source of the modules that build routines (a developer
editing the model never sees a stale object). The cache is a pickle, so it is only read
from a folder that belongs to the user and that nobody else can write; anything odd and
it is ignored and rebuilt. Failing to write it (read-only home) only costs speed.
"""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

from samverkan_tui import __version__
from samverkan_tui.core.routine.model import Routine

CACHE_ENV = "SAMVERKAN_CACHE"
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
    return f"{__version__}|{'|'.join(stamps)}"


def _trusted(path: Path) -> bool:
    """Only our own file, in our own folder, writable by nobody else."""
    try:
        for item in (path.parent, path):
            info = item.lstat()
            if stat.S_ISLNK(info.st_mode) or info.st_mode & 0o022:
                return False
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return False
    except OSError:
        return False
    return True


class RoutineCache:
    def __init__(self, path: Path, stamp: str, entries: dict[str, tuple[Key, Routine]]) -> None:
        self.path = path
        self.stamp = stamp
        self.entries = entries
        self.dirty = False

    @classmethod
    def open(cls) -> RoutineCache:
        path = cache_dir() / "rutiner.pickle"
        stamp = _code_stamp()
        entries: dict[str, tuple[Key, Routine]] = {}
        if path.is_file() and _trusted(path):
            try:
                with path.open("rb") as handle:
                    stored_stamp, stored = pickle.load(handle)
                if stored_stamp == stamp and isinstance(stored, dict):
                    entries = stored
            except Exception:  # a truncated or foreign file: rebuild, never fail
                entries = {}
        return cls(path, stamp, entries)

    @staticmethod
    def _key(path: Path) -> tuple[str, Key] | None:
        try:
            info = path.stat()
        except OSError:
            return None
        return str(path.resolve()), (info.st_mtime_ns, info.st_size)

    def get(self, path: Path) -> Routine | None:
        key = self._key(path)
        if key is None:
            return None
        found = self.entries.get(key[0])
        if found is None or found[0] != key[1] or not isinstance(found[1], Routine):
            return None
        return found[1]

    def put(self, path: Path, routine: Routine) -> None:
        key = self._key(path)
        if key is not None:
            self.entries[key[0]] = (key[1], routine)
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            from samverkan_tui.core.base.files import write_private

            data = pickle.dumps((self.stamp, self.entries), protocol=pickle.HIGHEST_PROTOCOL)
            write_private(self.path, data, make_folder=True)
            self.dirty = False
        except OSError:
            pass  # read-only or full disk: the cache only buys speed
