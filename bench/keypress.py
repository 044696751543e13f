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

    from samverkan_tui.core.base.config import load_config
    from samverkan_tui.core.routine.catalog import load_catalog
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
            # Answer and take back (u: Esc never takes an answer back), over and over: each
            # key recomputes and redraws the plan.
            for key in ["j", "u"] * (count // 2):
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


async def measure_baseline(count: int = 200) -> list[float]:
    """The same keys in a minimal Textual app that does what any walk key makes Textual do:
    a new question text (a Static of auto height, so a new layout) and a list of 40
    wrapped options rebuilt. On a machine whose speed varies from run to run, the walk's
    figures are read against this one from the same run."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, OptionList, Static

    painted: list[float] = []
    handled: list[float] = []
    refresh = Screen._compositor_refresh

    def timed_refresh(self) -> None:
        refresh(self)
        painted.append(time.perf_counter())

    text = (
        "Undersök om det finns en öppen utredning på barnen eller ej. "
        "Om öppen utredning finns: kontakta ansvarig socialsekreterare."
    )

    class Baseline(App[None]):
        BINDINGS = (("j", "show(1)"), ("u", "show(0)"))

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(id="question")
            yield OptionList(id="plan")
            yield Footer()

        def action_show(self, answered: int) -> None:
            self.query_one("#question", Static).update(f"Fråga {2 + answered}: {text}")
            plan = self.query_one("#plan", OptionList)
            plan.clear_options()
            plan.add_options(f"[ ] Steg {i}: {text}" for i in range(20 + 20 * answered))
            handled.append(time.perf_counter())

    Screen._compositor_refresh = timed_refresh
    timings: list[float] = []
    try:
        app = Baseline()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("u")
            await pilot.pause()
            for key in ["j", "u"] * (count // 2):
                sent = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                done = next(t for t in handled if t > sent)
                timings.append((next(t for t in painted if t > done) - sent) * 1000)
    finally:
        Screen._compositor_refresh = refresh
    return timings


def _median_p99(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[min(len(timings) - 1, round(0.99 * len(timings)) - 1)]


def main() -> None:
    import os
    import tempfile

    # A step log of its own: an unfinished walk from elsewhere would open the resume dialog.
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SAMVERKAN_DATA"] = folder
        walk, baseline = [], []
        for _ in range(2):  # interleaved halves: the machine's speed drifts
            walk += asyncio.run(measure(100))
            baseline += asyncio.run(measure_baseline(100))
    print(" ".join(f"{x:.2f}" for x in (*_median_p99(walk), *_median_p99(baseline))))


if __name__ == "__main__":
    main()
