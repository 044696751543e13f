"""One place for the user's folders (core/base/paths) and a config file that keeps its comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_tui.core.base import paths
from samverkan_tui.core.base.config import Config, ConfigError, load_config, save_config
from tests.conftest import REPO


def test_each_folder_comes_from_the_environment_then_the_config_then_the_platform(
    tmp_path: Path, isolated_user: Path, monkeypatch
) -> None:
    config = Config(tmp_path / "c.toml", data_dir=tmp_path / "konfig-data", export_dir=tmp_path / "konfig-ut")
    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "miljö-ut"))
    assert paths.data_dir(config) == isolated_user / "data"  # SAMVERKAN_DATA, set by the fixture
    assert paths.export_dir(config) == tmp_path / "miljö-ut"
    assert paths.reviews_dir(config) == isolated_user / "data" / "granskningar"
    assert paths.own_routines_dir(config) == isolated_user / "data" / "rutiner"
    assert paths.config_file() == isolated_user / "config.toml"
    monkeypatch.delenv("SAMVERKAN_DATA")
    monkeypatch.delenv("SAMVERKAN_EXPORT")
    monkeypatch.delenv("SAMVERKAN_CONFIG")
    assert paths.data_dir(config) == tmp_path / "konfig-data"
    assert paths.export_dir(config) == tmp_path / "konfig-ut"
    assert paths.data_dir(None) == isolated_user / ".local" / "share" / "samverkan"  # XDG_DATA_HOME
    assert paths.config_file() == isolated_user / ".config" / "samverkan" / "config.toml"
    assert paths.export_dir(None).name == "Samverkan"


def test_no_module_resolves_a_user_folder_itself() -> None:
    """platformdirs is asked in core/base/paths only, and the CLI never imports the app for a path."""
    package = REPO / "samverkan_tui"
    askers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "platformdirs" in path.read_text(encoding="utf-8")
    )
    assert askers == ["core/base/paths.py"]
    cli_importing_app = sorted(
        path.name
        for path in (package / "cli").rglob("*.py")
        if "samverkan_tui.tui.exporting" in path.read_text(encoding="utf-8")
    )
    assert cli_importing_app == []


def test_export_dir_in_the_config_is_checked_like_data_dir(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('export_dir = "~/Plan"\n', encoding="utf-8")
    assert load_config(path).export_dir == Path("~/Plan").expanduser()
    path.write_text('export_dir = ""\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c.toml:1: export_dir är tom"):
        load_config(path)
    path.write_text("export_dir = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"export_dir ska vara en sökväg"):
        load_config(path)


COMMENTED = """\
# Samverkan – inställningar för socialsekreterare på BoU.
# Rutinerna på den gemensamma disken:
routine_dirs = ["/srv/rutiner"]  # läses först

retention_days = 120   # beslut 2026-03-01
egen_nyckel = "behålls"
role = "rvt"
"""


def test_saving_keeps_the_users_comments_order_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    config = load_config(path)
    save_config(config, role="bou")
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('role = "rvt"', 'role = "bou"')
    save_config(load_config(path), export_dir=tmp_path / "ut")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED.replace('role = "rvt"', 'role = "bou"'))
    assert text.endswith(f'export_dir = "{tmp_path / "ut"}"\n')
    assert load_config(path).export_dir == tmp_path / "ut"
    save_config(load_config(path), export_dir=None)
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('role = "rvt"', 'role = "bou"')


def test_saving_a_new_config_writes_the_keys(tmp_path: Path) -> None:
    config = Config(tmp_path / "ny" / "config.toml", raw={"retention_days": 30})
    save_config(config, role="bou", routine_dirs=["/a", "/b"])
    loaded = load_config(config.path)
    assert (loaded.role, loaded.retention_days, loaded.routine_dirs) == ("bou", 30, [Path("/a"), Path("/b")])


def test_info_names_every_folder_from_core_paths(capsys, isolated_user: Path, monkeypatch, tmp_path) -> None:
    from tests.conftest import run_cli

    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "OneDrive - Kommunen" / "Samverkan"))
    code, out, err = run_cli(capsys, "info")
    assert code == 0, err
    assert f"Steglogg: {isolated_user / 'data'}" in out
    assert f"Exporter från appen: {tmp_path / 'OneDrive - Kommunen' / 'Samverkan'}" in out
    assert "synkroniseras med OneDrive" in out and "export_dir" in out
    assert "Datamappen" not in out
    monkeypatch.setenv("SAMVERKAN_DATA", "//filserver/hem/anna/samverkan")
    code, out, err = run_cli(capsys, "info")
    assert code == 0, err
    assert "Obs: Datamappen" in out and "nätverksenhet" in out and "data_dir" in out


def test_export_warning_names_onedrive_and_network_folders(tmp_path: Path, monkeypatch) -> None:
    for name in paths.ONEDRIVE_ENVS:
        monkeypatch.delenv(name, raising=False)
    local = tmp_path / "Dokument" / "Samverkan"
    assert paths.export_warning(local, mountinfo="") is None
    monkeypatch.setenv("OneDriveCommercial", str(tmp_path / "Dokument"))
    warning = paths.export_warning(local, mountinfo="")
    assert warning is not None and "OneDrive" in warning and "export_dir" in warning
    monkeypatch.delenv("OneDriveCommercial")
    unc = paths.export_warning(Path("//filserver/hem/anna"), mountinfo="")
    assert unc is not None and "nätverksenhet" in unc
    mountinfo = (
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        f"40 22 0:50 / {tmp_path} rw,relatime shared:9 - cifs //server/hem rw\n"
    )
    network = paths.export_warning(local, mountinfo=mountinfo)
    assert network is not None and "(cifs)" in network
    assert paths.export_warning(Path("/var/tmp/ut"), mountinfo=mountinfo) is None
