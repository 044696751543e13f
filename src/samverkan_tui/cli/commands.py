"""Imports every command module so they register on the app. One line per module."""

import samverkan_tui.cli.contacts  # noqa: F401
from samverkan_tui.cli import routines  # noqa: F401
from samverkan_tui.cli.app import app

__all__ = ["app"]
