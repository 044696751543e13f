"""The contacts the plan needs, with whether anyone answers right now."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from samverkan_tui.core.base.phone_numbers import keep_numbers_together as whole
from samverkan_tui.core.walk.hours import contact_status
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.plan import Plan
from samverkan_tui.tui.widgets.steady_static import SteadyStatic
from samverkan_tui.tui.widgets.titles import set_border_title


class ContactsPanel(VerticalScroll, can_focus=True):
    """Focusable (Tab reaches it where it is shown) and scrollable with ↑/↓."""

    def compose(self) -> ComposeResult:
        yield SteadyStatic(id="contacts-text")

    def update(self, content: Text) -> None:
        self.query_one("#contacts-text", SteadyStatic).show_text(content)

    def show(self, plan: Plan, now: dt.datetime) -> None:
        set_border_title(self, "Kontakter")
        if not plan.contacts:
            self.update(Text("Stegen i planen behöver inga särskilda kontakter.", style="dim"))
            return
        text = Text()
        for contact in plan.contacts:
            status = contact_status(contact, plan.routine, now)
            text.append(contact.name + "\n", style="bold")
            # Every number one unbreakable unit (its spaces non-breaking), here and in the status.
            for phone in contact.phones:
                text.append(f"  ☎ {whole(phone)}\n")
            for fax in contact.fax:
                text.append(f"  fax {whole(fax)}\n", style="dim")
            style = {True: "green", False: "bold red", None: "yellow"}[status.open_now]
            text.append(f"  {whole(status_summary(status))}\n", style=style)
            if contact.instructions:
                text.append(f"  {whole(contact.instructions)}\n", style="italic dim")
            text.append("\n")
        self.update(text)
