"""Conditions on answers: a tiny language, parsed into data, never ``eval``.

Grammar (Swedish keywords, so that managers can read them aloud)::

    villkor   := eller
    eller     := och ("eller" och)*
    och       := inte ("och" inte)*
    inte      := "inte" inte | atom
    atom      := "(" villkor ")"
               | FRÅGA                      -- short for FRÅGA = ja
               | FRÅGA "=" SVAR
               | FRÅGA "!=" SVAR
               | FRÅGA "i" "(" SVAR ("," SVAR)* ")"

Evaluation uses three-valued logic: a condition on a question that has not been
answered yet is *unknown* (``None``). A step is in the plan only when its
condition is ``True``, so nothing shows up before the answer that decides it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

Answers = Mapping[str, str]

_TOKEN = re.compile(r"\s*(?:(?P<op>!=|=|\(|\)|,)|(?P<word>[\w\-]+))", re.UNICODE)
_KEYWORDS = {"och", "eller", "inte", "i"}


class ConditionError(ValueError):
    """A condition that cannot be parsed; ``column`` is 1-based within the condition text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class Compare(NamedTuple):
    """``question`` has one of ``values`` (or, when ``negated``, none of them)."""

    question: str
    values: tuple[str, ...]
    negated: bool = False
    column: int = 1

    def evaluate(self, answers: Answers) -> bool | None:
        answer = answers.get(self.question)
        if answer is None:
            return None
        return (answer in self.values) != self.negated


class Not(NamedTuple):
    item: Condition

    def evaluate(self, answers: Answers) -> bool | None:
        value = self.item.evaluate(answers)
        return None if value is None else not value


class All(NamedTuple):
    items: tuple[Condition, ...]

    def evaluate(self, answers: Answers) -> bool | None:
        result: bool | None = True
        for item in self.items:
            value = item.evaluate(answers)
            if value is False:
                return False
            if value is None:
                result = None
        return result


class Any(NamedTuple):
    items: tuple[Condition, ...]

    def evaluate(self, answers: Answers) -> bool | None:
        result: bool | None = False
        for item in self.items:
            value = item.evaluate(answers)
            if value is True:
                return True
            if value is None:
                result = None
        return result


Condition = Compare | Not | All | Any


def comparisons(condition: Condition) -> Iterator[Compare]:
    """Every question/answer comparison in a condition, for reference checks."""
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, Not):
        yield from comparisons(condition.item)
    else:
        for item in condition.items:
            yield from comparisons(item)


def holds(condition: Condition | None, answers: Answers) -> bool | None:
    """``True``/``False``/``None`` (undecided); no condition always holds."""
    return True if condition is None else condition.evaluate(answers)


