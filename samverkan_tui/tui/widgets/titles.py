"""Border titles set only when they change.

Textual repaints a widget whenever its border title or subtitle is set, even to the text it
shows. The walk sets the titles of its question, answers, plan and contacts on every key
and on every minute (``WalkScreen.minute_tick``): a minute that changed nothing repainted
the plan and the contacts.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.widget import Widget

_titles: WeakKeyDictionary[Widget, str] = WeakKeyDictionary()
_subtitles: WeakKeyDictionary[Widget, str] = WeakKeyDictionary()


def set_border_title(widget: Widget, title: str) -> None:
    if _titles.get(widget) != title:
        _titles[widget] = title
        widget.border_title = title


def set_border_subtitle(widget: Widget, subtitle: str) -> None:
    if _subtitles.get(widget) != subtitle:
        _subtitles[widget] = subtitle
        widget.border_subtitle = subtitle
