"""Every user folder the program uses, resolved in one place.

Each is an environment variable (tests, shared installs) > the config file > the
platform's folder from platformdirs:

================  ======================  ===========  ==========================================
what              environment             config key   default (Linux / macOS / Windows)
================  ======================  ===========  ==========================================
config file       ``SAMVERKAN_CONFIG``    –            ``~/.config/samverkan/config.toml`` /
                                                       ``~/Library/Application Support/…`` /
                                                       ``%LOCALAPPDATA%\\samverkan\\config.toml``
data (step log)   ``SAMVERKAN_DATA``      data_dir     ``~/.local/share/samverkan`` / … /
                                                       ``%LOCALAPPDATA%\\samverkan``
reviews           (in the data folder)    –            ``<data>/granskningar``
own routines      (in the data folder)    –            ``<data>/rutiner``
exports           ``SAMVERKAN_EXPORT``    export_dir   ``<Documents>/Samverkan``
cache             –                       –            ``~/.cache/samverkan`` / … /
                                                       ``%LOCALAPPDATA%\\samverkan\\Cache``
================  ======================  ===========  ==========================================

On Windows every folder is the local, not the roaming, profile (platformdirs' default):
a step log never travels with a roaming profile to another machine.

``export_warning(folder)`` says when an export folder is synchronised to a cloud
(OneDrive) or lies on a network share, so that the user knows a plan may leave the desk.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan_tui.core.base.config import Config

APP_NAME = "samverkan"
CONFIG_ENV = "SAMVERKAN_CONFIG"
DATA_DIR_ENV = "SAMVERKAN_DATA"
EXPORT_DIR_ENV = "SAMVERKAN_EXPORT"
REVIEWS_FOLDER = "granskningar"
OWN_ROUTINES_FOLDER = "rutiner"
EXPORTS_FOLDER = "Samverkan"


def config_file() -> Path:
    """``SAMVERKAN_CONFIG`` > the platform's config folder / ``config.toml``."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False, roaming=False) / "config.toml"


def data_dir(config: Config | None = None) -> Path:
    """``SAMVERKAN_DATA`` > config ``data_dir`` > the platform's user data folder.

    The folder as configured; ``steplog.store.log_folder`` decides where in it the log lives.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if config is not None and config.data_dir is not None:
        return config.data_dir
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, roaming=False)


def reviews_dir(config: Config | None = None) -> Path:
    """Where reviews in progress are kept: ``<data folder>/granskningar``."""
    return data_dir(config) / REVIEWS_FOLDER


def own_routines_dir(config: Config | None = None) -> Path:
    """The municipality's own routine folder the app sets up when none is configured."""
    return data_dir(config) / OWN_ROUTINES_FOLDER


def export_dir(config: Config | None = None) -> Path:
    """``SAMVERKAN_EXPORT`` > config ``export_dir`` > the user's Documents / ``Samverkan``."""
    override = os.environ.get(EXPORT_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if config is not None and config.export_dir is not None:
        return config.export_dir
    from platformdirs import user_documents_path

    return user_documents_path() / EXPORTS_FOLDER


def cache_dir() -> Path:
    """The platform's user cache folder (local on Windows)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


# -- where an export may go from here ---------------------------------------------------

# Environment variables Windows' OneDrive client sets to its folders.
ONEDRIVE_ENVS = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
# File systems that live on another machine (Linux /proc/self/mountinfo names).
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "fuse.rclone", "davfs", "ceph"}
)


def _is_under(path: PurePath, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.normcase(str(path)), os.path.normcase(folder)]) == (
            os.path.normcase(folder)
        )
    except ValueError:  # different drives on Windows
        return False


def _linux_filesystem(path: Path, mountinfo: str) -> str | None:
    """The type of the file system ``path`` is on, from ``/proc/self/mountinfo`` text."""
    best: tuple[int, str] | None = None
    text = str(path)
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        mount_point = fields[4].replace("\\040", " ")
        fs_type = line.split(" - ", 1)[1].split()[0]
        if (text == mount_point or text.startswith(mount_point.rstrip("/") + "/")) and (
            best is None or len(mount_point) > best[0]
        ):
            best = (len(mount_point), fs_type)
    return best[1] if best else None


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    try:
        kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined,unused-ignore]
    except (AttributeError, OSError):
        return False
    return int(kind) == 4  # DRIVE_REMOTE


def leaves_this_computer(folder: Path, *, mountinfo: str | None = None) -> str | None:
    """Why files in ``folder`` may leave this computer, in Swedish, or None.

    OneDrive (the folders its client announces in the environment, or a path through a
    folder named OneDrive), a network path (``\\\\server\\share``), a mapped network drive
    on Windows, a network file system on Linux. ``mountinfo``: the text of
    ``/proc/self/mountinfo`` (tests); read when None on Linux.
    """
    absolute = Path(os.path.abspath(folder))
    clouds = [os.environ[name] for name in ONEDRIVE_ENVS if os.environ.get(name)]
    if any(_is_under(absolute, cloud) for cloud in clouds) or any(
        part.lower().startswith("onedrive") for part in absolute.parts
    ):
        return "synkroniseras med OneDrive: filerna kopieras till molnet"
    text = str(folder)
    if text.startswith(("\\\\", "//")) or (os.name == "nt" and _windows_drive_is_remote(absolute)):
        return "ligger på en nätverksenhet: filerna lämnar datorn"
    if mountinfo is None and os.name != "nt":
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mountinfo = None
    if mountinfo:
        probe = absolute
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        fs_type = _linux_filesystem(probe.resolve(), mountinfo)
        if fs_type in NETWORK_FILESYSTEMS:
            return f"ligger på en nätverksenhet ({fs_type}): filerna lämnar datorn"
    return None


def export_warning(folder: Path, *, mountinfo: str | None = None) -> str | None:
    """A Swedish sentence when exports written to ``folder`` may leave this computer, else None."""
    reason = leaves_this_computer(folder, mountinfo=mountinfo)
    if reason is None:
        return None
    return (
        f"Exportmappen {os.path.abspath(folder)} {reason}. Ange en annan mapp med export_dir i "
        "inställningarna om planerna inte får lämna datorn."
    )


def data_warning(folder: Path, *, mountinfo: str | None = None) -> str | None:
    """A Swedish sentence when the data folder (step log, reviews) may leave this computer."""
    reason = leaves_this_computer(folder, mountinfo=mountinfo)
    if reason is None:
        return None
    return (
        f"Datamappen {os.path.abspath(folder)} {reason}. Ange en lokal mapp med data_dir i "
        "inställningarna om uppgifterna inte får lämna datorn."
    )
