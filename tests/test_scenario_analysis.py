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
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursec.check import scenario_stats as analysis
from coursec.check.scenario import check_scenario
from coursec.check.scenario_graph import node_graph
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Ending, Outcome, Scenario, ScenarioChoice, ScenarioNode
from coursec.parse.expr import BoolOp, Compare, Flag, Not, parse_expr

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
            st.sampled_from(["c0", "c0", "c0", "c1", "total"]),  # c1 often unread
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
        competency_spans=dict.fromkeys(COMPETENCIES, SPAN),
        score_range=(LO, HI),
        pass_rule=draw(st.sampled_from([
            None, parse_expr("c0 >= 1"), parse_expr("total <= 0"), parse_expr("c1 >= 1"),
            parse_expr("c0 >= 1 and c1 <= 0"), parse_expr("f0 or c1 < 0"),
        ])),
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


def o_eval(cond: object, scores: tuple[int, ...], flags: frozenset[str]) -> bool:
    named = dict(zip(COMPETENCIES, scores, strict=True))
    if isinstance(cond, Compare):
        value = sum(scores) if cond.name == "total" else named[cond.name]
        return {
            ">=": value >= cond.value,
            "<=": value <= cond.value,
            ">": value > cond.value,
            "<": value < cond.value,
            "==": value == cond.value,
            "!=": value != cond.value,
        }[cond.op]
    if isinstance(cond, Flag):
        return cond.name in flags
    if isinstance(cond, Not):
        return not o_eval(cond.inner, scores, flags)
    assert isinstance(cond, BoolOp)
    results = [o_eval(p, scores, flags) for p in cond.parts]
    return all(results) if cond.op == "and" else any(results)


OState = tuple[str, tuple[int, ...], frozenset[str]]


def o_moves(scenario: Scenario, state: OState) -> list[tuple[ScenarioChoice, OState]]:
    """(choice, next state) for every choice offered in ``state``."""
    node_id, scores, flags = state
    node = scenario.nodes.get(node_id)
    if node is None:
        return []
    named = dict(zip(COMPETENCIES, scores, strict=True))
    moves: list[tuple[ScenarioChoice, OState]] = []
    for choice in node.choices:
        if choice.condition is not None and not o_eval(choice.condition, scores, flags):
            continue
        new_scores = tuple(
            max(LO, min(HI, named[c] + choice.deltas.get(c, 0))) for c in COMPETENCIES
        )
        new_flags = frozenset((set(flags) | set(choice.sets)) - set(choice.unsets))
        moves.append((choice, (choice.target, new_scores, new_flags)))
    return moves


def o_next(scenario: Scenario, state: OState) -> list[OState]:
    return [nxt for _, nxt in o_moves(scenario, state)]


def o_all_states(scenario: Scenario) -> list[OState]:
    nodes = list(scenario.nodes) + list(scenario.endings)
    scores = list(itertools.product(range(LO, HI + 1), repeat=len(COMPETENCIES)))
    flag_sets: list[frozenset[str]] = [frozenset(), frozenset(FLAGS)]
    return [(n, s, f) for n in nodes for s in scores for f in flag_sets]


def o_reachable(scenario: Scenario) -> dict[OState, int]:
    """State -> fewest choices from the start, by rounds of naive relaxation."""
    start: OState = ("n0", (0, 0), frozenset())
    depth = {start: 0}
    changed = True
    rounds = 0
    while changed:
        changed = False
        rounds += 1
        for state in o_all_states(scenario):
            if state not in depth or depth[state] != rounds - 1:
                continue
            for nxt in o_next(scenario, state):
                if nxt not in depth:
                    depth[nxt] = rounds
                    changed = True
    return depth


def o_finishing(scenario: Scenario, reach: set[OState]) -> set[OState]:
    good = {s for s in reach if s[0] in scenario.endings}
    changed = True
    while changed:
        changed = False
        for state in reach:
            if state not in good and any(n in good for n in o_next(scenario, state)):
                good.add(state)
                changed = True
    return good


