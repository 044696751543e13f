"""The yearly review in the app: the routine item by item, then its contacts, then "något saknas?".

The same review as `samverkan granska` (core.review_walk): each answer is saved at once,
so leaving with Esc and coming back later resumes where the reviewer stopped. At the
end the protocol is written (Markdown and PDF) to the export folder, and a routine
confirmed unchanged gets today's ``revised`` date; a shipped routine is copied to the
municipality's own routine folder first, and the screen says so.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from samverkan_tui.core.manage import review_walk as rw
from samverkan_tui.core.routine.model import Contact, Routine
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar

ITEMS, CONTACTS, MISSING, DONE = "punkter", "kontakter", "saknas", "klar"


class ReviewScreen(Screen[None]):
    """One item (or contact) at a time; g/ä/t answer, Esc saves and goes back."""

    CSS = """
    ReviewScreen #review { height: 1fr; padding: 0 1; }
    ReviewScreen #review-input { display: none; }
    ReviewScreen #review-input.open { display: block; }
    """
    BINDINGS = bindings("ReviewScreen")

    def __init__(self, routine: Routine, path: Path | None = None) -> None:
        super().__init__()
        self.routine = routine
        self.path = path
        self.items: list[rw.ReviewItem] = []  # on mount, from the file the catalog found
        self.review: rw.Review | None = None
        self.pending_change: str | None = None  # the step or contact id an input is open for
        self.written: list[str] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="review"):
            yield Static(id="review-text")
        yield Input(id="review-input")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Granskning – {self.routine.short_title or self.routine.title}"
        app = samverkan_app(self)
        config = app.config
        entry = app.catalog.entries.get(self.routine.id)
        found = self.path or (entry.path if entry else None)
        # Resolved here, in this run: the path a cached routine carries may be relative.
        source = rw.routine_source(self.routine, routine_file=Path(found).resolve() if found else None)
        self.items = rw.review_items(self.routine, source)
        try:
            self.review = rw.load_saved_review(self.routine, config)
        except rw.ReviewError as error:
            self.notify(str(error), severity="warning")
        if self.review is None:
            self.review = rw.start_review(self.routine, app.now())
        for notice in self.review.notices:
            self.notify(notice, severity="warning", timeout=8)
        self.show()

    # -- where the review stands --------------------------------------------------------
    @property
    def stage(self) -> str:
        review = self.review
        assert review is not None
        if review.pending_items(self.routine):
            return ITEMS
        if review.pending_contacts(self.routine):
            return CONTACTS
        if review.missing is None:
            return MISSING
        return DONE

    def current_item(self) -> rw.ReviewItem | None:
        assert self.review is not None
        return next((i for i in self.items if i.step.id not in self.review.items), None)

    def current_contact(self) -> Contact | None:
        assert self.review is not None
        pending = self.review.pending_contacts(self.routine)
        return self.routine.contact(pending[0]) if pending else None

    def show(self) -> None:
        from samverkan_tui.core.walk.hours_text import weekly_hours_lines

        assert self.review is not None
        text = Text()
        done = len(self.review.items)
        text.append(f"Granskning av {self.routine.title}, version {self.routine.version}\n", style="bold")
        text.append(f"{done} av {len(self.items)} punkter granskade\n\n", style="dim")
        stage = self.stage
        if stage == ITEMS:
            item = self.current_item()
            assert item is not None
            text.append(f"{item.reference} · punkt {item.number} av {len(self.items)}\n", style="bold")
            text.append(f"Avsnitt: {item.section or '–'}\n", style="dim")
            text.append(f"\n{item.step.text}\n\n")
            text.append(f"{item.condition}\n", style="italic")
            if item.deadline:
                text.append(f"{item.deadline}\n")
            for contact_name in item.contacts:
                text.append(f"Kontakt: {contact_name}\n")
            where = f" (rad {item.source_line})" if item.source_line else ""
            text.append(f"\nKällan{where}: ", style="bold")
            text.append(f"{item.source}\n", style="dim")
            text.append("\ng gäller · ä ändras · t tas bort · Esc sparar och går tillbaka", style="dim")
        elif stage == CONTACTS:
            contact = self.current_contact()
            assert contact is not None  # the contacts stage lasts while one is pending
            text.append(f"Kontakt: {contact.name}\n", style="bold")
            text.append(f"Telefon: {' / '.join(contact.phones) or 'inget nummer angivet'}\n")
            if contact.fax:
                text.append(f"Fax: {' / '.join(contact.fax)}\n")
            text.append("Telefontider: " + "; ".join(weekly_hours_lines(contact)) + "\n")
            text.append("\ns stämmer · ä ändras (skriv nytt nummer och/eller nya tider)", style="dim")
        elif stage == MISSING:
            text.append("Något saknas i rutinen?\n", style="bold")
            text.append("Skriv vad som saknas och tryck Enter; lämna tomt om inget saknas.", style="dim")
            self.open_input(MISSING, "Något saknas? (Enter: inget saknas)")
        else:
            from samverkan_tui.export.review_protocol import result_line

            text.append(result_line(self.review, self.routine) + "\n", style="bold")
            text.append("\np skriver protokollet (Markdown och PDF)", style="dim")
            if self.review.unchanged(self.routine):
                text.append(" och sätter dagens revideringsdatum i rutinfilen", style="dim")
            for line in self.written:
                text.append(f"\n{line}")
        self.query_one("#review-text", Static).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.review is None:
            return True
        stage = self.stage
        if self.pending_change is not None and action in ("answer", "protocol"):
            return False
        if action == "answer":
            verdict = parameters[0]
            if stage == ITEMS:
                return verdict in rw.ITEM_VERDICTS
            if stage == CONTACTS:
                return verdict in ("stämmer", "ändras")
            return False
        if action == "protocol":
            return stage == DONE
        return True

    # -- answers --------------------------------------------------------------------------
    def _save(self) -> None:
        assert self.review is not None
        try:
            rw.save_review(self.review, samverkan_app(self).config)
        except OSError as error:
            self.notify(f"Granskningen kunde inte sparas: {error.strerror or error}", severity="error")

    def action_answer(self, verdict: str) -> None:
        assert self.review is not None
        if self.stage == ITEMS:
            item = self.current_item()
            assert item is not None
            if verdict == rw.ITEM_CHANGE:
                self.open_input(item.step.id, "Vad ska ändras? (Enter sparar, Esc avbryter)")
                return
            self.review.mark_item(self.routine, item.step.id, verdict)
        elif self.stage == CONTACTS:
            contact = self.current_contact()
            assert contact is not None  # the contacts stage lasts while one is pending
            if verdict == "ändras":
                self.open_input(f"kontakt:{contact.id}", "Nytt nummer; nya telefontider (Enter sparar)")
                return
            self.review.mark_contact(self.routine, contact.id, rw.CONTACT_OK)
        self._save()
        self.show()

    def open_input(self, target: str, placeholder: str) -> None:
        field = self.query_one("#review-input", Input)
        self.pending_change = target
        field.placeholder = placeholder
        field.value = ""
        field.add_class("open")
        field.focus()
        self.refresh_bindings()

    def close_input(self) -> None:
        field = self.query_one("#review-input", Input)
        field.remove_class("open")
        self.pending_change = None
        self.query_one("#review", VerticalScroll).focus()

    @on(Input.Submitted, "#review-input")
    def submitted(self, event: Input.Submitted) -> None:
        assert self.review is not None
        target, value = self.pending_change, event.value.strip()
        try:
            if target == MISSING:
                self.review.set_missing(value, self.routine)
            elif target and target.startswith("kontakt:"):
                phones, _, hours = value.partition(";")
                contact_id = target.removeprefix("kontakt:")
                if phones.strip() or hours.strip():
                    self.review.mark_contact(
                        self.routine, contact_id, rw.CONTACT_CHANGE, phones.strip(), hours.strip()
                    )
                else:
                    self.review.mark_contact(self.routine, contact_id, rw.CONTACT_OK)
            elif target:
                self.review.mark_item(self.routine, target, rw.ITEM_CHANGE, value)
        except rw.ReviewError as error:
            self.notify(str(error), severity="warning")
            return
        self.close_input()
        self._save()
        self.show()

    # -- the end ----------------------------------------------------------------------------
    def action_protocol(self) -> None:
        from samverkan_tui.core.manage.revise import (
            ReviseError,
            ensure_user_routine_dir,
            is_builtin,
            mark_revised,
            revised_routine,
        )
        from samverkan_tui.export import render
        from samverkan_tui.export.review_protocol import document_for_review
        from samverkan_tui.tui.exporting import export_folder

        assert self.review is not None
        app = samverkan_app(self)
        now = app.now()
        self.review.finished_at = now
        note = "inte ändrad: granskningen kräver en revidering"
        reviewed = self.routine
        self.written = []
        if self.review.unchanged(self.routine):
            path = self.path
            if path is None:
                entry = app.catalog.entries.get(self.routine.id)
                path = entry.path if entry else None
            try:
                user_dir = None
                if path is not None and is_builtin(path):
                    user_dir, created = ensure_user_routine_dir([], app.config)
                    if created:
                        self.written.append(created)
                # No path: mark_revised raises TypeError, reported below like a ReviseError.
                revision = mark_revised(path, now.date(), None, user_dir)  # type: ignore[arg-type]
            except (ReviseError, TypeError) as error:
                self.notify(f"Rutinfilen kunde inte ändras: {error}", severity="error")
            else:
                reviewed = revised_routine(revision, self.routine)
                note = f"revised = {now.date().isoformat()} i {revision.path}"
                if revision.copied_from is not None:
                    self.written.append(
                        f"Rutinen är inbyggd: kopierade den till {revision.path} (kommunens egen "
                        "rutinkatalog) och satte revideringsdatumet i kopian. Kopian gäller från nu."
                    )
                else:
                    self.written.append(f"Satte revised = {now.date().isoformat()} i {revision.path}.")
        document = document_for_review(reviewed, self.review, now, note)
        from samverkan_tui.core.base.files import ensure_private_dir, swedish_reason, write_private

        try:
            folder = ensure_private_dir(export_folder(), mark=False)
            for format, suffix in (("md", ".md"), ("pdf", ".pdf")):
                target = folder / f"{self.routine.id}-granskning-{now:%Y-%m-%d-%H%M%S}{suffix}"
                write_private(target, render(document, format))
                self.written.append(f"Protokollet: {target}")
        except OSError as error:
            self.notify(f"Protokollet kunde inte skrivas: {swedish_reason(error)}", severity="error")
        rw.discard_review(self.routine.id, app.config)
        self.notify("Granskningen är klar.", timeout=6)
        self.show()

    def action_leave(self) -> None:
        if self.pending_change is not None:
            self.close_input()
            self.show()
            return
        if self.review is not None and self.review.finished_at is None:
            self._save()
            self.notify("Granskningen är sparad; fortsätt när du vill.")
        self.app.pop_screen()