# -- parsing ------------------------------------------------------------------


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            bad = len(text[position:]) - len(text[position:].lstrip())
            column = position + bad + 1
            raise ConditionError(f"oväntat tecken {text[position + bad]!r}", column)
        kind = "op" if match.group("op") else "word"
        start = match.start(kind)
        tokens.append((match.group(kind), start + 1))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    def peek(self) -> str | None:
        return self.tokens[self.index][0] if self.index < len(self.tokens) else None

    def column(self) -> int:
        if self.index < len(self.tokens):
            return self.tokens[self.index][1]
        return len(self.text) + 1

    def take(self) -> tuple[str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, symbol: str, what: str) -> None:
        if self.peek() != symbol:
            found = self.peek()
            where = f"hittade {found!r}" if found else "villkoret tog slut"
            raise ConditionError(f"väntade {what} men {where}", self.column())
        self.take()

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionError("villkoret är tomt", 1)
        condition = self.parse_or()
        if self.peek() is not None:
            raise ConditionError(
                f"oväntat {self.peek()!r}; binda ihop villkor med 'och' eller 'eller'",
                self.column(),
            )
        return condition

    def parse_or(self) -> Condition:
        items = [self.parse_and()]
        while self.peek() == "eller":
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Any(tuple(items))

    def parse_and(self) -> Condition:
        items = [self.parse_not()]
        while self.peek() == "och":
            self.take()
            items.append(self.parse_not())
        return items[0] if len(items) == 1 else All(tuple(items))

    def parse_not(self) -> Condition:
        if self.peek() == "inte":
            self.take()
            return Not(self.parse_not())
        return self.parse_atom()

    def parse_atom(self) -> Condition:
        token = self.peek()
        if token is None:
            raise ConditionError("väntade en fråga men villkoret tog slut", self.column())
        if token == "(":
            self.take()
            inner = self.parse_or()
            self.expect(")", "')'")
            return inner
        if token in _KEYWORDS or not re.fullmatch(r"[\w\-]+", token):
            raise ConditionError(f"väntade ett fråge-id men hittade {token!r}", self.column())
        question, column = self.take()
        operator = self.peek()
        if operator in ("=", "!="):
            self.take()
            value = self._value()
            return Compare(question, (value,), negated=operator == "!=", column=column)
        if operator == "i":
            self.take()
            self.expect("(", "'(' efter 'i'")
            values = [self._value()]
            while self.peek() == ",":
                self.take()
                values.append(self._value())
            self.expect(")", "')'")
            return Compare(question, tuple(values), column=column)
        return Compare(question, ("ja",), column=column)

    def _value(self) -> str:
        token = self.peek()
        if token is None or token in _KEYWORDS or not re.fullmatch(r"[\w\-]+", token):
            found = f"hittade {token!r}" if token else "villkoret tog slut"
            raise ConditionError(f"väntade ett svar men {found}", self.column())
        return self.take()[0]


def parse_condition(text: str) -> Condition:
    """Parse a condition; raises ``ConditionError`` with a 1-based column."""
    return _Parser(text).parse()


# -- plain Swedish --------------------------------------------------------------

PhraseLookup = Callable[[str, str], str]


def describe(condition: Condition, phrase: PhraseLookup) -> str:
    """The condition in plain Swedish, e.g. "situationen är akut och öppen utredning finns".

    ``phrase(question_id, value)`` returns how "question = value" reads.
    """
    if isinstance(condition, Compare):
        parts = [phrase(condition.question, value) for value in condition.values]
        text = " eller ".join(parts)
        if condition.negated:
            return f"inte ({text})" if len(parts) > 1 else f"inte {text}"
        return text
    if isinstance(condition, Not):
        return f"inte ({describe(condition.item, phrase)})"
    joiner = " och " if isinstance(condition, All) else " eller "
    rendered = []
    for item in condition.items:
        text = describe(item, phrase)
        # An "eller" inside an "och" needs brackets, whether it is written as `eller`
        # or as `fråga i (a, b)`: "akut och (öppen utredning finns eller …)".
        alternatives = isinstance(item, Any) or (
            isinstance(item, Compare) and len(item.values) > 1 and not item.negated)
        if isinstance(condition, All) and (alternatives or isinstance(item, All)):
            text = f"({text})"
        rendered.append(text)
    return joiner.join(rendered)


Evaluator = Callable[[Answers], "bool | None"]


def compile_condition(condition: Condition) -> Evaluator:
    """The condition as nested closures: the same three-valued result as ``evaluate``,
    several times faster, for the validator's walk through every path."""
    if isinstance(condition, Compare):
        question, values, negated = condition.question, frozenset(condition.values), condition.negated

        def compare(answers: Answers) -> bool | None:
            answer = answers.get(question)
            return None if answer is None else (answer in values) != negated

        return compare
    if isinstance(condition, Not):
        inner = compile_condition(condition.item)

        def negate(answers: Answers) -> bool | None:
            value = inner(answers)
            return None if value is None else not value

        return negate
    parts = tuple(compile_condition(item) for item in condition.items)
    decisive = isinstance(condition, Any)  # True decides "eller", False decides "och"

    def combine(answers: Answers) -> bool | None:
        result: bool | None = not decisive
        for part in parts:
            value = part(answers)
            if value is decisive:
                return decisive
            if value is None:
                result = None
        return result

    return combine
