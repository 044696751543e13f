"""Windows behaviour by design, checked here where the Windows parts can be driven from Linux."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from samverkan_tui.core.base import files
from samverkan_tui.core.base.clipboard import copy_outside_terminal, system_clipboard_command
from samverkan_tui.core.base.files import OPEN_ELSEWHERE, FileSafetyError, write_private
from samverkan_tui.core.base.oserrors import os_error_message, os_error_reason
from tests.conftest import REPO


def windows_error(winerror: int, filename: str | None = None) -> PermissionError:
    """What CPython on Windows raises: errno EACCES with the Windows code beside it."""
    error = PermissionError(13, "Access is denied", filename)
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


def test_a_file_open_in_another_program_is_retried_then_named(tmp_path: Path, monkeypatch) -> None:
    target = write_private(tmp_path / "ut" / "plan.pdf", b"gammal", make_folder=True)
    real_replace = os.replace
    attempts: list[int] = []

    def held_twice(source, destination):
        attempts.append(1)
        if len(attempts) <= 2:
            raise windows_error(32)
        real_replace(source, destination)

    monkeypatch.setattr(files, "RETRY_DELAYS", (0, 0, 0))
    monkeypatch.setattr(os, "replace", held_twice)
    write_private(target, b"ny")
    assert target.read_bytes() == b"ny" and len(attempts) == 3

    def held(source, destination):
        raise windows_error(32)

    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(FileSafetyError) as caught:
        write_private(target, b"nyare")
    assert str(caught.value) == f"{OPEN_ELSEWHERE} ({target})"

    def denied(source, destination):
        raise windows_error(5)

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(FileSafetyError, match="öppen i ett annat program eller skrivskyddad"):
        write_private(target, b"nyare")
    monkeypatch.undo()
    assert target.read_bytes() == b"ny"
    assert sorted(p.name for p in target.parent.iterdir()) == [".samverkan-mapp", "plan.pdf"]  # no temp file


def test_a_permission_error_other_than_sharing_is_not_retried(tmp_path: Path, monkeypatch) -> None:
    attempts: list[int] = []

    def denied(source, destination):
        attempts.append(1)
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(PermissionError):
        write_private(tmp_path / "x.md", "x")
    assert attempts == [1]


@pytest.mark.parametrize(
    ("winerror", "words"),
    [
        (5, "åtkomst nekad"),
        (32, "öppen i ett annat program"),
        (33, "låst av ett annat program"),
        (112, "disken är full"),
        (206, "för långt"),
    ],
)
def test_windows_error_codes_in_swedish(winerror: int, words: str) -> None:
    error = windows_error(winerror, "C:\\Users\\anna\\Documents\\Samverkan\\plan.pdf")
    assert words in os_error_reason(error)
    assert os_error_message(error).startswith("C:\\Users\\anna\\Documents\\Samverkan\\plan.pdf: ")


def test_a_posix_error_without_a_windows_code_is_as_before() -> None:
    assert os_error_reason(PermissionError(13, "Permission denied")) == "behörighet saknas"


def test_clip_exe_where_osc52_cannot_be_confirmed() -> None:
    assert system_clipboard_command("win32", {}) == ["clip.exe"]  # the classic console
    assert system_clipboard_command("win32", {"WT_SESSION": "1"}) is None  # Windows Terminal: OSC 52
    assert system_clipboard_command("linux", {}) is None
    calls: list[tuple[list[str], bytes]] = []

    def run(command, *, input, **_):
        calls.append((command, input))

    assert copy_outside_terminal("Čapek ✓", ["clip.exe"], run)
    assert calls == [(["clip.exe"], "Čapek ✓".encode("utf-16"))]
    assert calls[0][1][:2] in (b"\xff\xfe", b"\xfe\xff")  # the byte-order mark clip.exe needs

    def broken(command, **_):
        raise subprocess.CalledProcessError(1, command)

    assert not copy_outside_terminal("x", ["clip.exe"], broken)
    assert not copy_outside_terminal("x", [], run)


def test_wildcards_are_expanded_for_windows_shells(tmp_path: Path, monkeypatch) -> None:
    from samverkan_tui.cli import expand_wildcards

    for name in ("b.json", "a.json", "c.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert expand_wildcards(["statistik", "slå-ihop", "*.json", "-o", "ut.json"]) == [
        "statistik",
        "slå-ihop",
        "a.json",
        "b.json",
        "-o",
        "ut.json",
    ]
    assert expand_wildcards(["*.pdf", "--format=*"]) == ["*.pdf", "--format=*"]  # no match: as typed


def test_main_expands_wildcards_only_on_windows(tmp_path: Path, monkeypatch, capsys) -> None:
    import sys

    from samverkan_tui import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "_run", lambda argv: seen.append(argv))
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["samverkan", "statistik", "slå-ihop", "*.json"])
    monkeypatch.setattr(sys, "platform", "win32")
    cli.main()
    monkeypatch.setattr(sys, "platform", "linux")
    cli.main()
    assert seen == [["statistik", "slå-ihop", "a.json"], ["statistik", "slå-ihop", "*.json"]]


@pytest.mark.parametrize("format", ["pdf", "md", "ics"])
def test_exported_files_are_the_rendered_bytes(capsys, tmp_path: Path, format: str) -> None:
    """What is on disk is exactly what was rendered: no newline translation on any platform
    (the hosted CI runs this on Windows, where a text-mode write turned \\n into \\r\\n)."""
    from samverkan_tui.core.base.clock import parse_now
    from samverkan_tui.export import render
    from samverkan_tui.export.document import document_for_routine
    from tests.conftest import run_cli, shipped

    target = tmp_path / f"rvt-bou.{format}"
    if format == "ics":
        args = ["--katalog", str(REPO / "tests" / "data"), "export", "test-format2", "-f", "ics"]
        args += ["--svar", "akut=ja", "--inkom", "2026-11-20T09:00"]
    else:
        args = ["export", "rvt-bou", "-f", format]
    code, _, err = run_cli(capsys, *args, "-o", str(target), "--now", "2026-11-23T10:00")
    assert code == 0, err
    data = target.read_bytes()
    if format == "ics":
        assert b"\r\r\n" not in data and data.count(b"\r\n") == data.count(b"\n")  # RFC 5545: CRLF
        return
    expected = render(document_for_routine(shipped("rvt-bou"), parse_now("2026-11-23T10:00")), format)
    assert data == (expected if isinstance(expected, bytes) else expected.encode("utf-8"))
