"""Issue 26 (and 25, 28): the routine cache stays bounded, drops what is stale, keeps
absolute paths, and is trusted on Windows by a check that means something there."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from samverkan_tui.core.routine import routine_cache
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.core.routine.routine_cache import MAX_ENTRIES, RoutineCache

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "checklists" / "rvt-bou.toml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAMVERKAN_CACHE", str(folder))
    return folder / "rutiner"


def _variant(folder: Path, number: int) -> Path:
    """A copy of a shipped routine with its own id: another routine file for the cache."""
    text = SHIPPED.read_text("utf-8").replace('id = "rvt-bou"', f'id = "variant-{number}"', 1)
    path = folder / f"variant-{number}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pickle"))


def test_an_entry_for_a_changed_or_removed_file_is_dropped(tmp_path: Path, cache: Path) -> None:
    folder = tmp_path / "egna"
    folder.mkdir()
    first, second = _variant(folder, 1), _variant(folder, 2)
    load_catalog([folder])
    shipped = len(_entries(cache)) - 2
    assert shipped >= 4
    first.unlink()
    second.write_text(second.read_text("utf-8") + "\n# ändrad\n", encoding="utf-8")
    catalog = load_catalog([folder])  # re-parses the changed file, so the cache is pruned
    assert "variant-1" not in catalog.entries and "variant-2" in catalog.entries
    headers = []
    for entry in _entries(cache):
        with entry.open("rb") as handle:
            headers.append(pickle.load(handle))
    paths = [Path(header[1]) for header in headers]
    assert first.resolve() not in paths
    assert paths.count(second.resolve()) == 1
    assert len(headers) == shipped + 1


def test_the_cache_has_a_cap_and_a_lookup_reads_only_its_own_entries(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "många"
    folder.mkdir()
    for number in range(MAX_ENTRIES + 20):
        _variant(folder, number)
    load_catalog([folder])
    assert len(_entries(cache)) <= MAX_ENTRIES
    # With a full cache, listing the shipped routines reads their entries and no others.
    opened: list[str] = []
    original = Path.open

    def counting(self: Path, *args, **kwargs):
        if self.suffix == ".pickle":
            opened.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting)
    catalog = load_catalog()
    assert len(opened) == len(catalog.entries)


def test_many_cached_variants_cost_a_listing_nothing(tmp_path: Path, cache: Path, monkeypatch) -> None:
    """The issue's 534 entries: after twice the cap of variants, `lista` reads as many cache
    entries as with none (the cap, not the number of variants, is what is tested)."""
    folder = tmp_path / "varianter"
    folder.mkdir()
    for number in range(2 * MAX_ENTRIES):
        _variant(folder, number)
    load_catalog([folder])
    assert len(_entries(cache)) <= MAX_ENTRIES
    shutil.rmtree(folder)
    opened: list[str] = []
    original = Path.open

    def counting(self: Path, *args, **kwargs):
        if self.suffix == ".pickle":
            opened.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting)
    catalog = load_catalog()
    assert len(opened) == len(catalog.entries) == 4


def test_a_routine_from_the_cache_has_an_absolute_path_whatever_the_folder(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "egna"
    folder.mkdir()
    _variant(folder, 7)
    monkeypatch.chdir(tmp_path)
    fresh = load_catalog([Path("egna")]).get("variant-7")
    cached = load_catalog([Path("egna")]).get("variant-7")
    assert fresh is not None and cached is not None
    assert Path(fresh.path).is_absolute() and fresh.path == cached.path
    monkeypatch.chdir(REPO)  # another folder: the path still names the file
    elsewhere = load_catalog([tmp_path / "egna"]).get("variant-7")
    assert elsewhere is not None and Path(elsewhere.path).is_file()


def test_an_entry_writable_by_others_or_a_link_is_not_trusted_on_posix(cache: Path) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX modes")
    load_catalog()
    entry = _entries(cache)[0]
    assert routine_cache._trusted(entry)
    entry.chmod(0o666)
    assert not routine_cache._trusted(entry)
    entry.chmod(0o600)
    link = entry.with_name("länk.pickle")
    link.symlink_to(entry)
    assert not routine_cache._trusted(link)


def test_on_windows_the_mode_bits_are_not_what_decides(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows reports 0o666 for every writable file: the cache must still be used there."""
    load_catalog()
    entry = _entries(cache)[0]
    entry.chmod(0o666)
    cache.chmod(0o777)
    monkeypatch.setattr(routine_cache.sys, "platform", "win32")
    assert routine_cache._trusted(entry)
    link = entry.with_name("länk.pickle")
    link.symlink_to(entry)
    assert not routine_cache._trusted(link)
    cache.chmod(0o700)


def test_a_foreign_or_truncated_entry_is_ignored_and_rebuilt(cache: Path) -> None:
    load_catalog()
    for entry in _entries(cache):
        entry.write_bytes(b"inte en pickle")
    catalog = load_catalog()
    assert len(catalog.entries) == 4 and not catalog.problems
    assert RoutineCache.open().get(SHIPPED) is not None  # rebuilt
