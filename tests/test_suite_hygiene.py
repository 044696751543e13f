"""The suite cannot lie: no test whose every assertion can be skipped by an ``if``.

A test such as ``if "x-step" in ids: assert …`` passes silently when the id is renamed.
Each test function must have at least one ``assert`` that runs on every call, or assert in
both branches of an ``if``/``else``; tests that check by ``pytest.raises`` or a snapshot
count as asserting.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _always_asserts(statements: list[ast.stmt]) -> bool:
    """True when running ``statements`` reaches an ``assert`` whatever an ``if`` decides."""
    for statement in statements:
        if isinstance(statement, ast.Assert) or _calls_an_assert_helper(statement):
            return True
        if isinstance(statement, ast.If):
            if statement.orelse and _always_asserts(statement.body) and _always_asserts(statement.orelse):
                return True
            continue
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        # with/for/while/try bodies: a loop may run zero times, but an empty loop is a
        # different lie than a skipped branch, and loops over fixed data are the norm here.
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(statement, field, None)
            if isinstance(inner, list) and inner and _always_asserts(inner):
                return True
    return False


def _calls_an_assert_helper(statement: ast.stmt) -> bool:
    """``assert_sections_hide_no_small_number(r, 5)``: a helper named for asserting."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    function = statement.value.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name.startswith("assert")


def _has_conditional_assert(node: ast.AST) -> bool:
    return any(
        isinstance(sub, ast.If) and any(isinstance(n, ast.Assert) for n in ast.walk(sub))
        for sub in ast.walk(node)
    )


def _test_functions() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef, str]]:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                found.append((f"{path.relative_to(TESTS)}::{node.name}", node, source))
    return found


def test_no_test_can_skip_all_its_assertions() -> None:
    offenders = []
    for name, function, source in _test_functions():
        if not _has_conditional_assert(function) or _always_asserts(function.body):
            continue
        segment = ast.get_source_segment(source, function) or ""
        if "pytest.raises" not in segment and "snap_compare" not in segment:
            offenders.append(name)
    assert offenders == [], "assertions only under an if (a rename would pass unseen): " + ", ".join(
        offenders
    )


@pytest.mark.parametrize(
    ("source", "lies"),
    [
        ("def test_x(ids):\n    if 'a' in ids:\n        assert ids\n", True),
        (
            "def test_x(ids):\n    if 'a' in ids:\n        assert ids\n    else:\n        assert not ids\n",
            False,
        ),
        ("def test_x(ids):\n    assert ids\n    if 'a' in ids:\n        assert ids\n", False),
        ("def test_x(ids):\n    for i in ids:\n        if i:\n            assert i\n", True),
        ("def test_x(r):\n    if r:\n        assert r\n    assert_sound(r)\n", False),
    ],
)
def test_the_check_itself_tells_a_skippable_test_from_a_sound_one(source: str, lies: bool) -> None:
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert (_has_conditional_assert(function) and not _always_asserts(function.body)) is lies
