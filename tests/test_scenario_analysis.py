"""The scenario analysis against brute force on small random graphs (hypothesis).

The oracle below re-implements the scenario rules independently (clamped scores, flags,
conditions) and computes reachability by naive fixpoint iteration over the *whole* product
space of (node, scores, flags), co-reachability of endings the same way backwards, and path
counts / longest paths by explicit enumeration of every choice sequence when the graph is
acyclic. ``coursec.check.scenario_states`` must agree with it exactly.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from coursec.check import scenario_states as analysis
from coursec.diagnostics import Span
from coursec.model import Ending, Outcome, Scenario, ScenarioChoice, ScenarioNode
from coursec.parse.expr import Compare, Flag, Not, parse_expr

SPAN = Span("x.md", 1, 1)
LO, HI = -2, 2
COMPETENCIES = ["c0", "c1"]
FLAGS = ["f0"]


@dataclass(frozen=True)
class Spec:
    nodes: int
    endings: list[str]  # outcome per ending
    choices: list[list[tuple[int, dict[str, int], str | None, object]]]


def conditions() -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.builds(
            Compare,
            st.sampled_from([*COMPETENCIES, "total"]),
            st.sampled_from([">=", "<=", "<", ">", "==", "!="]),
            st.integers(-3, 3),
        ),
        st.just(Flag("f0")),
        st.just(Not(Flag("f0"))),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n_nodes = draw(st.integers(1, 4))
    endings = draw(st.lists(st.sampled_from(["pass", "fail", "neutral"]), min_size=1, max_size=2))
    targets = [f"n{i}" for i in range(n_nodes)] + [f"e{i}" for i in range(len(endings))]
    scenario = Scenario(
        id="s",
        title="s",
        start="n0",
        span=SPAN,
        competencies=list(COMPETENCIES),
        score_range=(LO, HI),
        pass_rule=draw(st.sampled_from([None, parse_expr("c0 >= 1"), parse_expr("total <= 0")])),
    )
    for i in range(n_nodes):
        node = ScenarioNode(f"n{i}", [], SPAN)
        for j in range(draw(st.integers(0, 3))):
            deltas = draw(st.dictionaries(st.sampled_from(COMPETENCIES), st.integers(-2, 2)))
            flag_op = draw(st.sampled_from([None, "set", "unset"]))
            condition = draw(conditions())
            node.choices.append(
                ScenarioChoice(
                    id=f"c{j}",
                    text_md="t",
                    target=draw(st.sampled_from(targets)),
                    span=SPAN,
                    target_span=SPAN,
                    deltas=deltas,
                    sets=["f0"] if flag_op == "set" else [],
                    unsets=["f0"] if flag_op == "unset" else [],
                    condition=condition,  # type: ignore[arg-type]
                )
            )
        scenario.nodes[node.id] = node
    for i, outcome in enumerate(endings):
        scenario.endings[f"e{i}"] = Ending(f"e{i}", Outcome(outcome), [], SPAN)
    return scenario


# -- the oracle: an independent, naive implementation of the rules ---------------------------


def o_moves(scenario: Scenario, state: tuple[str, tuple[int, ...], frozenset[str]]):  # type: ignore[no-untyped-def]
    node_id, scores, flags = state
    node = scenario.nodes.get(node_id)
    if node is None:
        return []
    named = dict(zip(COMPETENCIES, scores, strict=True))
    moves = []
    for choice in node.choices:
        cond = choice.condition
        if cond is not None:
            if isinstance(cond, Compare):
                value = sum(scores) if cond.name == "total" else named[cond.name]
                ok = {
                    ">=": value >= cond.value,
                    "<=": value <= cond.value,
                    ">": value > cond.value,
                    "<": value < cond.value,
                    "==": value == cond.value,
                    "!=": value != cond.value,
                }[cond.op]
            elif isinstance(cond, Flag):
                ok = cond.name in flags
            else:
                ok = "f0" not in flags
            if not ok:
                continue
        new_scores = tuple(
            max(LO, min(HI, named[c] + choice.deltas.get(c, 0))) for c in COMPETENCIES
        )
        new_flags = frozenset((set(flags) | set(choice.sets)) - set(choice.unsets))
        moves.append((choice.target, new_scores, new_flags))
    return moves


def o_all_states(scenario: Scenario) -> list[tuple[str, tuple[int, ...], frozenset[str]]]:
    nodes = list(scenario.nodes) + list(scenario.endings)
    scores = list(itertools.product(range(LO, HI + 1), repeat=len(COMPETENCIES)))
    flag_sets = [frozenset(), frozenset(FLAGS)]
    return [(n, s, f) for n in nodes for s in scores for f in flag_sets]


def o_reachable(scenario: Scenario) -> dict[tuple[str, tuple[int, ...], frozenset[str]], int]:
    """State -> fewest choices from the start, by rounds of naive relaxation."""
    start = ("n0", (0, 0), frozenset())
    depth = {start: 0}
    changed = True
    rounds = 0
    while changed:
        changed = False
        rounds += 1
        for state in o_all_states(scenario):
            if state not in depth or depth[state] != rounds - 1:
                continue
            for nxt in o_moves(scenario, state):
                if nxt not in depth:
                    depth[nxt] = rounds
                    changed = True
    return depth


def o_finishing(scenario: Scenario, reach: set) -> set:  # type: ignore[type-arg]
    good = {s for s in reach if s[0] in scenario.endings}
    changed = True
    while changed:
        changed = False
        for state in reach:
            if state not in good and any(n in good for n in o_moves(scenario, state)):
                good.add(state)
                changed = True
    return good


def o_paths(scenario: Scenario, finishing: set, limit: int = 3000) -> list[list[tuple]] | None:  # type: ignore[type-arg]
    """Every choice sequence from the start to an ending (walking only through states that can
    still finish); None when the walk exceeds its budget (a loop: infinitely many paths)."""
    results: list[list[tuple]] = []  # type: ignore[type-arg]
    budget = [limit * 20]

    def walk(state: tuple, path: list[tuple]) -> bool:  # type: ignore[type-arg]
        budget[0] -= 1
        if budget[0] < 0 or len(path) > 40:
            return False
        if state[0] in scenario.endings:
            results.append(path)
        for nxt in o_moves(scenario, state):
            if nxt in finishing and not walk(nxt, [*path, nxt]):
                return False
        return True

    start = ("n0", (0, 0), frozenset())
    if start not in finishing:
        return []
    return results if walk(start, [start]) else None


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios())
def test_analysis_matches_brute_force(scenario: Scenario) -> None:
    exploration = analysis.explore(scenario)
    depth = o_reachable(scenario)
    got = {(s.node, s.scores, s.flags): exploration.depth[s] for s in exploration.states}
    assert got == depth

    finishing = {(s.node, s.scores, s.flags) for s in analysis.can_finish(exploration)}
    oracle_finishing = o_finishing(scenario, set(depth))
    assert finishing == oracle_finishing

    stats = analysis.ending_stats(exploration)
    for ending in scenario.endings:
        at_ending = [s for s in depth if s[0] == ending]
        if not at_ending:
            assert ending not in stats
            continue
        assert stats[ending].shortest == min(depth[s] for s in at_ending)
        for i, name in enumerate(COMPETENCIES):
            assert stats[ending].min_scores[name] == min(s[1][i] for s in at_ending)
            assert stats[ending].max_scores[name] == max(s[1][i] for s in at_ending)

    paths = o_paths(scenario, oracle_finishing)
    count, capped = analysis.count_paths(exploration)
    if paths is not None:  # finite and small: enumeration is the truth
        assert (count, capped) == (len(paths), False)
        for ending in stats:
            lengths = [len(p) - 1 for p in paths if p[-1][0] == ending]
            if lengths:
                assert stats[ending].longest == max(lengths)
    else:  # the walk ran out of budget: a loop that can still finish, or a huge number
        assert capped
