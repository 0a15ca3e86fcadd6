"""Diagnostics from the node graph and from the learner states of a scenario.

In:  a ``Scenario``, its ``NodeGraph`` (``scenario_graph``) and its ``Analysis``
     (``scenario_stats``).
Out: nothing; reported: from the node graph, always (any size): CS303 node and CS305 ending no
     path reaches, CS304 a node stuck whatever the conditions (no choices, only unknown targets,
     every way ends at such a dead end, a loop with no exit such as a node whose only choice
     leads back to itself). From the states, when the search completed: the same codes where
     only conditions cause them, CS307, CS316, CS306; when it stopped at a limit, CS314 saying
     which limit, what was checked and what was not. A node is reported once per code.
"""

from __future__ import annotations

from collections import deque

from coursec.check.digraph import Digraph, backward_closure, components
from coursec.check.scenario_graph import NodeGraph, Stuck
from coursec.check.scenario_stats import Analysis, looping_gains, passing_endings
from coursec.diagnostics import Code, Reporter
from coursec.model import Scenario
from coursec.parse.expr import TOTAL, names

FOLLOW_LIMIT = 20_000  # states looked at to name the dead end a stuck state runs into


def from_graph(scenario: Scenario, graph: NodeGraph, analysis: Analysis,
               reporter: Reporter) -> None:
    """The node graph's findings; a stuck node that conditions keep every learner out of is
    left to CS303 (when the state search completed and knows it)."""
    reached = graph.reached()
    learners = analysis.exploration.reached_nodes() if analysis.complete else reached
    for node in scenario.nodes.values():
        if node.id not in reached:
            reporter.report(Code.CS303, node.span, f"no path reaches node '{node.id}'")
    for ending in scenario.endings.values():
        if ending.id not in reached:
            reporter.report(Code.CS305, ending.span, f"no path reaches ending '{ending.id}'")
    for node_id, stuck in graph.stuck.items():
        if node_id not in learners:
            continue
        message = _stuck_message(stuck, graph.successors.get(node_id, []))
        reporter.report(
            Code.CS304, scenario.nodes[node_id].span, message + _after(graph.path_to(node_id))
        )


def _stuck_message(stuck: Stuck, successors: list[str]) -> str:
    node = stuck.node
    if stuck.kind == "no-choices":
        return f"node '{node}' has no choices and is not an ending: a dead end"
    if stuck.kind == "unknown-targets":
        listed = ", ".join(f"'{t}'" for t in stuck.unknown)
        return f"node '{node}' is a dead end: its choices lead only to unknown nodes ({listed})"
    dead = ", ".join(f"'{d}'" for d in stuck.dead_ends)
    dead = f"node {dead}" if len(stuck.dead_ends) == 1 else f"nodes {dead}"
    if stuck.kind == "dead-end":
        return f"from node '{node}' every path ends at a dead end ({dead})"
    if stuck.kind == "both":
        return (
            f"from node '{node}' no ending can be reached: every path ends at a dead end "
            f"({dead}) or in a loop with no exit"
        )
    if set(successors) == {node}:
        return (
            f"from node '{node}' no ending can be reached: its only choice leads back to itself "
            "(a loop with no exit)"
        )
    return f"from node '{node}' no ending can be reached (a loop with no exit)"


def _after(path: list[str], keep: int = 4) -> str:
    if len(path) < 2:
        return ""
    if len(path) > 2 * keep:
        path = [*path[:keep], f"... ({len(path) - 2 * keep} more)", *path[-keep:]]
    return ", after " + " -> ".join(path)


