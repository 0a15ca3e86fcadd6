"""The one id registry (``coursec.parse.ids.IdScope``): one code per kind of clash.

Every kind of id (lesson, page, quiz, assessment, scenario, node, ending, choice, pair) is
claimed through ``IdScope.claim``: an invalid id is CS101, an id written twice in one scope
CS102 (naming the first one), whatever the id names. The golden texts of every scope are in
tests/fixtures/diagnostics/CS101-CS102-every-scope.*.
"""

from __future__ import annotations

import pytest

from coursec.diagnostics import Code, Reporter, Span
from coursec.parse.ids import IdScope

HERE = Span("lessons/01.md", 3, 1)


@pytest.mark.parametrize("what", ["lesson", "page", "quiz", "scenario", "node", "choice", "pair"])
def test_every_kind_gets_the_same_codes(what: str) -> None:
    scope, reporter = IdScope(where=" here"), Reporter()
    assert scope.claim("first", what, HERE, reporter) == "first"
    assert scope.claim("first", what, Span("lessons/01.md", 9, 1), reporter) is None
    assert scope.claim("1st", what, HERE, reporter) is None
    assert [(d.code, d.message) for d in reporter.diagnostics] == [
        (Code.CS102, f"duplicate {what} id 'first' here"),
        (Code.CS101, f"invalid {what} id '1st'"),
    ]
    assert reporter.diagnostics[0].help == (
        f"'first' is already the id of the {what} at line 3; give this one another id"
    )


def test_derived_ids_never_clash_and_are_never_reported() -> None:
    taken: set[str] = {"refund"}
    scope, reporter = IdScope(taken), Reporter()
    assert scope.derive("Refund!", "q") == "refund-2"
    assert scope.derive("", "q") == "q"
    assert taken == {"refund", "refund-2", "q"}  # the caller's set is the scope's
    # an id derived earlier is taken, but was not written: CS102 without a first place
    assert scope.claim("refund-2", "quiz", HERE, reporter) is None
    [diagnostic] = reporter.diagnostics
    assert diagnostic.code is Code.CS102 and diagnostic.help is None
