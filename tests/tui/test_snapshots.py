"""Snapshots of every screen and dialog at 80×24 (and the main ones at 120×40).

Review the report (snapshot_report.html) before running `pytest --snapshot-update`.
Textual is pinned in pyproject.toml so that these change only on purpose.
"""

from __future__ import annotations

import pytest

from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.tui.app import create_app
from tests.tui.conftest import DESK, NOW

SIZES = [(80, 24), (120, 40)]
DESK_KEYS = [*"skriv", "enter", "j", "2", "j", "escape"]  # akut, anmälan, ansvarig på plats


def build(role: str | None = "bou", desk: bool = False, now: str = NOW):
    config = load_config()
    config.role = role
    catalog = load_catalog([DESK] if desk else None, config=config)
    return create_app(now=now, catalog=catalog, config=config, use_step_log=False)


async def steady(pilot) -> None:
    """No blinking cursor, no pending work: the same pixels every run.

    The blink is stopped after the field's focus has arrived: focus shows the cursor again
    (Input restarts its blink cycle), so stopping it first left the cursor on or off by
    which came first (seen when the start screen came up faster).
    """
    await pilot.pause()
    inputs = list(pilot.app.screen.query("Input"))
    if inputs:
        await settled(pilot, lambda: pilot.app.focused is not None, "focus")
    for widget in inputs:
        widget.cursor_blink = False
    await pilot.pause()


async def settled(pilot, done, what: str) -> None:
    """Let the app work until ``done()`` holds: a condition on the screen, never a time."""
    for _ in range(1000):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never reached: {what}")


def typed_walk(filter_text: str, *answers: str, dialog: str):
    """run_before for a walk: each key only once the screen it belongs to is up.

    Under load, keys pressed before the walk screen mounted went to the start screen's
    filter, and an answer typed before the last one was handled went to the same question.
    The dialog that opens last is waited for too, and its cursor held still (``steady``).
    """

    async def run(pilot) -> None:
        app = pilot.app
        await steady(pilot)
        await pilot.press(*filter_text, "enter")
        await settled(pilot, lambda: type(app.screen).__name__ == "WalkScreen", "the walk screen")
        walk = app.screen
        for number, answer in enumerate(answers, start=1):
            await settled(pilot, lambda: walk.is_mounted and app.screen is walk, "the walk's question")
            await pilot.press(answer)
            await settled(pilot, lambda n=number: len(walk.session.answers) >= n, f"answer {number}")
        await settled(pilot, lambda: type(app.screen).__name__ == dialog, dialog)
        await settled(pilot, lambda: app.screen.query("Input").first().has_focus, "the dialog's field")
        await steady(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(snap_compare, size) -> None:
    assert snap_compare(build(), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare, size) -> None:
    assert snap_compare(build(), terminal_size=size, press=[*"rvt", "enter", "1"], run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan(snap_compare, size) -> None:
    assert snap_compare(
        build("a", desk=True, now="2026-11-23T12:10"), terminal_size=size, press=DESK_KEYS, run_before=steady
    )


def test_five_way_question(snap_compare) -> None:
    keys = [*"skriv", "enter", "j"]
    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), press=keys, run_before=steady)


def test_moment_dialog(snap_compare) -> None:
    # akut, anmälan, ansvarig på plats: the plan needs when the report came in.
    run = typed_walk("skriv", "j", "2", "j", dialog="TextDialog")
    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), run_before=run)


def test_deviation_dialog(snap_compare) -> None:
    assert snap_compare(
        build("a", desk=True), terminal_size=(80, 24), press=[*DESK_KEYS, "a"], run_before=steady
    )


def test_reason_dialog(snap_compare) -> None:
    async def reason_field_still(pilot) -> None:
        # The field opens after the keys: its cursor is stilled once it has focus, or the
        # blink's phase at the moment of the picture decides the snapshot (seen under load).
        app = pilot.app
        await pilot.press(*DESK_KEYS, "a", "2")
        await settled(
            pilot,
            lambda: bool(app.screen.query("Input")) and app.screen.query("Input").first().has_focus,
            "the field",
        )
        await steady(pilot)

    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), run_before=reason_field_still)


def test_finish_confirmation(snap_compare) -> None:
    assert snap_compare(
        build("a", desk=True), terminal_size=(80, 24), press=[*DESK_KEYS, "ctrl+f"], run_before=steady
    )


def test_export_dialog(snap_compare) -> None:
    assert snap_compare(
        build("a", desk=True), terminal_size=(80, 24), press=[*DESK_KEYS, "x"], run_before=steady
    )


def test_summary(snap_compare) -> None:
    assert snap_compare(
        build("a", desk=True), terminal_size=(80, 24), press=[*DESK_KEYS, "space", "s"], run_before=steady
    )


def test_help(snap_compare) -> None:
    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), press=["f1"], run_before=steady)


def test_role_dialog(snap_compare) -> None:
    assert snap_compare(
        build(None, desk=True), terminal_size=(80, 24), press=[*"skriv", "enter"], run_before=steady
    )


def test_too_small(snap_compare) -> None:
    assert snap_compare(build(), terminal_size=(58, 18), run_before=steady)


def test_training_case_and_result(snap_compare) -> None:
    keys = [*"skriv", "ctrl+o", "enter"]
    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), press=keys, run_before=steady)


def test_training_result(snap_compare) -> None:
    keys = [*"skriv", "ctrl+o", "enter", "n", "2"]
    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), press=keys, run_before=steady)


def test_guided_tour(snap_compare) -> None:
    keys = [*"skriv", "ctrl+o", "r"]
    assert snap_compare(build("a", desk=True), terminal_size=(80, 24), press=keys, run_before=steady)
