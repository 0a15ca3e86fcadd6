"""Directives are one table, ``{name: Spec(options, parse)}``, with one parser signature.

A new directive is its parser and one entry: the test adds a ``{note}`` directive to the table
and checks that the lesson parser dispatches to it, checks its options against the entry
(CS202 with did-you-mean), names it among the known directives (CS201), and checks its media
(the prose it returns is walked like every block).
"""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest

from coursec.build import BuildOptions, load_and_check
from coursec.diagnostics import Code, Reporter
from coursec.model import Block, Prose
from coursec.parse.directives import Directive, DirectiveContext, Spec, relocated
from coursec.parse.table import DIRECTIVES

MEDIA = Path(__file__).parent / "fixtures" / "diagnostics" / "media"


@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_every_parser_has_the_one_signature(name: str) -> None:
    parameters = list(inspect.signature(DIRECTIVES[name].parse).parameters)
    assert parameters == ["directive", "context"]
    assert all(isinstance(option, str) for option in DIRECTIVES[name].options)


def parse_note(directive: Directive, context: DirectiveContext) -> Block | None:
    tokens = relocated(context.md.parse("\n".join(directive.body)), directive.body_line - 1)
    return context.make_prose(tokens, directive.span)


def test_a_new_directive_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(DIRECTIVES, "note", Spec(("tone",), parse_note))
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: notes\ntitle: Notes\n")
    (tmp_path / "lessons" / "01-notes.md").write_text(
        "# Notes\n\n:::{note}\n:tome: warm\nSee ![A picture](../media/pic.svg) and "
        "![Gone](../media/gone.svg).\n:::\n\n:::{nite}\nx\n:::\n"
    )
    shutil.copytree(MEDIA, tmp_path / "media")
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=tmp_path, targets=["web"]), reporter)
    assert checked is not None
    course = checked[0]
    [note] = course.lessons[0].pages[0].blocks
    assert isinstance(note, Prose) and note.span.line == 3
    assert "media/pic.svg" in course.assets
    got = {(d.code, d.span.line, d.help) for d in reporter.diagnostics}
    assert got == {
        (Code.CS202, 4, "did you mean 'tone'?"),
        (Code.CS401, 5, None),
        (Code.CS201, 8, "did you mean 'note'?"),
    }
