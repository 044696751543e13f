"""The yearly review in the app, through Pilot: from the start screen to the protocol."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console
from textual.widgets import Input, OptionList, Static

from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.manage import review_walk as rw
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.tui.screens.review import ReviewScreen
from samverkan_tui.tui.screens.start import StartScreen
from tests.conftest import CHECKLISTS

ROUTINE = "vasterbotten-sexuell-beteendeproblematik"


def shown(app) -> str:
    console = Console(width=400, file=io.StringIO(), color_system=None, record=True)
    console.print(app.screen.query_one("#review-text", Static).content)
    return console.export_text()


async def open_review(app, pilot) -> None:
    await pilot.pause()
    assert isinstance(app.screen, StartScreen)
    options = app.screen.query_one("#routines", OptionList)
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == ROUTINE
    )
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)


async def test_review_from_the_start_screen_pauses_and_resumes(make_app) -> None:
    app = make_app(use_step_log=False)
    async with app.run_test(size=(100, 36)) as pilot:
        await open_review(app, pilot)
        text = shown(app)
        # 55 items since issue 24: the source's introduction is reference text.
        assert "VSB A.1 · punkt 1 av 55" in text and "Källan (rad" in text and "Gäller alltid" in text
        await pilot.press("g")
        await pilot.press("ä")
        assert app.screen.query_one("#review-input", Input).has_focus
        await pilot.press(*"Ny text", "enter")
        await pilot.pause()
        assert "· punkt 3 av 55" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    routine = load_routine(CHECKLISTS / f"{ROUTINE}.toml").routine
    saved = rw.load_saved_review(routine, load_config())
    assert saved is not None and saved.items[routine.steps[1].id].change == "Ny text"

    app = make_app(use_step_log=False)
    async with app.run_test(size=(100, 36)) as pilot:
        await open_review(app, pilot)
        assert "· punkt 3 av 55" in shown(app)  # resumed where it stopped


async def test_a_review_confirmed_unchanged_copies_and_revises_the_shipped_file(make_app, tmp_path) -> None:
    app = make_app(use_step_log=False)
    async with app.run_test(size=(100, 36)) as pilot:
        await open_review(app, pilot)
        routine = app.screen.routine
        for _ in routine.steps:
            await pilot.press("g")
        await pilot.pause()
        assert "Kontakt:" in shown(app) or routine.contacts == ()
        for _ in routine.contacts:
            await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#review-input", Input).has_focus  # "Något saknas?"
        await pilot.press("enter")
        await pilot.pause()
        assert "Rutinen gäller oförändrad" in shown(app)
        await pilot.press("p")
        await pilot.pause()
        text = shown(app)
        assert "kopierade den till" in text and "Protokollet:" in text
    config = load_config()
    copy = config.routine_dirs[0] / f"{ROUTINE}.toml"
    revised = load_routine(copy).routine
    assert revised.revised == dt.date(2026, 11, 23)
    exported = sorted((tmp_path / "export").glob(f"{ROUTINE}-granskning-*"))
    assert [p.suffix for p in exported] == [".md", ".pdf"]
    assert "Granskningsprotokoll" in exported[0].read_text(encoding="utf-8")
