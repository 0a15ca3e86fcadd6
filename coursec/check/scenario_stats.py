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
from coursec.check.scenario_tracks import Track, directions, farmed, value_sets
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
    unread: list[str] = field(default_factory=list)  # competencies no condition reads
    sets: dict[str, list[int] | None] = field(default_factory=dict)  # their values per state
    pass_group: list[str] = field(default_factory=list)  # of those, the pass rule's
    passing: set[str] | None = None  # endings some learner passes at; None: not known
    joint: Track | None = None  # all unread scores together: counts learner states
    limits: Limits = LIMITS
    unfarmed: list[str] = field(default_factory=list)  # farming not checked (over the limit)

    @property
    def scenario(self) -> Scenario:
        return self.exploration.scenario

    @property
    def complete(self) -> bool:
        return self.exploration.stopped is None

    def states(self) -> tuple[int, bool]:
        """(learner states, exact?): distinct (node, scores, flags read). Counted on demand (up
        to ``COUNT_LIMIT``): only the report shows it, no check needs it."""
        if not self.unread or not self.complete:
            return len(self.exploration.keys), self.complete
        if self.joint is None:
            self.joint = Track(self.exploration, self.unread, False,
                               replace(LIMITS, states=COUNT_LIMIT))
        return len(self.joint), self.joint.stopped is None

    def unchecked(self) -> list[str]:
        """What a limit cut short, as phrases for the CS314 message."""
        out = [f"the range of '{name}' and its loops (CS316)" for name, found in
               self.sets.items() if found is None]
        out += [f"score farming of '{name}' (CS316)" for name in self.unfarmed]
        if self.passing is None:
            out.append("the pass rule (CS306)")
        return out


def analyse(scenario: Scenario, limits: Limits = LIMITS) -> Analysis:
    exploration = explore(scenario, limits)
    result = Analysis(exploration, limits=limits)
    if not result.complete:
        return result
    graph = exploration.graph
    endings = [s for s in range(graph.size) if exploration.is_ending(s)]
    result.finishing = backward_closure(graph.reverse(), endings)
    read = set(exploration.space.read)
    result.unread = [c for c in scenario.competencies if c not in read]
    for name in result.unread:
        result.sets[name] = value_sets(exploration, name, limits.seconds)
    compared = names(scenario.pass_rule)[0] if scenario.pass_rule is not None else set()
    result.pass_group = [c for c in result.unread if c in compared or TOTAL in compared]
    result.passing = _passing(result, limits)
    return result


def passing_endings(analysis: Analysis) -> set[str]:
    """Endings with outcome pass at which some learner state satisfies the pass rule (empty
    when that is not known: see ``Analysis.unchecked``)."""
    return analysis.passing or set()


def _passing(analysis: Analysis, limits: Limits) -> set[str] | None:
    ex, scenario = analysis.exploration, analysis.scenario
    rule = scenario.pass_rule
    pass_states = [
        s for s in range(len(ex.keys))
        if ex.is_ending(s) and scenario.endings[ex.node_id(s)].outcome.value == "pass"
    ]
    if rule is None:
        return {ex.node_id(s) for s in pass_states}
    group = analysis.pass_group
    check = compile_expr(rule, {n: i for i, n in enumerate([*ex.space.read, *group])},
                         {f: i for i, f in enumerate(ex.space.flags)})
    if not group:
        return {ex.node_id(s) for s in pass_states if check(ex.scores(s), ex.flags(s))}
    # a rule that wants each score only high (or only low) holds somewhere only if it holds at
    # the best corner of the values each score can have there: that rules states out at once
    way = directions(rule, group)
    sets = [analysis.sets.get(name) for name in group]
    lo = scenario.score_range[0]
    if way is not None and all(x is not None for x in sets):
        def corner(s: int) -> tuple[int, ...]:
            return tuple(
                (bits.bit_length() - 1 if way.get(name, 1) > 0 else (bits & -bits).bit_length()
                 - 1) + lo
                for name, bits in zip(group, [x[s] for x in sets if x is not None], strict=True)
            )
        pass_states = [s for s in pass_states if check(ex.scores(s) + corner(s), ex.flags(s))]
    wanted = {ex.node_id(s) for s in pass_states}
    candidates = set(pass_states)
    found: set[str] = set()

    def witness(state: int, vector: tuple[int, ...]) -> bool:
        if state in candidates and check(ex.scores(state) + vector, ex.flags(state)):
            found.add(ex.node_id(state))
        return found == wanted

    if not wanted:
        return found
    signs = [way.get(name, 1) if way else 1 for name in group]

    def score(vector: tuple[int, ...]) -> int:  # the better for a monotone rule, the sooner
        return sum(s * v for s, v in zip(signs, vector, strict=True))

    track = Track(ex, group, False, limits, until=witness, best=score if way else None)
    if track.stopped and found != wanted:
        return None  # a search for learners who pass ran out before it found them all
    return found


def ending_stats(analysis: Analysis) -> dict[str, EndingStats]:
    ex, scenario = analysis.exploration, analysis.scenario
    longest = _longest(ex)
    passing = passing_endings(analysis)
    lo = analysis.scenario.score_range[0]
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
    for name in analysis.unread:
        sets = analysis.sets.get(name)
        if sets is None:
            continue
        for s in range(len(ex.keys)):
            if ex.is_ending(s) and sets[s]:
                bits = sets[s]
                _widen(ranges, (ex.node_id(s), name), (bits & -bits).bit_length() - 1 + lo)
                _widen(ranges, (ex.node_id(s), name), bits.bit_length() - 1 + lo)
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
    comp, cyclic = components(ex.graph, analysis.finishing)
    for name in analysis.unread:
        sets = analysis.sets.get(name)
        gids = None if sets is None else farmed(ex, name, sets, analysis.finishing, comp,
                                                 cyclic, analysis.limits.edges)
        if gids is None:
            analysis.unfarmed.append(name)
        for gid in gids or []:
            found.setdefault((gid, name), (choices[gid], name))
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
