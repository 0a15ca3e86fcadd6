"""The HTML report: one self-contained, accessible page (no script, no network, works offline).

In:  the ``Report``, the ``CourseMap``, the folder it is written to (for links to the sources).
Out: ``report.html``: headings per part (funnel, questions, regions, scenarios, time to pass),
     each chart an ``<img>`` holding its SVG as a data URL with an alt text saying what the
     table next to it holds, every table with a caption and column headers, every row about a
     page, question, node or ending linked to its ``file:line`` (a relative link to the source).
Reported: nothing.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from coursec.report import charts
from coursec.report.course_map import CourseMap
from coursec.report.figures import Report, Table
from coursec.report.graphs import GraphError, scenario_graph

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Learner report: {{ course }}</title>
<style>
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto;
       max-width: 72rem; padding: 1rem; line-height: 1.4; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { color: #9E2A1E; font-weight: bold; }
img { max-width: 100%; height: auto; }
a { color: #0b4f80; }
.scroll { overflow-x: auto; }
</style></head>
<body><main>
<h1>Learner report: {{ course }}</h1>
<p>{{ statements }} statements of {{ learners }} learners{% if regions %}
in {{ regions|join(", ") }}{% endif %},
computed with {{ engine }}.{% if unknown %} {{ unknown }} statements name activity ids this
course does not have (listed in unknown.json).{% endif %}</p>
<p>Region flags: each region's first-try correct rate against the other regions' (Fisher's
exact test on the 2&times;2 table), Benjamini-Hochberg over all tests at a
false discovery rate of {{ fdr }}.</p>
{% for part in parts %}
<section aria-labelledby="h-{{ part.id }}">
<h2 id="h-{{ part.id }}">{{ part.title }}</h2>
{% for img in part.images %}
<p><img src="data:image/svg+xml;base64,{{ img.data }}" alt="{{ img.alt }}"></p>
{% endfor %}
{% for note in part.notes %}<p>{{ note }}</p>{% endfor %}
{% for t in part.tables %}
<div class="scroll"><table>
<caption>{{ t.title }}</caption>
<thead><tr>{% for c in t.columns %}<th scope="col">{{ c }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in t.rows %}
<tr>{% for cell in row %}{{ cell }}{% endfor %}</tr>{% endfor %}</tbody>
</table></div>
{% endfor %}
</section>
{% endfor %}
</main></body></html>
"""


def _data(svg: bytes) -> str:
    return base64.b64encode(svg).decode("ascii")


class _Cells:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def cell(self, column: str, value: Any) -> str:
        e = escape
        if value is None:
            return "<td>&ndash;</td>"
        if column == "source" and value:
            path = str(value).rpartition(":")[0]
            href = Path(os.path.relpath(Path(path).resolve(), self.out_dir.resolve())).as_posix()
            return f'<td><a href="{e(href)}">{e(value)}</a></td>'
        if isinstance(value, bool):
            return f"<td>{'yes' if value else 'no'}</td>"
        if isinstance(value, int | float):
            share = column in _SHARES or column.startswith(("share_", "meets_"))
            text = f"{value:.1%}" if share else f"{value:g}"
            return f'<td class="num">{e(text)}</td>'
        cls = ' class="flag"' if column in ("flags", "flag") and value else ""
        return f"<td{cls}>{e(value)}</td>"

    def table(self, t: Table, columns: list[str] | None = None,
              keep: Any = None) -> dict[str, Any]:
        columns = columns or t.columns
        rows = [r for r in t.dicts() if keep is None or keep(r)]
        return {"title": t.title, "columns": columns,
                "rows": [[Markup(self.cell(c, r.get(c))) for c in columns] for r in rows]}


def _by_region(title: str, whole: Table, split: Table, keys: list[str], value: str,
               regions: list[str], keep: Any = None) -> Table:
    """One row per row of ``whole``: its ``value`` (a share) for all regions and, in a column
    per region, the same share from ``split`` (a ``*_by_region`` table)."""
    per = {(*(r[k] for k in keys), r["region"]): r[value] for r in split.dicts()
           if keep is None or keep(r)}
    table = Table(split.name, title, [*keys, value, *[f"{value}_{g}" for g in regions],
                                      "source"])
    for r in whole.dicts():
        if keep is None or keep(r):
            k = tuple(r[c] for c in keys)
            table.rows.append([*k, r[value], *[per.get((*k, g)) for g in regions],
                               r["source"]])
    return table


