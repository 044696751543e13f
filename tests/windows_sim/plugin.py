"""``pytest -p tests.windows_sim.plugin --windows-sim``: run tests inside the simulation.

`make test` runs the tests that write files or print with it (the "simulation lane").
It is labelled a simulation in the report header: it is not Windows.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.windows_sim.simulation import LABEL, windows_os


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--windows-sim", action="store_true", help=LABEL)


def pytest_report_header(config: pytest.Config) -> str | None:
    return f"*** {LABEL} ***" if config.getoption("--windows-sim") else None


@pytest.fixture(autouse=True)
def _windows_simulation(request: pytest.FixtureRequest) -> Iterator[None]:
    if not request.config.getoption("--windows-sim"):
        yield
        return
    with windows_os():
        yield
