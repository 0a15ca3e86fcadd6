"""The structural checks of a scenario, on the node graph alone: always run, at any size.

In:  a ``Scenario`` whose start node exists.
Out: a ``NodeGraph``: the nodes the start reaches (ignoring conditions and scores, so a node it
     does not reach is unreachable for every learner), a shortest node path to each, and for
     every reached node from which no ending can be reached even ignoring conditions, why:
     ``Stuck`` says whether it has no choices, only choices to unknown nodes, leads only into
     such dead ends, or into a loop with no exit (a trap, such as a node whose only choice leads
     back to itself). A choice to an unknown node (CS301) is a dead edge here: it leads nowhere.
Reported by the caller (``coursec.check.scenario``): CS303, CS304, CS305.

Linear in nodes + choices; conditions make the state search more precise, never less safe: a
node stuck here is stuck in every state, and a node unreached here is reached in no state.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from coursec.check.digraph import Digraph, components
from coursec.model import Scenario


@dataclass(frozen=True)
class Stuck:
    node: str
    kind: str  # "no-choices" | "unknown-targets" | "dead-end" | "loop" | "both"
    dead_ends: tuple[str, ...] = ()  # for "dead-end" / "both": the dead ends it runs into
    unknown: tuple[str, ...] = ()  # for "unknown-targets": the unknown targets


@dataclass
class NodeGraph:
    scenario: Scenario
    successors: dict[str, list[str]] = field(default_factory=dict)  # known targets, in order
    parent: dict[str, str | None] = field(default_factory=dict)  # BFS tree: reached nodes
    stuck: dict[str, Stuck] = field(default_factory=dict)  # reached nodes only

    def reached(self) -> set[str]:
        return set(self.parent)

    def path_to(self, node: str) -> list[str]:
        nodes = [node]
        step = self.parent.get(node)
        while step is not None:
            nodes.append(step)
            step = self.parent.get(step)
        return nodes[::-1]

    def unconditional_finish(self) -> set[str]:
        """Nodes from which an ending can be reached by unconditional choices only: no learner
        state at such a node is stuck, whatever the scores and flags."""
        return _co_reach(self.scenario, unconditional=True)


def node_graph(scenario: Scenario) -> NodeGraph:
    graph = NodeGraph(scenario)
    known = scenario.nodes.keys() | scenario.endings.keys()
    for node in scenario.nodes.values():
        graph.successors[node.id] = [c.target for c in node.choices if c.target in known]
    graph.parent[scenario.start] = None
    queue = deque([scenario.start])
    while queue:
        current = queue.popleft()
        for target in graph.successors.get(current, []):
            if target not in graph.parent:
                graph.parent[target] = current
                queue.append(target)
    finishing = _co_reach(scenario, unconditional=False)
    stuck = [n for n in scenario.nodes if n in graph.parent and n not in finishing]
    graph.stuck = _classify(scenario, graph.successors, stuck)
    return graph


def _co_reach(scenario: Scenario, unconditional: bool) -> set[str]:
    """Nodes with a path (of unconditional choices only, if asked) to an ending."""
    reverse: dict[str, list[str]] = {}
    for node in scenario.nodes.values():
        for choice in node.choices:
            if unconditional and choice.condition is not None:
                continue
            reverse.setdefault(choice.target, []).append(node.id)
    good = set(scenario.endings)
    queue = deque(good)
    while queue:
        for source in reverse.get(queue.popleft(), []):
            if source not in good:
                good.add(source)
                queue.append(source)
    return good


def _classify(scenario: Scenario, successors: dict[str, list[str]], stuck: list[str]) -> dict[
    str, Stuck
]:
    """Why each stuck node is stuck. Every successor of a stuck node is stuck too, so the
    nodes it can reach form a closed region: terminal nodes there are dead ends; a cycle there
    is a loop with no exit."""
    terminal = [n for n in stuck if not successors.get(n)]
    cyclic = _on_cycle(stuck, successors)
    reverse: dict[str, list[str]] = {}
    for source in stuck:
        for target in successors.get(source, []):
            reverse.setdefault(target, []).append(source)
    to_dead: dict[str, set[str]] = {n: {n} for n in terminal}
    queue = deque(terminal)
    while queue:  # which dead ends each node runs into (sets stay small: dead ends are few)
        current = queue.popleft()
        for source in reverse.get(current, []):
            found = to_dead.setdefault(source, set())
            if not to_dead[current] <= found:
                found |= to_dead[current]
                queue.append(source)
    to_loop = set(cyclic)
    queue = deque(cyclic)
    while queue:
        for source in reverse.get(queue.popleft(), []):
            if source not in to_loop:
                to_loop.add(source)
                queue.append(source)
    result: dict[str, Stuck] = {}
    for node_id in stuck:
        node = scenario.nodes[node_id]
        if not node.choices:
            result[node_id] = Stuck(node_id, "no-choices")
        elif not successors.get(node_id):
            unknown = tuple(dict.fromkeys(c.target for c in node.choices))
            result[node_id] = Stuck(node_id, "unknown-targets", unknown=unknown)
        else:
            dead = tuple(n for n in stuck if n in to_dead.get(node_id, set()))
            kind = "both" if dead and node_id in to_loop else ("dead-end" if dead else "loop")
            result[node_id] = Stuck(node_id, kind, dead_ends=dead)
    return result


def _on_cycle(members: list[str], successors: dict[str, list[str]]) -> list[str]:
    """Members on a cycle within ``members`` (Tarjan's components on the sub-graph)."""
    number = {node: i for i, node in enumerate(members)}
    graph = Digraph()
    for node in members:
        graph.add_vertex((number[t], 0) for t in successors.get(node, []) if t in number)
    _, cyclic = components(graph)
    return [node for node in members if cyclic[number[node]]]
