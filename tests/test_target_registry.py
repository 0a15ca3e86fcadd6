"""The target registry is the one place that names targets.

Every entry resolves to a ``PackageTarget`` made from it, with an adapter the runtime ships;
course.yaml's schema, ``--target`` and the checks follow the registry; ``coursec/build.py``
and ``coursec/check/`` name no target (no string literal that is a target name, no import of
a target's module), so a new target is its module and its registry entry.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from coursec.build import BuildOptions, load_and_check
from coursec.check.responses import check_responses
from coursec.config import CourseConfig
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Choice, Course, Quiz
from coursec.runtime import ADAPTERS, adapter_file
from coursec.targets import TARGET_NAMES, get_target
from coursec.targets import registry as reg
from coursec.targets.base import PackageTarget

ROOT = Path(__file__).resolve().parents[1]
#: words that are a target's name and something else too: the ``xapi:`` section of course.yaml
#: (and an LRS key's owner) in the secrets scan
NOT_A_TARGET = {("secrets.py", "xapi")}


@pytest.mark.parametrize("name", TARGET_NAMES)
def test_every_entry_makes_its_target(name: str) -> None:
    entry = reg.TARGETS[name]
    target = get_target(name)
    assert isinstance(target, PackageTarget)
    assert (target.name, target.adapter, target.capabilities) == (name, entry.adapter, entry)
    assert entry.adapter in ADAPTERS and adapter_file(entry.adapter)
    for edition in entry.editions:
        edited = get_target(name, edition=edition)
        assert isinstance(edited, PackageTarget)
        assert edited.schemaversion == entry.editions[edition]


def test_defaults_and_schema_follow_the_registry() -> None:
    assert set(reg.DEFAULT_TARGETS) <= set(TARGET_NAMES)
    config = CourseConfig.model_validate({"id": "c", "title": "T"})
    assert tuple(config.targets) == reg.DEFAULT_TARGETS
    schema = CourseConfig.model_json_schema()
    assert tuple(schema["properties"]["targets"]["items"]["enum"]) == TARGET_NAMES


def test_a_new_entry_is_a_new_target(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry entry alone (with an existing target class) is enough for the checks."""
    tiny = dataclasses.replace(reg.TARGETS["web"], name="tiny", title="Tiny LMS",
                               response_alphabet="ab")
    monkeypatch.setitem(reg.TARGETS, "tiny", tiny)
    assert get_target("tiny").adapter == "local"
    course = Course(config=CourseConfig.model_validate({"id": "c", "title": "T"}), root=ROOT)
    span = Span("lessons/a.md", 1, 1)
    quiz = Quiz(id="q", kind="single", prompt_md="?", span=span,
                choices=[Choice(id=f"c{i}", text_md=str(i), correct=i == 0, span=span)
                         for i in range(3)])
    monkeypatch.setattr(Course, "quizzes", lambda self: [quiz])
    reporter = Reporter()
    check_responses(course, ["tiny", "web"], reporter)
    assert [(d.code, d.message) for d in reporter.diagnostics] == [
        (Code.CS503, "quiz 'q' has 3 choices; Tiny LMS can report at most 2")
    ]


def test_the_base_iri_requirement_comes_from_the_registry(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: c\ntitle: T\n", encoding="utf-8")
    (tmp_path / "lessons" / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    for name in TARGET_NAMES:
        reporter = Reporter()
        load_and_check(BuildOptions(course_dir=tmp_path, targets=[name]), reporter)
        codes = {d.code for d in reporter.diagnostics}
        assert (Code.CS701 in codes) is reg.TARGETS[name].needs_base_iri, name


def _names_a_target(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Constant) and node.value in TARGET_NAMES
                and (path.name, node.value) not in NOT_A_TARGET):
            found.append(f"{path.name}:{node.lineno} {node.value!r}")
        if (isinstance(node, ast.ImportFrom) and node.module
                and node.module.rpartition(".")[2] in TARGET_NAMES):
            found.append(f"{path.name}:{node.lineno} imports {node.module}")
    return found


def test_build_and_check_name_no_target() -> None:
    files = [ROOT / "coursec" / "build.py", *sorted((ROOT / "coursec" / "check").glob("*.py"))]
    assert [hit for path in files for hit in _names_a_target(path)] == []
    # the probe itself sees a name where there is one
    assert _names_a_target(ROOT / "coursec" / "targets" / "registry.py")
