"""Finding routine files: the shipped ones and the municipality's own folders.

A file that cannot be loaded never stops the others: it is left out and listed once in
``Catalog.problems`` (file, line, what is wrong and the fix), for `samverkan list`, the
app's start screen and `samverkan kontrollera` to show.

Order of precedence for the same routine id (first wins): ``--katalog`` folders,
``SAMVERKAN_KATALOG`` (paths separated by the OS path separator), ``routine_dirs``
in the config file, and last the routines shipped with the package.
"""

import os
from pathlib import Path
from typing import NamedTuple, cast

from samverkan_tui.core.base.config import ROUTINE_DIRS_ENV, Config
from samverkan_tui.core.base.problems import Problem
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.routine.routine_cache import RoutineCache

BUILTIN = "inbyggd"
USER = "egen"


def builtin_dir() -> Path:
    """Shipped routines: inside the wheel, or the repo's checklists/ in a development install."""
    packaged = Path(__file__).resolve().parents[2] / "checklists"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "checklists"


class Entry(NamedTuple):
    routine: Routine
    path: Path
    origin: str  # BUILTIN or USER
    shadows: tuple[Path, ...] = ()  # files with the same id that this one overrides


class Catalog:
    """The routines found, by id, and the files that could not be loaded."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.problems: list[Problem] = []

    def get(self, routine_id: str) -> Routine | None:
        entry = self.entries.get(routine_id)
        return entry.routine if entry else None

    def routines(self) -> list[Routine]:
        return [e.routine for e in self.entries.values()]

    def broken(self) -> list[Problem]:
        """The routine files that could not be loaded, one problem each (not missing folders)."""
        return [p for p in self.problems if p.file.endswith(".toml")]


def search_dirs(extra: list[Path] | None = None, config: Config | None = None) -> list[tuple[Path, str]]:
    dirs: list[tuple[Path, str]] = [(Path(d), USER) for d in extra or []]
    env = os.environ.get(ROUTINE_DIRS_ENV, "")
    dirs += [(Path(p), USER) for p in env.split(os.pathsep) if p]
    if config is not None:
        dirs += [(d, USER) for d in config.routine_dirs]
    dirs.append((builtin_dir(), BUILTIN))
    return dirs


def routine_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.is_file())


def _load_one(path: Path) -> tuple[Routine | None, Problem | None]:
    """One file: the routine, or the first problem. Never raises for what is in the file."""
    from samverkan_tui.core.routine.loader import load_routine

    try:
        result = load_routine(path)
    except Exception as error:  # a bug, not the file's fault; still never stop the others
        return None, Problem(
            str(path),
            0,
            f"filen kunde inte läsas ({type(error).__name__})",
            "kör samverkan --debug validate FILEN och rapportera felet",
        )
    if result.routine is None:
        problem = result.problems[0] if result.problems else Problem(str(path), 0, "okänt fel")
        return None, problem
    return result.routine, None


def load_catalog(extra: list[Path] | None = None, config: Config | None = None) -> Catalog:
    """Every routine in every folder, the first of each id winning.

    Parsed routines are cached (see ``routine_cache``): `samverkan list` and `show`
    are on a start-up budget, and parsing TOML is most of their work.
    """
    catalog = Catalog()
    cache = RoutineCache.open()
    for directory, origin in search_dirs(extra, config):
        try:
            files = routine_files(directory) if directory.is_dir() else None
        except OSError as error:  # a path too long, a folder we may not read
            from samverkan_tui.core.base.oserrors import os_error_reason

            catalog.problems.append(
                Problem(
                    str(directory),
                    0,
                    f"rutinkatalogen kan inte läsas: {os_error_reason(error)}",
                    "kontrollera sökvägen",
                )
            )
            continue
        if files is None:
            if origin == USER:
                catalog.problems.append(
                    Problem(str(directory), 0, "rutinkatalogen finns inte", "kontrollera sökvägen")
                )
            continue
        for path in files:
            routine = cache.get(path)
            if routine is None:
                routine, problem = _load_one(path)
                if routine is None:
                    catalog.problems.append(cast(Problem, problem))  # always one when no routine
                    continue
                routine = cache.put(path, routine)  # with its absolute path, as the cache gives it
            existing = catalog.entries.get(routine.id)
            if existing is None:
                catalog.entries[routine.id] = Entry(routine, path, origin)
            else:
                catalog.entries[routine.id] = Entry(
                    existing.routine, existing.path, existing.origin, (*existing.shadows, path)
                )
    cache.save()
    catalog.entries = dict(sorted(catalog.entries.items()))
    return catalog
