"""`samverkan kontakter` and the contact status in `samverkan show`."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from tests.conftest import run_cli as run

KATALOG = str(REPO / "tests" / "data" / "kontakter")
REQUIRED = {
    "id",
    "routine",
    "name",
    "unit",
    "phones",
    "fax",
    "open_now",
    "reason",
    "next_open",
    "closes_at",
    "fallback",
    "summary",
    "hours",
}


def contacts_json(capsys, *args: str) -> list[dict]:
    code, out, err = run(capsys, "--katalog", KATALOG, "kontakter", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def by_id(rows: list[dict], routine: str, contact: str) -> dict:
    matches = [r for r in rows if r["routine"]["id"] == routine and r["id"] == contact]
    assert len(matches) == 1, rows
    return matches[0]


def test_json_shape(capsys) -> None:
    rows = contacts_json(capsys, "--rutin", "kontakttest", "--now", "2026-11-23T12:30")
    assert [r["id"] for r in rows] == ["norr", "socialjouren"]
    for row in rows:
        assert row.keys() >= REQUIRED
        assert isinstance(row["phones"], list) and all(isinstance(p, str) for p in row["phones"])
        assert isinstance(row["hours"], list) and row["hours"]
    norr, jouren = rows
    assert norr["phones"] == ["530 622 55"] and norr["fax"] == ["530 622 88"]
    assert norr["open_now"] is False and norr["reason"] == "lunch"
    assert norr["next_open"] == "2026-11-23T13:00:00+01:00" and norr["closes_at"] is None
    assert norr["fallback"] == {"id": "socialjouren", "name": "Socialjouren"}
    assert norr["summary"] == ("Stängt (lunch), öppnar 13.00 — ring Socialjouren 778 48 60 under tiden")
    assert jouren["phones"] == ["778 48 60", "010-564 64 67"]
    assert jouren["open_now"] is None and jouren["next_open"] is None and jouren["closes_at"] is None
    assert jouren["fallback"] is None
    assert jouren["hours"] == ["Tider anges inte i rutinen."]


@pytest.mark.parametrize(
    ("now", "open_now", "reason", "closes_at", "next_open"),
    [
        ("2026-11-24T15:59", True, "", "2026-11-24T16:00:00+01:00", None),
        ("2026-11-27T14:00", False, "utanför telefontid", None, "2026-11-30T08:30:00+01:00"),
        ("2026-11-28T10:00", False, "helg", None, "2026-11-30T08:30:00+01:00"),
        ("2026-12-25T10:00", False, "juldagen", None, "2026-12-28T08:30:00+01:00"),
        ("2026-06-19T10:00", False, "midsommarafton", None, "2026-06-22T08:30:00+02:00"),
        ("2026-03-27T14:00", False, "utanför telefontid", None, "2026-03-30T08:30:00+02:00"),
    ],
)
def test_json_status_at_now(capsys, now, open_now, reason, closes_at, next_open) -> None:
    norr = by_id(contacts_json(capsys, "--rutin", "kontakttest", "--now", now), "kontakttest", "norr")
    assert (norr["open_now"], norr["reason"], norr["closes_at"], norr["next_open"]) == (
        open_now,
        reason,
        closes_at,
        next_open,
    )


def test_without_rutin_every_routine_is_listed(capsys) -> None:
    rows = contacts_json(capsys, "--now", "2026-11-23T10:00")
    assert by_id(rows, "kontakttest", "norr")["open_now"] is True
    beredskap = by_id(rows, "rvt-bou", "rvt-beredskap")
    assert beredskap["phones"] == ["08-508 03 310"]
    assert beredskap["open_now"] is None
    assert len({(r["routine"]["id"], r["id"]) for r in rows}) == len(rows)


def test_command_now_overrides_the_global_now(capsys) -> None:
    code, out, err = run(
        capsys,
        "--now",
        "2026-11-23T10:00",
        "--katalog",
        KATALOG,
        "kontakter",
        "--rutin",
        "kontakttest",
        "--now",
        "2026-11-23T12:30",
        "--format",
        "json",
    )
    assert code == 0, err
    assert by_id(json.loads(out), "kontakttest", "norr")["reason"] == "lunch"


def test_global_now_is_used_without_a_command_now(capsys) -> None:
    code, out, err = run(
        capsys,
        "--now",
        "2026-11-23T12:30",
        "--katalog",
        KATALOG,
        "kontakter",
        "--rutin",
        "kontakttest",
        "--format",
        "json",
    )
    assert code == 0, err
    assert by_id(json.loads(out), "kontakttest", "norr")["reason"] == "lunch"


def test_text_output(capsys) -> None:
    code, out, err = run(
        capsys, "--katalog", KATALOG, "kontakter", "--rutin", "kontakttest", "--now", "2026-11-23T12:30"
    )
    assert code == 0, err
    assert out.startswith("Kontakter måndag 23 november 2026 kl. 12.30\n")
    assert "tel 530 622 55, fax 530 622 88" in out
    assert "Stängt (lunch), öppnar 13.00 — ring Socialjouren 778 48 60 under tiden" in out
    assert "måndag 08.30–18.00" in out and "tisdag–torsdag 08.30–16.00" in out
    assert "tel 778 48 60 / 010-564 64 67" in out
    assert "Tider anges inte i rutinen." in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_text_output_open(capsys) -> None:
    code, out, _ = run(
        capsys, "--katalog", KATALOG, "kontakter", "-r", "kontakttest", "--now", "2026-11-24T14:00"
    )
    assert code == 0
    assert "Öppet nu, stänger 16.00" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kontakter", "--rutin", "finns-inte"], "okänd rutin `finns-inte`"),
        (["kontakter", "--now", "igår"], "--now: ogiltig tid"),
        (["kontakter", "--format", "xml"], "ogiltigt värde 'xml'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, args, message) -> None:
    code, out, err = run(capsys, "--katalog", KATALOG, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("now", "status"),
    [
        ("2026-11-23T12:30", "Stängt (lunch), öppnar 13.00 — ring Socialjouren 778 48 60 under tiden"),
        ("2026-11-24T14:00", "Öppet nu, stänger 16.00"),
        # The file gives no holiday hours: probably closed, never a promise either way.
        ("2026-12-25T10:00", "Troligen stängt – juldagen; rutinen anger inte tider för helgdagar"),
    ],
)
def test_show_text_prints_status_after_each_contact(capsys, now, status) -> None:
    code, out, err = run(
        capsys, "--katalog", KATALOG, "show", "kontakttest", "--svar", "akut=ja", "--now", now
    )
    assert code == 0, err
    # The plan's contact list says whether each contact answers at that moment.
    lines = out.splitlines()
    start = lines.index("Kontakter och telefontider")
    norr = next(i for i in range(start, len(lines)) if "Mottagningssektion Norr" in lines[i])
    after = " ".join(line.strip() for line in lines[norr : norr + 14])
    assert status in after


def test_show_text_prints_due_date_from_now(capsys) -> None:
    code, out, err = run(
        capsys, "--katalog", KATALOG, "show", "kontakttest", "--svar", "akut=nej", "--now", "2026-12-28T09:00"
    )
    assert code == 0, err
    assert "Senast måndag 4 januari 2027 (inom en vecka)" in out
