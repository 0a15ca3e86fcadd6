"""Exact exploration of a scenario's state space, and the numbers the report shows.

A learner's situation in a scenario is a *state*: (node, competency scores, flags set). A choice
is available in a state when its condition holds there; taking it adds its deltas to the scores,
clamps every score to the scenario's ``score_range``, sets/unsets its flags and moves to its
target. The player in the browser applies exactly these rules.

Termination: the number of distinct states is finite - at most
``len(nodes) * (hi - lo + 1) ** len(competencies) * 2 ** len(flags)`` because scores are clamped
to ``[lo, hi]`` and flags are a subset of the flags named in the scenario - and the breadth-first
search visits each state at most once (``seen``). A ``cap`` on visited states bounds the work on
pathological inputs; hitting it is reported (CS314), never silently truncated. Everything below
(reachability, dead ends, loops, path counts, shortest and longest paths, score ranges per
ending) is computed on that finite graph, so it is exact, loops included: a loop shows up as a
cycle in the state graph, and "longest path" or "number of paths" is reported as unbounded when
such a cycle can still reach the ending.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from coursec.model import Scenario, ScenarioChoice

PATH_CAP = 10_000
STATE_CAP = 100_000


@dataclass(frozen=True)
class State:
    node: str
    scores: tuple[int, ...]
    flags: frozenset[str]


@dataclass
class EndingStats:
    shortest: int  # choices from the start
    longest: int | None  # None: unbounded (a loop can precede this ending)
    min_scores: dict[str, int]
    max_scores: dict[str, int]
    passes: bool  # some way to reach it satisfies the pass rule (and its outcome is pass)


@dataclass
class Exploration:
    scenario: Scenario
    states: set[State] = field(default_factory=set)
    edges: dict[State, list[tuple[ScenarioChoice, State]]] = field(default_factory=dict)
    parent: dict[State, tuple[State, ScenarioChoice] | None] = field(default_factory=dict)
    depth: dict[State, int] = field(default_factory=dict)
    condition_true: set[int] = field(default_factory=set)  # id() of choices ever available
    capped: bool = False

    def reached_nodes(self) -> set[str]:
        return {state.node for state in self.states}

    def scores_of(self, state: State) -> dict[str, int]:
        return dict(zip(self.scenario.competencies, state.scores, strict=True))

    def path_to(self, state: State) -> list[str]:
        """Node ids from the start to ``state`` along a shortest path."""
        nodes = [state.node]
        step = self.parent.get(state)
        while step is not None:
            nodes.append(step[0].node)
            step = self.parent.get(step[0])
        return nodes[::-1]


def start_state(scenario: Scenario) -> State:
    lo, hi = scenario.score_range
    zero = min(max(0, lo), hi)
    return State(scenario.start, tuple(zero for _ in scenario.competencies), frozenset())


def available(scenario: Scenario, state: State) -> list[ScenarioChoice]:
    node = scenario.nodes.get(state.node)
    if node is None:
        return []
    scores = dict(zip(scenario.competencies, state.scores, strict=True))
    return [
        choice
        for choice in node.choices
        if choice.condition is None or choice.condition.evaluate(scores, state.flags)
    ]


def step(scenario: Scenario, state: State, choice: ScenarioChoice) -> State:
    lo, hi = scenario.score_range
    scores = tuple(
        min(hi, max(lo, value + choice.deltas.get(name, 0)))
        for name, value in zip(scenario.competencies, state.scores, strict=True)
    )
    flags = (state.flags | set(choice.sets)) - set(choice.unsets)
    return State(choice.target, scores, frozenset(flags))


def explore(scenario: Scenario, cap: int = STATE_CAP) -> Exploration:
    """Breadth-first search over states from the start (assumes the start node exists)."""
    result = Exploration(scenario)
    start = start_state(scenario)
    result.states.add(start)
    result.parent[start] = None
    result.depth[start] = 0
    queue = deque([start])
    known = scenario.nodes.keys() | scenario.endings.keys()
    while queue:
        state = queue.popleft()
        out: list[tuple[ScenarioChoice, State]] = []
        for choice in available(scenario, state):
            result.condition_true.add(id(choice))
            if choice.target not in known:
                continue
            nxt = step(scenario, state, choice)
            out.append((choice, nxt))
            if nxt not in result.states:
                if len(result.states) >= cap:
                    result.capped = True
                    continue
                result.states.add(nxt)
                result.parent[nxt] = (state, choice)
                result.depth[nxt] = result.depth[state] + 1
                queue.append(nxt)
        result.edges[state] = out
    return result


def can_finish(exploration: Exploration) -> set[State]:
    """States from which some ending state can be reached (reverse search)."""
    reverse: dict[State, list[State]] = {}
    for source, outs in exploration.edges.items():
        for _, target in outs:
            reverse.setdefault(target, []).append(source)
    endings = exploration.scenario.endings
    good = {state for state in exploration.states if state.node in endings}
    queue = deque(good)
    while queue:
        state = queue.popleft()
        for source in reverse.get(state, []):
            if source not in good:
                good.add(source)
                queue.append(source)
    return good


def passes(scenario: Scenario, exploration: Exploration, state: State) -> bool:
    ending = scenario.endings.get(state.node)
    if ending is None or ending.outcome.value != "pass":
        return False
    rule = scenario.pass_rule
    return rule is None or rule.evaluate(exploration.scores_of(state), state.flags)


def ending_stats(exploration: Exploration) -> dict[str, EndingStats]:
    scenario = exploration.scenario
    longest = _longest(exploration)
    stats: dict[str, EndingStats] = {}
    for state in exploration.states:
        if state.node not in scenario.endings:
            continue
        scores = exploration.scores_of(state)
        found = stats.get(state.node)
        if found is None:
            stats[state.node] = EndingStats(
                shortest=exploration.depth[state],
                longest=longest.get(state),
                min_scores=dict(scores),
                max_scores=dict(scores),
                passes=passes(scenario, exploration, state),
            )
            continue
        found.shortest = min(found.shortest, exploration.depth[state])
        value = longest.get(state)
        found.longest = (
            None if value is None or found.longest is None else max(found.longest, value)
        )
        for name, score in scores.items():
            found.min_scores[name] = min(found.min_scores[name], score)
            found.max_scores[name] = max(found.max_scores[name], score)
        found.passes = found.passes or passes(scenario, exploration, state)
    return stats


def count_paths(exploration: Exploration, cap: int = PATH_CAP) -> tuple[int, bool]:
    """(number of distinct choice sequences from start to any ending, capped?)."""
    finishing = can_finish(exploration)
    order = _topological(exploration, finishing)
    if order is None:
        return cap, True  # a loop that can still finish: infinitely many paths
    endings = exploration.scenario.endings
    ways: dict[State, int] = {}
    for state in reversed(order):
        total = 1 if state.node in endings else 0
        for _, target in exploration.edges.get(state, []):
            if target in finishing:
                total += ways[target]
        ways[state] = min(total, cap + 1)
    start = start_state(exploration.scenario)
    count = ways.get(start, 0)
    return min(count, cap), count > cap


def _topological(exploration: Exploration, keep: set[State]) -> list[State] | None:
    """States of ``keep`` in topological order, or None when they contain a cycle."""
    indegree = {state: 0 for state in keep}
    for state in keep:
        for _, target in exploration.edges.get(state, []):
            if target in keep:
                indegree[target] += 1
    queue = deque(state for state, degree in indegree.items() if degree == 0)
    order: list[State] = []
    while queue:
        state = queue.popleft()
        order.append(state)
        for _, target in exploration.edges.get(state, []):
            if target in keep:
                indegree[target] -= 1
                if indegree[target] == 0:
                    queue.append(target)
    return order if len(order) == len(keep) else None


def _longest(exploration: Exploration) -> dict[State, int | None]:
    """Longest path from the start to each state; None when a cycle can precede it."""
    states = exploration.states
    order = _topological(exploration, states)
    if order is not None:
        return _dag_longest(exploration, order)
    on_cycle = set(cycle_components(exploration))
    after_cycle = _reachable_from(exploration, on_cycle)
    acyclic = states - after_cycle
    sub_order = _topological(exploration, acyclic) or []
    best: dict[State, int | None] = dict(_dag_longest(exploration, sub_order))
    for state in after_cycle:
        best[state] = None
    return best


def _dag_longest(exploration: Exploration, order: list[State]) -> dict[State, int | None]:
    best: dict[State, int | None] = {}
    start = start_state(exploration.scenario)
    members = set(order)
    dist: dict[State, int] = {start: 0} if start in members else {}
    for state in order:
        if state not in dist:
            continue
        for _, target in exploration.edges.get(state, []):
            if target in members:
                dist[target] = max(dist.get(target, -1), dist[state] + 1)
    best.update(dist)
    return best


def cycle_components(exploration: Exploration) -> dict[State, int]:
    """Tarjan's strongly connected components: state -> component number, for the states that
    lie on a cycle (a component of more than one state, or a state with a self-loop)."""
    index: dict[State, int] = {}
    low: dict[State, int] = {}
    stack: list[State] = []
    on_stack: set[State] = set()
    result: dict[State, int] = {}
    counter = 0
    for root in exploration.states:
        if root in index:
            continue
        work: list[tuple[State, Iterable[tuple[ScenarioChoice, State]]]] = []
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work.append((root, iter(exploration.edges.get(root, []))))
        while work:
            node, successors = work[-1]
            advanced = False
            for _, nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(exploration.edges.get(nxt, []))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                self_loop = any(t == node for _, t in exploration.edges.get(node, []))
                if len(component) > 1 or self_loop:
                    result.update(dict.fromkeys(component, index[node]))
    return result


def _reachable_from(exploration: Exploration, sources: set[State]) -> set[State]:
    seen = set(sources)
    queue = deque(sources)
    while queue:
        state = queue.popleft()
        for _, target in exploration.edges.get(state, []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def looping_gains(exploration: Exploration) -> list[tuple[ScenarioChoice, str]]:
    """(choice, competency) where repeating a loop farms a score: inside a cycle of the state
    graph from which the learner can still finish, the choice would lift the competency above
    the top of the range and is clamped. A state cycle returns to the same scores, so a gain
    on it is either paid back by another choice of the loop (no farming, not reported) or
    absorbed by the clamp (farming: reported)."""
    components = cycle_components(exploration)
    finishing = can_finish(exploration)
    top = exploration.scenario.score_range[1]
    names = exploration.scenario.competencies
    found: dict[tuple[int, str], tuple[ScenarioChoice, str]] = {}
    for source, outs in exploration.edges.items():
        if source not in components or source not in finishing:
            continue
        for choice, target in outs:
            if components.get(target) != components[source]:
                continue
            for index, name in enumerate(names):
                if source.scores[index] + choice.deltas.get(name, 0) > top:
                    found.setdefault((id(choice), name), (choice, name))
    return list(found.values())
