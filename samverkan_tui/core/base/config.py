"""The user's config file (TOML, in the platform's config folder).

Keys (all optional)::

    routine_dirs = ["/srv/kommun/rutiner"]   # extra routine folders
    role = "bou"                             # the user's own role, shown first
    data_dir = "/home/x/.local/share/samverkan"
    export_dir = "/home/x/Plan"              # where the app writes exports
    retention_days = 90

``SAMVERKAN_CONFIG`` points at another file (tests, shared installs); where every
folder is found is ``core.base.paths``. Saving keeps the user's comments and order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samverkan_tui.core.base.paths import config_file

ROUTINE_DIRS_ENV = "SAMVERKAN_KATALOG"


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: Path
    routine_dirs: list[Path] = field(default_factory=list)
    role: str | None = None
    data_dir: Path | None = None
    export_dir: Path | None = None
    retention_days: int = 90
    raw: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # unknown keys, with "menade du …?"


# statistics_threshold: the follow-up report's disclosure threshold (steplog/report.py).
KNOWN_KEYS = ("routine_dirs", "role", "data_dir", "export_dir", "retention_days", "statistics_threshold")
MAX_RETENTION_DAYS = 3650  # ten years; a step log is follow-up, not an archive


def _expand(text: str) -> Path:
    """``~`` and ``~user`` expanded; an unknown user is a ``ValueError`` with a Swedish text."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        user = text[1:].split("/", 1)[0]
        what = f"användaren `{user}` finns inte" if user else "hemkatalogen går inte att hitta"
        raise ValueError(f"{what}; skriv hela sökvägen") from None


def load_config(path: Path | None = None) -> Config:
    """Read and check the config file; a missing file is the defaults.

    Problems are ``ConfigError`` with one Swedish line that names the file and line;
    unknown keys are warnings in ``Config.warnings`` (with "menade du …?").
    """
    path = path or config_file()
    from samverkan_tui.core.base.input_files import InputFileError, read_input_bytes

    try:
        data = read_input_bytes(path)  # a regular file of sane size, never a device or FIFO
    except InputFileError as error:
        if error.missing:
            return Config(path)
        raise ConfigError(f"kan inte läsa inställningarna i {path}: {error}") from None
    try:
        text = data.decode("utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{line}: inställningsfilen är inte UTF-8; spara den som UTF-8 i din editor"
        ) from None
    import tomllib  # only when there is a file: start-up time is budgeted

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        import re

        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(found[1]) if found else text.count("\n") + 1
        from samverkan_tui.core.base.toml_lines import swedish_toml_message

        detail = swedish_toml_message(
            re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        )
        raise ConfigError(f"{path}:{line}: TOML-syntaxfel i inställningarna: {detail}") from None
    except RecursionError:
        raise ConfigError(f"{path}: inställningarna är nästlade för djupt") from None
    return _checked(path, text, raw)


def _checked(path: Path, text: str, raw: dict[str, object]) -> Config:
    from samverkan_tui.core.base.toml_lines import LineIndex

    lines = LineIndex(text)

    def where(key: str) -> str:
        return f"{path}:{lines.line((key,))}"

    config = Config(path, raw=raw)
    for key in raw:
        if key not in KNOWN_KEYS:
            from samverkan_tui.core.base.problems import did_you_mean

            config.warnings.append(
                f"{where(key)}: okänd inställning `{key}` ignoreras; {did_you_mean(key, KNOWN_KEYS)}"
            )
    dirs = raw.get("routine_dirs", [])
    if not isinstance(dirs, list) or not all(isinstance(d, str) and d.strip() for d in dirs):
        raise ConfigError(
            f"{where('routine_dirs')}: routine_dirs ska vara en lista med sökvägar: "
            'routine_dirs = ["/väg/till/rutiner"]'
        )
    try:
        config.routine_dirs = [_expand(d) for d in dirs]
    except ValueError as error:
        raise ConfigError(f"{where('routine_dirs')}: routine_dirs: {error}") from None
    role = raw.get("role")
    if role is not None and (not isinstance(role, str) or not role.strip()):
        raise ConfigError(f'{where("role")}: role ska vara text, till exempel role = "bou"')
    config.role = role
    config.data_dir = _folder(raw, "data_dir", where)
    config.export_dir = _folder(raw, "export_dir", where)
    retention = raw.get("retention_days", 90)
    if (
        isinstance(retention, bool)
        or not isinstance(retention, int)
        or not 1 <= retention <= MAX_RETENTION_DAYS
    ):
        raise ConfigError(
            f"{where('retention_days')}: retention_days ska vara ett heltal från 1 "
            f"till {MAX_RETENTION_DAYS} (dagar), till exempel retention_days = 90"
        )
    config.retention_days = retention
    return config


def _folder(raw: dict[str, object], key: str, where: Callable[[str], str]) -> Path | None:
    """A folder setting (``data_dir``, ``export_dir``): a non-empty path in quotes, or None."""
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        raise ConfigError(
            f"{where(key)}: {key} är tom; ta bort raden (då används standardmappen) eller ange en mapp"
        )
    if not isinstance(value, str):
        raise ConfigError(
            f"{where(key)}: {key} ska vara en sökväg inom citattecken, till exempel "
            f'{key} = "/home/du/samverkan"'
        )
    try:
        return _expand(value)
    except ValueError as error:
        raise ConfigError(f"{where(key)}: {key}: {error}") from None


def save_config(config: Config, **changes: object) -> None:
    """Write changed keys back, keeping everything else in the file as the user wrote it.

    The file is edited, not regenerated (tomlkit): comments, blank lines, the order of keys
    and keys we do not know survive. A key set to None is removed.
    """
    import tomlkit

    try:
        document = tomlkit.parse(config.path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError):
        # No file yet, or one load_config has refused already: the keys we hold, written anew.
        document = tomlkit.document()
        for key, value in config.raw.items():
            document[key] = value
    for key, value in changes.items():
        if value is None:
            if key in document:
                del document[key]
        else:
            document[key] = str(value) if isinstance(value, Path) else value
    from samverkan_tui.core.base.files import write_private

    # 0600 under any umask, atomic, never through a symlink; a missing folder is made 0700.
    write_private(config.path, tomlkit.dumps(document), make_folder=True)
    config.raw = document.unwrap()
