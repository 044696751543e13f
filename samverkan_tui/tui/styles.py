"""Each screen's styles, in a .tcss file beside it, read as the screen's ``DEFAULT_CSS``.

`app.tcss` (the App's ``CSS_PATH``) holds only what the first screen and every screen need:
Textual parses all of the App's CSS before the first paint, and the walk's, the dialogs'
and the statistics' rules were a tenth of the start screen's cost over a bare Textual
app (bench: `make bench`, start to "Välj rutin"). A screen's ``DEFAULT_CSS`` is parsed
when the first such screen is mounted, and only that source (a screen's own ``CSS_PATH``
would make Textual parse every source again, the widgets' included).

The rules are scoped to the screen's type, so ``#plan`` here styles the walk's plan
only. Being default styles, they give way to `app.tcss`, and among Textual's own
widget defaults the more specific rule wins: an id beats a widget's type, as before.
"""

from __future__ import annotations

from pathlib import Path


def screen_css(module_file: str) -> str:
    """The .tcss file beside ``module_file`` (``__file__`` of the screen's module)."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
