"""What a page of each adapter loads, gzipped (issue 14's budget: runtime JS + CSS under 30 KB).

In:  nothing (``--json`` for a machine-readable line).
Out: a table on stdout, one row per adapter: the shipped bytes and the gzipped bytes (level 9,
     no timestamp, each file on its own, as a server compresses them) of the adapter's script,
     ``scenario.js``, ``player.js`` and ``coursec.css``, and their sum against the budget. The
     budget is printed beside the numbers, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json

from coursec.runtime import ADAPTERS, adapter_file, runtime_file

BUDGET = 30 * 1024
COMMON = ("scenario.js", "player.js", "coursec.css")


def sizes() -> dict[str, dict[str, tuple[int, int]]]:
    """{adapter: {file: (shipped bytes, gzipped bytes)}}."""
    common = {name: runtime_file(name) for name in COMMON}
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for adapter in ADAPTERS:
        files = {f"{adapter}.js": adapter_file(adapter), **common}
        out[adapter] = {n: (len(b), len(gzip.compress(b, 9, mtime=0))) for n, b in files.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    table = sizes()
    if args.json:
        print(json.dumps(table, sort_keys=True))
        return
    print(f"{'adapter':<10} {'shipped':>9} {'gzipped':>9}  budget {BUDGET} B")
    for adapter, files in table.items():
        raw = sum(r for r, _ in files.values())
        gz = sum(g for _, g in files.values())
        verdict = "within" if gz <= BUDGET else f"over by {gz - BUDGET} B"
        print(f"{adapter:<10} {raw:>9} {gz:>9}  {verdict}")


if __name__ == "__main__":
    main()
