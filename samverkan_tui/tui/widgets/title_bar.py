"""The line at the top of every screen: "Samverkan — " and what the screen is about.

Textual's ``Header`` is four widgets (icon, title, clock space and the header itself), each
styled twice before the first paint, and it watches four titles. Here the app's title
never changes and a screen only sets its ``sub_title``, so one line that watches that is
all it takes: about a fifth of the start screen's cost over a bare Textual app went to
the header (bench: `make bench`, start to "Välj rutin"). The icon's mouse shortcut to the
command palette is in the footer (Ctrl+P) and the palette itself.
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """The app's title and the screen's sub-title, centred, cut with "…" when too long."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        # Called at once with the current sub-title, and again whenever the screen sets one.
        self.watch(self.screen, "sub_title", self._show_title)

    def _show_title(self) -> None:
        app, screen = self.app, self.screen
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        self.update(app.format_title(title, sub_title))