def o_paths(scenario: Scenario, finishing: set[OState], limit: int = 3000
            ) -> list[list[OState]] | None:
    """Every choice sequence from the start to an ending (walking only through states that can
    still finish); None when the walk exceeds its budget (a loop: infinitely many paths)."""
    results: list[list[OState]] = []
    budget = [limit * 20]

    def walk(state: OState, path: list[OState]) -> bool:
        budget[0] -= 1
        if budget[0] < 0 or len(path) > 40:
            return False
        if state[0] in scenario.endings:
            results.append(path)
        for nxt in o_next(scenario, state):
            if nxt in finishing and not walk(nxt, [*path, nxt]):
                return False
        return True

    start: OState = ("n0", (0, 0), frozenset())
    if start not in finishing:
        return []
    return results if walk(start, [start]) else None



def o_passes(scenario: Scenario, state: OState) -> bool:
    ending = scenario.endings.get(state[0])
    if ending is None or ending.outcome.value != "pass":
        return False
    return scenario.pass_rule is None or o_eval(scenario.pass_rule, state[1], state[2])


def o_farmed(
    scenario: Scenario, reach: set[OState], finishing: set[OState]
) -> set[tuple[int, str]]:
    """(id(choice), competency) clamped at the top on an edge inside a cycle of the full state
    graph, from a state that can finish: by transitive closure, the slow obvious way."""
    after: dict[OState, set[OState]] = {}
    for state in reach:
        seen: set[OState] = set()
        todo = o_next(scenario, state)
        while todo:
            nxt = todo.pop()
            if nxt not in seen:
                seen.add(nxt)
                todo.extend(o_next(scenario, nxt))
        after[state] = seen
    found = set()
    for state in reach & finishing:
        for choice, nxt in o_moves(scenario, state):
            if state in after[nxt]:  # the edge lies on a cycle
                for i, name in enumerate(COMPETENCIES):
                    if state[1][i] + choice.deltas.get(name, 0) > HI:
                        found.add((id(choice), name))
    return found