def _meets_by_region(split: Table, scenario: str, regions: list[str]) -> Table:
    """Per competency of ``scenario``: the share of endings meeting its pass threshold, for all
    regions and per region (from ``competencies_by_region``)."""
    table = Table(split.name, "Share of endings meeting each competency's pass threshold, by "
                  "region", ["competency", "threshold", "meets_all",
                             *[f"meets_{g}" for g in regions], "source"])
    rows = [r for r in split.dicts() if r["scenario"] == scenario and r["meets"] is not None]
    for name in dict.fromkeys(r["competency"] for r in rows):
        mine = [r for r in rows if r["competency"] == name]

        def share(rs: list[dict[str, Any]]) -> float | None:
            n = sum(r["times"] for r in rs)
            return sum(r["times"] for r in rs if r["meets"]) / n if n else None

        table.rows.append([name, mine[0]["threshold"], share(mine),
                           *[share([r for r in mine if r["region"] == g]) for g in regions],
                           mine[0]["source"]])
    return table


_SHARES = {"first_try_correct", "share", "share_passed", "share_others", "correct_rate",
           "others_rate", "share_of_node", "worst_share"}


def render(report: Report, cmap: CourseMap, out_dir: Path) -> str:
    from coursec.report.stats import FDR

    cells = _Cells(out_dir)
    T = report.tables
    parts: list[dict[str, Any]] = [
        {"id": "funnel", "title": "Completion funnel",
         "images": [{"data": _data(charts.funnel(report)),
                     "alt": "Bar chart of learners per step of the course; the same figures are "
                            "in the funnel table below."}],
         "notes": ["left_here: learners who never completed, by the last page they saw."],
         "tables": [cells.table(T["funnel"])]},
        {"id": "questions", "title": "Questions",
         "images": [{"data": _data(charts.difficulty(report)),
                     "alt": "Bar chart of the first-try correct rate per question, hardest "
                            "first; the same figures are in the questions table below."}],
         "notes": [], "tables": [cells.table(T["questions"]),
                                 cells.table(T["choices"])]},
        {"id": "regions", "title": "Questions by region", "images": [],
         "notes": ["The per-region counts behind the choice shares are in "
                   "choices_by_region.csv and .json."],
         "tables": [cells.table(T["question_regions"]),
                    cells.table(_by_region("Choice shares of first tries, all regions and by "
                                           "region", T["choices"], T["choices_by_region"],
                                           ["key", "version", "choice", "correct"], "share",
                                           report.regions))]},
    ]
    for skey, sc in cmap.scenarios.items():
        images = []
        try:
            images.append({"data": _data(scenario_graph(report, sc)),
                           "alt": f"Graph of scenario {sc.title}: nodes, choices drawn wider the "
                                  "more learners took them, endings shaded by their share; the "
                                  "same figures are in the tables below."})
        except GraphError as exc:
            notes = [f"(no graph: {exc})"]
        else:
            notes = []
        comp = charts.competencies(report, skey)
        if comp:
            images.append({"data": _data(comp),
                           "alt": f"Histograms of the competency scores at the endings of "
                                  f"{sc.title}, the pass threshold dashed; the same figures are "
                                  "in the competencies table."})
        notes.append(f"Pass rule: {sc.pass_text or 'none'}.")
        meets = _meets_by_region(T["competencies_by_region"], skey, report.regions)
        def mine(r: dict[str, Any], k: str = skey) -> bool:
            return bool(r["scenario"] == k)

        parts.append({"id": "s-" + sc.id, "title": f"Scenario: {sc.title}", "images": images,
                      "notes": notes,
                      "tables": [cells.table(T["scenario_endings"], keep=mine),
                                 cells.table(T["scenario_nodes"], keep=mine),
                                 cells.table(T["scenario_edges"], keep=mine),
                                 cells.table(_by_region(
                                     "Scenario choices: share of the node's decisions, all "
                                     "regions and by region", T["scenario_edges"],
                                     T["scenario_edges_by_region"], ["node", "choice"],
                                     "share_of_node", report.regions, keep=mine)),
                                 cells.table(T["competencies"], keep=mine),
                                 *[cells.table(m) for m in [meets] if m.rows]]})
    parts.append({"id": "to-pass", "title": "Attempts and time to pass", "images": [],
                  "notes": [], "tables": [cells.table(T["to_pass"])]})
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_PAGE).render(
        course=cmap.course_id, statements=report.statements, learners=report.learners,
        regions=report.regions, engine=report.engine, unknown=sum(report.unknown.values()),
        fdr=f"{FDR:.0%}", parts=parts)
