"""One table of the report: a name (its CSV/JSON file), a title, columns and rows.

In:  rows computed from the SQL results (``figures``, ``by_region``).
Out: ``Table``; ``dicts()`` gives its rows as column -> value. Nothing is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: the question kinds whose choice shares the report shows (one choice or several per answer)
CHOICE_KINDS = ("single", "multiple", "true-false", "likert")


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]
