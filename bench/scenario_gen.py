"""Seeded branching scenarios for the benchmarks (real ``{scenario}`` blocks, not dialogue).

In:  a ``Shape`` (number of nodes, competencies, flags, score range, extra conditional choices)
     and a ``sentence()`` callable for the prose; or one of the named stress ``CASES``.
Out: Markdown lines of one ``::::{scenario}`` block that ``coursec check`` passes clean: every
     node has an unconditional way forward to an ending, every condition can be true on the
     path of first choices, loops pay back what they gain (no CS316), the pass rule holds on
     that path.

The graph, for nodes ``n0 .. n(N-1)`` and competencies ``c0 .. c(C-1)``:

- node ``k``'s first choice goes to ``k+1`` with ``c(k mod C) +1`` (the last node's goes to the
  ``pass`` ending); its second goes to ``k+2`` with ``c(k+1) -1, c(k+2) +1`` (or to the ``fail``
  ending near the end);
- every third node has a third choice back to ``k-1`` that pays back what ``k-1``'s first choice
  gave, so loops neither farm nor lose a score;
- flag ``fj`` is set by the first choice of node ``5j+1`` and read by an extra choice of node
  ``5j+3`` (to the ``neutral`` ending); nodes ``k >= 2`` with ``k mod 4 == 2`` get an extra choice
  ``if c0 >= 1`` (true after the first choices), repeated ``extra`` times with other targets. As
  in the sample course, conditions read flags and one score; the pass rule reads them all.

Deterministic: the same shape and the same sentences give the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    nodes: int = 10
    competencies: int = 3
    flags: int = 1
    score_range: tuple[int, int] = (-10, 10)
    extra: int = 1  # conditional choices added on every fourth node


def scenario_markdown(sid: str, shape: Shape, sentence: Callable[[], str]) -> list[str]:
    n, c = shape.nodes, shape.competencies
    lo, hi = shape.score_range
    names = [f"c{i}" for i in range(c)]
    out = [
        f"::::{{scenario}} {sid}",
        f":title: Practice call {sid}",
        ":start: n0",
        f":competencies: {', '.join(names)}",
        ":pass: c0 >= 1 and total >= 2",
        ":graded: false",
        f":range: {lo}..{hi}",
        "",
        sentence(),
        "",
    ]

    def node_id(k: int) -> str:
        return f"n{k}" if k < n else "good"

    for k in range(n):
        lines = [f":::{{node}} n{k}", f"**Customer:** {sentence()}", ""]
        first = f"c{k % c} +1"
        if shape.flags and k % 5 == 1 and (k - 1) // 5 < shape.flags:
            first += f", set f{(k - 1) // 5}"
        lines.append(f'- "{sentence()}" -> {node_id(k + 1)} {{{first}}}')
        second = "bad" if k + 2 > n else node_id(k + 2)
        lines.append(f'- "{sentence()}" -> {second} {{c{(k + 1) % c} -1, c{(k + 2) % c} +1}}')
        if k % 3 == 2:
            lines.append(f'- "Let me go back a step." -> n{k - 1} {{c{(k - 1) % c} -1}}')
        if shape.flags and k % 5 == 3 and (k - 3) // 5 < shape.flags:
            lines.append(f'- "{sentence()}" -> okay if f{(k - 3) // 5}')
        if k >= 2 and k % 4 == 2:
            for e in range(shape.extra):
                target = node_id(min(n, k + 1 + e))
                lines.append(f'- "{sentence()}" -> {target} if c0 >= 1')
        out += [*lines, ":::", ""]
    out += [
        ":::{ending} good",
        ":outcome: pass",
        ":show: scores, path",
        sentence(),
        ":::",
        "",
        ":::{ending} okay",
        ":outcome: neutral",
        sentence(),
        ":::",
        "",
        ":::{ending} bad",
        ":outcome: fail",
        sentence(),
        ":::",
        "::::",
    ]
    return out



def range_case() -> list[str]:
    """Issue 11's first case: 3 nodes, 3 competencies, range -15..15, a +-1 choice per score."""
    out = [
        "::::{scenario} wide-range",
        ":start: a",
        ":competencies: x, y, z",
        ":range: -15..15",
        "",
    ]
    for node, nxt in (("a", "b"), ("b", "c"), ("c", "a")):
        out += [f":::{{node}} {node}", "Talk.", ""]
        for name in ("x", "y", "z"):
            out.append(f'- "More {name}." -> {nxt} {{{name} +1}}')
            out.append(f'- "Less {name}." -> {nxt} {{{name} -1}}')
        out += ['- "Stop." -> done', ":::", ""]
    out += [":::{ending} done", ":outcome: pass", "Done.", ":::", "::::"]
    return out


def many_choices_case() -> list[str]:
    """Issue 11's second case: 6 competencies, 48 choices per node (3 nodes, range -10..10)."""
    names = [f"k{i}" for i in range(6)]
    out = [
        "::::{scenario} many-choices",
        ":start: a",
        f":competencies: {', '.join(names)}",
        "",
    ]
    nodes = ("a", "b", "c")
    for index, node in enumerate(nodes):
        out += [f":::{{node}} {node}", "Talk.", ""]
        for j in range(47):
            size = 1 + j // 12
            sign = "+" if j % 2 == 0 else "-"
            target = nodes[(index + 1 + j % 2) % 3]
            out.append(f'- "Option {j}." -> {target} {{{names[j % 6]} {sign}{size}}}')
        out += ['- "Stop." -> done', ":::", ""]
    out += [":::{ending} done", ":outcome: pass", "Done.", ":::", "::::"]
    return out


CASES: dict[str, Callable[[], list[str]]] = {
    "range-15": range_case,
    "48-choices": many_choices_case,
}
