"""A walk in progress: answers and step statuses, as a stream of events.

The session is a fold over events. The TUI applies events as the user works,
the step log appends each event to disk the moment it happens, and resuming a
walk replays the stored events. Nothing here knows who the client is: events
carry ids from the routine, fixed status and category codes, and timestamps.

Changing an earlier answer: the plan is recomputed by the engine; ticks on
steps that are still in the plan stay, ticks on steps that left the plan are
kept in the session (and in the log) but not shown, and come back if the step
does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.plan import Plan, action_key, build_plan, check_answers
from samverkan_tui.core.walk.status import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    DONE,
    MODE_CASE,
    MODES,
    STATUSES,
)

ANSWER = "svar"
CLEAR_ANSWER = "ta_bort_svar"
STEP = "steg"
CLEAR_STEP = "ta_bort_steg"
CONTACT = "kontakt"
FINISH = "avslut"
# A moment a deadline counts from ("anmälan kom in"): ``question`` holds the moment's
# id, ``value`` the time as ISO text. A time, never who.
MOMENT = "tidpunkt"
# The role the user works in during this walk (``value``: a role id of the routine), so
# that a resumed walk opens as it was left.
ROLE = "roll"
EVENT_KINDS = (ANSWER, CLEAR_ANSWER, STEP, CLEAR_STEP, CONTACT, FINISH, MOMENT, ROLE)
# A finished walk is reopened by a FINISH event with this value: the step log's event kinds
# are a CHECK constraint of stored databases, so reopening is not a kind of its own.
REOPENED = "återöppnad"
# What a finished walk no longer takes until it is reopened: the record is closed.
CHANGES = (ANSWER, CLEAR_ANSWER, STEP, CLEAR_STEP, MOMENT)


class SessionError(ValueError):
    """An event that does not fit the routine (unknown id, status or category)."""


@dataclass(frozen=True)
class Event:
    kind: str
    at: dt.datetime
    question: str | None = None
    value: str | None = None
    step: str | None = None
    status: str | None = None
    category: str | None = None
    contact: str | None = None
    # A short deviation comment. Only text that has passed the step log's scrubber
    # (steplog.scrub.scrub) belongs here; the step log scrubs it again before storing.
    comment: str | None = None


@dataclass(frozen=True)
class StepState:
    status: str
    at: dt.datetime
    category: str | None = None
    comment: str | None = None
    contact: str | None = None  # a deviation's contact (e.g. the one that could not be reached)


Listener = Callable[["WalkSession", Event], None]


@dataclass
class WalkSession:
    routine: Routine
    started_at: dt.datetime
    mode: str = MODE_CASE
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    answers: dict[str, str] = field(default_factory=dict)
    steps: dict[str, StepState] = field(default_factory=dict)
    contacts_used: dict[str, dt.datetime] = field(default_factory=dict)
    moments: dict[str, dt.datetime] = field(default_factory=dict)
    role: str | None = None
    updated_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    events: list[Event] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise SessionError(f"okänt läge {self.mode!r}")

    # -- applying events ----------------------------------------------------
    def apply(self, event: Event, notify: bool = True, replaying: bool = False) -> None:
        """Check and apply one event; listeners (e.g. the step log) see it after it applied.

        ``replaying``: an event read back from the log is history, also one that an earlier
        version let a finished walk take; only new events meet the closed record.
        """
        if not replaying and self.finished_at is not None and event.kind in CHANGES:
            raise SessionError("genomgången är avslutad: öppna den igen för att ändra den")
        self._check(event)
        # _check has made sure that the fields each kind needs are there (the `or ""` only
        # tells the type checker so).
        if event.kind == ANSWER:
            self.answers[event.question or ""] = event.value or ""
        elif event.kind == CLEAR_ANSWER:
            self.answers.pop(event.question or "", None)
        elif event.kind == STEP:
            self.steps[event.step or ""] = StepState(
                event.status or "", event.at, event.category, event.comment, event.contact
            )
        elif event.kind == CLEAR_STEP:
            self.steps.pop(event.step or "", None)
        elif event.kind == CONTACT:
            self.contacts_used.setdefault(event.contact or "", event.at)
        elif event.kind == FINISH:
            self.finished_at = None if event.value == REOPENED else event.at
        elif event.kind == MOMENT:
            self.moments[event.question or ""] = dt.datetime.fromisoformat(event.value or "")
        elif event.kind == ROLE:
            self.role = event.value
        self.updated_at = event.at
        self.events.append(event)
        if notify:
            for listener in list(self.listeners):
                listener(self, event)

    def _check(self, event: Event) -> None:
        routine = self.routine
        if event.kind not in EVENT_KINDS:
            raise SessionError(f"okänd händelse {event.kind!r}")
        if event.kind == ANSWER:
            check_answers(routine, {event.question or "": event.value or ""})
        elif event.kind == CLEAR_ANSWER and routine.question(event.question or "") is None:
            raise SessionError(f"okänd fråga {event.question!r}")
        elif event.kind in (STEP, CLEAR_STEP):
            if routine.step(event.step or "") is None:
                raise SessionError(f"okänt steg {event.step!r}")
            if event.kind == STEP:
                if event.status not in STATUSES:
                    raise SessionError(f"okänd status {event.status!r}")
                if event.status == DEVIATION and event.category not in DEVIATION_CATEGORIES:
                    raise SessionError(f"okänd avvikelsekategori {event.category!r}")
                if event.status != DEVIATION and event.category is not None:
                    raise SessionError("bara avvikelser har kategori")
                if event.status == DONE and event.comment is not None:
                    raise SessionError("bara avvikelser och ej aktuella steg har en orsak")
                if event.contact is not None and (
                    event.status != DEVIATION or routine.contact(event.contact) is None
                ):
                    raise SessionError(f"okänd kontakt {event.contact!r} för avvikelsen")
        elif event.kind == CONTACT and routine.contact(event.contact or "") is None:
            raise SessionError(f"okänd kontakt {event.contact!r}")
        elif event.kind == ROLE and routine.role(event.value or "") is None:
            raise SessionError(f"okänd roll {event.value!r}")
        elif event.kind == MOMENT:
            if routine.moment(event.question or "") is None:
                raise SessionError(f"okänd tidpunkt {event.question!r}")
            dt.datetime.fromisoformat(event.value or "")  # ValueError for a bad time

    @classmethod
    def replay(
        cls,
        routine: Routine,
        session_id: str,
        mode: str,
        started_at: dt.datetime,
        events: Iterable[Event],
    ) -> WalkSession:
        """Rebuild a stored walk. Events that no longer fit the routine are skipped."""
        session = cls(routine, started_at, mode, session_id)
        for event in events:
            try:
                session.apply(event, notify=False, replaying=True)
            except (SessionError, ValueError):
                continue
        return session

    # -- the user's actions -------------------------------------------------
    def answer(self, question_id: str, value: str, at: dt.datetime) -> None:
        self.apply(Event(ANSWER, at, question=question_id, value=value))

    def clear_answer(self, question_id: str, at: dt.datetime) -> None:
        self.apply(Event(CLEAR_ANSWER, at, question=question_id))

    def set_step(
        self,
        step_id: str,
        status: str | None,
        at: dt.datetime,
        category: str | None = None,
        comment: str | None = None,
        contact: str | None = None,
    ) -> None:
        """Set a step's status; ``None`` clears it. Deviations only: ``comment`` (scrubbed
        text) and ``contact`` (a contact id of the routine, e.g. the one not reached)."""
        if status is None:
            self.apply(Event(CLEAR_STEP, at, step=step_id))
        else:
            self.apply(
                Event(
                    STEP, at, step=step_id, status=status, category=category, comment=comment, contact=contact
                )
            )

    def toggle_done(self, step_id: str, at: dt.datetime) -> None:
        current = self.steps.get(step_id)
        self.set_step(step_id, None if current and current.status == DONE else DONE, at)

    def use_contact(self, contact_id: str, at: dt.datetime) -> None:
        if contact_id not in self.contacts_used:
            self.apply(Event(CONTACT, at, contact=contact_id))

    def finish(self, at: dt.datetime) -> None:
        self.apply(Event(FINISH, at))

    def reopen(self, at: dt.datetime) -> None:
        """Open a finished walk again, deliberately: until then it takes no changes."""
        if self.finished_at is not None:
            self.apply(Event(FINISH, at, value=REOPENED))

    def set_role(self, role_id: str, at: dt.datetime) -> None:
        if role_id != self.role:
            self.apply(Event(ROLE, at, value=role_id))

    def set_moment(self, moment_id: str, when: dt.datetime, at: dt.datetime) -> None:
        """Record when something happened that deadlines count from."""
        self.apply(Event(MOMENT, at, question=moment_id, value=when.isoformat()))

    # -- derived ------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def plan(self, now: dt.datetime) -> Plan:
        """The plan for the current answers. Deadlines count from their moments; one not
        given counts from when the walk started."""
        plan = build_plan(self.routine, self.answers, self.started_at, self.moments)
        return plan if now == self.started_at else _with_now(plan, now)

    def visible_states(self, plan: Plan) -> dict[str, StepState]:
        """Statuses of the actions in the plan now. An action done under another branch's
        item (the same text and role) counts as done here too, with its time: changing an
        answer never undoes what was done."""
        by_action: dict[tuple[str, str], StepState] = {}
        for step_id, state in self.steps.items():
            step = self.routine.step(step_id)
            if step is not None:
                by_action.setdefault(action_key(step), state)
        states = {}
        for planned in plan.actions:
            found = self.steps.get(planned.id) or by_action.get(action_key(planned.step))
            if found is not None:
                states[planned.id] = found
        return states

    def recorded_in_plan(self, plan: Plan) -> set[str]:
        """The ids of the recorded steps that are still in the plan: by their own id, or as
        the same action under another branch's item (``visible_states``). A step done before
        an answer changed and kept in the plan this way has not left it."""
        actions = {action_key(p.step) for p in plan.actions}
        in_plan = {p.id for p in plan.steps}
        kept = set()
        for step_id in self.steps:
            step = self.routine.step(step_id)
            if step_id in in_plan or (step is not None and step.checkable and action_key(step) in actions):
                kept.add(step_id)
        return kept

    def progress(self, plan: Plan) -> tuple[int, int]:
        """(handled, total) over the plan's actions; any status counts as handled."""
        return len(self.visible_states(plan)), len(plan.actions)


def _with_now(plan: Plan, now: dt.datetime) -> Plan:
    return plan._replace(now=now)
