"""The scenario expression language: conditions on choices and pass rules. Never ``eval``.

Grammar (whitespace-separated, case-sensitive names)::

    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | atom
    atom    := "(" expr ")" | NAME OP NUMBER | NAME
    OP      := ">=" | "<=" | ">" | "<" | "==" | "!="

A ``NAME`` compared with a number is a competency score (or ``total``, the sum of all
competency scores); a bare ``NAME`` is a flag, true once a choice has ``set`` it. Examples:
``empathy >= 2``, ``offered-credit and not escalated``, ``total >= 5 or policy > 2``.

In:  the expression text and the column it starts at (for diagnostics).
Out: an ``Expr`` tree (``coursec.condition``: ``evaluate(scores, flags)``, the names it reads,
     and JSON for the browser runtime, which evaluates the same tree).
Reported by the caller: ``ExprError`` carries the column of the problem.
"""

from __future__ import annotations

import re

from coursec.condition import OPS, TOTAL, BoolOp, Compare, Expr, Flag, Not, names

__all__ = [  # the tree (coursec.condition) is re-exported for the parser's callers
    "OPS", "TOTAL", "BoolOp", "Compare", "Expr", "ExprError", "Flag", "Not", "names",
    "parse_expr",
]

_TOKEN_RE = re.compile(r"\s*(>=|<=|==|!=|>|<|\(|\)|-?\d+|[A-Za-z][A-Za-z0-9_-]*)")
KEYWORDS = {"and", "or", "not"}


class ExprError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def parse_expr(text: str) -> Expr:
    tokens = _tokenize(text)
    parser = _Parser(tokens, len(text))
    expr = parser.expr()
    if parser.pos < len(tokens):
        word, offset = tokens[parser.pos]
        raise ExprError(f"unexpected '{word}'", offset)
    return expr


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN_RE.match(text, pos)
        if not match:
            offset = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ExprError(f"unexpected character '{text[offset]}'", offset)
        tokens.append((match.group(1), match.start(1)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, int]], end: int) -> None:
        self.tokens = tokens
        self.pos = 0
        self.end = end

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def offset(self) -> int:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else self.end

    def take(self) -> str:
        word = self.peek()
        if word is None:
            raise ExprError("the condition ends too early", self.end)
        self.pos += 1
        return word

    def expr(self) -> Expr:
        parts = [self.conjunction()]
        while self.peek() == "or":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else BoolOp("or", tuple(parts))

    def conjunction(self) -> Expr:
        parts = [self.negation()]
        while self.peek() == "and":
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def negation(self) -> Expr:
        if self.peek() == "not":
            self.take()
            return Not(self.negation())
        return self.atom()

    def atom(self) -> Expr:
        offset = self.offset()
        word = self.take()
        if word == "(":
            inner = self.expr()
            if self.peek() != ")":
                raise ExprError("missing ')'", self.offset())
            self.take()
            return inner
        if not re.match(r"[A-Za-z]", word) or word in KEYWORDS:
            raise ExprError(f"expected a name, found '{word}'", offset)
        if self.peek() in OPS:
            op = self.take()
            number_offset = self.offset()
            number = self.take()
            if not re.fullmatch(r"-?\d+", number):
                raise ExprError(f"expected a whole number after '{op}'", number_offset)
            return Compare(word, op, int(number))
        return Flag(word)
