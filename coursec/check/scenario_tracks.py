"""Scores that no condition reads, followed on top of the control graph of ``scenario_states``.

In:  a complete ``Exploration`` and a group of competencies that no condition reads.
Out: a ``Track``: the reachable (control state, group scores) pairs, optionally with their
     edges. Such scores never change which choices a learner is offered, so the choice
     sequences are those of the control graph, and each score moves on its own (deltas and
     clamping are per competency). Hence a one-competency track gives exactly the values that
     competency can have at each control state (its range per ending) and its loops (score
     farming, CS316); the track of the competencies the pass rule reads gives exactly whether a
     pass ending can be passed; the track of all of them counts the learner states. Tracks are
     bounded like the search (``Limits``); ``Track.stopped`` says when one was cut short.
``Frontier`` keeps, for a pass rule that wants each score only high or only low, just the
vectors no other one beats (dominance), which is exact for the pass rule and much smaller.
Reported: nothing (``coursec.check.scenario`` turns the results into diagnostics).
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from collections.abc import Callable

from coursec.check.digraph import Digraph
from coursec.check.scenario_states import Exploration, Limits, over_limit, zero_score
from coursec.parse.expr import TOTAL, Compare, Expr, Flag, Not


class Track:
    """States ``(control state, vector)``, numbered in discovery order; ``control[t]`` and
    ``vector[t]`` give the parts of track state ``t``."""

    def __init__(self, exploration: Exploration, group: list[str], keep_edges: bool,
                 limits: Limits, until: Callable[[int, tuple[int, ...]], bool] | None = None,
                 best: Callable[[tuple[int, ...]], int] | None = None) -> None:
        """``until(control state, vector)``: stop (complete for its purpose) once it is true.
        ``best``: expand the state whose vector scores highest first (best-first instead of
        breadth-first; only without edges), to meet ``until`` sooner."""
        assert best is None or not keep_edges
        self.group = group
        self.until = until
        self.best = best
        self.control: list[int] = []
        self.vector: list[tuple[int, ...]] = []
        self.graph = Digraph() if keep_edges else None
        self.stopped: str | None = None
        self._run(exploration, limits)

    def _run(self, ex: Exploration, limits: Limits) -> None:
        scenario = ex.scenario
        lo, hi = scenario.score_range
        deltas = [
            tuple(choice.deltas.get(name, 0) for name in self.group)
            for choice in ex.space.choices
        ]
        moving = [any(d) for d in deltas]
        zero = tuple(zero_score(scenario) for _ in self.group)
        seen = {(0, zero): 0}
        self.control.append(0)
        self.vector.append(zero)
        queue = deque([0])
        heap: list[tuple[int, int]] = [(0, 0)]
        best = self.best
        g = ex.graph
        deadline = time.process_time() + limits.seconds
        budget = limits.memory_mb * 1024 * 1024
        edges = self.graph
        done = 0
        while heap if best else queue:
            if done & 1023 == 0:
                stop = over_limit(len(self.control), len(edges.to) if edges else 0, limits, budget,
                             deadline)
                if stop:
                    self.stopped = stop
                    return
            t = heapq.heappop(heap)[1] if best else queue.popleft()
            done += 1
            state, vector = self.control[t], self.vector[t]
            out: list[tuple[int, int]] = []
            for e in range(g.start[state], g.start[state + 1]):
                gid = g.label[e]
                moved = (
                    tuple(min(hi, max(lo, v + d)) for v, d in zip(vector, deltas[gid],
                                                                  strict=True))
                    if moving[gid] else vector
                )
                key = (g.to[e], moved)
                j = seen.get(key)
                if j is None:
                    j = seen[key] = len(self.control)
                    self.control.append(g.to[e])
                    self.vector.append(moved)
                    if best:
                        heapq.heappush(heap, (-best(moved), j))
                    else:
                        queue.append(j)
                    if self.until is not None and self.until(g.to[e], moved):
                        return
                out.append((j, gid))
            if edges is not None:
                edges.add_vertex(out)

    def __len__(self) -> int:
        return len(self.control)



def directions(expr: Expr, group: list[str]) -> dict[str, int] | None:
    """+1 for a competency of ``group`` that ``expr`` only wants high (``>=``, ``>``), -1 for one
    it only wants low; None when some score is wanted both ways or compared with ``==`` /
    ``!=`` (then no dominance holds)."""
    found: dict[str, int] = {}

    def walk(e: Expr, sign: int) -> bool:
        if isinstance(e, Compare):
            if e.op in ("==", "!="):
                return e.name not in group and e.name != TOTAL
            way = sign if e.op in (">=", ">") else -sign
            for name in group if e.name == TOTAL else [e.name] if e.name in group else []:
                if found.setdefault(name, way) != way:
                    return False
            return True
        if isinstance(e, Flag):
            return True
        if isinstance(e, Not):
            return walk(e.inner, -sign)
        return all(walk(p, sign) for p in e.parts)

    return found if walk(expr, 1) else None


def value_sets(exploration: Exploration, name: str, seconds: float) -> list[int] | None:
    """The values competency ``name`` (no condition reads it) can have at each control state,
    as bit sets (bit ``v - lo``): a fixpoint over the control graph, exact because the score
    moves on its own along any choice sequence the control graph allows. Each set only grows,
    at most ``hi - lo + 1`` times, so the work is bounded by that times the edges; None when it
    takes more than ``seconds`` of CPU time."""
    scenario = exploration.scenario
    lo, hi = scenario.score_range
    width = hi - lo + 1
    full = (1 << width) - 1
    deltas = [c.deltas.get(name, 0) for c in exploration.space.choices]
    g = exploration.graph
    sets = [0] * g.size
    sets[0] = 1 << (zero_score(scenario) - lo)
    queue = deque([0])
    waiting = bytearray(g.size)
    waiting[0] = 1
    deadline = time.process_time() + seconds
    steps = 0
    while queue:
        steps += 1
        if steps & 4095 == 0 and time.process_time() > deadline:
            return None
        i = queue.popleft()
        waiting[i] = 0
        here = sets[i]
        for e in range(g.start[i], g.start[i + 1]):
            moved = shift(here, deltas[g.label[e]], width, full)
            j = g.to[e]
            grown = sets[j] | moved
            if grown != sets[j]:
                sets[j] = grown
                if not waiting[j]:
                    waiting[j] = 1
                    queue.append(j)
    return sets


def shift(values: int, delta: int, width: int, full: int) -> int:
    """The bit set ``values`` after adding ``delta`` and clamping into the range."""
    if delta > 0:
        moved = values << delta
        return (moved & full) | (1 << (width - 1) if moved >> width else 0)
    if delta < 0:
        low = values & ((1 << -delta) - 1)
        return (values >> -delta) | (1 if low else 0)
    return values


def farmed(exploration: Exploration, name: str, sets: list[int], finishing: bytearray,
           control_comp: list[int], control_cyclic: bytearray, limit: int) -> list[int] | None:
    """Global choice indexes on which ``name`` is clamped at the top inside a cycle of learner
    states that can still finish; None when that takes more than ``limit`` relaxations.

    Such a cycle stays inside one cycle (component) of the control graph. A choice from ``u``
    to ``w`` adding ``d > 0`` is clamped on a cycle exactly when ``w`` can hold the top value
    ``hi`` and, starting from ``hi`` at ``w`` and staying in the component, the highest value
    ``u`` can reach is above ``hi - d``: moves keep the order of values, so that highest value
    is a fixpoint over the component (each value only rises, at most ``hi - lo`` times)."""
    lo, hi = exploration.scenario.score_range
    top_bit = 1 << (hi - lo)
    g = exploration.graph
    deltas = [c.deltas.get(name, 0) for c in exploration.space.choices]
    inside = bytearray(a and b for a, b in zip(control_cyclic, finishing, strict=True))
    candidates: dict[int, list[tuple[int, int]]] = {}  # w -> [(u, edge)]
    for u in range(g.size):
        if not inside[u] or not sets[u]:
            continue
        highest = sets[u].bit_length() - 1 + lo
        for e in range(g.start[u], g.start[u + 1]):
            w, d = g.to[e], deltas[g.label[e]]
            if d > 0 and highest + d > hi and control_comp[w] == control_comp[u] and (
                sets[w] & top_bit
            ):
                candidates.setdefault(w, []).append((u, e))
    found: list[int] = []
    work = 0
    for w, edges in candidates.items():
        comp = control_comp[w]
        best = {w: hi}
        queue = deque([w])
        while queue:
            v = queue.popleft()
            here = best[v]
            for e in range(g.start[v], g.start[v + 1]):
                t = g.to[e]
                if control_comp[t] != comp:
                    continue
                work += 1
                if work > limit:
                    return None
                moved = min(hi, max(lo, here + deltas[g.label[e]]))
                if moved > best.get(t, lo - 1):
                    best[t] = moved
                    queue.append(t)
        for u, e in edges:
            gid = g.label[e]
            if u in best and best[u] + deltas[gid] > hi and gid not in found:
                found.append(gid)
    return found
