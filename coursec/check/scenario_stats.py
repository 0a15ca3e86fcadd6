"""The numbers and findings of the state analysis: who can finish, who can pass, path counts
and lengths, score ranges per ending, scores farmed on loops.

In:  a ``Scenario`` (its start node must exist) and ``Limits``.
Out: ``analyse`` gives an ``Analysis``: the control ``Exploration`` of ``scenario_states``, the
     control states that can still reach an ending, and the ``scenario_tracks`` of the scores no
     condition reads (one per competency, one for the pass rule's, one for all of them, to count
     learner states). The functions below read it: ``ending_stats``, ``count_paths``,
     ``looping_gains``, ``passing_endings``. Each is exact when the parts it needs completed;
     ``Analysis.unchecked`` names what a limit cut short.
Reported: nothing (``coursec.check.scenario`` reports).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from coursec.check.digraph import Digraph, backward_closure, components, topological
from coursec.check.scenario_states import LIMITS, Exploration, Limits, compile_expr, explore
from coursec.check.scenario_tracks import Track
from coursec.model import Scenario, ScenarioChoice
from coursec.parse.expr import TOTAL, names

PATH_CAP = 10_000
#: learner states counted at most for the report (the checks never need the count)
COUNT_LIMIT = 100_000


@dataclass
class EndingStats:
    shortest: int  # choices from the start
    longest: int | None  # None: unbounded (a loop can precede this ending)
    min_scores: dict[str, int]
    max_scores: dict[str, int]
    passes: bool  # some way to reach it satisfies the pass rule (and its outcome is pass)


@dataclass
class Analysis:
    exploration: Exploration
    finishing: bytearray = field(default_factory=bytearray)  # control states that can finish
    singles: dict[str, Track] = field(default_factory=dict)  # scores no condition reads
    pass_group: list[str] = field(default_factory=list)  # of those, the pass rule's
    pass_track: Track | None = None
    joint: Track | None = None  # all unread scores together: counts learner states

    @property
    def scenario(self) -> Scenario:
        return self.exploration.scenario

    @property
    def complete(self) -> bool:
        return self.exploration.stopped is None

    def states(self) -> tuple[int, bool]:
        """(learner states, exact?): distinct (node, scores, flags read)."""
        if self.joint is None:
            return len(self.exploration.keys), self.complete
        return len(self.joint), self.joint.stopped is None

    def unchecked(self) -> list[str]:
        """Which track limits cut short, as phrases for the CS314 message."""
        out = [f"the range of '{name}' and its loops" for name, t in self.singles.items()
               if t.stopped]
        if self.pass_track is not None and self.pass_track.stopped:
            out.append("the pass rule")
        return out


def analyse(scenario: Scenario, limits: Limits = LIMITS) -> Analysis:
    exploration = explore(scenario, limits)
    result = Analysis(exploration)
    if not result.complete:
        return result
    graph = exploration.graph
    endings = [s for s in range(graph.size) if exploration.is_ending(s)]
    result.finishing = backward_closure(graph.reverse(), endings)
    read = set(exploration.space.read)
    unread = [c for c in scenario.competencies if c not in read]
    for name in unread:
        result.singles[name] = Track(exploration, [name], True, limits)
    compared = names(scenario.pass_rule)[0] if scenario.pass_rule is not None else set()
    result.pass_group = [c for c in unread if c in compared or TOTAL in compared]
    if len(result.pass_group) == 1:
        result.pass_track = result.singles[result.pass_group[0]]
    elif result.pass_group:
        result.pass_track = Track(exploration, result.pass_group, False, limits)
    if len(unread) == 1:
        result.joint = result.singles[unread[0]]
    elif unread:
        result.joint = (
            result.pass_track if result.pass_group == unread
            else Track(exploration, unread, False, replace(limits, states=COUNT_LIMIT))
        )
    return result


def passing_endings(analysis: Analysis) -> set[str]:
    """Endings with outcome pass at which some learner state satisfies the pass rule."""
    ex, scenario = analysis.exploration, analysis.scenario
    rule = scenario.pass_rule
    order = [*ex.space.read, *analysis.pass_group]
    check = (
        compile_expr(rule, {n: i for i, n in enumerate(order)},
                     {f: i for i, f in enumerate(ex.space.flags)})
        if rule is not None else None
    )
    found: set[str] = set()
    pass_states = {
        s for s in range(len(ex.keys))
        if ex.is_ending(s) and scenario.endings[ex.node_id(s)].outcome.value == "pass"
    }
    if check is None:
        return {ex.node_id(s) for s in pass_states}
    if not analysis.pass_group:
        return {ex.node_id(s) for s in pass_states if check(ex.scores(s), ex.flags(s))}
    track = analysis.pass_track
    assert track is not None
    for t, state in enumerate(track.control):
        if state in pass_states and check(ex.scores(state) + track.vector[t], ex.flags(state)):
            found.add(ex.node_id(state))
    return found


def ending_stats(analysis: Analysis) -> dict[str, EndingStats]:
    ex, scenario = analysis.exploration, analysis.scenario
    longest = _longest(ex)
    passing = passing_endings(analysis)
    read = {name: i for i, name in enumerate(ex.space.read)}
    stats: dict[str, EndingStats] = {}
    for s in range(len(ex.keys)):
        if not ex.is_ending(s):
            continue
        ending = ex.node_id(s)
        found = stats.get(ending)
        if found is None:
            stats[ending] = EndingStats(ex.depth[s], longest[s], {}, {}, ending in passing)
            continue
        found.shortest = min(found.shortest, ex.depth[s])
        value = longest[s]
        found.longest = None if value is None or found.longest is None else max(found.longest,
                                                                                 value)
    ranges: dict[tuple[str, str], list[int]] = {}
    for s in range(len(ex.keys)):
        if ex.is_ending(s):
            vector = ex.scores(s)
            for name, i in read.items():
                _widen(ranges, (ex.node_id(s), name), vector[i])
    for name, track in analysis.singles.items():
        for t, state in enumerate(track.control):
            if ex.is_ending(state):
                _widen(ranges, (ex.node_id(state), name), track.vector[t][0])
    for ending, found in stats.items():
        for name in scenario.competencies:
            lo_hi = ranges.get((ending, name))
            if lo_hi is not None:
                found.min_scores[name], found.max_scores[name] = lo_hi
    return stats


def _widen(ranges: dict[tuple[str, str], list[int]], key: tuple[str, str], value: int) -> None:
    found = ranges.get(key)
    if found is None:
        ranges[key] = [value, value]
    elif value < found[0]:
        found[0] = value
    elif value > found[1]:
        found[1] = value


def count_paths(analysis: Analysis, cap: int = PATH_CAP) -> tuple[int, bool]:
    """(number of distinct choice sequences from start to any ending, capped?)."""
    ex, keep = analysis.exploration, analysis.finishing
    graph = ex.graph
    order = topological(graph, keep)
    if order is None:
        return cap, True  # a loop that can still finish: infinitely many paths
    ways = [0] * graph.size
    for s in reversed(order):
        total = 1 if ex.is_ending(s) else 0
        for e in graph.out(s):
            if keep[graph.to[e]]:
                total += ways[graph.to[e]]
        ways[s] = min(total, cap + 1)
    count = ways[0] if keep and keep[0] else 0
    return min(count, cap), count > cap


def _longest(ex: Exploration) -> list[int | None]:
    """Longest path from the start to each state; None when a cycle can precede it."""
    graph = ex.graph
    everything = bytearray(b"\x01") * graph.size
    order = topological(graph, everything)
    after_cycle = bytearray(graph.size)
    if order is None:
        _, cyclic = components(graph)
        queue = deque(v for v in range(graph.size) if cyclic[v])
        for v in queue:
            after_cycle[v] = 1
        while queue:
            for w in graph.successors(queue.popleft()):
                if not after_cycle[w]:
                    after_cycle[w] = 1
                    queue.append(w)
        acyclic = bytearray(1 - m for m in after_cycle)
        order = topological(graph, acyclic) or []
    dist: list[int | None] = [None] * graph.size
    if graph.size and not after_cycle[0]:
        dist[0] = 0
    for v in order:
        here = dist[v]
        if here is None:
            continue
        for w in graph.successors(v):
            if not after_cycle[w]:
                there = dist[w]
                dist[w] = here + 1 if there is None or there < here + 1 else there
    return dist


def looping_gains(analysis: Analysis) -> list[tuple[ScenarioChoice, str]]:
    """(choice, competency) where repeating a loop farms a score: inside a cycle from which the
    learner can still finish, the choice would lift the competency above the top of the range
    and is clamped. A cycle returns to the same scores, so a gain on it is either paid back by
    another choice of the loop (no farming) or absorbed by the clamp (farming: reported). Read
    scores are looked at on the control graph, the others on their own track."""
    ex = analysis.exploration
    top = analysis.scenario.score_range[1]
    choices = ex.space.choices
    found: dict[tuple[int, str], tuple[ScenarioChoice, str]] = {}

    def scan(graph: Digraph, keep: bytearray, value: list[tuple[int, ...]] | None,
             group: list[str]) -> None:
        comp, cyclic = components(graph, keep)
        for v in range(graph.size):
            if not cyclic[v]:
                continue
            scores = ex.scores(v) if value is None else value[v]
            for e in graph.out(v):
                if comp[graph.to[e]] != comp[v]:
                    continue
                choice = choices[graph.label[e]]
                for i, name in enumerate(group):
                    if scores[i] + choice.deltas.get(name, 0) > top:
                        found.setdefault((graph.label[e], name), (choice, name))

    scan(ex.graph, analysis.finishing, None, ex.space.read)
    for name, track in analysis.singles.items():
        if track.graph is not None and not track.stopped:
            keep = bytearray(analysis.finishing[c] for c in track.control)
            scan(track.graph, keep, track.vector, [name])
    return list(found.values())


def marks(scenario: Scenario, limits: Limits = LIMITS) -> tuple[set[str], set[str]]:
    """(nodes some learner reaches, nodes where some learner has no way to an ending), for the
    picture: exact when the state search completes, else from the node graph alone."""
    from coursec.check.scenario_graph import node_graph  # the graph module needs no states

    if scenario.start not in scenario.nodes:
        return set(), set()
    graph = node_graph(scenario)
    reached, stuck = graph.reached(), set(graph.stuck)
    result = analyse(scenario, limits)
    if result.complete:
        ex = result.exploration
        reached &= ex.reached_nodes()
        stuck &= reached
        stuck |= {ex.node_id(s) for s in range(len(ex.keys)) if not result.finishing[s]}
    return reached, stuck
