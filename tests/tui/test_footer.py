"""The priority footer rebuilds only when what it shows changes, and only while it is seen."""

from __future__ import annotations

from textual.widgets import Input
from textual.widgets._footer import FooterKey

from samverkan_tui.tui.screens.start import StartScreen
from samverkan_tui.tui.screens.walk import WalkScreen
from samverkan_tui.tui.widgets.footer import PriorityFooter


def footer_keys(screen) -> list[FooterKey]:
    return list(screen.query_one(PriorityFooter).query(FooterKey))


def footer_actions(screen) -> list[str]:
    return [key.action for key in footer_keys(screen)]


async def test_a_footer_under_another_screen_is_rebuilt_when_its_screen_is_back(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        wide = footer_keys(start)
        await pilot.press(*"rvt", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(start) == wide  # not seen: not rebuilt for the new width
        await pilot.press("escape")  # from the question: back to the start screen
        await pilot.pause()
        await pilot.pause()
        assert app.screen is start
        rebuilt = footer_keys(start)
        assert not set(rebuilt) & set(wide)  # rebuilt for 80 columns now that it is seen
        assert "training" in footer_actions(start)


async def test_the_footer_is_not_rebuilt_when_the_keys_on_offer_stay_the_same(make_app) -> None:
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = footer_keys(app.screen)
        app.screen.refresh_bindings()  # nothing changed
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app.screen) == keys  # the same widgets, not new ones
        assert "answer_yes" in footer_actions(app.screen)
        await pilot.press("j")  # akut = ja: the next question is a choice, digits answer it
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app.screen) != keys
        shown = footer_actions(app.screen)
        assert "answer_option(1)" in shown and "answer_yes" not in shown


async def test_the_start_screen_under_a_walk_opened_by_name_is_built_when_the_walk_is_left(
    make_app,
) -> None:
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = app.screen_stack[0]
        assert isinstance(start, StartScreen) and isinstance(app.screen, WalkScreen)
        assert not start.children  # never seen yet: never built
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is start
        assert start.query_one("#filter", Input).has_focus
        assert start.query_one("#routines").option_count == len(app.catalog.routines())
        assert "training" in footer_actions(start)


async def test_the_footer_waits_while_an_answer_is_on_its_way(make_app) -> None:
    """Meanwhile every answer key is taken (typing ahead), so the footer would show j, n and
    the digits at once for a moment; it keeps what it shows until the next question."""
    from samverkan_tui.tui.widgets.question import QuestionPanel

    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(PriorityFooter)
        keys = footer_keys(screen)
        assert "answer_option(1)" in footer_actions(screen) and "answer_yes" not in footer_actions(screen)
        screen.query_one(QuestionPanel).action_answer_option(1)  # inkom = rvt, on its way
        assert not screen.keys_settled()
        await footer.recompose()
        assert footer_keys(screen) == keys
        await pilot.pause()
        await pilot.pause()
        assert screen.keys_settled()
        shown = footer_actions(screen)
        assert "answer_yes" in shown and "answer_option(1)" not in shown  # akut: ja/nej
