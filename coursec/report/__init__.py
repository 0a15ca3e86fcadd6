"""Reports: the scenario table of ``coursec check --scenarios`` and ``coursec report``.

``coursec report`` (issue 16) reads learners' xAPI statements (exported files or an LRS), maps
them back onto the course model through the activity ids coursec generates, computes every
figure in SQL (DuckDB by default, ClickHouse with ``--clickhouse``) and writes a static HTML
report with every table as CSV and JSON. Its modules: ``course_map`` (ids -> source),
``sources`` and ``lrs`` (statements in), ``dialect``/``queries``/``engine`` (SQL), ``figures`` and
``stats`` (tables and flags), ``charts``/``graphs``/``html``/``write`` (out); the CLI is
``coursec.commands.report``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["reports_json", "reports_text"]


def __getattr__(name: str) -> Any:
    """``reports_json``/``reports_text`` of the scenario table, imported when first used (rich
    loads only for ``coursec check --scenarios``)."""
    if name in __all__:
        from coursec.report import scenario_table

        return getattr(scenario_table, name)
    raise AttributeError(name)
