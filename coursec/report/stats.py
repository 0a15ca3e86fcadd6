"""The region test of the report: does a region differ from the others by more than chance?

In:  per (question, region): first tries and first-try correct answers (counted in SQL).
Out: per (question, region): that region against all other regions pooled, Pearson's
     chi-square on the 2x2 table (correct/wrong x region/others, 1 degree of freedom, no
     continuity correction; p = erfc(sqrt(chi2 / 2))); tables with an expected count under 5 are
     not tested (p is None). The p-values of every test of the report are adjusted together by
     Benjamini-Hochberg; a pair is flagged when its adjusted p is at most ``FDR`` (0.05): among
     the flags, at most 5 % are expected to be false on average.
Reported: nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FDR = 0.05
MIN_EXPECTED = 5.0


@dataclass(frozen=True)
class RegionTest:
    key: str
    region: str
    tries: int
    correct: int
    rate: float
    others_rate: float
    p: float | None
    q: float | None = None
    flagged: bool = False


def chi_square_2x2(a: int, b: int, c: int, d: int) -> float | None:
    """p of Pearson's chi-square for [[a, b], [c, d]], None when an expected count is < 5."""
    n = a + b + c + d
    rows, cols = (a + b, c + d), (a + c, b + d)
    if n == 0 or min(rows) == 0 or min(cols) == 0:
        return None
    if min(r * k / n for r in rows for k in cols) < MIN_EXPECTED:
        return None
    chi2 = n * (a * d - b * c) ** 2 / (rows[0] * rows[1] * cols[0] * cols[1])
    return math.erfc(math.sqrt(chi2 / 2))


def benjamini_hochberg(ps: list[float]) -> list[float]:
    """Adjusted p-values (q-values) in the order of ``ps``."""
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, ps[i] * m / rank)
        q[i] = running
    return q


def region_tests(counts: list[tuple[str, str, int, int]]) -> list[RegionTest]:
    """``counts``: (key, region, tries, correct). Every region of every key is tested against
    the others of that key; the flags control the false discovery rate over all tests."""
    by_key: dict[str, list[tuple[str, int, int]]] = {}
    for key, region, tries, correct in counts:
        by_key.setdefault(key, []).append((region, tries, correct))
    tests: list[RegionTest] = []
    for key, rows in by_key.items():
        total_n = sum(n for _, n, _ in rows)
        total_c = sum(c for _, _, c in rows)
        for region, n, c in rows:
            on, oc = total_n - n, total_c - c
            p = chi_square_2x2(c, n - c, oc, on - oc) if len(rows) > 1 else None
            tests.append(RegionTest(key, region, n, c, c / n if n else 0.0,
                                    oc / on if on else 0.0, p))
    tested = [i for i, t in enumerate(tests) if t.p is not None]
    qs = benjamini_hochberg([tests[i].p or 0.0 for i in tested])
    for i, q in zip(tested, qs, strict=True):
        t = tests[i]
        tests[i] = RegionTest(t.key, t.region, t.tries, t.correct, t.rate, t.others_rate, t.p,
                              q, q <= FDR)
    return tests
