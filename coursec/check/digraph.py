"""Directed graphs over integer vertices, stored compactly, and the few algorithms the scenario
analysis needs on them.

In:  ``Digraph``: vertices ``0 .. n-1``; the out-edges of ``v`` are ``to[start[v]:start[v+1]]``
     (compressed sparse rows in ``array('i')``: 4 bytes an edge, so millions of edges fit in a
     few tens of MB), with a label per edge (``label``: the global index of the choice taken).
Out: reverse reachability, strongly connected components (iterative Tarjan: no recursion
     limit), a topological order, longest distances on a DAG. Everything is linear in vertices
     plus edges. Reported: nothing.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Digraph:
    start: array[int] = field(default_factory=lambda: array("i", [0]))
    to: array[int] = field(default_factory=lambda: array("i"))
    label: array[int] = field(default_factory=lambda: array("i"))

    @property
    def size(self) -> int:
        return len(self.start) - 1

    def add_vertex(self, edges: Iterable[tuple[int, int]]) -> None:
        """Append the next vertex with its (target, label) out-edges."""
        for target, lab in edges:
            self.to.append(target)
            self.label.append(lab)
        self.start.append(len(self.to))

    def out(self, v: int) -> range:
        return range(self.start[v], self.start[v + 1])

    def successors(self, v: int) -> array[int]:
        return self.to[self.start[v] : self.start[v + 1]]

    def reverse(self) -> list[list[int]]:
        rev: list[list[int]] = [[] for _ in range(self.size)]
        to = self.to
        for v in range(self.size):
            for e in range(self.start[v], self.start[v + 1]):
                rev[to[e]].append(v)
        return rev


def backward_closure(rev: list[list[int]], sources: Iterable[int], within: bytearray | None = None
                     ) -> bytearray:
    """Marks of the vertices that reach a source (sources included), optionally only through
    vertices marked in ``within``."""
    mark = bytearray(len(rev))
    queue: deque[int] = deque()
    for s in sources:
        if not mark[s]:
            mark[s] = 1
            queue.append(s)
    while queue:
        for p in rev[queue.popleft()]:
            if not mark[p] and (within is None or within[p]):
                mark[p] = 1
                queue.append(p)
    return mark


def components(graph: Digraph, keep: bytearray | None = None) -> tuple[list[int], bytearray]:
    """(component number per vertex, cyclic mark per vertex): Tarjan's SCCs over the vertices
    marked in ``keep`` (all by default); a vertex is cyclic when its component has more than one
    vertex or it has an edge to itself. Vertices not kept get component -1."""
    n = graph.size
    start, to = graph.start, graph.to
    index = [-1] * n
    low = [0] * n
    comp = [-1] * n
    cyclic = bytearray(n)
    on_stack = bytearray(n)
    stack: list[int] = []
    counter = 0
    for root in range(n):
        if index[root] != -1 or (keep is not None and not keep[root]):
            continue
        work = [(root, start[root])]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        while work:
            v, e = work[-1]
            end = start[v + 1]
            while e < end:
                w = to[e]
                e += 1
                if keep is not None and not keep[w]:
                    continue
                if index[w] == -1:
                    work[-1] = (v, e)
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    work.append((w, start[w]))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    members = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = 0
                        comp[w] = index[v]
                        members.append(w)
                        if w == v:
                            break
                    if len(members) > 1 or v in graph.successors(v):
                        for w in members:
                            cyclic[w] = 1
    return comp, cyclic


def topological(graph: Digraph, keep: bytearray) -> list[int] | None:
    """The kept vertices in topological order (edges among kept vertices only), or None when
    they contain a cycle."""
    n = graph.size
    indegree = [0] * n
    to = graph.to
    for v in range(n):
        if keep[v]:
            for e in graph.out(v):
                if keep[to[e]]:
                    indegree[to[e]] += 1
    queue = deque(v for v in range(n) if keep[v] and indegree[v] == 0)
    order: list[int] = []
    while queue:
        v = queue.popleft()
        order.append(v)
        for e in graph.out(v):
            w = to[e]
            if keep[w]:
                indegree[w] -= 1
                if indegree[w] == 0:
                    queue.append(w)
    return order if len(order) == sum(keep) else None
