"""A region's page is rendered once for all its targets only when the theme's templates differ
by target in the data alone (``coursec.render.shared_page``, issue 17); otherwise per target."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursec.cli import main
from coursec.render.shared_page import data_only
from coursec.render.theme import BUILTIN_THEMES, Theme

PAGE = "<html>{body}</html>\n"


def _theme(tmp_path: Path, body: str, **more: str) -> Theme:
    templates = tmp_path / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "index.html.j2").write_text(PAGE.format(body=body))
    for name, text in more.items():
        (templates / name).write_text(text)
    return Theme("t", tmp_path / "theme", {}, {})


def test_the_default_theme_is_rendered_once_per_region() -> None:
    assert data_only(Theme("default", BUILTIN_THEMES / "default", {}, {}))


@pytest.mark.parametrize("body", [
    "<script>{{ data_json }}</script>",
    "{% if lang %}{{ data_json }}{% endif %}",
    "{% for i in [1, 2] %}{{ data_json }}{% endfor %}",
    "{{ lang }}",  # no data at all
])
def test_data_written_out_as_it_is(tmp_path: Path, body: str) -> None:
    assert data_only(_theme(tmp_path, body))


@pytest.mark.parametrize("body", [
    "{{ data_json|length }}",
    "{{ data_json ~ '' }}",
    "{% if data_json %}x{% endif %}",
    "{% set d = data_json %}{{ d }}",
    "{% filter upper %}{{ data_json }}{% endfilter %}",
    "{% set d %}{{ data_json }}{% endset %}{{ d|upper }}",
    "{% macro m() %}{{ data_json }}{% endmacro %}{{ m()|upper }}",
    "{% with d = 1 %}{{ data_json }}{% endwith %}",
    "{% block b %}{{ data_json }}{% endblock %}{{ self.b()|upper }}",
    "{% for i in [[1]] recursive %}{{ data_json }}{{ loop(i)|upper }}{% endfor %}",
    "{{ adapter }}",
    "{{ data_json }",  # a syntax error: rendered (and reported) per target, as before
])
def test_anything_else_renders_per_target(tmp_path: Path, body: str) -> None:
    assert not data_only(_theme(tmp_path, body))


@pytest.mark.parametrize("more", [
    "{{ adapter }}",
    "{{ data_json }}",
    "{% set page %}{% include 'index.html.j2' %}{% endset %}{{ page|upper }}",
])
def test_another_template(tmp_path: Path, more: str) -> None:
    theme = _theme(tmp_path, "{{ data_json }}{% include 'more.j2' %}", **{"more.j2": more})
    assert not data_only(theme)


@pytest.mark.parametrize("body", [
    "<p>{{ adapter }}</p><script>{{ data_json }}</script><i>{{ data_json }}</i>",
    "<script>{{ data_json }}</script><i>{{ data_json }}</i>",
])
def test_each_target_gets_its_own_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    course = tmp_path / "course"
    (course / "lessons").mkdir(parents=True)
    templates = course / "themes" / "t" / "templates"
    templates.mkdir(parents=True)
    (course / "course.yaml").write_text(
        "id: c\ntitle: C\ntargets: [web, scorm12, scorm2004]\ntheme: {name: t}\n"
    )
    (course / "lessons" / "01-a.md").write_text("# A\n\nText.\n")
    (course / "themes" / "t" / "theme.yaml").write_text("name: t\n")
    (templates / "index.html.j2").write_text(body)
    monkeypatch.chdir(course)
    assert main(["build", ".", "--out", str(tmp_path / "build"), "--quiet"]) == 0
    for target, adapter in (("web", "local"), ("scorm12", "scorm12"), ("scorm2004", "scorm2004")):
        page = (tmp_path / "build" / "c" / "en-US" / target / "index.html").read_text()
        data = f'"adapter":"{adapter}"'
        assert page.count(data) == 2, page
        assert ("{{" not in page) and ("coursec-data-" not in page)
        if "{{ adapter }}" in body:
            assert f"<p>{adapter}</p>" in page
