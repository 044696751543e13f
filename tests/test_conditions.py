"""The condition language: parsing, three-valued evaluation, plain Swedish, errors with columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_tui.core.routine.conditions import (
    All,
    Any,
    Compare,
    ConditionError,
    Not,
    describe,
    parse_condition,
)


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("akut", {"akut": "ja"}, True),
        ("akut", {"akut": "nej"}, False),
        ("akut", {}, None),
        ("akut = nej", {"akut": "nej"}, True),
        ("inkom != rvt", {"inkom": "bou"}, True),
        ("inkom i (rvt, bou)", {"inkom": "bou"}, True),
        ("inkom i (rvt, bou)", {"inkom": "annan"}, False),
        ("akut och barn", {"akut": "ja", "barn": "nej"}, False),
        ("akut och barn", {"akut": "nej"}, False),  # decided although barn is unknown
        ("akut och barn", {"akut": "ja"}, None),
        ("akut eller barn", {"barn": "ja"}, True),  # decided although akut is unknown
        ("akut eller barn", {"barn": "nej"}, None),
        ("inte akut", {"akut": "ja"}, False),
        ("inte akut", {}, None),
        ("inte (akut eller barn)", {"akut": "nej", "barn": "nej"}, True),
        ("a och b eller c", {"a": "nej", "c": "ja"}, True),  # och binds tighter than eller
        ("a och (b eller c)", {"a": "nej", "c": "ja"}, False),
        ("skola = förskola", {"skola": "förskola"}, True),
    ],
)
def test_evaluation(text: str, answers: dict[str, str], expected: bool | None) -> None:
    assert parse_condition(text).evaluate(answers) is expected


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("", 1, "tomt"),
        ("akut =", 7, "väntade ett svar"),
        ("akut = ja och", 14, "väntade en fråga"),
        ("(akut = ja", 11, "')'"),
        ("akut ja", 6, "oväntat"),
        ("akut == ja", 7, "väntade ett svar"),
        ("inkom i rvt", 9, "'('"),
        ("akut = ja; rm -rf", 10, "oväntat tecken"),
        ("__import__('os')", 12, "oväntat tecken"),
    ],
)
def test_errors_point_at_the_column(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(text)
    assert caught.value.column == column
    assert fragment in caught.value.message


def test_structure_is_data() -> None:
    assert parse_condition("a och inte (b = x eller c i (y, z))") == All(
        (
            Compare("a", ("ja",), column=1),
            Not(Any((Compare("b", ("x",), column=13), Compare("c", ("y", "z"), column=25)))),
        )
    )


def test_describe_reads_as_swedish() -> None:
    phrases = {
        ("akut", "ja"): "situationen är akut",
        ("utr", "oppen"): "öppen utredning finns",
        ("utr", "fb"): "förhandsbedömning pågår",
    }
    condition = parse_condition("akut och utr i (oppen, fb)")
    text = describe(condition, lambda q, v: phrases[(q, v)])
    assert text == "situationen är akut och (öppen utredning finns eller förhandsbedömning pågår)"
    either = describe(parse_condition("akut eller utr = oppen"), lambda q, v: phrases[(q, v)])
    assert either == "situationen är akut eller öppen utredning finns"


_ident = st.from_regex(r"[a-zåäö][a-zåäö0-9_]{0,6}", fullmatch=True).filter(
    lambda s: s not in {"och", "eller", "inte", "i"}
)


@st.composite
def conditions(draw, depth: int = 0):
    if depth > 2 or draw(st.booleans()):
        return f"{draw(_ident)} = {draw(_ident)}"
    left, right = draw(conditions(depth + 1)), draw(conditions(depth + 1))
    return draw(st.sampled_from([f"({left}) och ({right})", f"({left}) eller ({right})", f"inte ({left})"]))


@given(conditions(), st.dictionaries(_ident, _ident, max_size=4))
def test_parsing_never_crashes_and_is_deterministic(text: str, answers: dict[str, str]) -> None:
    condition = parse_condition(text)
    assert condition == parse_condition(text)
    assert condition.evaluate(answers) in (True, False, None)


@given(st.text(max_size=40))
def test_any_text_either_parses_or_gives_a_condition_error(text: str) -> None:
    try:
        parse_condition(text)
    except ConditionError as error:
        assert 1 <= error.column <= len(text) + 1


@given(conditions(), st.dictionaries(_ident, _ident, max_size=4))
def test_compiled_conditions_agree_with_evaluate(text: str, answers: dict[str, str]) -> None:
    from samverkan_tui.core.routine.conditions import compile_condition

    condition = parse_condition(text)
    assert compile_condition(condition)(answers) is condition.evaluate(answers)
