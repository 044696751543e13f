"""No walk stays alive after it is left: the app keeps no reference to a closed WalkScreen.

The app freezes what it loaded at start-up once (tui/app.py); a walk is not frozen and must
be collectable when the user goes back to the start page.
"""

from __future__ import annotations

import gc
import weakref

from samverkan_tui.tui.screens.start import StartScreen
from samverkan_tui.tui.screens.walk import WalkScreen

WALKS = 5


async def test_five_walks_opened_and_left_are_collected(make_app) -> None:
    app = make_app(role="bou", use_step_log=False)
    left: list[weakref.ref[WalkScreen]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"rvt")  # the filter stays while the start page does
        await pilot.pause()
        for _ in range(WALKS):
            assert isinstance(app.screen, StartScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WalkScreen)
            left.append(weakref.ref(app.screen))
            await pilot.press("escape")  # at the first question: back to the start page
            await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.pause()
        gc.collect()
        alive = [ref for ref in left if ref() is not None]
        assert not alive, f"{len(alive)} av {WALKS} lämnade genomgångar finns kvar i minnet"
