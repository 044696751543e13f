"""Issue 26, point 7: every input file has a type check and a size limit; every `-o` error
is the same message and exit code; no English and no raw errno reach the user.

The devices and FIFOs run in a child process with a timeout: a reader that does not
refuse them would hang (``/dev/zero``, a FIFO nobody writes) or fill the memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.base.input_files import InputFileError, read_input_bytes, read_input_text
from tests.conftest import REPO
from tests.robustness.robust_helpers import crash_words, run_cli

ENGLISH = ("No such file", "Permission denied", "Is a directory", "Not a directory", "Errno", "[Err")


def _samverkan(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "SAMVERKAN_DATA": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        [sys.executable, "-m", "samverkan_tui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("samverkan: "), err
    assert not crash_words(err) and not any(word in err for word in ENGLISH), err
    return lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path = tmp_path / "rör.json"
    os.mkfifo(path)
    return path


def _commands(path: Path) -> list[list[str]]:
    return [
        ["statistik", "slå-ihop", str(path)],
        ["granska", "rvt-bou", "--svar-fil", str(path), "--inte-interaktiv"],
        ["utkast", str(path)],
        ["kontrollera", str(path)],
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("index", range(4))
def test_a_device_is_refused_with_one_swedish_line(index: int, tmp_path: Path) -> None:
    args = _commands(Path("/dev/zero"))[index]
    result = _samverkan(*args, home=tmp_path)
    assert result.returncode in (1, 2), result.stderr
    line = _one_line(result.stderr) if args[0] != "kontrollera" else result.stdout + result.stderr
    assert "enhet" in line, (args, result.stdout, result.stderr)


@pytest.mark.parametrize("index", range(4))
def test_a_fifo_is_refused_and_never_waited_on(index: int, fifo: Path, tmp_path: Path) -> None:
    args = _commands(fifo)[index]
    result = _samverkan(*args, home=tmp_path)
    assert result.returncode in (1, 2), result.stderr
    text = _one_line(result.stderr) if args[0] != "kontrollera" else result.stdout + result.stderr
    assert "FIFO" in text, (args, result.stdout, result.stderr)


def test_a_fifo_among_the_routines_never_stops_the_listing(fifo: Path, tmp_path: Path) -> None:
    folder = fifo.parent / "rutiner"
    folder.mkdir()
    os.mkfifo(folder / "rör.toml")
    result = _samverkan("--katalog", str(folder), "lista", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "rvt-bou" in result.stdout and not crash_words(result.stderr)
    checked = _samverkan("kontrollera", str(folder / "rör.toml"), home=tmp_path)
    assert checked.returncode == 1 and "FIFO" in checked.stdout + checked.stderr


@pytest.mark.parametrize("index", range(4))
def test_a_directory_or_a_too_big_file_is_one_line(index: int, tmp_path: Path) -> None:
    code, out, err = run_cli(*_commands(tmp_path)[index])
    assert code in (1, 2)
    assert "katalog" in (out + err) and not crash_words(out + err), (out, err)
    big = tmp_path / "stor.json"
    big.write_bytes(b" " * (9 * 1024 * 1024))
    code, out, err = run_cli(*_commands(big)[index])
    assert code in (1, 2)
    assert ("för stor" in (out + err) or "större än" in (out + err)) and not crash_words(out + err), (
        out,
        err,
    )


def test_the_reader_refuses_growth_past_the_limit_and_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "fil.txt"
    path.write_bytes(b"a" * 100)
    assert read_input_bytes(path, limit=100) == b"a" * 100
    with pytest.raises(InputFileError, match="för stor"):
        read_input_bytes(path, limit=99)
    path.write_bytes(b"\xef\xbb\xbfhej")
    assert read_input_text(path) == "hej"  # a byte-order mark is no text
    path.write_bytes(b"hej \xff")
    with pytest.raises(InputFileError, match="UTF-8"):
        read_input_text(path)
    with pytest.raises(InputFileError) as missing:
        read_input_bytes(tmp_path / "saknas.txt")
    assert missing.value.missing and "finns inte" in str(missing.value)


# -- the same -o error everywhere -------------------------------------------------------------


def _output_commands(tmp_path: Path, target: str) -> list[list[str]]:
    source = tmp_path / "källa.txt"
    source.write_text("Rutin för test\n\n1. Ring mottagningen.\n", encoding="utf-8")
    aggregate = tmp_path / "enhet.json"
    return [
        ["exportera", "rvt-bou", "-f", "md", "-o", target],
        ["utkast", str(source), "-o", target],
        ["logg", "statistik", "-f", "json", "-o", target],
        ["statistik", "slå-ihop", str(aggregate), "-o", target],
        ["granska", "rvt-bou", "--allt-galler", "--inte-revidera", "--inte-interaktiv", "-o", target],
    ]


@pytest.mark.parametrize(
    ("where", "expected_code", "words"),
    [
        ("saknas/ut.md", 1, "katalogen finns inte"),
        ("{dir}", 1, "det är en katalog"),
        ("x" * 300 + ".md", 2, "för långt"),
    ],
    ids=["missing folder", "a folder", "too long"],
)
def test_the_same_output_error_gives_the_same_line_and_code_in_every_command(
    where: str, expected_code: int, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run_cli("logg", "statistik", "-f", "json", "-o", str(tmp_path / "enhet.json"))
    assert code == 0
    folder = tmp_path / "enkatalog"
    folder.mkdir()
    target = str(folder) if where == "{dir}" else str(tmp_path / where)
    seen = []
    for args in _output_commands(tmp_path, target):
        if where == "{dir}" and args[0] in ("exportera", "granska"):
            continue  # these write a named file into a folder given with -o: no error
        code, _, err = run_cli(*args)
        line = _one_line(err.replace("\n", " ").strip() if err.count("\n") > 1 else err)
        seen.append((args[0], code, line.split(":", 2)[-1].strip()))
        assert code == expected_code, (args, code, err)
        assert words in line and f"kan inte skriva {target}" in line, (args, err)
    assert len({reason for _, _, reason in seen}) == 1, seen


def test_a_json_answers_file_that_is_not_json_is_one_swedish_line(tmp_path: Path) -> None:
    answers = tmp_path / "svar.json"
    answers.write_text("{inte json", encoding="utf-8")
    code, _, err = run_cli("granska", "rvt-bou", "--svar-fil", str(answers), "--inte-interaktiv")
    assert code == 2 and "JSON" in _one_line(err)
    answers.write_text(json.dumps({"saknas": ""}), encoding="utf-8")
    code, _, err = run_cli("granska", "rvt-bou", "--svar-fil", str(answers / "x"), "--inte-interaktiv")
    assert code in (1, 2) and not any(word in err for word in ENGLISH), err
