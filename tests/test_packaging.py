"""A non-editable install must carry every routine: build the wheel and run from it alone."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
            capture_output=True, text=True, check=False,
        )
    assert result.returncode == 0, result.stderr
    return next(out.glob("samverkan_tui-*.whl"))


def test_wheel_contains_every_shipped_routine(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for routine in (REPO / "checklists").glob("*.toml"):
        assert f"samverkan_tui/checklists/{routine.name}" in names


def test_installed_wheel_finds_its_routines(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import samverkan_tui, json;"
        "from samverkan_tui.core.catalog import builtin_dir, load_catalog;"
        "print(json.dumps([samverkan_tui.__file__, str(builtin_dir()), sorted(load_catalog().entries)]))"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=tmp_path, check=True)
    import json

    module_file, directory, ids = json.loads(result.stdout)
    assert module_file.startswith(str(unpacked))  # really the wheel, not the editable checkout
    assert directory.startswith(str(unpacked))
    assert sorted(p.stem for p in (REPO / "checklists").glob("*.toml")) == ids
