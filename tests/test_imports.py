"""Imports follow the pipeline: load -> parse -> check -> localize -> render -> targets -> archive.

Every module of coursec is read with ``ast`` (imports inside functions and under
``TYPE_CHECKING`` count: they are dependencies all the same) and placed in a layer of
``LAYERS``; a module may import its own layer and the layers before it, never a later one, and
the import graph has no cycle. A new module is placed by its package (``coursec.check.*``); a
new top-level module or package needs a line in ``LAYERS``.

``from a.b import c`` is an edge to ``a.b.c`` when that is a module, else to ``a.b``; that
Python also runs ``a/__init__.py`` is not an edge (a package's ``__init__`` may be lighter than
its modules: ``coursec.targets`` is the registry, its target modules are in the targets layer).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "coursec"

#: the layers in pipeline order; a name ending in ``.*`` places every module below it, an exact
#: name only that module (the most specific entry wins)
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # leaf modules everything may import: they import nothing but each other
    ("leaf", (
        "coursec", "coursec.config", "coursec.diagnostics", "coursec.model", "coursec.content",
        "coursec.condition", "coursec.runtime", "coursec.targets", "coursec.targets.registry",
        "coursec.texts", "coursec.quizkinds",
    )),
    ("load", (
        "coursec.parse.yamlsrc", "coursec.parse.yamlerrors", "coursec.parse.control",
        "coursec.parse.course", "coursec.parse.confine",
        "coursec.release.stamp",  # the targets stamp the recorded release (file names only)
    )),
    # the compiler/runtime contract (records, patterns, state codec) reads parsed conditions
    # the quiz kinds (one module each: parse, answer key, patterns, grading, template context)
    ("parse", ("coursec.parse", "coursec.parse.*", "coursec.contract", "coursec.contract.*",
               "coursec.quizkinds.*")),
    ("check", ("coursec.check", "coursec.check.*", "coursec.contract.walks")),
    ("localize", ("coursec.localize", "coursec.localize.*", "coursec.contract.verbs")),
    ("render", ("coursec.render", "coursec.render.*", "coursec.activities", "coursec.graph",
                # the release layouts a page embeds (cs-data ``releases``) are read while rendering
                "coursec.release.layout", "coursec.release.record", "coursec.release.embed")),
    ("targets", ("coursec.targets.*",)),
    ("archive", ("coursec.archive", "coursec.output")),
    # the pipeline, its options, and what runs it for a catalog (cache, process pool)
    ("pipeline", ("coursec.build", "coursec.build_options", "coursec.build_cache",
                  "coursec.catalog")),
    # what runs the pipeline: the command line, the preview, the course scaffold, reports
    ("front ends", (
        "coursec.cli", "coursec.__main__", "coursec.commands", "coursec.commands.*",
        "coursec.preview", "coursec.preview.*", "coursec.new", "coursec.progress",
        "coursec.report", "coursec.report.*", "coursec.release", "coursec.release.*",
        "coursec.contract.fixtures",
    )),
]

#: edges known to break the rule, each removed by a branch in flight (issue 13, the
#: ``contract`` helper); the lead empties this list after merging it. An entry that is no
#: longer in the code fails the test, so the list cannot go stale.
KNOWN: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path) -> Iterator[str]:
    """Every coursec module ``path`` imports, anywhere in the file."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield full if is_module(full) else base


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        edges[name] = {
            target for target in imports(path)
            if (target == "coursec" or target.startswith("coursec.")) and target != name
        }
    return edges


def layer(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (specificity, layer index)
    for index, (_, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if pattern.endswith(".*"):
                prefix = pattern[:-1]
                matches, weight = module.startswith(prefix), len(prefix)
            else:
                matches, weight = module == pattern, len(pattern) + 1
            if matches and (best is None or weight > best[0]):
                best = (weight, index)
    return None if best is None else best[1]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer() -> None:
    missing = sorted(name for name in graph() if layer(name) is None)
    assert not missing, f"place these modules in a layer of LAYERS: {missing}"


def test_no_import_against_the_pipeline() -> None:
    edges = graph()
    against = sorted(
        f"{source} ({LAYERS[s][0]}) imports {target} ({LAYERS[t][0]})"
        for source, targets in edges.items()
        for target in targets
        if (source, target) not in KNOWN
        and (s := layer(source)) is not None
        and (t := layer(target)) is not None
        and t > s
    )
    assert not against, "imports against the pipeline:\n" + "\n".join(against)


def test_no_import_cycle() -> None:
    edges = {source: targets - {t for s, t in KNOWN if s == source}
             for source, targets in graph().items()}
    found = cycles(edges)
    assert not found, f"import cycles (each list imports itself around): {found}"


def test_known_exceptions_are_still_in_the_code() -> None:
    edges = graph()
    stale = sorted(f"{s} -> {t}" for s, t in KNOWN if t not in edges.get(s, set()))
    assert not stale, f"remove from KNOWN (the import is gone): {stale}"


def test_the_rules_can_fail() -> None:
    """The checks see what they must: a function-local back-edge and a cycle."""
    assert layer("coursec.check.limits") is not None
    assert layer("coursec.parse.expr") == layer("coursec.parse.quiz") == 2
    assert layer("coursec.targets") == 0 and layer("coursec.targets.scorm12") == 6
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    # the renderer imports the activities inside a function: still an edge
    assert "coursec.activities" in graph()["coursec.render.data"]
