"""Cold start of a Textual app to its first interactive screen, in a fresh process.

    python bench/tui_probe.py minimal|samverkan [--rss]

Runs headless, exits as soon as the first screen has been painted and is ready for
input; bench/run.py times the whole process (imports included). With --rss it prints
the process's peak resident memory in KiB instead.
"""

from __future__ import annotations

import resource
import sys


def minimal_app():
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hej")
            yield Footer()

        def on_ready(self) -> None:
            self.exit()

    return Minimal()


def samverkan_app():
    from samverkan_tui.tui.app import create_app

    app = create_app(now="2026-11-23T10:00")
    app.on_first_screen_ready = app.exit  # the start screen calls this once it is ready
    return app


def main() -> None:
    kind = sys.argv[1]
    app = minimal_app() if kind == "minimal" else samverkan_app()
    app.run(headless=True, size=(100, 30))
    if "--rss" in sys.argv:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
