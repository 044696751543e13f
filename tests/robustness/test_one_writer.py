"""One writer: every file the program writes goes through core/base/files.

Tried as an attacker would: a shared routine folder where someone else can plant a
symlink, and a user whose umask is 000. Plus a static scan: no module of the package
writes a file any other way.
"""

from __future__ import annotations

import ast
import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHECKLISTS, REPO, run_cli

PACKAGE = REPO / "samverkan_tui"
SOURCE = REPO / "docs" / "sources" / "rvt-bou-samverkansrutin.txt"
NOW = ("--now", "2026-11-23T10:00")


# The attacks need POSIX modes, umask and symlinks; the static scan holds everywhere.
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX-rättigheter, umask och symboliska länkar")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


@posix_only
def test_a_planted_symlink_in_a_shared_routine_folder_is_not_followed(capsys, tmp_path: Path) -> None:
    """`granska` revising a routine used the predictable name `.rvt-bou.toml.tmp`: a symlink
    planted there made it overwrite the link's target and turned the routine into a link."""
    shared = tmp_path / "delad"
    shared.mkdir()
    routine = shared / "rvt-bou.toml"
    routine.write_bytes((CHECKLISTS / "rvt-bou.toml").read_bytes())
    victim = tmp_path / "offer.txt"
    victim.write_text("orört\n", encoding="utf-8")
    (shared / ".rvt-bou.toml.tmp").symlink_to(victim)
    code, _, err = run_cli(capsys, "--katalog", str(shared), "granska", "rvt-bou", "--allt-galler", *NOW)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "orört\n"
    assert not routine.is_symlink() and stat.S_ISREG(os.lstat(routine).st_mode)
    assert "revised = 2026-11-23" in routine.read_text(encoding="utf-8")


@posix_only
def test_cli_outputs_are_private_under_umask_000(capsys, tmp_path: Path) -> None:
    """`granska -o`, `utkast -o`, `utkast --rapport` and `exportera --alla -o pärm/` under umask 000."""
    own = tmp_path / "egna"
    own.mkdir()
    protocol, draft, report = tmp_path / "protokoll.md", tmp_path / "rutin.toml", tmp_path / "spår.txt"
    binder = tmp_path / "ny" / "pärm"
    with umask(0):
        code, _, err = run_cli(
            capsys, "--katalog", str(own), "granska", "rvt-bou", "--allt-galler", "-o", str(protocol), *NOW
        )
        assert code == 0, err
        code, _, err = run_cli(capsys, "utkast", str(SOURCE), "-o", str(draft), "--rapport", str(report))
        assert code == 0, err
        code, _, err = run_cli(capsys, "exportera", "--alla", "-f", "md", "-o", str(binder), *NOW)
        assert code == 0, err
    for path in (protocol, draft, report, own / "rvt-bou.toml"):
        assert mode(path) == 0o600, path
    assert mode(binder) == mode(binder.parent) == 0o700
    assert all(mode(p) == 0o600 for p in binder.iterdir())


@posix_only
def test_a_symlink_at_a_cli_output_is_refused(capsys, tmp_path: Path) -> None:
    victim = tmp_path / "offer.txt"
    victim.write_text("orört\n", encoding="utf-8")
    for args in (
        ("utkast", str(SOURCE), "-o"),
        ("utkast", str(SOURCE), "-o", str(tmp_path / "ok.toml"), "--rapport"),
        ("--katalog", str(tmp_path), "granska", "rvt-bou", "--allt-galler", *NOW, "-o"),
    ):
        link = tmp_path / "länk.txt"
        link.unlink(missing_ok=True)
        link.symlink_to(victim)
        code, _, err = run_cli(capsys, *args, str(link))
        assert code == 1, (args, err)
        assert "symbolisk länk" in err
    assert victim.read_text(encoding="utf-8") == "orört\n"


@posix_only
def test_saved_reviews_and_training_progress_are_private_under_umask_000(tmp_path: Path) -> None:
    from samverkan_tui.core.base.clock import parse_now
    from samverkan_tui.core.manage import review_walk as rw
    from samverkan_tui.core.training.progress import save_progress
    from tests.conftest import shipped

    with umask(0):
        saved = rw.save_review(rw.start_review(shipped("rvt-bou"), parse_now("2026-11-23T10:00")))
        save_progress(tmp_path / "ny" / "övningar", {"rvt-bou/1": {"q": "a"}})
    assert mode(saved) == 0o600 and mode(saved.parent) == 0o700
    progress = tmp_path / "ny" / "övningar"
    assert mode(progress / "ovningar.json") == 0o600
    assert mode(progress) == mode(progress.parent) == 0o700


