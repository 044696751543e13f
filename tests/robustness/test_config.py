"""The config file is checked like a routine: file:line, Swedish, "menade du …?"."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_tui.core.base.config import ConfigError, load_config
from tests.robustness.robust_helpers import crash_words, run_cli


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_unknown_key_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", 'role = "bou"\nretention_day = 30\n')
    config = load_config(path)
    assert config.retention_days == 90 and config.role == "bou"
    assert config.warnings == [
        f"{path}:2: okänd inställning `retention_day` ignoreras; menade du `retention_days`?"
    ]


def test_unknown_key_warns_on_every_command(isolated_user: Path) -> None:
    write(isolated_user / "config.toml", "retention_day = 30\n")
    code, out, err = run_cli("list")
    assert code == 0 and "rvt-bou" in out
    assert err.strip() == (
        f"samverkan: varning: {isolated_user / 'config.toml'}:1: okänd "
        "inställning `retention_day` ignoreras; menade du `retention_days`?"
    )


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("# inställningar\n\nretention_days = 1000000\n", 3, "från 1 till 3650"),
        ("retention_days = 0\n", 1, "från 1 till 3650"),
        ("retention_days = -5\n", 1, "från 1 till 3650"),
        ("retention_days = true\n", 1, "heltal"),
        ('retention_days = "90"\n', 1, "heltal"),
        ("retention_days = 9.5\n", 1, "heltal"),
        ('role = "bou"\nrole_x = 1\nrole = 5\n', 0, "TOML-syntaxfel"),  # a duplicate key
        ("role = 5\n", 1, "role ska vara text"),
        ('role = ""\n', 1, "role ska vara text"),
        ('\n\nrouti = 1\nroutine_dirs = "/srv"\n', 4, "lista med sökvägar"),
        ("routine_dirs = [1, 2]\n", 1, "lista med sökvägar"),
        ('routine_dirs = ["~nosuchuser/rutiner"]\n', 1, "användaren `nosuchuser` finns inte"),
        ('data_dir = "~nosuchuser/x"\n', 1, "användaren `nosuchuser` finns inte"),
        ("data_dir = 5\n", 1, "data_dir ska vara en sökväg"),
        ('data_dir = ""\n', 1, "data_dir är tom"),
        ("retention_days = \n", 1, "TOML-syntaxfel"),
        ('role = "bou\n', 1, "TOML-syntaxfel"),
        ("[routine_dirs\n", 1, "TOML-syntaxfel"),
        ("x = " + "[" * 1000 + "]" * 1000 + "\n", 0, "nästlade för djupt"),
    ],
)
def test_wrong_values_name_file_and_line(tmp_path: Path, content: str, line: int, words: str) -> None:
    path = write(tmp_path / "c.toml", content)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert words in message and "\n" not in message and not crash_words(message), message
    assert message.startswith(f"{path}:{line}:" if line else f"{path}"), message


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '\ufeffretention_days = 30\nrole = "bou"\n')
    config = load_config(path)
    assert config.retention_days == 30 and config.role == "bou" and not config.warnings


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", b'role = "bou"\n\ndata_dir = "/hem/\xe5sa"\n')
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == (
        f"{path}:3: inställningsfilen är inte UTF-8; spara den som UTF-8 i din editor"
    )


def test_a_config_that_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "c.toml").mkdir()
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / "c.toml")
    assert "det är en katalog" in str(error.value)


def test_valid_config_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml",
        f'routine_dirs = ["{tmp_path}"]\nrole = "bou"\ndata_dir = "~/samverkan"\nretention_days = 3650\n',
    )
    config = load_config(path)
    assert config.routine_dirs == [tmp_path] and config.retention_days == 3650
    assert config.data_dir == Path("~/samverkan").expanduser() and not config.warnings


@pytest.mark.parametrize("command", [["logg", "lista"], ["logg", "statistik"], [], ["öva"]])
def test_the_app_and_the_log_never_show_a_traceback_for_config(
    command: list[str], isolated_user: Path
) -> None:
    """retention_days = 1000000 used to overflow in every `logg` command and in the app."""
    path = write(isolated_user / "config.toml", "retention_days = 1000000\n")
    code, out, err = run_cli(*command)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"samverkan: {path}:1: retention_days ska vara ett heltal från 1 till "
        "3650 (dagar), till exempel retention_days = 90"
    )


async def test_the_start_screen_shows_config_warnings(isolated_user: Path) -> None:
    from textual.widgets import Static

    from samverkan_tui.core.routine.catalog import load_catalog
    from samverkan_tui.tui.app import create_app

    write(isolated_user / "config.toml", "retention_day = 30\n")
    config = load_config()
    app = create_app(
        now="2026-11-23T10:00", catalog=load_catalog(config=config), config=config, use_step_log=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = str(app.screen.query_one("#start-status", Static).render())
        assert "okänd inställning `retention_day`" in status and "menade du" in status
