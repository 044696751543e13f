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
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
            capture_output=True,
            text=True,
            check=False,
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
        "from samverkan_tui.core.routine.catalog import builtin_dir, load_catalog;"
        "print(json.dumps([samverkan_tui.__file__, str(builtin_dir()), sorted(load_catalog().entries)]))"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=True
    )
    import json

    module_file, directory, ids = json.loads(result.stdout)
    assert module_file.startswith(str(unpacked))  # really the wheel, not the editable checkout
    assert directory.startswith(str(unpacked))
    assert sorted(p.stem for p in (REPO / "checklists").glob("*.toml")) == ids


def test_wheel_carries_the_license_and_the_format_guide(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), sorted(names)
    assert "samverkan_tui/docs/checklist-format.md" in names
    for doc in (REPO / "docs").rglob("*"):
        if doc.is_file():
            assert f"samverkan_tui/docs/{doc.relative_to(REPO / 'docs').as_posix()}" in names


def test_metadata_declares_license_authors_and_classifiers(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA")))
    text = metadata.decode()
    assert "License-Expression: MIT" in text
    assert "Author: Samverkan TUI contributors" in text
    for classifier in (
        "Environment :: Console",
        "Natural Language :: Swedish",
        "License :: OSI Approved :: MIT License",
        "Programming Language :: Python :: 3.11",
    ):
        assert f"Classifier: {classifier}" in text
    assert "Requires-Dist: textual~=8.2.8" in text


def test_installed_wheel_finds_its_format_guide(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = "from samverkan_tui.core.base.docs import format_guide_path as f; p = f(); print(p, p.is_file())"
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=True
    )
    path, exists = result.stdout.split()
    assert path.startswith(str(unpacked)) and path.endswith("checklist-format.md")
    assert exists == "True"


def test_installed_wheel_prints_its_format_guide_and_info_names_it(wheel: Path, tmp_path: Path) -> None:
    """`samverkan format` and `samverkan info` from an installed copy, not the checkout."""
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    home = tmp_path / "home"
    env = {
        **os.environ,
        "PYTHONPATH": str(unpacked),
        "HOME": str(home),
        "SAMVERKAN_CONFIG": str(home / "config.toml"),
        "SAMVERKAN_DATA": str(home / "data"),
    }
    env.pop("SAMVERKAN_KATALOG", None)

    def samverkan(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "samverkan_tui", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        return result.stdout

    assert samverkan("format") == (REPO / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    [line] = [line for line in samverkan("info").splitlines() if line.startswith("Rutinfilernas format: ")]
    assert line.removeprefix("Rutinfilernas format: ").startswith(
        str(unpacked / "samverkan_tui" / "docs" / "checklist-format.md") + " "
    )


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    result = subprocess.run(
        # Without an isolated build environment: hatchling is a developer tool here, so
        # `make test` builds without the network (and without a venv per build).
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", str(out), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return next(out.glob("samverkan_tui-*.tar.gz"))


def _sdist_names(sdist: Path) -> set[str]:
    import tarfile

    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        return {name.removeprefix(f"{top}/") for name in archive.getnames()}


def test_sdist_has_every_file_make_test_needs(sdist: Path) -> None:
    """Everything tracked that `make test` reads, so that it runs from an unpacked sdist."""
    names = _sdist_names(sdist)
    for needed in (
        "Makefile",
        "pyproject.toml",
        "constraints.txt",
        "LICENSE",
        "README.md",
        "scripts/ensure-system-deps.sh",
        "docs/checklist-format.md",
    ):
        assert needed in names
    listed = subprocess.run(
        ["git", "ls-files", "samverkan_tui", "checklists", "docs", "tests", "bench", "scripts"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("no git checkout here (this may itself be an unpacked sdist)")
    tracked = {line for line in listed.stdout.splitlines() if Path(REPO, line).is_file()}
    assert tracked - names == set()


def test_tests_run_from_an_unpacked_sdist(sdist: Path, tmp_path: Path) -> None:
    """A part of the suite, run from the unpacked sdist's own tree (not this checkout)."""
    import tarfile

    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    root = next((tmp_path / "unpacked").iterdir())
    env = {**os.environ, "PYTHONPATH": str(root)}
    code = "import samverkan_tui, sys; sys.exit(0 if samverkan_tui.__file__.startswith(sys.argv[1]) else 1)"
    subprocess.run([sys.executable, "-c", code, str(root)], env=env, cwd=root, check=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            # Two files that read the shipped routines and the sources through the tests'
            # own paths; that every tracked file is in the sdist is the test above.
            "tests/test_loader_validate.py",
            "tests/test_paths_rvt_bou.py",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
