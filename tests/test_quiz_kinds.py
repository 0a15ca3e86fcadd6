"""The quiz kinds, one Python module and one JS module each, registered in one table each:
``coursec.quizkinds.KINDS`` and ``coursec/runtime/kinds.js`` list the same kinds in the same
order, every Python module declares a complete ``SPEC`` and every JS module every member."""

from __future__ import annotations

import dataclasses
import importlib
import json
import subprocess
from pathlib import Path

from coursec.model import Quiz
from coursec.parse.quiz import QUIZ_OPTIONS
from coursec.quizkinds import KIND_NAMES, KINDS
from coursec.quizkinds.base import KindSpec
from coursec.quizkinds.registry import KIND_OPTIONS, SPECS
from coursec.runtime import HERE, requires

ROOT = Path(__file__).resolve().parents[1]
#: what every JS kind module provides (coursec/runtime/kinds.js)
JS_MEMBERS = ("collect", "apply", "shuffle", "notes", "grade", "encode", "number", "mark", "reveal",
              "graded")


def js_kinds() -> dict[str, dict[str, str]]:
    """kinds.js's table: kind -> {member: typeof member}."""
    script = (
        "const k = require(process.argv[1]); const out = {};"
        "for (const n of Object.keys(k)) { out[n] = {};"
        " for (const m of Object.keys(k[n])) out[n][m] = typeof k[n][m]; }"
        "console.log(JSON.stringify(out));"
    )
    run = subprocess.run(["node", "-e", script, str(HERE / "kinds.js")], capture_output=True,
                         text=True, timeout=60, check=True)
    found: dict[str, dict[str, str]] = json.loads(run.stdout)
    return found


def test_the_python_and_js_tables_list_the_same_kinds() -> None:
    assert list(js_kinds()) == list(KIND_NAMES) == list(SPECS)


def test_every_python_kind_module_declares_a_complete_spec() -> None:
    fields = [f.name for f in dataclasses.fields(KindSpec)]
    for name, module in KINDS.items():
        spec = importlib.import_module(f"coursec.quizkinds.{module}").SPEC
        assert isinstance(spec, KindSpec)
        assert spec.name == name
        for field in fields:
            value = getattr(spec, field)
            assert value is not None, (name, field)
        for field in ("infer", "fill", "key", "rid", "patterns", "definition", "grade", "right",
                      "worst", "samples", "context"):
            assert callable(getattr(spec, field)), (name, field)
        assert spec.lines <= {"task", "bullet", "ordered", "answer"}, name
        assert set(spec.options) <= set(QUIZ_OPTIONS), name
    # each kind's name is a value Quiz.kind takes: the model reads it from the same table
    assert Quiz.__dataclass_fields__["kind"].type == "QuizKind"


def test_every_js_kind_module_provides_every_member() -> None:
    for name, members in js_kinds().items():
        for member in JS_MEMBERS:
            expected = "boolean" if member == "graded" else "function"
            assert members.get(member) == expected, (name, member, members.get(member))
    # one module per kind, q<name without dashes>.js, each required by the table
    assert requires("kinds.js") == tuple(f"q{name.replace('-', '')}.js" for name in KIND_NAMES)


def test_an_option_of_another_kind_is_reported_at_its_name(tmp_path: Path) -> None:
    """``:case:`` (or any option only some kinds read) on a kind that ignores it: CS202 at
    file:line:col of the option's name, like an unknown option; on a kind that reads it, not."""
    from coursec.build import BuildOptions, load_and_check
    from coursec.diagnostics import Code, Reporter

    blocks, where = [], []
    line = 3
    for option in KIND_OPTIONS:
        for name, kind in SPECS.items():
            blocks.append(f":::{{quiz}}\n:type: {name}\n:{option}: sensitive\n\nQ?\n\n= a\n:::\n")
            where.append((line + 2, option in kind.options))
            line += 9
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: fixture\ntitle: Fixture\n")
    (tmp_path / "lessons" / "01.md").write_text("# L\n\n" + "\n".join(blocks))
    reporter = Reporter()
    load_and_check(BuildOptions(course_dir=tmp_path, targets=["web"]), reporter)
    foreign = {(d.span.line, d.span.col) for d in reporter.diagnostics if d.code is Code.CS202}
    assert where and any(takes for _, takes in where) and not all(takes for _, takes in where)
    for at, takes in where:
        assert ((at, 1) in foreign) is not takes, at


def test_the_js_kinds_are_graded_as_the_python_specs_say() -> None:
    """``graded`` decides the weighting an adapter writes (responses.weighted) and the points
    of a score: the JS member and the Python spec must agree."""
    script = (
        "const k = require(process.argv[1]); const out = {};"
        "for (const n of Object.keys(k)) out[n] = k[n].graded;"
        "console.log(JSON.stringify(out));"
    )
    run = subprocess.run(["node", "-e", script, str(HERE / "kinds.js")], capture_output=True,
                         text=True, timeout=60, check=True)
    assert json.loads(run.stdout) == {name: s.graded for name, s in SPECS.items()}
