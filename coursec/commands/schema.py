"""``coursec schema``: print the JSON Schema of course.yaml (``coursec.config.CourseConfig``).

In:  nothing.
Out: the schema, indented and with sorted keys, on stdout. Exit code 0.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parser(sub: Any) -> None:
    sub.add_parser("schema", help="print the JSON Schema of course.yaml")


def run(args: argparse.Namespace) -> int:
    from coursec.config import CourseConfig  # pydantic: only when it runs

    print(json.dumps(CourseConfig.model_json_schema(), indent=2, sort_keys=True))
    return 0
