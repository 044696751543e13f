"""Small modal dialogs: numbered choices (a role, a deviation category), yes/no, one line of text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from samverkan_tui.core.routine.model import Role
from samverkan_tui.core.walk.status import DEVIATION_CATEGORIES
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.widgets.hanging import Hanging

if TYPE_CHECKING:
    from textual.widgets import Input


class DigitDialog(ModalScreen[Any]):
    """A numbered list; a digit picks, Escape cancels.

    The result is what ``result_for`` makes of the picked index: the index itself here, a
    role and "remember" in RoleDialog, a deviation code in DeviationDialog. The callbacks
    in the walk screen state the type they receive.
    """

    BINDINGS = bindings("DigitDialog")

    def __init__(self, title: str, items: list[str], footer: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.items = items
        self.footer_text = footer or "Välj med siffra · Esc avbryter"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            # Wrapped lines of a long choice start under its text, not under its digit.
            rows = [(Text(f"{n} ", style="bold"), Text(item)) for n, item in enumerate(self.items, start=1)]
            yield Static(Hanging(rows), classes="dialog-body")
            yield Static(Text(self.footer_text, style="dim"), classes="dialog-footer")

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.items):
            self.dismiss(self.result_for(number - 1))

    def result_for(self, index: int) -> Any:
        return index

    def action_cancel(self) -> None:
        self.dismiss(None)


class RoleDialog(DigitDialog):
    """The user's own role, shown first in the plan. `m` toggles remembering it."""

    BINDINGS = bindings("RoleDialog")

    def __init__(self, roles: tuple[Role, ...]) -> None:
        self.roles = roles
        self.remember = False
        super().__init__("Vilken är din roll?", [self._label(r) for r in roles], self._footer())

    @staticmethod
    def _label(role: Role) -> str:
        return f"{role.name} – {role.description}" if role.description else role.name

    def _footer(self) -> str:
        box = "[x]" if self.remember else "[ ]"
        return f"Välj med siffra · m {box} kom ihåg valet · Esc hoppar över"

    def action_toggle_remember(self) -> None:
        self.remember = not self.remember
        self.query_one(".dialog-footer", Static).update(Text(self._footer(), style="dim"))

    def result_for(self, index: int) -> tuple[str, bool]:
        return (self.roles[index].id, self.remember)


class DeviationDialog(DigitDialog):
    """The deviation's category; when editing one, the last choice removes it."""

    def __init__(self, step_text: str, editing: bool = False) -> None:
        self.codes = list(DEVIATION_CATEGORIES)
        labels = list(DEVIATION_CATEGORIES.values())
        if editing:
            self.codes.append("")
            labels.append("Ta bort avvikelsen")
        short = step_text if len(step_text) < 70 else step_text[:67] + "…"
        super().__init__(f"{'Ändra avvikelse' if editing else 'Avvikelse'}: {short}", labels)

    def result_for(self, index: int) -> str:
        return self.codes[index]


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: j (or y, Enter) confirms, n or Esc declines."""

    BINDINGS = bindings("ConfirmDialog")

    def __init__(self, title: str, body: str = "", yes: str = "Ja", no: str = "Nej") -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.body:
                yield Static(self.body, classes="dialog-body")
            yield Static(
                Text(f"j/Enter: {self.yes} · n/Esc: {self.no}", style="dim"), classes="dialog-footer"
            )

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TextDialog(ModalScreen[str | None]):
    """One line of text: Enter saves (empty is fine), Esc skips."""

    BINDINGS = bindings("TextDialog")

    def __init__(
        self,
        title: str,
        hint: str,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.hint, self.value, self.placeholder = title, hint, value, placeholder
        # check(text) -> error message or None; the dialog stays open on an error.
        self.check = check

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="dialog-input")
            yield Static("", id="dialog-error")
            yield Static(Text(self.hint, style="dim"), classes="dialog-footer")

    def on_mount(self) -> None:
        self.query_one("#dialog-input").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        error = self.check(event.value) if self.check is not None else None
        if error:
            self.query_one("#dialog-error", Static).update(Text(error, style="bold red"))
            return
        self.dismiss(event.value)

    def action_skip(self) -> None:
        self.dismiss(None)


class ReadingDialog(ModalScreen[None]):
    """A longer text to read in full, however small the window: it scrolls (↑/↓, PgUp/PgDn)."""

    BINDINGS = bindings("ReadingDialog")

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll

        with VerticalScroll(classes="dialog wide", id="reading"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(self.body, id="reading-body")
            yield Static(Text("↑/↓ bläddrar · Esc stänger", style="dim"), classes="dialog-footer")

    def on_mount(self) -> None:
        self.query_one("#reading").focus()

    def action_close(self) -> None:
        self.dismiss(None)