@posix_only
def test_no_marker_file_in_shared_base_folders(tmp_path: Path, isolated_user: Path, monkeypatch) -> None:
    """The app may create ~/.local/share on a fresh account; it is not the app's folder."""
    from samverkan_tui.core.base.files import MARKER, ensure_private_dir

    monkeypatch.delenv("SAMVERKAN_DATA")
    base = isolated_user / ".local" / "share"
    ensure_private_dir(base / "samverkan")
    assert (base / "samverkan" / MARKER).is_file()
    assert not (base / MARKER).exists() and not (isolated_user / ".local" / MARKER).exists()


# -- the static scan ------------------------------------------------------------------------

WRITER = PACKAGE / "core" / "base" / "files.py"
# Calls that write (or make) a file or a folder, by attribute name.
WRITING_ATTRIBUTES = {
    "write_text",
    "write_bytes",
    "mkdir",
    "makedirs",
    "touch",
    "mkstemp",
    "NamedTemporaryFile",
    "copy",
    "copy2",
    "copyfile",
    "copytree",
    "move",
    "replace",
    "rename",
    "symlink_to",
    "hardlink_to",
}
# Receivers whose .replace/.copy is not a file operation (str.replace, dataclasses.replace,
# dict.copy, datetime.replace …): these attributes count only on os/shutil/pathlib-looking calls.
FILE_MODULES = {"os", "shutil", "tempfile"}
OS_WRITES = {"open", "fdopen", "write", "chmod", "fchmod"}


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            mode_arg = node.args[1] if len(node.args) > 1 else None
            for keyword in node.keywords:
                if keyword.arg == "mode":
                    mode_arg = keyword.value
            text = mode_arg.value if isinstance(mode_arg, ast.Constant) else "r"
            if not isinstance(text, str) or set(text) & set("wax+"):
                found.append((node.lineno, f"open(..., {text!r})"))
            continue
        if not isinstance(func, ast.Attribute):
            continue
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        name = func.attr
        if owner in FILE_MODULES and name in WRITING_ATTRIBUTES | OS_WRITES:
            found.append((node.lineno, f"{owner}.{name}"))
        elif owner not in FILE_MODULES and name in {"write_text", "write_bytes", "mkdir", "touch"}:
            found.append((node.lineno, f".{name}"))
        elif name == "open":  # Path.open("w"), Path.open(mode="a")
            modes = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "mode")]
            for value in modes:
                text = value.value if isinstance(value, ast.Constant) else None
                if isinstance(text, str) and set(text) & set("wax+"):
                    found.append((node.lineno, f".open({text!r})"))
    return found


# Not file writes, reviewed: where the package touches the OS for something else.
ALLOWED = {
    # The CLI's entry points its closed stdout/stderr at the null device (no file is made).
    ("cli/__init__.py", "open(..., 'w')"),
    ("cli/__init__.py", "os.open"),
    # The one reader of input files opens read-only (O_RDONLY | O_NONBLOCK): nothing is written.
    ("core/base/input_files.py", "os.open"),
    # A walk's lock: an empty 0600 file opened without following a link, held with an OS
    # lock while one window writes the walk; its content is never written.
    ("steplog/store.py", "os.open"),
}


def test_no_module_writes_a_file_except_through_core_files() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == WRITER:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        for line, what in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            if (relative, what) not in ALLOWED:
                offenders.append(f"{relative}:{line}: {what}")
    assert offenders == [], "write through samverkan_tui/core/base/files.py instead:\n" + "\n".join(offenders)


def test_the_scan_finds_the_ways_a_file_can_be_written() -> None:
    """The scan itself: each of these would be a second writer."""
    sample = """
open(p, "w")
open(p, mode="ab")
p.write_text("x")
p.write_bytes(b"x")
p.mkdir()
os.open(p, 1)
os.replace(a, b)
shutil.copy(a, b)
tempfile.mkstemp()
p.open("w")
os.fdopen(fd, "w")
"""
    assert len(_writes(ast.parse(sample))) == 11
    assert _writes(ast.parse('open(p)\nopen(p, "rb")\ntext.replace("a", "b")\np.read_text()')) == []
