"""Telefontider: every boundary of the Botkyrka hours, weekends, holidays and DST days.

The contacts are built here from the source's own words, so these tests do not depend
on the shipped checklists/botkyrka-forskola-skola.toml:
"telefontider måndag 8.30–18.00, tisdag–torsdag 8.30–16.00, fredag 8.30–14.00,
lunch 12.00–13.00 alla dagar"; Socialjouren 778 48 60 (alt. 010-564 64 67) at other times.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from samverkan_tui.core.base.clock import STOCKHOLM, parse_now
from samverkan_tui.core.routine.model import Contact, OpeningHours, Routine, TimeRange
from samverkan_tui.core.walk.hours import (
    LOOKAHEAD_DAYS,
    ContactStatus,
    contact_status,
    is_holiday,
)
from samverkan_tui.core.walk.hours_text import status_summary, weekly_hours_lines


def minutes(text: str) -> int:
    hour, minute = text.split(":")
    return int(hour) * 60 + int(minute)


def span(text: str) -> tuple[TimeRange, ...]:
    start, end = text.split("-")
    return (TimeRange(minutes(start), minutes(end)),)


LUNCH = TimeRange(minutes("12:00"), minutes("13:00"), "lunch")
BOTKYRKA_HOURS = OpeningHours(
    days={
        "mon": span("08:30-18:00"),
        "tue": span("08:30-16:00"),
        "wed": span("08:30-16:00"),
        "thu": span("08:30-16:00"),
        "fri": span("08:30-14:00"),
    },
    breaks=(LUNCH,),
)
NORR = Contact(
    id="norr",
    name="Mottagningssektion Norr 0–20 år",
    phones=("530 622 55",),
    fax=("530 622 88",),
    hours=BOTKYRKA_HOURS,
    fallback="socialjouren",
)
SODRA = Contact(
    id="sodra",
    name="Mottagningssektion Södra 0–20 år",
    phones=("530 619 05",),
    fax=("530 618 16",),
    hours=BOTKYRKA_HOURS,
    fallback="socialjouren",
)
SOCIALJOUREN = Contact(
    id="socialjouren",
    name="Socialjouren",
    phones=("778 48 60", "010-564 64 67"),
    hours_note="Tider anges inte i rutinen.",
)
RVT_BEREDSKAP = Contact(
    id="rvt-beredskap",
    name="RVT:s beredskap",
    phones=("08-508 03 310",),
    hours_note="Tider anges inte i rutinen.",
)


def routine_with(*contacts: Contact) -> Routine:
    return Routine(
        id="test",
        title="Test",
        version="1",
        units=(),
        source="",
        questions=(),
        steps=(),
        roles=(),
        phases=(),
        contacts=contacts,
    )


BOTKYRKA = routine_with(NORR, SODRA, SOCIALJOUREN)
CALL_JOUREN = " — ring Socialjouren 778 48 60 under tiden"


def at(text: str) -> dt.datetime:
    return parse_now(text)


# -- every boundary of the Botkyrka hours, on each weekday -------------------------

# The week of Monday 23 November 2026: no holidays, no DST change.
WEEK = {
    "mon": "2026-11-23",
    "tue": "2026-11-24",
    "wed": "2026-11-25",
    "thu": "2026-11-26",
    "fri": "2026-11-27",
}
CLOSING = {"mon": "18:00", "tue": "16:00", "wed": "16:00", "thu": "16:00", "fri": "14:00"}
NEXT_MORNING = {
    "mon": "2026-11-24",
    "tue": "2026-11-25",
    "wed": "2026-11-26",
    "thu": "2026-11-27",
    "fri": "2026-11-30",
}  # Friday evening → Monday


def _boundary_cases() -> list[tuple[str, bool, str, str | None, str | None]]:
    """(now, open_now, reason, closes_at, next_open) for each boundary minute."""
    cases = []
    for key, day in WEEK.items():
        close = CLOSING[key]
        close_minus_1 = f"{minutes(close) // 60 - 1:02d}:59"
        cases += [
            (f"{day}T08:29", False, "utanför telefontid", None, f"{day}T08:30:00+01:00"),
            (f"{day}T08:30", True, "", f"{day}T12:00:00+01:00", None),
            (f"{day}T11:59", True, "", f"{day}T12:00:00+01:00", None),
            (f"{day}T12:00", False, "lunch", None, f"{day}T13:00:00+01:00"),
            (f"{day}T12:59", False, "lunch", None, f"{day}T13:00:00+01:00"),
            (f"{day}T13:00", True, "", f"{day}T{close}:00+01:00", None),
            (f"{day}T{close_minus_1}", True, "", f"{day}T{close}:00+01:00", None),
            (f"{day}T{close}", False, "utanför telefontid", None, f"{NEXT_MORNING[key]}T08:30:00+01:00"),
        ]
    return cases


@pytest.mark.parametrize(("now", "open_now", "reason", "closes_at", "next_open"), _boundary_cases())
def test_botkyrka_boundaries(now, open_now, reason, closes_at, next_open) -> None:
    status = contact_status(NORR, BOTKYRKA, at(now))
    assert status.open_now is open_now
    assert status.reason == reason
    assert (status.closes_at.isoformat() if status.closes_at else None) == closes_at
    assert (status.next_open.isoformat() if status.next_open else None) == next_open


def test_the_closing_minutes_are_the_sources_own() -> None:
    # Guards the table above against drifting into the implementation's view.
    assert CLOSING == {"mon": "18:00", "tue": "16:00", "wed": "16:00", "thu": "16:00", "fri": "14:00"}
    assert len(_boundary_cases()) == 5 * 8


def test_seconds_before_opening_are_still_closed() -> None:
    assert contact_status(NORR, BOTKYRKA, at("2026-11-23T08:29:59")).open_now is False


# -- weekends, holidays, de facto holidays --------------------------------------------


@pytest.mark.parametrize(
    ("now", "reason", "next_open"),
    [
        ("2026-11-28T10:00", "helg", "2026-11-30T08:30:00+01:00"),  # Saturday
        ("2026-11-29T23:59", "helg", "2026-11-30T08:30:00+01:00"),  # Sunday, late
        ("2026-12-25T10:00", "juldagen", "2026-12-28T08:30:00+01:00"),  # Friday
        ("2026-12-24T10:00", "julafton", "2026-12-28T08:30:00+01:00"),  # de facto, Thursday
        ("2026-12-31T09:00", "nyårsafton", "2027-01-04T08:30:00+01:00"),  # de facto, over new year
        ("2026-06-19T10:00", "midsommarafton", "2026-06-22T08:30:00+02:00"),  # de facto, Friday
        ("2026-04-03T10:00", "långfredagen", "2026-04-07T08:30:00+02:00"),  # Easter: Mon is annandag påsk
        ("2026-04-05T10:00", "påskdagen", "2026-04-07T08:30:00+02:00"),  # a Sunday that is a holiday
        ("2026-05-14T10:00", "Kristi himmelsfärdsdag", "2026-05-15T08:30:00+02:00"),
    ],
)
def test_closed_days(now, reason, next_open) -> None:
    status = contact_status(NORR, BOTKYRKA, at(now))
    assert status.open_now is False
    assert status.reason == reason
    assert status.next_open is not None and status.next_open.isoformat() == next_open
    assert status.closes_at is None


def test_a_lunch_break_on_a_closed_day_is_not_called_lunch() -> None:
    assert contact_status(NORR, BOTKYRKA, at("2026-11-28T12:30")).reason == "helg"
    assert contact_status(NORR, BOTKYRKA, at("2026-12-25T12:30")).reason == "juldagen"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2026, 1, 1), "nyårsdagen"),
        (dt.date(2026, 1, 6), "trettondedag jul"),
        (dt.date(2026, 6, 6), "nationaldagen"),
        (dt.date(2026, 6, 19), "midsommarafton"),
        (dt.date(2026, 6, 20), "midsommardagen"),
        (dt.date(2026, 12, 24), "julafton"),
        (dt.date(2026, 12, 25), "juldagen"),
        (dt.date(2026, 12, 26), "annandag jul"),
        (dt.date(2026, 12, 31), "nyårsafton"),
        (dt.date(2027, 6, 25), "midsommarafton"),
        (dt.date(2026, 11, 29), None),  # an ordinary Sunday is a weekend, not a holiday
        (dt.date(2026, 11, 23), None),
        (dt.date(2026, 10, 30), None),  # allhelgonaafton is not a de facto holiday
    ],
)
def test_is_holiday(day, name) -> None:
    assert is_holiday(day) == name


def test_open_on_holidays_when_the_contact_says_so() -> None:
    hours = OpeningHours(days=BOTKYRKA_HOURS.days, breaks=(LUNCH,), closed_on_holidays=False)
    contact = Contact(id="x", name="X", hours=hours)
    assert contact_status(contact, None, at("2026-12-25T10:00")).open_now is True
    assert weekly_hours_lines(contact)[-1] == "samma tider på helgdagar"


# -- daylight saving time ---------------------------------------------------------------

SUNDAY_LINE = Contact(
    id="sondag",
    name="Söndagslinjen",
    hours=OpeningHours(days={"sun": span("08:30-16:00")}, closed_on_holidays=False),
)
ALWAYS = Contact(
    id="dygnet-runt",
    name="Dygnet runt",
    hours=OpeningHours(
        days={d: span("00:00-24:00") for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
        closed_on_holidays=False,
    ),
)


@pytest.mark.parametrize(
    ("contact", "now", "open_now", "closes_at", "next_open"),
    [
        # 29 March 2026: clocks go forward at 02:00. Wall-clock hours stay 08.30–16.00.
        (SUNDAY_LINE, "2026-03-28T20:00", False, None, "2026-03-29T08:30:00+02:00"),
        (SUNDAY_LINE, "2026-03-29T08:29", False, None, "2026-03-29T08:30:00+02:00"),
        (SUNDAY_LINE, "2026-03-29T08:30", True, "2026-03-29T16:00:00+02:00", None),
        (SUNDAY_LINE, "2026-03-29T16:00", False, None, "2026-04-05T08:30:00+02:00"),
        # 25 October 2026: clocks go back at 03:00.
        (SUNDAY_LINE, "2026-10-24T20:00", False, None, "2026-10-25T08:30:00+01:00"),
        (SUNDAY_LINE, "2026-10-25T15:59", True, "2026-10-25T16:00:00+01:00", None),
        # Botkyrka across both DST weekends.
        (NORR, "2026-03-27T14:00", False, None, "2026-03-30T08:30:00+02:00"),
        (NORR, "2026-10-23T14:00", False, None, "2026-10-26T08:30:00+01:00"),
        (NORR, "2026-03-30T08:30", True, "2026-03-30T12:00:00+02:00", None),
        (NORR, "2026-10-26T13:00", True, "2026-10-26T18:00:00+01:00", None),
    ],
)
def test_dst_days(contact, now, open_now, closes_at, next_open) -> None:
    status = contact_status(contact, BOTKYRKA, at(now))
    assert status.open_now is open_now
    assert (status.closes_at.isoformat() if status.closes_at else None) == closes_at
    assert (status.next_open.isoformat() if status.next_open else None) == next_open


@pytest.mark.parametrize(
    ("now", "next_open", "hours"),
    [
        ("2026-03-27T14:00", "2026-03-30T08:30", 65.5),  # an hour is lost on Sunday
        ("2026-10-23T14:00", "2026-10-26T08:30", 67.5),  # an hour is gained
    ],
)
def test_time_until_opening_is_real_elapsed_time(now, next_open, hours) -> None:
    status = contact_status(NORR, BOTKYRKA, at(now))
    assert status.next_open is not None
    assert status.next_open.replace(tzinfo=None) == dt.datetime.fromisoformat(next_open)
    elapsed = status.next_open.astimezone(dt.UTC) - status.now.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=hours)


def test_a_line_open_round_the_clock_does_not_close_at_midnight() -> None:
    status = contact_status(ALWAYS, None, at("2026-03-29T01:59"))
    assert status.open_now is True
    assert status.closes_at is None
    assert status_summary(status) == f"Öppet nu, stänger inte de närmaste {LOOKAHEAD_DAYS} dagarna"


def test_other_time_zones_are_converted_to_stockholm() -> None:
    # 11:30 UTC is 12:30 in Stockholm in November: lunch.
    status = contact_status(NORR, BOTKYRKA, dt.datetime(2026, 11, 23, 11, 30, tzinfo=dt.UTC))
    assert status.reason == "lunch"
    assert status.now.tzinfo is STOCKHOLM


def test_naive_times_are_stockholm_time() -> None:
    assert contact_status(NORR, BOTKYRKA, dt.datetime(2026, 11, 23, 12, 30)).reason == "lunch"


# -- unknown hours, fallback and the summary line ------------------------------------


def test_unknown_hours_are_never_invented() -> None:
    for contact in (SOCIALJOUREN, RVT_BEREDSKAP):
        status = contact_status(contact, BOTKYRKA, at("2026-11-23T10:00"))
        assert status.open_now is None
        assert status.closes_at is None and status.next_open is None
        assert status_summary(status) == "Tider anges inte i rutinen."
        assert weekly_hours_lines(contact) == ["Tider anges inte i rutinen."]


def test_unknown_hours_without_a_note_still_say_so() -> None:
    contact = Contact(id="x", name="X")
    assert (
        status_summary(contact_status(contact, None, at("2026-11-23T10:00"))) == "Tider anges inte i rutinen."
    )


@pytest.mark.parametrize(
    ("now", "summary"),
    [
        ("2026-11-24T14:00", "Öppet nu, stänger 16.00"),
        ("2026-11-23T17:00", "Öppet nu, stänger 18.00"),
        ("2026-11-23T10:00", "Öppet nu, stänger 12.00 för lunch"),
        ("2026-11-23T12:30", "Stängt (lunch), öppnar 13.00" + CALL_JOUREN),
        ("2026-11-23T07:00", "Stängt (utanför telefontid), öppnar 08.30" + CALL_JOUREN),
        ("2026-11-27T16:40", "Stängt (utanför telefontid), öppnar måndag 30 november 08.30" + CALL_JOUREN),
        # Botkyrka never says whether the mottagning has telefontid on helgdagar: unknown.
        (
            "2026-12-25T10:00",
            "Troligen stängt – juldagen; rutinen anger inte tider för helgdagar" + CALL_JOUREN,
        ),
        (
            "2026-12-31T10:00",
            "Troligen stängt – nyårsafton; rutinen anger inte tider för helgdagar" + CALL_JOUREN,
        ),
    ],
)
def test_summary(now, summary) -> None:
    assert status_summary(contact_status(NORR, BOTKYRKA, at(now))) == summary


def test_fallback_is_resolved_through_the_routine() -> None:
    status = contact_status(NORR, BOTKYRKA, at("2026-11-23T12:30"))
    assert status.fallback == SOCIALJOUREN
    # Without the routine the fallback cannot be looked up, and nothing is made up.
    alone = contact_status(NORR, None, at("2026-11-23T12:30"))
    assert alone.fallback is None
    assert status_summary(alone) == "Stängt (lunch), öppnar 13.00"


def test_a_fallback_that_is_closed_too_is_not_recommended() -> None:
    back_office = Contact(
        id="kansli", name="Kansliet", phones=("08-1",), hours=OpeningHours(days={"mon": span("08:00-17:00")})
    )
    contact = Contact(id="a", name="A", hours=BOTKYRKA_HOURS, fallback="kansli")
    routine = routine_with(contact, back_office)
    assert status_summary(contact_status(contact, routine, at("2026-11-23T12:30"))) == (
        "Stängt (lunch), öppnar 13.00 — ring Kansliet 08-1 under tiden"
    )
    assert status_summary(contact_status(contact, routine, at("2026-11-23T18:30"))) == (
        "Stängt (utanför telefontid), öppnar tisdag 24 november 08.30 — även Kansliet har stängt just nu"
    )


def test_a_fallback_without_phone_is_named() -> None:
    desk = Contact(id="desk", name="Receptionen", hours_note="Tider anges inte i rutinen.")
    contact = Contact(id="a", name="A", hours=BOTKYRKA_HOURS, fallback="desk")
    summary = status_summary(contact_status(contact, routine_with(contact, desk), at("2026-11-28T10:00")))
    assert summary.endswith(" — kontakta Receptionen under tiden")


def test_next_open_search_is_bounded() -> None:
    never = Contact(id="never", name="Aldrig", hours=OpeningHours(days={}))
    status = contact_status(never, None, at("2026-11-23T10:00"))
    assert status.open_now is False and status.next_open is None
    assert status_summary(status) == (
        f"Stängt (utanför telefontid), ingen telefontid de närmaste {LOOKAHEAD_DAYS} dagarna"
    )


def test_status_is_a_frozen_value() -> None:
    status = contact_status(NORR, BOTKYRKA, at("2026-11-23T10:00"))
    assert isinstance(status, ContactStatus)
    with pytest.raises(AttributeError):
        status.open_now = False  # type: ignore[misc]


# -- printouts and records --------------------------------------------------------------


def test_weekly_hours_lines_group_equal_days() -> None:
    assert weekly_hours_lines(NORR) == [
        "måndag 08.30–18.00",
        "tisdag–torsdag 08.30–16.00",
        "fredag 08.30–14.00",
        "lunch 12.00–13.00 alla dagar",
        "Rutinen anger inte tider för helgdagar",
    ]


def test_weekly_hours_lines_group_only_neighbouring_days() -> None:
    hours = OpeningHours(
        days={
            "mon": span("09:00-12:00"),
            "tue": (TimeRange(540, 600), TimeRange(660, 720)),
            "wed": span("09:00-12:00"),
            "sat": span("10:00-24:00"),
            "sun": span("10:00-24:00"),
        }
    )
    assert weekly_hours_lines(Contact(id="x", name="X", hours=hours)) == [
        "måndag 09.00–12.00",
        "tisdag 09.00–10.00, 11.00–12.00",
        "onsdag 09.00–12.00",
        "lördag–söndag 10.00–24.00",
        "Rutinen anger inte tider för helgdagar",  # closed_on_holidays not stated: no fact
    ]


def test_contact_json_keeps_numbers_as_written() -> None:
    from samverkan_tui.export.data import contact_dict

    record = contact_dict(SOCIALJOUREN, BOTKYRKA, at("2026-11-23T10:00"))
    assert record["phones"] == ["778 48 60", "010-564 64 67"]
    record = contact_dict(NORR, BOTKYRKA, at("2026-11-23T12:30"))
    assert record["fax"] == ["530 622 88"]
    assert record["open_now"] is False
    assert record["next_open"] == "2026-11-23T13:00:00+01:00"
    assert record["fallback"] == {"id": "socialjouren", "name": "Socialjouren"}
    assert record["routine"] == {
        "id": "test",
        "title": BOTKYRKA.title,
        "version": BOTKYRKA.version,
        "content_hash": BOTKYRKA.content_hash,
    }


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(1999, 12, 24), "julafton"),
        (dt.date(2099, 6, 19), "midsommarafton"),
        (dt.date(2099, 6, 20), "midsommardagen"),
        (dt.date(2099, 6, 21), None),  # a Sunday
    ],
)
def test_any_year_asks_the_package(day, name) -> None:
    assert is_holiday(day) == name


def test_the_holidays_package_is_imported_on_the_first_lookup_only() -> None:
    # The CLI's start-up time is budgeted: importing the hours module never loads it.
    code = (
        "import sys, datetime as dt, samverkan_tui.core.walk.hours as h; "
        "assert 'holidays' not in sys.modules; "
        "assert h.is_holiday(dt.date(2026, 12, 25)) == 'juldagen'; "
        "assert 'holidays' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the call line: whom to call now, for a plan and a role (core/walk/call_now.py) ----------

BOTKYRKA_ACUTE = {"verksamhet": "skola", "skede": "anmalan", "akut": "ja", "alder": "under15"}


def botkyrka_call(moment: str, acute: str = "ja", role: str | None = None, handled=()) -> str:
    from samverkan_tui.core.walk.call_now import call_advice
    from samverkan_tui.core.walk.plan import build_plan
    from tests.conftest import shipped

    now = parse_now(moment)
    plan = build_plan(shipped("botkyrka-forskola-skola"), {**BOTKYRKA_ACUTE, "akut": acute}, now)
    advice = call_advice(plan, set(handled), now, role)
    assert advice is not None
    return advice.text


def test_call_line_on_a_saturday_in_an_acute_case_sends_to_socialjouren_first() -> None:
    text = botkyrka_call("2026-12-12T10:00")
    assert text.startswith("Ring nu: Socialjouren 778 48 60")
    assert "stängt (helg), öppnar måndag 08.30" in text
    assert text.count("Socialjouren") == 1


def test_call_line_at_lunch_in_a_non_acute_case_waits_for_the_mottagning() -> None:
    text = botkyrka_call("2026-12-07T12:15", acute="nej")
    assert text == (
        "Utredningsenhetens mottagningsgrupp: stängt (lunch), öppnar 13.00; akut: Socialjouren 778 48 60"
    )


def test_call_line_at_six_in_the_evening_and_on_a_holiday() -> None:
    evening = botkyrka_call("2026-12-07T18:00")  # Monday: open until 18.00, exclusive
    assert evening.startswith("Ring nu: Socialjouren 778 48 60")
    assert "öppnar i morgon 08.30" in evening
    christmas = botkyrka_call("2026-12-25T10:00")  # juldagen, a Friday: the routine gives no holiday hours
    assert "troligen stängt (juldagen), öppnar måndag 08.30" in christmas
    assert christmas.startswith("Ring nu: Socialjouren")


def test_call_line_when_open_names_the_numbers_and_the_closing_time() -> None:
    assert botkyrka_call("2026-12-07T10:00") == (
        "Ring nu: Mottagningssektion Norr 0–20 år 530 622 55 eller "
        "Mottagningssektion Södra 0–20 år 530 619 05 (öppet till 12.00)"
    )


def test_a_unit_never_calls_itself() -> None:
    from samverkan_tui.core.walk.call_now import own_contacts

    text = botkyrka_call("2026-12-12T10:00", role="socialtjanst")
    assert text.startswith(
        "Förskolan/skolan ringer er (Utredningsenhetens mottagningsgrupp). Ert nästa steg: "
    )
    assert "Ring nu" not in text
    routine = shipped_routine("botkyrka-forskola-skola")
    assert own_contacts(routine, "socialtjanst") >= {"mottagning-norr", "mottagning-sodra"}
    assert own_contacts(routine, "forskola-skola") == frozenset()
    assert own_contacts(routine, "gemensamt") == frozenset()
    assert own_contacts(shipped_routine("rvt-bou"), "rvt") == {"rvt-beredskap"}
    assert own_contacts(shipped_routine("rvt-bou"), "bou") == frozenset()


def test_the_call_line_moves_on_when_the_action_is_handled() -> None:
    from samverkan_tui.core.walk.call_now import call_advice
    from samverkan_tui.core.walk.plan import build_plan

    now = parse_now("2026-12-07T10:00")
    plan = build_plan(shipped_routine("botkyrka-forskola-skola"), BOTKYRKA_ACUTE, now)
    first = call_advice(plan, set(), now)
    assert first is not None
    handled = {p.id for p in plan.actions if p.contacts}
    assert call_advice(plan, handled, now) is None
    later = call_advice(plan, {first.step_id}, now)
    assert later is None or later.step_id != first.step_id


def shipped_routine(routine_id: str) -> Routine:
    from tests.conftest import shipped

    return shipped(routine_id)
