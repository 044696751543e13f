"""Conditions never raise RecursionError: parsing is depth-limited, deep trees built in code
are evaluated, compiled and walked without recursion."""

from __future__ import annotations

import itertools

import pytest

from samverkan_tui.core.routine.conditions import (
    MAX_DEPTH,
    All,
    Any,
    Compare,
    ConditionError,
    Not,
    comparisons,
    compile_condition,
    depth,
    describe,
    evaluate_iteratively,
    holds,
    parse_condition,
)


@pytest.mark.parametrize(
    "text",
    [
        "inte " * 990 + "akut",
        "(" * 1000 + "akut" + ")" * 1000,
        "inte (" * 600 + "akut" + ")" * 600,
        "inte " * (MAX_DEPTH + 1) + "a",
    ],
)
def test_too_deep_text_is_a_condition_error_with_a_column(text: str) -> None:
    with pytest.raises(ConditionError) as error:
        parse_condition(text)
    assert f"mer än {MAX_DEPTH} nivåer" in error.value.message and error.value.column > 1


def test_the_limit_itself_parses() -> None:
    assert depth(parse_condition("inte " * MAX_DEPTH + "a")) == MAX_DEPTH + 1
    assert depth(parse_condition("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH)) == 1
    flat = parse_condition(" och ".join(f"q{i}" for i in range(5000)))  # long, not deep
    assert len(list(comparisons(flat))) == 5000


def _deep(levels: int):
    node = Compare("a", ("ja",))
    for level in range(levels):
        node = (
            Not(node)
            if level % 3 == 0
            else (
                All((node, Compare("b", ("ja",)))) if level % 3 == 1 else Any((Compare("c", ("ja",)), node))
            )
        )
    return node


def test_deep_trees_built_in_code_never_recurse_too_far() -> None:
    tree = _deep(5000)
    compiled = compile_condition(tree)
    for values in itertools.product([None, "ja", "nej"], repeat=3):
        answers = {k: v for k, v in zip("abc", values, strict=True) if v}
        assert holds(tree, answers) == compiled(answers) == evaluate_iteratively(tree, answers)
    assert [c.question for c in comparisons(tree)][:3] == ["c", "c", "c"]
    with pytest.raises(ConditionError):
        describe(tree, lambda q, v: f"{q} = {v}")


def test_iterative_evaluation_agrees_with_evaluate_on_shallow_trees() -> None:
    tree = parse_condition("a och (b eller inte c) eller inte (d i (x, y)) och a")
    for values in itertools.product([None, "ja", "nej", "x"], repeat=4):
        answers = {k: v for k, v in zip("abcd", values, strict=True) if v}
        expected = tree.evaluate(answers)
        assert evaluate_iteratively(tree, answers) == expected == compile_condition(tree)(answers)
