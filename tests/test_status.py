"""Status and mode codes come from one place (core.status), with one label and mark each."""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.walk import session, status
from samverkan_tui.export.document import StepRecord, record_text


def test_every_status_has_one_label_and_one_mark() -> None:
    assert set(status.STATUS_LABELS) == set(status.STATUSES) == set(status.STATUS_MARKS)
    assert status.status_label(status.NOT_APPLICABLE) == "ej aktuell"
    assert status.status_label(status.NOT_APPLICABLE, capital=True) == "Ej aktuell"
    assert set(status.MODE_LABELS) == set(status.MODES)


def test_the_codes_are_imported_from_core_status_only() -> None:
    """No module takes a status or mode code from anywhere but core.status (the session
    once re-exported them, and modules then had two places to get them from)."""
    import ast
    from pathlib import Path

    import samverkan_tui

    codes = {name for name in dir(status) if name.isupper()}
    root = Path(samverkan_tui.__file__).parent
    wrong = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module != "samverkan_tui.core.walk.status"
            ):
                wrong += [f"{path.name}: {a.name} from {node.module}" for a in node.names if a.name in codes]
    assert wrong == []
    assert not codes & set(vars(session)) - {
        "DEVIATION",
        "DEVIATION_CATEGORIES",
        "DONE",
        "MODE_CASE",
        "MODES",
        "STATUSES",
    }


def test_a_printout_record_uses_the_capitalised_label() -> None:
    at = dt.datetime(2026, 11, 27, 16, 40, tzinfo=STOCKHOLM)
    assert record_text(StepRecord(status.NOT_APPLICABLE, at)).startswith("Ej aktuell fredag 27 november 2026")
    deviation = record_text(StepRecord(status.DEVIATION, at, "tidsfrist"))
    assert deviation.endswith(": Tidsfristen kunde inte hållas")
