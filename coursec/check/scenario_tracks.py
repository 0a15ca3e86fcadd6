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
Reported: nothing (``coursec.check.scenario`` turns the results into diagnostics).
"""

from __future__ import annotations

import time
from collections import deque

from coursec.check.digraph import Digraph
from coursec.check.scenario_states import Exploration, Limits, over_limit, zero_score


class Track:
    """States ``(control state, vector)``, numbered in discovery order; ``control[t]`` and
    ``vector[t]`` give the parts of track state ``t``."""

    def __init__(self, exploration: Exploration, group: list[str], keep_edges: bool,
                 limits: Limits) -> None:
        self.group = group
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
        g = ex.graph
        deadline = time.process_time() + limits.seconds
        budget = limits.memory_mb * 1024 * 1024
        edges = self.graph
        done = 0
        while queue:
            if done & 1023 == 0:
                stop = over_limit(len(self.control), len(edges.to) if edges else 0, limits, budget,
                             deadline)
                if stop:
                    self.stopped = stop
                    return
            t = queue.popleft()
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
                    queue.append(j)
                out.append((j, gid))
            if edges is not None:
                edges.add_vertex(out)

    def __len__(self) -> int:
        return len(self.control)

