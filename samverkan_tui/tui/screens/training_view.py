"""How the training screens draw a training document (a graded exercise, a tour stop).

The content is ``export.document``'s: the same ``Document`` sections, items, marks and
texts that `samverkan öva` prints as text or Markdown. This module adds only the app's
layout (marks in a column of their own, wrapped lines hanging under the text) and
colours, chosen by the caller per item and per section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.console import RenderableType
from rich.text import Text

from samverkan_tui.export.document import Item, Section
from samverkan_tui.tui.widgets.hanging import Hanging

# An item's styles: its label's (the mark or number) and its text's.
ItemStyle = Callable[[Item], tuple[str, str]]


def hanging(rows: Iterable[tuple[Text, Text]], indent: int = 1) -> Hanging:
    """Marked lines whose wrapped continuation lines stay under the text, not the mark."""
    return Hanging((Text(" " * indent) + mark, body) for mark, body in rows)


def item_body(item: Item, style: str = "") -> Text:
    """An item's text (after its kind or grade, "Fel: …") and its notes, one a line."""
    body = Text(style=style)
    if item.kind_label and item.kind_label != "Information":
        body.append(f"{item.kind_label}: ")
    body.append(item.text)
    for note in item.notes:
        body.append(f"\n{note}")
    return body


def _line(text: str, indent: int, style: str) -> Hanging:
    """A paragraph at ``indent`` whose wrapped lines keep to that column."""
    return hanging([(Text(""), Text(text, style=style))], max(0, indent - 1))


def section_parts(
    sections: Sequence[Section],
    item_style: ItemStyle | None = None,
    heading_style: Callable[[Section], str] | None = None,
) -> list[RenderableType]:
    """The sections as the app shows them: a heading, its condition and text, each block's
    condition, and the items with their labels in a column (``Item.label``: the mark, the
    reference's number, or a bullet). ``heading_style`` also colours a section's text."""
    parts: list[RenderableType] = []
    for section in sections:
        indent = 1 + 2 * max(0, section.level - 1)
        style = heading_style(section) if heading_style else ""
        if section.title:
            default = "bold underline" if section.level <= 1 else "bold"
            parts.append(Text(f"\n{section.title}", style=style or default))
        if section.condition:
            parts.append(_line(section.condition, indent, "italic"))
        if section.text:
            parts.append(_line(section.text, indent, style.replace("bold", "").strip() or "dim"))
        for block in section.blocks:
            if block.condition:
                parts.append(_line(block.condition, indent, "italic"))
            rows = []
            for item in block.items:
                mark, body = item_style(item) if item_style else ("", "")
                rows.append((Text(item.label, style=mark), item_body(item, body)))
            parts.append(hanging(rows, indent + 2 if block.condition else indent))
    return parts
