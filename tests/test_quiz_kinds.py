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
from coursec.quizkinds.registry import SPECS
from coursec.runtime import HERE, requires

ROOT = Path(__file__).resolve().parents[1]
#: what every JS kind module provides (coursec/runtime/kinds.js)
JS_MEMBERS = ("collect", "apply", "shuffle", "notes", "grade", "encode", "mark", "reveal", "graded")


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
