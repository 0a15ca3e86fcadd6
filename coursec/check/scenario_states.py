"""Exact exploration of a scenario's learner states, compact and bounded in time and memory.

A learner's situation is a *state*: (node, competency scores, flags set). A choice is available
when its condition holds; taking it adds its deltas, clamps every score into ``score_range``,
sets then unsets its flags and moves to its target. ``start_state``/``available``/``step`` apply
these rules one step at a time (the browser player applies exactly the same ones).

``explore`` does not walk the whole product. It walks the *control* states: (node, the scores
that some condition reads, the flags that a condition or the pass rule reads). Which choices
are available depends on nothing else, so reachability, dead ends, loops, conditions never true,
path counts and path lengths are exact on this graph. A score that no condition reads changes
nothing the learner can do; ``coursec.check.scenario_tracks`` follows such scores on top of the
control graph, each one on its own (exact for its range per ending and for score farming), and
the ones the pass rule reads together (exact for the pass rule). Flags no one reads are dropped.

Representation: a control state is one integer ``(scores_id * F + flags) * N + node`` (the
score tuple interned to ``scores_id``; ``flags`` a bit mask; ``N`` nodes and endings), indexed in
discovery order; edges are compressed rows of ``array('i')`` (``coursec.check.digraph``); score
moves are memoised per choice. Termination: finitely many states (scores clamped, flags a subset
of the named ones); the breadth-first search visits each once. Bounds (named below): states,
edges, an estimate of the memory they take, and wall time; the first one hit stops the search,
``Exploration.stopped`` says which, and the caller reports what was and was not checked (CS314).
The count and memory bounds are deterministic; the time bound is a safety net set well above
what the count bounds allow on a slow machine.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from coursec.check.digraph import Digraph
from coursec.model import Scenario, ScenarioChoice
from coursec.parse.expr import OPS, TOTAL, BoolOp, Compare, Expr, Flag, Not, names

#: control states explored at most (each costs about ``BYTES_PER_STATE``)
STATE_LIMIT = 250_000
#: transitions stored at most (each costs ``BYTES_PER_EDGE``)
EDGE_LIMIT = 6_000_000
#: estimated memory of the search at most, states and edges together
MEMORY_LIMIT_MB = 256
#: CPU seconds of the process at most (a safety net: the count limits normally stop the search
#: first; CPU time, not wall time, so that a loaded machine does not change the result)
TIME_LIMIT_S = 20.0
BYTES_PER_STATE = 190  # measured: key int + dict slot + list slot + 3 array slots + scores
BYTES_PER_EDGE = 8  # target + label, 4 bytes each
BYTES_PER_MEMO = 100  # a memoised score move: dict slot + int
BYTES_PER_VECTOR = 160  # an interned score tuple

Condition = Callable[[tuple[int, ...], int], bool]


@dataclass(frozen=True)
class Limits:
    states: int = STATE_LIMIT
    edges: int = EDGE_LIMIT
    memory_mb: int = MEMORY_LIMIT_MB
    seconds: float = TIME_LIMIT_S


LIMITS = Limits()


@dataclass(frozen=True)
class State:
    node: str
    scores: tuple[int, ...]
    flags: frozenset[str]


def start_state(scenario: Scenario) -> State:
    zero = zero_score(scenario)
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


def zero_score(scenario: Scenario) -> int:
    lo, hi = scenario.score_range
    return min(max(0, lo), hi)


@dataclass
class Space:
    """The scenario compiled for the search: indexes for nodes, read scores and read flags."""

    scenario: Scenario
    ids: list[str]  # node index -> node or ending id
    read: list[str]  # competencies some condition reads (the control scores), in order
    flags: list[str]  # flags some condition or the pass rule reads, in order
    choices: list[ScenarioChoice]  # global choice index -> choice
    owner: list[int]  # global choice index -> node index

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def f(self) -> int:
        return 1 << len(self.flags)


def compile_space(scenario: Scenario) -> Space:
    conditions = [c.condition for n in scenario.nodes.values() for c in n.choices if c.condition]
    compared: set[str] = set()
    flags: set[str] = set()
    for cond in conditions:
        c, f = names(cond)
        compared |= c
        flags |= f
    if scenario.pass_rule is not None:
        flags |= names(scenario.pass_rule)[1]
    read = (
        list(scenario.competencies)
        if TOTAL in compared
        else [c for c in scenario.competencies if c in compared]
    )
    ids = scenario.node_ids()
    choices: list[ScenarioChoice] = []
    owner: list[int] = []
    for i, node in enumerate(scenario.nodes.values()):
        for choice in node.choices:
            choices.append(choice)
            owner.append(i)
    return Space(scenario, ids, read, sorted(flags), choices, owner)


def compile_expr(expr: Expr, scores: Mapping[str, int], flags: Mapping[str, int]) -> Condition:
    """``expr`` as a function of (scores tuple, flag mask); ``scores`` maps a name to its index
    in the tuple (``total`` sums the tuple: it is only compiled when every score is there)."""
    if isinstance(expr, Compare):
        op, value = expr.op, expr.value
        if expr.name == TOTAL:
            get: Callable[[tuple[int, ...]], int] = sum
        elif expr.name in scores:
            index = scores[expr.name]

            def get(s: tuple[int, ...]) -> int:
                return s[index]
        else:  # an unknown competency (CS302 already): its score is 0, as in the runtime
            def get(s: tuple[int, ...]) -> int:
                return 0
        compare = OPS[op]
        return lambda s, m: compare(get(s), value)
    if isinstance(expr, Flag):
        bit = 1 << flags[expr.name] if expr.name in flags else 0
        return lambda s, m: bool(m & bit)
    if isinstance(expr, Not):
        inner = compile_expr(expr.inner, scores, flags)
        return lambda s, m: not inner(s, m)
    assert isinstance(expr, BoolOp)
    parts = [compile_expr(p, scores, flags) for p in expr.parts]
    if expr.op == "and":
        return lambda s, m: all(p(s, m) for p in parts)
    return lambda s, m: any(p(s, m) for p in parts)


@dataclass
class Exploration:
    space: Space
    keys: list[int] = field(default_factory=list)  # state index -> state key
    graph: Digraph = field(default_factory=Digraph)
    parent: array[int] = field(default_factory=lambda: array("i"))
    depth: array[int] = field(default_factory=lambda: array("i"))
    vectors: list[tuple[int, ...]] = field(default_factory=list)  # scores id -> read scores
    condition_true: set[int] = field(default_factory=set)  # global choice indexes ever offered
    stopped: str | None = None  # which limit stopped the search (the graph is then partial)

    @property
    def scenario(self) -> Scenario:
        return self.space.scenario

    def node(self, state: int) -> int:
        return self.keys[state] % self.space.n

    def flags(self, state: int) -> int:
        return (self.keys[state] // self.space.n) % self.space.f

    def scores(self, state: int) -> tuple[int, ...]:
        return self.vectors[self.keys[state] // self.space.n // self.space.f]

    def node_id(self, state: int) -> str:
        return self.space.ids[self.node(state)]

    def flag_names(self, state: int) -> frozenset[str]:
        mask = self.flags(state)
        return frozenset(f for i, f in enumerate(self.space.flags) if mask >> i & 1)

    def reached_nodes(self) -> set[str]:
        return {self.node_id(s) for s in range(len(self.keys))}

    def path_to(self, state: int) -> list[str]:
        """Node ids from the start to ``state`` along a shortest path."""
        nodes = [self.node_id(state)]
        while self.parent[state] >= 0:
            state = self.parent[state]
            nodes.append(self.node_id(state))
        return nodes[::-1]

    def is_ending(self, state: int) -> bool:
        return self.node(state) >= len(self.scenario.nodes)


def explore(scenario: Scenario, limits: Limits = LIMITS) -> Exploration:
    """Breadth-first search over control states from the start (the start node must exist)."""
    space = compile_space(scenario)
    result = Exploration(space)
    n, f = space.n, space.f
    lo, hi = scenario.score_range
    read_index = {name: i for i, name in enumerate(space.read)}
    flag_index = {name: i for i, name in enumerate(space.flags)}
    node_index = {node_id: i for i, node_id in enumerate(space.ids)}
    # per node: (choice index, condition, target, move memo or None, set mask, keep mask)
    moves: list[list[tuple[int, Condition | None, int, dict[int, int] | None, tuple[int, ...],
                           int, int]]] = [[] for _ in range(n)]
    for gid, choice in enumerate(space.choices):
        if choice.target not in node_index:
            continue  # a dead edge (CS301)
        delta = tuple(choice.deltas.get(name, 0) for name in space.read)
        sets = sum(1 << flag_index[x] for x in choice.sets if x in flag_index)
        unsets = sum(1 << flag_index[x] for x in choice.unsets if x in flag_index)
        cond = compile_expr(choice.condition, read_index, flag_index) if choice.condition else None
        moves[space.owner[gid]].append(
            (gid, cond, node_index[choice.target], {} if any(delta) else None, delta, sets,
             (f - 1) & ~unsets)
        )
    intern: dict[tuple[int, ...], int] = {}
    vectors = result.vectors
    zero = tuple(zero_score(scenario) for _ in space.read)
    intern[zero] = 0
    vectors.append(zero)
    start = node_index[scenario.start]
    keys, index, graph = result.keys, {start: 0}, result.graph
    keys.append(start)
    result.parent.append(-1)
    result.depth.append(0)
    parent, depth, offered = result.parent, result.depth, result.condition_true
    to, label, starts = graph.to, graph.label, graph.start
    deadline = time.process_time() + limits.seconds
    budget = limits.memory_mb * 1024 * 1024
    current = memos = 0
    while current < len(keys):
        if current & 1023 == 0:
            extra = memos * BYTES_PER_MEMO + len(vectors) * BYTES_PER_VECTOR
            stop = over_limit(len(keys), len(to), limits, budget - extra, deadline)
            if stop:
                result.stopped = stop
                break
        key = keys[current]
        node = key % n
        rest = key // n
        mask = rest % f
        sid = rest // f
        vector = vectors[sid]
        level = depth[current] + 1
        for gid, cond, target, memo, delta, sets, keep in moves[node]:
            if cond is not None and not cond(vector, mask):
                continue
            offered.add(gid)
            if memo is None:
                nsid = sid
            else:
                found = memo.get(sid)
                if found is None:
                    if len(delta) == 1 or sum(1 for d in delta if d) == 1:
                        i = next(k for k, d in enumerate(delta) if d)
                        v = vector[i] + delta[i]
                        v = hi if v > hi else (lo if v < lo else v)
                        moved = (*vector[:i], v, *vector[i + 1:])
                    else:
                        moved = tuple(min(hi, max(lo, v + d)) for v, d in zip(vector, delta,
                                                                              strict=True))
                    found = intern.get(moved)
                    if found is None:
                        found = intern[moved] = len(vectors)
                        vectors.append(moved)
                    memo[sid] = found
                    memos += 1
                nsid = found
            nkey = (nsid * f + ((mask | sets) & keep)) * n + target
            j = index.get(nkey)
            if j is None:
                j = index[nkey] = len(keys)
                keys.append(nkey)
                parent.append(current)
                depth.append(level)
            to.append(j)
            label.append(gid)
        starts.append(len(to))
        current += 1
    return result


def over_limit(states: int, edges: int, limits: Limits, budget: int, deadline: float) -> str | None:
    if states > limits.states:
        return f"more than {limits.states} learner states"
    if edges > limits.edges:
        return f"more than {limits.edges} transitions"
    if states * BYTES_PER_STATE + edges * BYTES_PER_EDGE > budget:
        return f"more than {limits.memory_mb} MB"
    if time.process_time() > deadline:
        return f"more than {limits.seconds:g} s"
    return None

