"""Border titles set only when they change.

Textual repaints a widget whenever its border title or subtitle is set, even to the text it
shows. The walk sets the titles of its question, answers, plan and contacts on every key
and on every minute (``WalkScreen.minute_tick``): a minute that changed nothing repainted
the plan and the contacts. The widget's own title is what is compared (Textual gives it
back as the markup it was set from), so nothing else needs to remember it.
"""

from __future__ import annotations

from textual.widget import Widget


def set_border_title(widget: Widget, title: str) -> None:
    if widget.border_title != title:
        widget.border_title = title


def set_border_subtitle(widget: Widget, subtitle: str) -> None:
    if widget.border_subtitle != subtitle:
        widget.border_subtitle = subtitle
