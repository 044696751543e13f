"""Keypress to repaint during a walk: 200 keys, each timed from the moment it is sent to
the end of the first screen repaint after the walk has handled it.

Pilot's own waiting (press + pause) costs ~85 ms per key even in an empty app, so the
repaint is timed inside the app: the screen's compositor refresh and the walk's redraw
are wrapped to note when they finish. Prints the median and the 99th percentile in ms.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time


async def measure(count: int = 200) -> list[float]:
    from textual.screen import Screen

    from samverkan_tui.core.catalog import load_catalog
    from samverkan_tui.core.config import load_config
    from samverkan_tui.tui.app import create_app
    from samverkan_tui.tui.screens.walk import WalkScreen

    painted: list[float] = []
    handled: list[float] = []
    refresh, redraw = Screen._compositor_refresh, WalkScreen.redraw

    def timed_refresh(self) -> None:
        refresh(self)
        painted.append(time.perf_counter())

    def timed_redraw(self) -> None:
        redraw(self)
        handled.append(time.perf_counter())

    Screen._compositor_refresh = timed_refresh
    WalkScreen.redraw = timed_redraw
    config = load_config()
    config.role = "bou"
    app = create_app(
        now="2026-11-23T10:00",
        catalog=load_catalog(config=config),
        config=config,
        use_step_log=os.environ.get("BENCH_NO_LOG") is None,
    )
    timings: list[float] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(*"rvt", "enter")
            await pilot.pause()
            await pilot.press("1", "j", "1")  # RVT, akut, öppen utredning: a plan on screen
            await pilot.pause()
            # Answer and take back, over and over: each key recomputes and redraws the plan.
            for key in ["j", "escape"] * (count // 2):
                sent = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                done = next((t for t in handled if t > sent), None)
                if done is None:
                    raise RuntimeError(f"the walk did not handle {key!r}: {app.screen!r}")
                timings.append((next(t for t in painted if t > done) - sent) * 1000)
    finally:
        Screen._compositor_refresh, WalkScreen.redraw = refresh, redraw
    return timings


def main() -> None:
    import os
    import tempfile

    # A step log of its own: an unfinished walk from elsewhere would open the resume dialog.
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SAMVERKAN_DATA"] = folder
        timings = sorted(asyncio.run(measure()))
    p99 = timings[min(len(timings) - 1, round(0.99 * len(timings)) - 1)]  # nearest rank
    print(f"{statistics.median(timings):.2f} {p99:.2f}")


if __name__ == "__main__":
    main()
