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


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"kan inte läsa inställningarna i {path}: {error}") from None
    import tomllib  # only when there is a file: start-up time is budgeted

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: TOML-syntaxfel: {error}") from None
    config = Config(path, raw=raw)
    dirs = raw.get("routine_dirs", [])
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise ConfigError(f'{path}: routine_dirs ska vara en lista med sökvägar: ["/väg/till/rutiner"]')
    config.routine_dirs = [Path(d).expanduser() for d in dirs]
    role = raw.get("role")
    if role is not None and not isinstance(role, str):
        raise ConfigError(f'{path}: role ska vara text, till exempel role = "bou"')
    config.role = role
    data_dir = raw.get("data_dir")
    if data_dir is not None:
        if not isinstance(data_dir, str):
            raise ConfigError(f"{path}: data_dir ska vara en sökväg")
        config.data_dir = Path(data_dir).expanduser()
    retention = raw.get("retention_days", 90)
    if isinstance(retention, bool) or not isinstance(retention, int) or retention < 1:
        raise ConfigError(f"{path}: retention_days ska vara ett heltal större än 0")
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
    from samverkan_tui.core.files import write_private

    # 0600 under any umask, atomic, never through a symlink; a missing folder is made 0700.
    write_private(config.path, tomli_w.dumps(raw), make_folder=True)
    config.raw = raw
