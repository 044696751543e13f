"""Whom to call right now, for a plan and the user's role: the walk's call line.

Decided here, once, so that the app's pinned line, the CLI's walk and the printouts say
the same thing at the same moment. The line names the contacts of the next open action
that needs one, whether they answer now ("öppet till 16.00"), and otherwise what to do
now: in an acute case (or when the routine does not say) the fallback with its number
first, in a non-acute one when the contact opens again and the fallback for an emergency
("stängt (lunch), öppnar 13.00; akut: Socialjouren 778 48 60").

A unit never calls itself: when the next call is to the user's own unit, the line says
who will call them and what their own next step is. Which contacts are a role's own unit
is read from the routine (``own_contacts``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from samverkan_tui.core.base.dates import WEEKDAY_NAMES
from samverkan_tui.core.routine.model import Contact, Routine
from samverkan_tui.core.walk.hours import ContactStatus, contact_status
from samverkan_tui.core.walk.hours_text import NO_HOURS_TEXT
from samverkan_tui.core.walk.plan import Plan, PlannedStep, shows_role

# An own step's text is cut to this many characters, so the line stays within two lines
# of a 60-column window.
OWN_STEP_CHARACTERS = 70


@dataclass(frozen=True)
class CallAdvice:
    """The call line: its text, the action it is for, and whom it tells the user to call now."""

    text: str
    step_id: str
    call_now: tuple[Contact, ...]  # empty: nobody to call at this moment


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def own_contacts(routine: Routine, role_id: str | None) -> frozenset[str]:
    """The ids of the contacts that are the role's own unit: it never calls them.

    A contact is the role's own when the role's description names the contact's unit
    (Botkyrka: Socialtjänsten is "Utredningsenhetens mottagningsgrupp … och resursenheten")
    or the unit carries the role's name ("Relationsvåldsteamet (RVT)" for RVT). Shared
    roles ("gemensamt") own no contact.
    """
    role = routine.role(role_id) if role_id else None
    if role is None or role.id.startswith("gemensam"):
        return frozenset()
    described = f" {_words(role.name + ' ' + role.description)} "
    name = _words(role.name)
    own = set()
    for contact in routine.contacts:
        unit = _words(re.sub(r"\([^)]*\)", " ", contact.unit))
        unit_words = _words(contact.unit).split()
        if (unit and f" {unit} " in described) or (len(name) >= 3 and name in unit_words):
            own.add(contact.id)
    return frozenset(own)


def _first_phone(contact: Contact) -> str:
    return f" {contact.phones[0]}" if contact.phones else ""


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    """ "13.00" today, "i morgon 08.30", "måndag 08.30" this week, else "måndag 28/12 08.30"."""
    clock = f"{moment.hour:02d}.{moment.minute:02d}"
    days = (moment.date() - now.date()).days
    if days == 0:
        return clock
    if days == 1:
        return f"i morgon {clock}"
    weekday = WEEKDAY_NAMES[moment.weekday()]
    if days < 7:
        return f"{weekday} {clock}"
    return f"{weekday} {moment.day}/{moment.month} {clock}"


def _who(contacts: list[Contact]) -> str:
    """One contact by name; several by the unit they share, else by their names."""
    units = {c.unit for c in contacts}
    if len(contacts) > 1 and len(units) == 1 and contacts[0].unit:
        return contacts[0].unit
    return " / ".join(c.name for c in contacts)


def _primary(contacts: tuple[Contact, ...]) -> list[Contact]:
    """The contacts to call, without those that are only another one's fallback here."""
    fallbacks = {c.fallback for c in contacts if c.fallback}
    primary = [c for c in contacts if c.id not in fallbacks]
    return primary or list(contacts)


