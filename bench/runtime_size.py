"""What a page of each adapter loads, gzipped (issue 14's budget: runtime JS + CSS under 30 KB).

In:  nothing (``--json`` for a machine-readable line).
Out: a table on stdout, one row per adapter: the shipped bytes and the gzipped bytes (level 9,
     no timestamp, each file on its own, as a server compresses them) of the files the page
     loads: its one script (``coursec.runtime.page_script``, with ``scenario.js`` and the
     release migration in it: the worst case) and ``coursec.css``, and their sum against the
     budget; beside it ("plain") the gzipped sum for a course without scenarios or releases.
     The budget is printed beside the numbers, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json

from coursec.runtime import ADAPTERS, PAGE_SCRIPT, page_script, runtime_file

BUDGET = 30 * 1024
STYLESHEET = "coursec.css"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def sizes(scenarios: bool = True, releases: bool = True) -> dict[str, dict[str, tuple[int, int]]]:
    """{adapter: {package file: (shipped bytes, gzipped bytes)}} of what a page loads."""
    css = runtime_file(STYLESHEET)
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for adapter in ADAPTERS:
        script = page_script(adapter, scenarios, releases)
        files = {PAGE_SCRIPT: script, f"runtime/{STYLESHEET}": css}
        out[adapter] = {n: (len(b), _gz(b)) for n, b in files.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    table = sizes()
    plain = sizes(scenarios=False, releases=False)
    if args.json:
        print(json.dumps({"scenarios": table, "no_scenarios": plain}, sort_keys=True))
        return
    print(f"{'adapter':<10} {'shipped':>9} {'gzipped':>9} {'plain':>9}  budget {BUDGET} B")
    for adapter, files in table.items():
        raw = sum(r for r, _ in files.values())
        gz = sum(g for _, g in files.values())
        gz_plain = sum(g for _, g in plain[adapter].values())
        verdict = "within" if gz <= BUDGET else f"over by {gz - BUDGET} B"
        print(f"{adapter:<10} {raw:>9} {gz:>9} {gz_plain:>9}  {verdict} ({BUDGET - gz:+d} B)")


if __name__ == "__main__":
    main()
