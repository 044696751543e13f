"""Marking a routine file as revised after a review: ``revised`` (and ``version``) only.

The file is edited with tomlkit, which keeps every comment, blank line and the order of
keys: a unit manager's file must read the same afterwards except for the changed values.
A routine in the read-only package (the shipped ``checklists/``) is never edited in
place: it is copied to the municipality's own routine folder first, and the copy wins
over the shipped file from then on (core.catalog).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from samverkan_tui.core.base.config import Config
from samverkan_tui.core.routine.catalog import USER, builtin_dir, search_dirs

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

    from samverkan_tui.core.routine.model import Routine


class ReviseError(ValueError):
    """The file cannot be updated; the message is one Swedish line."""


class Revision(NamedTuple):
    path: Path  # the file that was written
    copied_from: Path | None  # the shipped file it was copied from, if it was
    revised: dt.date
    version: str
    old_version: str


def is_builtin(path: Path) -> bool:
    """True when ``path`` lies in the shipped (read-only) routine folder."""
    try:
        return Path(path).resolve().is_relative_to(builtin_dir().resolve())
    except OSError:
        return False


def user_routine_dir(extra: list[Path] | None = None, config: Config | None = None) -> Path | None:
    """The municipality's own routine folder: the first user folder in the search order."""
    for directory, origin in search_dirs(extra, config):
        if origin == USER:
            return directory
    return None


def next_version(version: str) -> str:
    """The version after ``version``: the last number goes up ("2.0" → "2.1", "2026.1" → "2026.2")."""
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return f"{version}.1" if version else "1"
    number = str(int(match.group(1)) + 1)
    return version[: match.start()] + number + version[match.end() :]


_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _split_head(text: str) -> tuple[str, str]:
    """The file's top-level keys (everything before the first table header) and the rest.

    Found by trying each line that starts with "[" and keeping the first one before which
    the text parses to exactly the file's top-level values: a "[" inside a multi-line
    array is no header.
    """
    import tomllib

    full = tomllib.loads(text)
    simple = {
        k: v
        for k, v in full.items()
        if not isinstance(v, dict)
        and not (isinstance(v, list) and v and isinstance(v[0], dict) and _is_table_array(text, k))
    }
    for match in _TABLE_HEADER.finditer(text):
        head = text[: match.start()]
        try:
            if tomllib.loads(head) == simple:
                return head, text[match.start() :]
        except tomllib.TOMLDecodeError:
            continue
    return text, ""


def _is_table_array(text: str, key: str) -> bool:
    return re.search(rf"^[ \t]*\[\[[ \t]*{re.escape(key)}[ \t]*\]\]", text, re.MULTILINE) is not None


def revised_text(text: str, revised: dt.date, version: str | None = None) -> str:
    """``text`` (a routine file) with ``revised`` and optionally ``version`` set, all else kept.

    Only the top-level part of the file (before the first ``[[…]]``) goes through tomlkit;
    the tables after it are kept byte for byte. tomlkit's own round trip moves an array of
    tables that another table interrupts (``[[sections]]``/``[[steps]]`` alternate in
    format 2; see python-poetry/tomlkit pull request 601), so it must not render them.
    """
    import tomllib

    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        head, rest = _split_head(text)
        document = tomlkit.parse(head)
    except (TOMLKitError, tomllib.TOMLDecodeError) as error:
        raise ReviseError(f"filen kan inte läsas som TOML: {error}") from None
    if "revised" in document:
        document["revised"] = revised
    else:
        document = _insert_after(document, ("adopted", "version"), "revised", revised)
    if version is not None:
        document["version"] = version
    new_head = tomlkit.dumps(document)
    if rest and not new_head.endswith("\n"):
        new_head += "\n"
    return new_head + rest


def _insert_after(document: TOMLDocument, after: tuple[str, ...], key: str, value: object) -> TOMLDocument:
    """The document with ``key`` right after the first of ``after`` it has (else at the end)."""
    import tomlkit

    anchor = next((name for name in after if name in document), None)
    if anchor is None:
        document[key] = value
        return document
    rebuilt = tomlkit.document()
    for item_key, item in document.body:
        if item_key is None:
            rebuilt.add(item)  # comments and blank lines, as they were
            continue
        rebuilt.append(item_key, item)
        if item_key.key == anchor:
            rebuilt.append(key, value)
    return rebuilt


def mark_revised(
    path: Path,
    revised: dt.date,
    new_version: str | None = None,
    user_dir: Path | None = None,
) -> Revision:
    """Set ``revised`` (and ``version``) in the routine file at ``path``.

    A shipped file is first copied into ``user_dir`` (required then); the copy is edited.
    Written atomically: a temporary file beside the target, then ``os.replace``.
    """
    import tomllib

    path = Path(path)
    copied_from = None
    from samverkan_tui.core.base.input_files import InputFileError, read_input_text

    try:
        text = read_input_text(path)
    except InputFileError as error:
        raise ReviseError(error.describe(str(path))) from None
    old_version = str(tomllib.loads(text).get("version", ""))
    if is_builtin(path):
        if user_dir is None:
            raise ReviseError(
                f"{path.name} är en inbyggd rutin och kan inte ändras; ange en egen rutinkatalog "
                "med --katalog, SAMVERKAN_KATALOG eller routine_dirs i inställningarna"
            )
        copied_from = path
        path = Path(user_dir) / path.name
        if path.exists():
            raise ReviseError(f"{path} finns redan; granska den egna kopian i stället")
    new_text = revised_text(text, revised, new_version)
    from samverkan_tui.core.base.files import swedish_reason, write_private

    try:
        # A random temporary name (a shared folder may hold a planted link), 0600, atomic.
        write_private(path, new_text, make_folder=True)
    except OSError as error:
        raise ReviseError(f"kan inte skriva {path}: {swedish_reason(error, name_file=False)}") from None
    return Revision(path, copied_from, revised, new_version or old_version, old_version)


def revised_routine(revision: Revision, before: Routine) -> Routine:
    """The routine as the file now reads, so the protocol states the new ``revised`` (and
    says no more that the date is missing); ``before`` if the file cannot be read back."""
    from samverkan_tui.core.routine.loader import load_routine

    return load_routine(revision.path).routine or before


def ensure_user_routine_dir(extra: list[Path] | None, config: Config) -> tuple[Path, str]:
    """The municipality's own routine folder, created and added to the settings if there is none.

    Returns the folder and a Swedish sentence when it had to be set up ("" otherwise).
    """
    existing = user_routine_dir(extra, config)
    if existing is not None:
        return existing, ""
    from samverkan_tui.core.base.config import save_config
    from samverkan_tui.core.base.files import ensure_private_dir
    from samverkan_tui.core.base.paths import own_routines_dir

    folder = own_routines_dir(config)
    try:
        ensure_private_dir(folder.parent)  # the data folder first: made by the app, it is the app's
        ensure_private_dir(folder, mark=False)  # the user's routines: browsed, never tightened later
        save_config(config, routine_dirs=[*[str(d) for d in config.routine_dirs], str(folder)])
    except OSError as error:
        raise ReviseError(
            f"kan inte skapa den egna rutinkatalogen {folder}: {error.strerror or error}"
        ) from None
    config.routine_dirs = [*config.routine_dirs, folder]
    return folder, (
        f"Ingen egen rutinkatalog var angiven: skapade {folder} och lade till den som "
        f"routine_dirs i {config.path}."
    )
