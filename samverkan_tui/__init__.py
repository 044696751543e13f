"""Samverkan TUI: guided walks through social services' samverkansrutiner."""

__version__ = "0.1.0"
