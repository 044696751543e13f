"""Build the self-contained Samverkan bundle (Python inside) for the platform it runs on.

    python scripts/build_bundle.py          (`make bundle`; on Windows: py scripts\\build_bundle.py)

A fresh virtual environment in build/bundle-venv gets the app (a normal, not editable,
install, so the shipped routines and docs sit inside the package) and PyInstaller;
PyInstaller makes the folder dist/samverkan/ with the program `samverkan` (Windows:
`samverkan.exe`) and everything it needs, and the script zips it as
dist/samverkan-<platform>.zip. Last, the bundle is run once (`samverkan --version` and
`samverkan validate`), so a bundle that cannot find its routines is never handed out.

IT installs the folder where programs go (Windows: C:\\Program Files\\Samverkan) and puts it
on PATH; nothing is written there at run time (the user's data goes to the user's folders).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"
DIST = REPO / "dist"
VENV = BUILD / "bundle-venv"
NAME = "samverkan"
# Packages that load parts of themselves by name at run time, which PyInstaller's import
# scan cannot see: every submodule (and data file) of these is put in the bundle.
COLLECT_ALL = (
    "samverkan_tui",  # its routines, docs, scrubber vocabulary and lazily imported modules
    "textual",  # widgets are imported lazily by name; CSS and tree-sitter data
    "rich",  # unicode width tables loaded by name
    "holidays",  # countries are loaded through a registry
    "phonenumbers",  # metadata per region loaded by name
    "typst",  # the compiler and its fonts
    "tzdata",  # Europe/Stockholm on Windows, which has no zone database
    "icalendar",
    "platformdirs",
)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*args: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=REPO, **kwargs)  # type: ignore[call-overload]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def main() -> int:
    shutil.rmtree(VENV, ignore_errors=True)
    shutil.rmtree(DIST / NAME, ignore_errors=True)
    venv.create(VENV, with_pip=True, clear=True)
    python = venv_python()
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-c", "constraints.txt", ".", "pyinstaller>=6.10")
    entry = BUILD / "samverkan_entry.py"
    entry.write_text("from samverkan_tui.cli import main\n\nmain()\n", encoding="utf-8")
    collect = [arg for package in COLLECT_ALL for arg in ("--collect-all", package)]
    run(
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--console",
        "--name",
        NAME,
        "--distpath",
        DIST,
        "--workpath",
        BUILD / "pyinstaller",
        "--specpath",
        BUILD,
        *collect,
        entry,
    )
    program = DIST / NAME / (f"{NAME}.exe" if os.name == "nt" else NAME)
    # Proof that it runs on its own: no PYTHONPATH, a home of its own, the shipped routines found.
    home = BUILD / "bundle-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "SAMVERKAN"))
    }
    env.update(
        {
            "HOME": str(home),
            "USERPROFILE": str(home),
            "SAMVERKAN_DATA": str(home / "data"),
            "SAMVERKAN_CONFIG": str(home / "config.toml"),
        }
    )
    run(program, "--version", env=env)
    run(program, "validate", env=env)
    archive = shutil.make_archive(str(DIST / f"{NAME}-{platform_tag()}"), "zip", DIST, NAME)
    size = sum(f.stat().st_size for f in (DIST / NAME).rglob("*") if f.is_file())
    print(f"Bundle: {DIST / NAME} ({size / 1e6:.0f} MB), {archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
