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

Conditions nest at most ``MAX_DEPTH`` levels (brackets and ``inte``): deeper text is a
``ConditionError``, never a ``RecursionError``, and trees built in code that are deeper
still are evaluated, compiled and walked without recursion.

Evaluation uses three-valued logic: a condition on a question that has not been
answered yet is *unknown* (``None``). A step is in the plan only when its
condition is ``True``, so nothing shows up before the answer that decides it.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

Answers = Mapping[str, str]

_TOKEN = re.compile(r"\s*(?:(?P<op>!=|=|\(|\)|,)|(?P<word>[\w\-]+))", re.UNICODE)
_KEYWORDS = {"och", "eller", "inte", "i"}

# Brackets and `inte` nested deeper than this are refused when parsing: no routine needs
# more than a handful, and recursion in Python stops near 1 000.
MAX_DEPTH = 50


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
    item: "Condition"

    def evaluate(self, answers: Answers) -> bool | None:
        value = self.item.evaluate(answers)
        return None if value is None else not value


class All(NamedTuple):
    items: tuple["Condition", ...]

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
    items: tuple["Condition", ...]

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
    """Every question/answer comparison in a condition, in order, for reference checks."""
    stack: list[Condition] = [condition]
    while stack:
        node = stack.pop()
        if isinstance(node, Compare):
            yield node
        elif isinstance(node, Not):
            stack.append(node.item)
        else:
            stack.extend(reversed(node.items))


def depth(condition: Condition) -> int:
    """How deeply ``inte`` and groups nest (a single comparison is 1); without recursion."""
    deepest = 0
    stack: list[tuple[Condition, int]] = [(condition, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(node, Not):
            stack.append((node.item, level + 1))
        elif not isinstance(node, Compare):
            stack.extend((item, level + 1) for item in node.items)
    return deepest


def evaluate_iteratively(condition: Condition, answers: Answers) -> bool | None:
    """The same three-valued result as ``condition.evaluate``, for trees of any depth."""
    values: list[bool | None] = []  # results of finished nodes, in post-order
    stack: list[tuple[Condition, bool]] = [(condition, False)]
    while stack:
        node, expanded = stack.pop()
        if isinstance(node, Compare):
            values.append(node.evaluate(answers))
            continue
        children = (node.item,) if isinstance(node, Not) else node.items
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        mine = values[len(values) - len(children) :]
        del values[len(values) - len(children) :]
        if isinstance(node, Not):
            values.append(None if mine[0] is None else not mine[0])
        else:
            decisive = isinstance(node, Any)
            values.append(decisive if decisive in mine else (None if None in mine else not decisive))
    return values[0]


def holds(condition: Condition | None, answers: Answers) -> bool | None:
    """``True``/``False``/``None`` (undecided); no condition always holds."""
    if condition is None:
        return True
    try:
        return condition.evaluate(answers)
    except RecursionError:  # a tree built in code, deeper than any parsed condition
        return evaluate_iteratively(condition, answers)


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
        self.depth = 0

    def enter(self) -> None:
        """One level deeper (`inte` or a bracket); refuse before Python's stack runs out."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(
                f"villkoret är nästlat i mer än {MAX_DEPTH} nivåer (parenteser och 'inte'); "
                "skriv det enklare",
                self.column(),
            )

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
            self.enter()
            self.take()
            inner = self.parse_not()
            self.depth -= 1
            return Not(inner)
        return self.parse_atom()

    def parse_atom(self) -> Condition:
        token = self.peek()
        if token is None:
            raise ConditionError("väntade en fråga men villkoret tog slut", self.column())
        if token == "(":
            self.enter()
            self.take()
            inner = self.parse_or()
            self.expect(")", "')'")
            self.depth -= 1
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

    ``phrase(question_id, value)`` returns how "question = value" reads. A tree nested
    deeper than ``MAX_DEPTH`` (only possible when built in code) is a ``ConditionError``.
    """
    if not isinstance(condition, Compare) and depth(condition) > MAX_DEPTH:
        raise ConditionError(f"villkoret är nästlat i mer än {MAX_DEPTH} nivåer", 1)
    return _describe(condition, phrase)


def _describe(condition: Condition, phrase: PhraseLookup) -> str:
    if isinstance(condition, Compare):
        parts = [phrase(condition.question, value) for value in condition.values]
        text = " eller ".join(parts)
        if condition.negated:
            return f"inte ({text})" if len(parts) > 1 else f"inte {text}"
        return text
    if isinstance(condition, Not):
        return f"inte ({_describe(condition.item, phrase)})"
    joiner = " och " if isinstance(condition, All) else " eller "
    rendered = []
    for item in condition.items:
        text = _describe(item, phrase)
        # An "eller" inside an "och" needs brackets, whether it is written as `eller`
        # or as `fråga i (a, b)`: "akut och (öppen utredning finns eller …)".
        alternatives = isinstance(item, Any) or (
            isinstance(item, Compare) and len(item.values) > 1 and not item.negated
        )
        if isinstance(condition, All) and (alternatives or isinstance(item, All)):
            text = f"({text})"
        rendered.append(text)
    return joiner.join(rendered)


Evaluator = Callable[[Answers], "bool | None"]


def compile_condition(condition: Condition) -> Evaluator:
    """The condition as nested closures: the same three-valued result as ``evaluate``,
    several times faster, for the validator's walk through every path.

    A tree deeper than ``MAX_DEPTH`` (only possible when built in code) gets the
    iterative evaluator instead of closures nested that deep."""
    if not isinstance(condition, Compare) and depth(condition) > MAX_DEPTH:
        return lambda answers: evaluate_iteratively(condition, answers)
    return _compile(condition)


def _compile(condition: Condition) -> Evaluator:
    if isinstance(condition, Compare):
        question, values, negated = condition.question, frozenset(condition.values), condition.negated

        def compare(answers: Answers) -> bool | None:
            answer = answers.get(question)
            return None if answer is None else (answer in values) != negated

        return compare
    if isinstance(condition, Not):
        inner = _compile(condition.item)

        def negate(answers: Answers) -> bool | None:
            value = inner(answers)
            return None if value is None else not value

        return negate
    parts = tuple(_compile(item) for item in condition.items)
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
