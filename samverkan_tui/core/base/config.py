"""The user's config file (TOML, in the platform's config folder).

Keys (all optional)::

    routine_dirs = ["/srv/kommun/rutiner"]   # extra routine folders
    role = "bou"                             # the user's own role, shown first
    data_dir = "/home/x/.local/share/samverkan"
    retention_days = 90

``SAMVERKAN_CONFIG`` points at another file (tests, shared installs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "samverkan"
CONFIG_ENV = "SAMVERKAN_CONFIG"
ROUTINE_DIRS_ENV = "SAMVERKAN_KATALOG"
DATA_DIR_ENV = "SAMVERKAN_DATA"


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: Path
    routine_dirs: list[Path] = field(default_factory=list)
    role: str | None = None
    data_dir: Path | None = None
    retention_days: int = 90
    raw: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # unknown keys, with "menade du …?"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


# statistics_threshold: the follow-up report's disclosure threshold (steplog/report.py).
KNOWN_KEYS = ("routine_dirs", "role", "data_dir", "retention_days", "statistics_threshold")
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
    path = path or config_path()
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
    data_dir = raw.get("data_dir")
    if data_dir is not None:
        if isinstance(data_dir, str) and not data_dir.strip():
            raise ConfigError(
                f"{where('data_dir')}: data_dir är tom; ta bort raden (då används "
                "standardmappen) eller ange en mapp"
            )
        if not isinstance(data_dir, str):
            raise ConfigError(
                f"{where('data_dir')}: data_dir ska vara en sökväg inom "
                'citattecken, till exempel data_dir = "/home/du/samverkan"'
            )
        try:
            config.data_dir = _expand(data_dir)
        except ValueError as error:
            raise ConfigError(f"{where('data_dir')}: data_dir: {error}") from None
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


def save_config(config: Config, **changes: object) -> None:
    """Write changed keys back, keeping the ones we don't know about."""
    import tomli_w

    raw = dict(config.raw)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = str(value) if isinstance(value, Path) else value
    from samverkan_tui.core.base.files import write_private

    # 0600 under any umask, atomic, never through a symlink; a missing folder is made 0700.
    write_private(config.path, tomli_w.dumps(raw), make_folder=True)
    config.raw = raw
