"""The report's charts: SVG drawn by matplotlib (its SVG backend, text kept as text).

In:  the report's tables (funnel, questions, competencies).
Out: SVG bytes, the same for the same figures (no date, a fixed hash salt): the funnel (learners
     per step), the first-try correct rate per question (hardest first), the competency values
     at each scenario's endings with the pass threshold drawn.
Reported: nothing.
"""

from __future__ import annotations

import io
from typing import Any

from coursec.report.figures import Report

INK, BAR, MARK = "#1a1a1a", "#1F5F8B", "#9E2A1E"


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "coursec-report",
                                "font.size": 9, "text.color": INK, "axes.labelcolor": INK,
                                "xtick.color": INK, "ytick.color": INK})
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _svg(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def funnel(report: Report) -> bytes:
    rows = report.tables["funnel"].dicts()
    fig = _figure(7, 0.22 * len(rows) + 1)
    ax = fig.add_subplot()
    labels = [r["label"][:48] for r in rows]
    ax.barh(range(len(rows)), [r["learners"] for r in rows], color=BAR)
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("learners")
    return _svg(fig)


def difficulty(report: Report) -> bytes:
    rows = [r for r in report.tables["questions"].dicts() if r["first_try_correct"] is not None]
    rows.sort(key=lambda r: (r["first_try_correct"], r["key"]))
    fig = _figure(7, 0.22 * len(rows) + 1)
    ax = fig.add_subplot()
    colours = [MARK if r["flags"] else BAR for r in rows]
    ax.barh(range(len(rows)), [r["first_try_correct"] for r in rows], color=colours)
    ax.set_yticks(range(len(rows)), [r["key"].split("/")[-1] for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("first-try correct rate (red: flagged)")
    return _svg(fig)


def competencies(report: Report, scenario: str) -> bytes | None:
    rows = [r for r in report.tables["competencies"].dicts() if r["scenario"] == scenario]
    names = sorted({r["competency"] for r in rows})
    if not names:
        return None
    fig = _figure(2.4 * len(names), 2.2)
    for i, name in enumerate(names, 1):
        ax = fig.add_subplot(1, len(names), i)
        mine = [r for r in rows if r["competency"] == name]
        ax.bar([r["value"] for r in mine], [r["times"] for r in mine],
               color=[BAR if r["meets"] in (True, None) else "#8a8a8a" for r in mine])
        threshold = next((r["threshold"] for r in mine if r["threshold"]), "")
        if threshold:
            bound = float(threshold.split()[-1])
            ax.axvline(bound - 0.5 if ">=" in threshold else bound + 0.5, color=MARK,
                       linestyle="--")
        ax.set_title(f"{name} {threshold}".strip())
        ax.set_xlabel("score at the ending")
    fig.tight_layout()
    return _svg(fig)
