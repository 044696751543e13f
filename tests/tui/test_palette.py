"""The command palette (Ctrl+P) lists the app's commands and those the screen shown registers.

The screens with commands of their own are registered in tui/palette.py
(``screen_commands``); these tests show each one's commands arrive and run.
"""

from __future__ import annotations

from textual.command import Command, CommandList, CommandPalette

from samverkan_tui.tui.screens.exercise_list import ExerciseListScreen
from samverkan_tui.tui.screens.statistics import StatisticsScreen
from samverkan_tui.tui.screens.walk import WalkScreen

APP_COMMANDS = {"Hjälp och ordlista", "Avsluta appen"}
WALK_COMMANDS = {
    "Ändra roll",
    "Mina steg / alla steg",
    "Sammanfattning för journalen",
    "Exportera genomgången",
    "Anmärkningar om rutinen",
    "Läs informationen i planen",
    "Avsluta genomgången",
}  # "Ta tillbaka senaste svaret" only once there is an answer, "Öppna igen" once finished
START_COMMANDS = {"Övningsläge", "Uppföljning (statistik)", "Granska rutinen"}


async def palette_commands(pilot) -> list[str]:
    """Open the palette and return the commands it offers before anything is typed."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.app.workers.wait_for_complete()  # the palette gathers the commands in a worker
    await pilot.pause()
    options = pilot.app.screen.query_one(CommandList)
    titles = []
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        assert isinstance(option, Command)
        titles.append(str(option.hit.text))
    return titles


async def close_palette(pilot) -> None:
    await pilot.press("escape")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, CommandPalette)


async def test_start_screen_palette_lists_its_commands_and_runs_them(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = await palette_commands(pilot)
        routines = [r.short_title or r.title for r in app.catalog.routines()]
        assert len(routines) == 4
        # Textual lists the commands found before typing in alphabetical order.
        assert titles == sorted(titles)
        assert set(titles) == APP_COMMANDS | START_COMMANDS | {f"Öppna {name}" for name in routines}
        await pilot.press(*"övningsläge")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)


async def test_walk_palette_lists_the_walks_commands_not_the_start_screens(make_app) -> None:
    app = make_app(role="rvt")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"rvt-bou", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        walk = app.screen
        titles = await palette_commands(pilot)
        assert set(titles) == APP_COMMANDS | WALK_COMMANDS
        await pilot.press(*"ändra roll")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen_stack[-2] is walk
        assert type(app.screen).__name__ == "RoleDialog"


async def test_exercise_list_palette_offers_every_exercise_and_tour(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseListScreen)
        titles = set(await palette_commands(pilot))
        exercises = {f"Öva: {exercise.title}" for _, exercise in screen.run.items}
        tours = {f"Rundtur: {routine.short_title or routine.title}" for routine, _ in screen.run.items}
        assert exercises and tours
        assert titles == APP_COMMANDS | exercises | tours


async def test_a_screen_without_commands_gets_the_apps_own(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, StatisticsScreen)
        assert set(await palette_commands(pilot)) == APP_COMMANDS
        await close_palette(pilot)