def _open_text(statuses: list[ContactStatus]) -> str:
    closing = {s.closes_at for s in statuses}
    parts = []
    for status in statuses:
        contact = status.contact
        until = ""
        if len(closing) > 1 and status.closes_at is not None:
            until = f" (till {_when(status.closes_at, status.now)})"
        parts.append(f"{contact.name}{_first_phone(contact)}{until}")
    text = "Ring nu: " + " eller ".join(parts)
    only = next(iter(closing))
    if len(closing) == 1 and only is not None:
        text += f" (öppet till {_when(only, statuses[0].now)})"
    return text


def _closed_text(statuses: list[ContactStatus], urgent: bool | None) -> tuple[str, tuple[Contact, ...]]:
    first = statuses[0]
    who = _who([s.contact for s in statuses])
    state = "troligen stängt" if first.uncertain else "stängt"
    closed = f"{who}: {state} ({first.reason})" if first.reason else f"{who}: {state}"
    opens = [s.next_open for s in statuses if s.next_open is not None]
    if opens:
        closed += f", öppnar {_when(min(opens), first.now)}"
    fallback = next((s.fallback for s in statuses if s.fallback is not None), None)
    fallback_open = next((s.fallback_open for s in statuses if s.fallback is not None), None)
    if fallback is None:
        return closed, ()
    if fallback_open is False:
        return f"{closed}; även {fallback.name} har stängt", ()
    # Unknown (the routine declares no urgent question): the safe side, the fallback first.
    if urgent is not False:
        return f"Ring nu: {fallback.name}{_first_phone(fallback)} – {closed}", (fallback,)
    return f"{closed}; akut: {fallback.name}{_first_phone(fallback)}", (fallback,)


def _advice_for(
    contacts: list[Contact], routine: Routine, now: dt.datetime, urgent: bool | None
) -> tuple[str, tuple[Contact, ...]]:
    statuses = [contact_status(c, routine, now) for c in contacts]
    open_now = [s for s in statuses if s.open_now]
    if open_now:
        return _open_text(open_now), tuple(s.contact for s in open_now)
    closed = [s for s in statuses if s.open_now is False]
    if closed:
        return _closed_text(closed, urgent)
    names = " eller ".join(f"{c.name}{_first_phone(c)}" for c in contacts)
    note = (contacts[0].hours_note or NO_HOURS_TEXT).rstrip(".").lower()
    return f"Ring: {names} ({note})", tuple(contacts)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def _own_unit_text(
    plan: Plan, planned: PlannedStep, own: list[Contact], handled: Collection[str], role_id: str
) -> str:
    """The next call is to the user's own unit: say who calls them and what they do themselves."""
    routine = plan.routine
    caller = routine.role(planned.step.role)
    who = caller.name if caller is not None else planned.step.role
    text = f"{who} ringer er ({_who(own)})."
    mine = next(
        (
            p
            for p in plan.actions
            if p.id not in handled and p.id != planned.id and shows_role(p.step, role_id)
        ),
        None,
    )
    if mine is None:
        return f"{text} Ni har inga egna öppna steg."
    return f"{text} Ert nästa steg: {_shorten(mine.step.text, OWN_STEP_CHARACTERS)}"


def call_advice(
    plan: Plan, handled: Collection[str], now: dt.datetime, role_id: str | None = None
) -> CallAdvice | None:
    """The call line for the first open action that names a contact; None when none does.

    ``handled``: the ids of the actions that have a status (done, not applicable, deviation).
    ``role_id``: the user's role, so that a unit is never told to call itself.
    """
    routine = plan.routine
    own_ids = own_contacts(routine, role_id)
    urgent = routine.is_urgent(plan.answers)
    for planned in plan.actions:
        if planned.id in handled or not planned.contacts:
            continue
        contacts = _primary(planned.contacts)
        callable_ = [c for c in contacts if c.id not in own_ids]
        if not callable_:
            own = [c for c in contacts if c.id in own_ids]
            return CallAdvice(_own_unit_text(plan, planned, own, handled, role_id or ""), planned.id, ())
        text, to_call = _advice_for(callable_, routine, now, urgent)
        return CallAdvice(text, planned.id, to_call)
    return None
