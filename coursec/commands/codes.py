"""``coursec codes``: print the table of diagnostic codes (``coursec.diagnostics.Code``).

In:  nothing.
Out: a Markdown table (code, severity, meaning) on stdout. Exit code 0.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    sub.add_parser("codes", help="print the table of diagnostic codes (Markdown)")


def run(args: argparse.Namespace) -> int:
    from coursec.diagnostics import Code

    print("| code | severity | meaning |\n| --- | --- | --- |")
    for code in Code:
        print(f"| {code.name} | {code.severity.value} | {code.meaning} |")
    return 0
