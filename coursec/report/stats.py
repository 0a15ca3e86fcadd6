"""The region test of the report: does a region differ from the others by more than chance?

In:  per (question, region): first tries and first-try correct answers (counted in SQL).
Out: per (question, region): that region against all other regions pooled, Fisher's exact test
     on the 2x2 table (correct/wrong x region/others, two-sided; SciPy), so small regions are
     tested too and nothing rests on a large-sample approximation. The p-values of every test
     of the report are adjusted together by Benjamini-Hochberg (SciPy's
     ``false_discovery_control``); a pair is flagged when its adjusted p is at most ``FDR``
     (0.05): among the flags, at most 5 % are expected to be false on average.
Reported: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import false_discovery_control, fisher_exact

FDR = 0.05


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


def exact_2x2(a: int, b: int, c: int, d: int) -> float | None:
    """Two-sided p of Fisher's exact test for [[a, b], [c, d]]; None when a row or a column is
    empty (nothing to compare)."""
    if min(a + b, c + d, a + c, b + d) == 0:
        return None
    return float(fisher_exact([[a, b], [c, d]]).pvalue)


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
            p = exact_2x2(c, n - c, oc, on - oc) if len(rows) > 1 else None
            tests.append(RegionTest(key, region, n, c, c / n if n else 0.0,
                                    oc / on if on else 0.0, p))
    tested = [i for i, t in enumerate(tests) if t.p is not None]
    qs = [float(q) for q in false_discovery_control([tests[i].p or 0.0 for i in tested])
          ] if tested else []
    for i, q in zip(tested, qs, strict=True):
        t = tests[i]
        tests[i] = RegionTest(t.key, t.region, t.tries, t.correct, t.rate, t.others_rate, t.p,
                              q, q <= FDR)
    return tests
