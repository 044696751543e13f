"""One action registry (tui/keys.py): every binding has a help row and every help row a binding.

Walks every screen and widget class of the app, so a key bound by hand somewhere, or a
registry entry nothing binds any more, fails here.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.dom import DOMNode

import samverkan_tui.tui
from samverkan_tui.tui.keys import KEYS, Key, footer_rank, help_rows


def app_classes() -> list[type[DOMNode]]:
    found: dict[str, type[DOMNode]] = {}
    for module in pkgutil.walk_packages(samverkan_tui.tui.__path__, "samverkan_tui.tui."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__.startswith("samverkan_tui."):
                found[cls.__qualname__] = cls
    return list(found.values())


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares itself (``BINDINGS`` in its own body)."""
    declared = cls.__dict__.get("BINDINGS", [])
    return [b for b in declared if isinstance(b, Binding)]


def registry_actions(owner: str) -> set[tuple[str, str]]:
    return {(b.key, b.action) for key in KEYS[owner] for b in key.bindings()}


CLASSES = app_classes()


def test_the_registry_names_real_classes() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert set(KEYS) <= names, set(KEYS) - names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_binding_comes_from_the_registry_with_a_help_row(cls: type[DOMNode]) -> None:
    declared = own_bindings(cls)
    if not declared:
        return
    assert cls.__name__ in KEYS, f"{cls.__name__} binds keys outside tui/keys.py"
    assert {(b.key, b.action) for b in declared} == registry_actions(cls.__name__)
    rows = dict(help_rows([cls.__name__]))
    for key in KEYS[cls.__name__]:
        if not key.system:
            assert rows.get(key.shown_keys), f"{key.action} has no help row"


def test_every_help_row_has_a_binding() -> None:
    bound = {cls.__name__: {(b.key, b.action) for b in own_bindings(cls)} for cls in CLASSES}
    for owner, keys in KEYS.items():
        for key in keys:
            assert set((b.key, b.action) for b in key.bindings()) <= bound.get(owner, set()), (
                f"{owner}: {key.shown_keys} ({key.action}) is in the help but bound nowhere"
            )


def test_the_footer_order_comes_from_the_registry() -> None:
    ranks = [footer_rank(a) for a in ("reopen", "answer_yes", "toggle_done", "app.help", "app.quit", "back")]
    assert ranks == sorted(ranks)
    assert footer_rank("no_such_action") > max(k.rank or 0 for keys in KEYS.values() for k in keys)


def test_a_key_group_of_digits_is_one_help_row() -> None:
    key = Key("", "pick({n})", "Välj", "välj med siffra", digits=True)
    assert [b.key for b in key.bindings()] == [str(n) for n in range(1, 10)]
    assert key.shown_keys == "1–9"


def help_text(app) -> str:
    from samverkan_tui.tui.screens.help import HelpScreen

    assert isinstance(app.screen, HelpScreen)
    console = Console(width=200, record=True, file=io.StringIO())
    for static in app.screen.query("Static"):
        console.print(static.content)
    return " ".join(console.export_text().split())


@pytest.mark.parametrize(
    ("keys", "theirs"),
    [
        (("ctrl+o",), "guidad rundtur genom rutinens frågor och grenar"),  # the exercise list
        (("ctrl+t",), "nästa rutins siffror"),  # the statistics
        (("ctrl+g",), "punkten gäller oförändrad"),  # the review
    ],
)
async def test_f1_shows_the_keys_of_the_screen_under_it(make_app, keys, theirs) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        assert theirs in text
        assert "markera steget klart" not in text  # not the walk's keys
        assert "Ctrl+Q" in text  # the app's own, everywhere


async def test_f1_in_the_walk_lists_the_walk_keys_and_undo(make_app) -> None:
    app = make_app(role="rvt")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"rvt", "enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        for row in ("svara ja", "markera steget klart", "ta tillbaka senaste svaret", "tar aldrig tillbaka"):
            assert row in text


@pytest.mark.parametrize("keys", [(), ("ctrl+o",), ("ctrl+t",), ("ctrl+g",), (*"rvt", "enter")])
async def test_f1_lists_each_key_once(make_app, keys) -> None:
    """The registry's rows and the help's own (scrolling) never name the same key twice."""
    from samverkan_tui.tui.screens.help import HelpScreen

    app = make_app(role="rvt")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys_table = app.screen.query("Static").first().content
        shown = [cell.plain if hasattr(cell, "plain") else str(cell) for cell in keys_table.columns[0].cells]
        assert shown, "the help lists keys"
        assert len(shown) == len(set(shown)), sorted(k for k in shown if shown.count(k) > 1)
