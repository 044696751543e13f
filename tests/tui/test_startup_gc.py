"""`samverkan` and `samverkan ID` start with the garbage collector off (cli/start.py); the
app turns it on again once its first screen is painted, and a start that fails leaves it on."""

from __future__ import annotations

import gc

import pytest

from samverkan_tui.tui.screens.walk import WalkScreen
from tests.conftest import run_cli


@pytest.fixture
def collector_back_on():
    yield
    gc.enable()


async def test_the_collector_is_on_again_once_the_first_screen_is_painted(
    make_app, collector_back_on
) -> None:
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {})
    gc.disable()  # as cli/start.py leaves it
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert gc.isenabled()


def test_a_start_that_fails_leaves_the_collector_on(isolated_user, capsys, collector_back_on) -> None:
    code, _, err = run_cli(capsys, "ingen-sadan-rutin")
    assert code == 2 and "okänt kommando eller rutin" in err
    assert gc.isenabled()
