"""The priority footer rebuilds only when what it shows changes, and only while it is seen."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from samverkan_tui.tui.screens.start import StartScreen
from samverkan_tui.tui.screens.walk import WalkScreen
from samverkan_tui.tui.widgets.footer import PriorityFooter


def footer_actions(screen) -> list[str]:
    return [key.action for key in screen.query_one(PriorityFooter).query(FooterKey)]


async def test_a_footer_under_another_screen_is_composed_when_its_screen_is_back(make_app) -> None:
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = app.screen_stack[0]
        assert isinstance(start, StartScreen) and isinstance(app.screen, WalkScreen)
        assert "answer_yes" in footer_actions(app.screen)
        assert footer_actions(start) == []  # never seen yet: never built
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is start
        shown = footer_actions(start)
        assert "training" in shown and "answer_yes" not in shown


async def test_the_footer_is_not_rebuilt_when_the_keys_on_offer_stay_the_same(make_app) -> None:
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(PriorityFooter)
        keys = list(footer.query(FooterKey))
        app.screen.refresh_bindings()  # nothing changed
        await pilot.pause()
        await pilot.pause()
        assert list(footer.query(FooterKey)) == keys  # the same widgets, not new ones
        assert "answer_yes" in footer_actions(app.screen)
        await pilot.press("j")  # akut = ja: the next question is a choice, digits answer it
        await pilot.pause()
        await pilot.pause()
        assert list(footer.query(FooterKey)) != keys
        shown = footer_actions(app.screen)
        assert "answer_option(1)" in shown and "answer_yes" not in shown
