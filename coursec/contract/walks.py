"""Scenario walks traced step by step by the Python rules (``check/scenario_states.py``).

In:  a checked scenario.
Out: ``walks(scenario)`` -> lists of choice indexes (index in the node's choices) that together
     reach every ending and every state where a condition hides a choice, plus a few seeded
     random plays; ``trace(scenario, walk)`` -> one ``Step`` per state along the walk (the start
     included): node index, scores, flags as the state's hex bitset, the offered choice indexes
     and, at an ending, whether it passes. Nothing is reported. Deterministic: the same
     scenario gives the same walks.

The JS scenario machine must produce the same steps for the same walks (``scenarios.json``).
"""

from __future__ import annotations

import random
from collections import deque
from typing import Any

from coursec.check.scenario_states import State, available, start_state, step
from coursec.contract.state import bitset, scenario_flags
from coursec.model import Outcome, Scenario

#: learner states searched at most for the shortest walks (the sample's scenarios have far fewer)
SEARCH_LIMIT = 20_000
RANDOM_WALKS = 3
RANDOM_LENGTH = 40  # a random play stops after this many choices (a scenario may loop)
SEED = 20261202


def offered(scenario: Scenario, state: State) -> list[int]:
    node = scenario.nodes.get(state.node)
    if node is None:
        return []
    shown = {id(c) for c in available(scenario, state)}
    return [k for k, c in enumerate(node.choices) if id(c) in shown]


def passes(scenario: Scenario, state: State) -> bool:
    ending = scenario.endings.get(state.node)
    if ending is None or ending.outcome is not Outcome.PASS:
        return False
    if scenario.pass_rule is None:
        return True
    scores = dict(zip(scenario.competencies, state.scores, strict=True))
    return scenario.pass_rule.evaluate(scores, state.flags)


def _advance(scenario: Scenario, state: State, k: int) -> State:
    return step(scenario, state, scenario.nodes[state.node].choices[k])


def walks(scenario: Scenario) -> list[list[int]]:
    """Shortest walks to each ending and to each state where a choice is hidden, then
    ``RANDOM_WALKS`` seeded random plays."""
    start = start_state(scenario)
    parent: dict[State, tuple[State, int] | None] = {start: None}
    queue = deque([start])
    targets: list[State] = []
    endings_seen: set[str] = set()
    while queue and len(parent) < SEARCH_LIMIT:
        state = queue.popleft()
        node = scenario.nodes.get(state.node)
        if node is None:
            if state.node in scenario.endings and state.node not in endings_seen:
                endings_seen.add(state.node)
                targets.append(state)
            continue
        shown = offered(scenario, state)
        if len(shown) < len(node.choices) and shown:
            targets.append(state)  # a condition hides a choice here: continue from it once
        for k in shown:
            after = _advance(scenario, state, k)
            if after not in parent:
                parent[after] = (state, k)
                queue.append(after)
    out: list[list[int]] = []
    hidden_nodes: set[str] = set()
    for state in targets:
        if state.node in scenario.nodes:  # one walk per node where a choice is hidden
            if state.node in hidden_nodes:
                continue
            hidden_nodes.add(state.node)
        path: list[int] = []
        at: State = state
        while (link := parent[at]) is not None:
            at, k = link
            path.append(k)
        path.reverse()
        if state.node in scenario.nodes:  # and one step on from it, taking the last offered
            path.append(offered(scenario, state)[-1])
        out.append(path)
    rng = random.Random(SEED)
    for _ in range(RANDOM_WALKS):
        state, path = start, []
        while state.node in scenario.nodes and len(path) < RANDOM_LENGTH:
            shown = offered(scenario, state)
            if not shown:
                break
            k = rng.choice(shown)
            path.append(k)
            state = _advance(scenario, state, k)
        out.append(path)
    return out


def trace(scenario: Scenario, walk: list[int]) -> list[dict[str, Any]]:
    index = {node_id: i for i, node_id in enumerate(scenario.node_ids())}
    flags = scenario_flags(scenario)
    state = start_state(scenario)
    steps = [_step(scenario, state, index, flags)]
    for k in walk:
        state = _advance(scenario, state, k)
        steps.append(_step(scenario, state, index, flags))
    return steps


def _step(scenario: Scenario, state: State, index: dict[str, int],
          flags: list[str]) -> dict[str, Any]:
    ending = None
    if state.node in scenario.endings:
        ending = {"node": index[state.node], "passed": passes(scenario, state)}
    return {
        "node": index[state.node],
        "scores": list(state.scores),
        "flags": bitset([name in state.flags for name in flags]),
        "offered": offered(scenario, state),
        "ending": ending,
    }