def from_states(scenario: Scenario, graph: NodeGraph, analysis: Analysis,
                reporter: Reporter) -> None:
    if not analysis.complete:
        _stopped(scenario, graph, analysis, reporter)
        return
    ex = analysis.exploration
    reached = ex.reached_nodes()
    structural = graph.reached()
    for node in scenario.nodes.values():
        if node.id in structural and node.id not in reached:
            reporter.report(Code.CS303, node.span, f"no path reaches node '{node.id}'")
    for ending in scenario.endings.values():
        if ending.id in structural and ending.id not in reached:
            reporter.report(Code.CS305, ending.span, f"no path reaches ending '{ending.id}'")
    _stuck_states(scenario, graph, analysis, reporter)
    flags_set = {f for n in scenario.nodes.values() for c in n.choices for f in c.sets}
    known = {*scenario.competencies, TOTAL}
    offered = ex.condition_true
    gid = 0
    for node in scenario.nodes.values():
        for choice in node.choices:
            gid += 1
            if node.id not in reached or choice.condition is None or gid - 1 in offered:
                continue
            compared, flags = names(choice.condition)
            if flags <= flags_set and compared <= known:  # else CS315 or CS302 said why
                reporter.report(
                    Code.CS307,
                    choice.condition_span or choice.span,
                    f"condition '{choice.condition_text}' is never true when node "
                    f"'{node.id}' is reached",
                )
    for choice, name in looping_gains(analysis):
        reporter.report(
            Code.CS316,
            choice.delta_spans.get(name, choice.span),
            f"'{name}' rises on a loop the learner can repeat; repeating it pushes the score to "
            f"the range limit {scenario.score_range[1]}",
            help="make the loop cost something (a negative delta), or raise the score only once "
            "with a flag: '{set acknowledged}' and 'if not acknowledged'",
        )
    unchecked = analysis.unchecked()
    pass_endings = [e for e in scenario.endings.values() if e.outcome.value == "pass"]
    pass_known = analysis.passing is not None
    # without a pass rule, a pass ending no one reaches is CS305 already
    rule = scenario.pass_rule is not None
    if rule and pass_endings and pass_known and not passing_endings(analysis):
        reporter.report(
            Code.CS306,
            scenario.pass_span or scenario.span,
            f"no path through scenario '{scenario.id}' satisfies its pass rule"
            + (f" '{scenario.pass_text}'" if scenario.pass_text else ""),
        )
    if unchecked:
        reporter.report(
            Code.CS314,
            scenario.span,
            f"scenario '{scenario.id}': following the scores no condition reads went over a "
            f"limit ({analysis.limits.states} learner states or {analysis.limits.seconds:g} s); "
            "checked: every node, ending, condition and dead end; not checked: "
            + ", ".join(unchecked),
            help="narrow ':range:' or use fewer competencies",
        )


def _stuck_states(scenario: Scenario, graph: NodeGraph, analysis: Analysis,
                  reporter: Reporter) -> None:
    """CS304 for nodes where conditions leave some learner with no way to an ending."""
    ex, finishing = analysis.exploration, analysis.finishing
    g = ex.graph
    stuck = bytearray(1 - m for m in finishing)
    first: dict[str, int] = {}
    for s in range(g.size):  # states are numbered breadth-first: the first is the shallowest
        if stuck[s]:
            first.setdefault(ex.node_id(s), s)
    first = {n: s for n, s in first.items() if n not in graph.stuck}
    if not first:
        return
    rev = g.reverse()
    terminal = [s for s in range(g.size) if stuck[s] and g.start[s] == g.start[s + 1]]
    _, cyclic = components(g, stuck)
    to_loop = backward_closure(rev, [s for s in range(g.size) if cyclic[s]], stuck)
    ends = set(terminal)
    for node_id, s in first.items():
        path = _after(ex.path_to(s))
        node = scenario.nodes[node_id]
        if g.start[s] == g.start[s + 1]:
            message = f"no choice of node '{node_id}' is available"
        elif to_loop[s] and not _runs_into(g, s, ends):
            message = f"from node '{node_id}' no ending can be reached (a loop with no exit)"
        else:
            end = _runs_into(g, s, ends)
            where = f" at node '{ex.node_id(end)}'" if end is not None else ""
            message = (
                f"from node '{node_id}' no ending can be reached: the way on ends{where}, where "
                "no choice is available"
                + (" (or in a loop with no exit)" if to_loop[s] else "")
            )
        reporter.report(Code.CS304, node.span, message + path)


def _runs_into(g: Digraph, start: int, terminal: set[int]) -> int | None:
    """The first terminal state a breadth-first walk from ``start`` meets (bounded)."""
    seen = {start}
    queue = deque([start])
    while queue and len(seen) < FOLLOW_LIMIT:
        s = queue.popleft()
        if s in terminal:
            return s
        for w in g.successors(s):
            if w not in seen:
                seen.add(w)
                queue.append(w)
    return None


def _stopped(scenario: Scenario, graph: NodeGraph, analysis: Analysis,
             reporter: Reporter) -> None:
    reached = graph.reached()
    safe = graph.unconditional_finish()
    nobody_stuck = all(n in safe for n in scenario.nodes if n in reached)
    checked = "unknown targets, reachability, dead ends and loops with no exit on the node graph"
    not_checked = ["conditions that are never true (CS307)", "the pass rule (CS306)",
                   "score farming (CS316)", "nodes only conditions keep out (CS303)"]
    if nobody_stuck:
        checked += ", and that no learner can get stuck (every node has a way to an ending " \
            "that no condition closes)"
    else:
        not_checked.insert(0, "learners stuck where conditions close the way on (CS304)")
    reporter.report(
        Code.CS314,
        scenario.span,
        f"scenario '{scenario.id}': the search over learner states stopped at "
        f"{analysis.exploration.stopped}; checked: {checked}; not checked: "
        + ", ".join(not_checked),
        help="narrow ':range:', compare fewer scores in conditions, or use fewer flags",
    )
