"""Scenario graphs of what learners did: Graphviz, edge width by learners, endings by share.

In:  a scenario of the course map and the report's ``scenario_edges`` and ``scenario_endings``.
Out: SVG bytes (laid out by Graphviz's ``dot``): one node per scenario node, one edge per
     choice with its learner count (width from 1 to 8 points by its share of the busiest edge;
     an edge nobody took is dashed), endings filled darker the larger their share of learners.
Reported: nothing; ``GraphError`` when ``dot`` is missing or fails (the report then says so in
     place of the picture).
"""

from __future__ import annotations

from typing import cast

from coursec.graph import GraphError, label
from coursec.report.course_map import ScenarioInfo
from coursec.report.figures import Report

__all__ = ["GraphError", "scenario_graph"]

#: ending fills from a small share to a large one (dark text stays readable on all)
_SHADES = ["#F2F6FA", "#D6E4F0", "#B9D2E6", "#9DBFDC", "#80ACD2"]


def scenario_graph(report: Report, sc: ScenarioInfo) -> bytes:
    import graphviz

    edges = [r for r in report.tables["scenario_edges"].dicts() if r["scenario"] == sc.key]
    endings = {r["ending"]: r for r in report.tables["scenario_endings"].dicts()
               if r["scenario"] == sc.key}
    busiest = max((r["learners"] for r in edges), default=0) or 1
    dot = graphviz.Digraph(sc.id, graph_attr={"rankdir": "TB", "fontname": "Helvetica"},
                           node_attr={"fontname": "Helvetica", "fontsize": "10"},
                           edge_attr={"fontname": "Helvetica", "fontsize": "9"})
    for node in sc.nodes:
        dot.node("n_" + node, label(node), shape="box", style="rounded",
                 penwidth="2" if node == sc.start else "1")
    for ending, (outcome, _src) in sc.endings.items():
        row = endings.get(ending, {})
        share = row.get("share") or 0.0
        shade = _SHADES[min(len(_SHADES) - 1, int(share * len(_SHADES)))]
        dot.node("n_" + ending, label(f"{ending} ({outcome})", f"{share:.0%} of learners"),
                 shape="ellipse", style="filled", fillcolor=shade)
    for r in edges:
        width = 1 + 7 * r["learners"] / busiest
        dot.edge("n_" + r["node"], "n_" + r["target"], label=label(str(r["learners"])),
                 penwidth=f"{width:.2f}", style="solid" if r["learners"] else "dashed")
    try:
        return cast(bytes, dot.pipe(format="svg"))
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError) as exc:
        raise GraphError(f"Graphviz failed: {exc}") from exc
