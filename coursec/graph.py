"""Pictures of scenarios for reviewers who read a graph faster than Markdown.

In:  a checked ``Scenario`` and its state exploration.
Out: Graphviz DOT source (built with the ``graphviz`` package, which does the quoting) or SVG
     (laid out by Graphviz's ``dot``). Nodes show their first words; edges show a short choice
     text, score deltas, flags and conditions; endings are coloured by outcome; nodes no path
     reaches or from which no ending can be reached are drawn dashed and red and say so.
Reported: nothing; ``GraphError`` when the ``dot`` program is missing (the CLI turns it into a
     message and exit code 1).
"""

from __future__ import annotations

import re

import graphviz

from coursec.check import scenario_states as analysis
from coursec.model import Outcome, Scenario, ScenarioChoice

OUTCOME_COLOURS = {
    Outcome.PASS: ("#D7F0DD", "#1B6E32"),
    Outcome.FAIL: ("#F9D9D6", "#9E2A1E"),
    Outcome.NEUTRAL: ("#E8E8E8", "#4A4A4A"),
}
_MARKUP_RE = re.compile(r"[*_`>#\[\]]|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)")


class GraphError(RuntimeError):
    pass


def first_words(markdown: str, limit: int = 7) -> str:
    words = _MARKUP_RE.sub("", markdown).split()
    text = " ".join(words[:limit])
    return text + (" ..." if len(words) > limit else "")


def _tokens_text(tokens: list[object]) -> str:
    return " ".join(
        str(getattr(t, "content", "")) for t in tokens if getattr(t, "type", "") == "inline"
    )


def edge_label(choice: ScenarioChoice) -> str:
    parts = [first_words(choice.text_md, 5)]
    effects = [f"{name} {delta:+d}" for name, delta in choice.deltas.items()]
    effects += [f"set {flag}" for flag in choice.sets] + [f"unset {flag}" for flag in choice.unsets]
    if effects:
        parts.append("{" + ", ".join(effects) + "}")
    if choice.condition_text:
        parts.append(f"if {choice.condition_text}")
    return "\n".join(parts)


def to_dot(scenario: Scenario) -> graphviz.Digraph:
    exploration = analysis.explore(scenario) if scenario.start in scenario.nodes else None
    reached = exploration.reached_nodes() if exploration else set()
    finishing = analysis.can_finish(exploration) if exploration else set()
    stuck = {s.node for s in (exploration.states if exploration else set()) if s not in finishing}
    dot = graphviz.Digraph(
        name=scenario.id,
        graph_attr={
            "rankdir": "LR",
            "label": scenario.title,
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "18",
        },
        node_attr={
            "fontname": "Helvetica",
            "fontsize": "11",
            "shape": "box",
            "style": "rounded,filled",
        },
        edge_attr={"fontname": "Helvetica", "fontsize": "9", "color": "#555555"},
    )
    dot.node(
        "__start", "start", shape="circle", fillcolor="#1F5F8B", fontcolor="white", width="0.6"
    )
    dot.edge("__start", scenario.start)
    for node in scenario.nodes.values():
        label = f"{node.id}\n{first_words(_tokens_text(list(node.body)))}"
        attrs = {"fillcolor": "#FFFFFF", "color": "#1F5F8B"}
        if node.id not in reached:
            label += "\n[unreachable]"
            attrs = {"fillcolor": "#FFF4F2", "color": "#B3261E", "style": "rounded,filled,dashed"}
        elif node.id in stuck:
            label += "\n[no way to an ending]"
            attrs = {"fillcolor": "#FFF4F2", "color": "#B3261E", "style": "rounded,filled,dashed"}
        dot.node(node.id, label, **attrs)
    for ending in scenario.endings.values():
        fill, ink = OUTCOME_COLOURS[ending.outcome]
        summary = first_words(_tokens_text(list(ending.body)), 5)
        label = f"{ending.id}\n{ending.outcome.value.upper()}\n{summary}"
        attrs = {
            "fillcolor": fill,
            "color": ink,
            "fontcolor": ink,
            "shape": "box",
            "peripheries": "2",
        }
        if ending.id not in reached:
            label += "\n[unreachable]"
            attrs["style"] = "rounded,filled,dashed"
        dot.node(ending.id, label, **attrs)
    known = set(scenario.node_ids())
    for node in scenario.nodes.values():
        for choice in node.choices:
            target = choice.target if choice.target in known else f"missing:{choice.target}"
            if target not in known:
                dot.node(
                    target, f"{choice.target}\n[unknown node]", color="#B3261E", style="dashed"
                )
            style = "dashed" if choice.condition_text else "solid"
            dot.edge(node.id, target, label=edge_label(choice), style=style)
    return dot


def render(scenario: Scenario, fmt: str) -> bytes:
    dot = to_dot(scenario)
    if fmt == "dot":
        return str(dot.source).encode("utf-8")
    try:
        return bytes(dot.pipe(format="svg"))
    except graphviz.ExecutableNotFound as exc:
        raise GraphError(
            "Graphviz's 'dot' program is not installed (Debian: apt-get install graphviz)"
        ) from exc