def project(an: analysis.Analysis, state: OState) -> tuple[str, tuple[int, ...], frozenset[str]]:
    """The control part of a full state: its node, the scores conditions read, flags read."""
    space = an.exploration.space
    named = dict(zip(COMPETENCIES, state[1], strict=True))
    return state[0], tuple(named[c] for c in space.read), state[2] & set(space.flags)


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios())
def test_analysis_matches_brute_force(scenario: Scenario) -> None:
    an = analysis.analyse(scenario)
    ex = an.exploration
    assert an.complete and not an.unchecked()
    depth = o_reachable(scenario)
    control = {
        (ex.node_id(s), ex.scores(s), ex.flag_names(s)): ex.depth[s] for s in range(len(ex.keys))
    }
    projected: dict[OState, int] = {}
    for state, d in depth.items():
        key = project(an, state)
        projected[key] = min(d, projected.get(key, d))
    assert control == projected

    # learner states: (node, every score, the flags read) - flags no one reads change nothing
    assert an.states() == (len({(s[0], s[1], project(an, s)[2]) for s in depth}), True)

    oracle_finishing = o_finishing(scenario, set(depth))
    finishing = {
        (ex.node_id(s), ex.scores(s), ex.flag_names(s))
        for s in range(len(ex.keys)) if an.finishing[s]
    }
    assert finishing == {project(an, s) for s in oracle_finishing}
    assert not finishing & {project(an, s) for s in set(depth) - oracle_finishing}

    offered = {id(ex.space.choices[g]) for g in ex.condition_true}
    assert offered == {id(c) for s in depth for c, _ in o_moves(scenario, s)}

    stats = analysis.ending_stats(an)
    for ending in scenario.endings:
        at_ending = [s for s in depth if s[0] == ending]
        if not at_ending:
            assert ending not in stats
            continue
        assert stats[ending].shortest == min(depth[s] for s in at_ending)
        assert stats[ending].passes == any(o_passes(scenario, s) for s in at_ending)
        for i, name in enumerate(COMPETENCIES):
            assert stats[ending].min_scores[name] == min(s[1][i] for s in at_ending)
            assert stats[ending].max_scores[name] == max(s[1][i] for s in at_ending)
    assert analysis.passing_endings(an) == {s[0] for s in depth if o_passes(scenario, s)}

    gains = {(id(c), name) for c, name in analysis.looping_gains(an)}
    assert gains == o_farmed(scenario, set(depth), oracle_finishing)

    paths = o_paths(scenario, oracle_finishing)
    count, capped = analysis.count_paths(an)
    if paths is not None:  # finite and small: enumeration is the truth
        assert (count, capped) == (len(paths), False)
        for ending in stats:
            lengths = [len(p) - 1 for p in paths if p[-1][0] == ending]
            if lengths:
                assert stats[ending].longest == max(lengths)
    else:  # the walk ran out of budget: a loop that can still finish, or a huge number
        assert capped

    # the node graph is sound: what it calls unreached or stuck is so for every learner
    graph = node_graph(scenario)
    assert {s[0] for s in depth} <= graph.reached()
    stuck_nodes = {s[0] for s in set(depth) - oracle_finishing if s[0] in scenario.nodes}
    assert set(graph.stuck) & {s[0] for s in depth} <= stuck_nodes
    assert analysis.marks(scenario) == ({s[0] for s in depth}, stuck_nodes)
    safe = graph.unconditional_finish()
    assert not stuck_nodes & safe


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios())
def test_stopped_search_keeps_the_structural_checks(scenario: Scenario) -> None:
    """With a state limit of 1 the state search stops at once; the node graph's findings do not
    depend on it, and the report says so (CS314) instead of claiming anything about states."""
    from coursec.check.scenario_states import Limits

    full, tiny = Reporter(), Reporter()
    check_scenario(scenario, full)
    assert check_scenario(scenario, tiny, Limits(states=0)) is None
    graph = node_graph(scenario)
    codes = [d.code for d in tiny.diagnostics]
    unreached = [n for n in scenario.node_ids() if n not in graph.reached()]
    assert codes.count(Code.CS303) + codes.count(Code.CS305) == len(unreached)
    assert codes.count(Code.CS304) == len(graph.stuck)
    assert codes.count(Code.CS301) == [d.code for d in full.diagnostics].count(Code.CS301)
    assert codes.count(Code.CS314) == 1
    assert not {Code.CS306, Code.CS307, Code.CS316} & set(codes)
    # and whatever the full search calls unreached on the node graph, the stopped one does too
    full_graph = {d.message for d in full.diagnostics if d.code in (Code.CS303, Code.CS305)
                  if any(f"'{n}'" in d.message for n in unreached)}
    assert full_graph <= {d.message for d in tiny.diagnostics}


def _stress_scenario(name: str, tmp_path: Path) -> Scenario:
    import importlib.util
    import sys

    from coursec.parse import load_course

    path = Path(__file__).resolve().parents[1] / "bench" / "scenario_gen.py"
    spec = importlib.util.spec_from_file_location("bench_scenario_gen", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: s\ntitle: S\ntargets: [web]\n")
    text = "\n".join(["# Practice", "", *module.CASES[name](), ""])
    (tmp_path / "lessons" / "01-practice.md").write_text(text)
    course = load_course(tmp_path, Reporter())
    assert course is not None
    (scenario,) = course.scenarios()
    return scenario


@pytest.mark.parametrize("name", ["range-15", "48-choices"])
def test_issue_stress_cases_are_analysed_exactly(name: str, tmp_path: Path) -> None:
    """Issue 11's cases (3 competencies at +-15; 6 competencies with 48 choices a node) went
    over the old 100,000-state cap and skipped the checks (CS314). No condition reads their
    scores, so the control graph has 4 states and every check is exact."""
    scenario = _stress_scenario(name, tmp_path)
    reporter = Reporter()
    report = check_scenario(scenario, reporter, report=True)
    assert report is not None
    assert Code.CS314 not in {d.code for d in reporter.diagnostics}
    an = analysis.analyse(scenario)
    assert len(an.exploration.keys) == 4 and an.complete and not an.unchecked()
    lo, hi = scenario.score_range
    done = report.per_ending["done"]
    for name_ in scenario.competencies:  # loops push every score to an end of the range
        assert done.min_scores[name_] == lo or done.max_scores[name_] == hi
    assert {d.code for d in reporter.diagnostics} == {Code.CS316}  # and it is farmable
