"""Pictures of scenarios for reviewers who read a graph faster than Markdown.

In:  a checked ``Scenario`` and its state exploration.
Out: Graphviz DOT source (built with the ``graphviz`` package, which does the quoting) or SVG
     (laid out by Graphviz's ``dot``). Nodes show their first words; edges show a short choice
     text, score deltas, flags and conditions; endings are coloured by outcome; nodes no path
     reaches or from which no ending can be reached are drawn dashed and red and say so.
     Every label and name is plain text to Graphviz whatever it holds (``label``): never an
     HTML-like label (a title starting with ``<``), backslashes are literal (no ``\\N``/``\\l``
     escapes, no trailing backslash eating the closing quote), line breaks only where this
     module puts them.
Reported: nothing; ``GraphError`` when the ``dot`` program is missing or fails (the CLI turns it
     into a message and exit code 1).
"""

from __future__ import annotations

import re
from typing import cast

import graphviz

from coursec.check.scenario_stats import marks
from coursec.model import Outcome, Scenario, ScenarioChoice

OUTCOME_COLOURS = {
    Outcome.PASS: ("#D7F0DD", "#1B6E32"),
    Outcome.FAIL: ("#F9D9D6", "#9E2A1E"),
    Outcome.NEUTRAL: ("#E8E8E8", "#4A4A4A"),
}
_MARKUP_RE = re.compile(r"[*_`>#\[\]]|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)")


_PLAIN_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class GraphError(RuntimeError):
    pass


def label(*lines: str) -> str:
    """Plain-text DOT label of ``lines``: whitespace runs in a line become one space, backslashes
    are doubled, and the string is marked never-HTML (``graphviz.nohtml``)."""
    text = "\n".join(graphviz.escape(" ".join(line.split())) for line in lines)
    return cast(str, graphviz.nohtml(text))  # a str subclass the quoting never reads as HTML


def first_words(markdown: str, limit: int = 7) -> str:
    words = _MARKUP_RE.sub("", markdown).split()
    text = " ".join(words[:limit])
    return text + (" ..." if len(words) > limit else "")


def _tokens_text(tokens: list[object]) -> str:
    return " ".join(
        str(getattr(t, "content", "")) for t in tokens if getattr(t, "type", "") == "inline"
    )


def node_name(node_id: str) -> str:
    """The DOT name of a node: its id when it is a plain id (always, in a checked course), else
    a name made from its characters' code points (a name Graphviz cannot read as a port, an
    HTML string or an escape)."""
    if _PLAIN_ID_RE.match(node_id):
        return node_id
    return "__id_" + "_".join(f"{ord(c):x}" for c in node_id)


def edge_label(choice: ScenarioChoice) -> list[str]:
    parts = [first_words(choice.text_md, 5)]
    effects = [f"{name} {delta:+d}" for name, delta in choice.deltas.items()]
    effects += [f"set {flag}" for flag in choice.sets] + [f"unset {flag}" for flag in choice.unsets]
    if effects:
        parts.append("{" + ", ".join(effects) + "}")
    if choice.condition_text:
        parts.append(f"if {choice.condition_text}")
    return parts


def to_dot(scenario: Scenario) -> graphviz.Digraph:
    reached, stuck = marks(scenario)
    dot = graphviz.Digraph(
        name=node_name(scenario.id),
        graph_attr={
            "rankdir": "LR",
            "label": label(scenario.title),
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
    dot.edge("__start", node_name(scenario.start))
    for node in scenario.nodes.values():
        lines = [node.id, first_words(_tokens_text(list(node.body)))]
        attrs = {"fillcolor": "#FFFFFF", "color": "#1F5F8B"}
        if node.id not in reached:
            lines.append("[unreachable]")
            attrs = {"fillcolor": "#FFF4F2", "color": "#B3261E", "style": "rounded,filled,dashed"}
        elif node.id in stuck:
            lines.append("[no way to an ending]")
            attrs = {"fillcolor": "#FFF4F2", "color": "#B3261E", "style": "rounded,filled,dashed"}
        dot.node(node_name(node.id), label(*lines), **attrs)
    for ending in scenario.endings.values():
        fill, ink = OUTCOME_COLOURS[ending.outcome]
        summary = first_words(_tokens_text(list(ending.body)), 5)
        lines = [ending.id, ending.outcome.value.upper(), summary]
        attrs = {
            "fillcolor": fill,
            "color": ink,
            "fontcolor": ink,
            "shape": "box",
            "peripheries": "2",
        }
        if ending.id not in reached:
            lines.append("[unreachable]")
            attrs["style"] = "rounded,filled,dashed"
        dot.node(node_name(ending.id), label(*lines), **attrs)
    known = set(scenario.node_ids())
    for node in scenario.nodes.values():
        for choice in node.choices:
            target = node_name(choice.target if choice.target in known else f"?{choice.target}")
            if choice.target not in known:
                dot.node(
                    target,
                    label(choice.target, "[unknown node]"),
                    color="#B3261E",
                    style="dashed",
                )
            style = "dashed" if choice.condition_text else "solid"
            dot.edge(node_name(node.id), target, label=label(*edge_label(choice)), style=style)
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
    except graphviz.CalledProcessError as exc:  # a bug here, never the course's text
        raise GraphError(f"Graphviz's 'dot' failed on scenario '{scenario.id}': {exc}") from exc
