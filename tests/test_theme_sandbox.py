"""Themes are untrusted: templates render in Jinja's sandbox (issue 11, item 2).

A course-local theme (``themes/evil``) whose ``index.html.j2`` is one payload of the published
Jinja SSTI cheat sheets (the globals of ``lipsum``/``cycler``/``joiner``/``namespace``,
``__subclasses__`` walks, Flask's ``request``/``config``, ``self._TemplateReference__context``,
``|attr`` with escaped or joined names, ``|format`` building ``__class__``, ``str.format``
field access, mutation, huge arithmetic, includes outside the folder). Each payload would run
``echo PWNED-$((6*7))`` in an ordinary Jinja environment; in coursec none runs: the build ends
with a coded diagnostic (CS406 from the sandbox, CS504 for a template error) and no traceback, or
the text renders harmlessly. The marker ``PWNED-42`` (only a shell prints it) is never seen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursec.cli import main

CMD = "echo PWNED-$((6*7))"
PAYLOADS = {
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('" + CMD + "').read() }}",
    "lipsum-globals-dot": "{{ lipsum.__globals__.os.popen('" + CMD + "').read() }}",
    "cycler-init-globals": "{{ cycler.__init__.__globals__.os.popen('" + CMD + "').read() }}",
    "joiner-init-globals": "{{ joiner.__init__.__globals__.os.popen('" + CMD + "').read() }}",
    "namespace-init-globals": (
        "{{ namespace.__init__.__globals__.os.popen('" + CMD + "').read() }}"
    ),
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "subclasses-loop": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}"
        "{{ c()._module.__builtins__['__import__']('os').popen('" + CMD + "').read() }}"
        "{% endif %}{% endfor %}"
    ),
    "request-flask": (
        "{{ request.application.__globals__.__builtins__.__import__('os')"
        ".popen('" + CMD + "').read() }}"
    ),
    "config-flask": "{{ config.__class__.__init__.__globals__['os'].popen('" + CMD + "').read() }}",
    "self-template-reference": (
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os"
        ".popen('" + CMD + "').read() }}"
    ),
    "self-init-builtins": "{{ self.__init__.__globals__.__builtins__ }}",
    "attr-chain": (
        "{{ ()|attr('__class__')|attr('__base__')|attr('__subclasses__')() }}"
    ),
    "attr-hex-escapes": (
        "{{ lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f')|attr('\\x5f\\x5fgetitem\\x5f\\x5f')('os')"
        "|attr('popen')('" + CMD + "')|attr('read')() }}"
    ),
    "attr-joined-name": (
        "{{ lipsum|attr(['_'*2, 'globals', '_'*2]|join)|attr(['_'*2, 'getitem', '_'*2]|join)"
        "('os')|attr('popen')('" + CMD + "')|attr('read')() }}"
    ),
    "attr-format-name": (
        "{{ lipsum|attr('%c%c%c%c%c%c%c%c%c%c%c'|format(95,95,103,108,111,98,97,108,115,95,95))"
        "|attr('%c%c%c%c%c%c%c%c%c%c%c'|format(95,95,103,101,116,105,116,101,109,95,95))('os')"
        "|attr('popen')('" + CMD + "')|attr('read')() }}"
    ),
    "request-args-bypass": "{{ lipsum|attr(request.args.a) }}",
    "str-format-fields": "{{ '{0.__class__.__mro__}'.format('') }}",
    "str-format-map": "{{ '{x.__class__}'.format_map({'x': ''}) }}",
    "getattr-builtin": "{{ getattr(lipsum, '__globals__') }}",
    "dict-mutation": "{% set d = {} %}{{ d.update({'a': 1}) }}{{ d }}",
    "list-append": "{% set l = [] %}{{ l.append(1) }}",
    "huge-power": "{{ 9 ** 9 ** 9 }}",
    "huge-repeat": "{{ 'x' * 10 ** 9 }}",
    "huge-range": "{% for i in range(10 ** 9) %}{% endfor %}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-dotdot": "{% include '../../../../../../etc/passwd' %}",
    "import-os": "{% import 'os' as os %}",
    "syntax-error": "{{ lipsum.__globals__[ }}",
}


def _course(tmp_path: Path, template: str) -> Path:
    course = tmp_path / "course"
    (course / "lessons").mkdir(parents=True)
    (course / "themes" / "evil" / "templates").mkdir(parents=True)
    (course / "course.yaml").write_text("id: c\ntitle: C\ntargets: [web]\ntheme: {name: evil}\n")
    (course / "lessons" / "01-a.md").write_text("# A\n\nText.\n")
    (course / "themes" / "evil" / "theme.yaml").write_text("name: evil\n")
    (course / "themes" / "evil" / "templates" / "index.html.j2").write_text(template)
    return course


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_ssti_payload_does_not_run(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    course = _course(tmp_path, PAYLOADS[name])
    monkeypatch.chdir(course)
    out = tmp_path / "build"
    code = main(["build", ".", "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "PWNED-42" not in err
    written = [p.read_bytes() for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not any(b"PWNED-42" in data for data in written)
    if code == 0:  # rendered harmlessly: only what the sandbox allows
        assert not any(b"<class" in data or b"os.popen" in data for data in written), written
    else:
        assert code == 1
        assert "error[CS406]" in err or "error[CS504]" in err or "error[CS405]" in err, err
        assert "themes/evil/templates/index.html.j2" in err  # the template is named


def test_sandbox_diagnostic_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The exact CS406 text: the template's file:line, what was refused, what to do."""
    course = _course(tmp_path, "<p>\n{{ lipsum.__globals__['os'] }}\n</p>\n")
    monkeypatch.chdir(course)
    assert main(["build", ".", "--out", str(tmp_path / "build")]) == 1
    assert capsys.readouterr().err == (
        "themes/evil/templates/index.html.j2:2:1: error[CS406]: theme template refused by the"
        " sandbox: access to attribute '__globals__' of 'function' object is unsafe.\n"
        " 2 | {{ lipsum.__globals__['os'] }}\n"
        "   | ^\n"
        "  help: a theme template may only read the values it is given and call safe filters\n"
        "1 error(s), 0 warning(s)\n"
        "build failed: nothing was written\n"
    )


def test_unsandboxed_jinja_would_run_the_payloads(tmp_path: Path) -> None:
    """The payloads are real: plain Jinja runs the first one (so the tests above can fail)."""
    import jinja2

    if os.name != "posix":
        pytest.skip("the payload runs a POSIX shell")
    plain = jinja2.Environment().from_string(PAYLOADS["lipsum-globals"]).render()
    assert "PWNED-42" in plain


def test_default_theme_renders_in_the_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coursec.render.jinja import ThemeSandbox, make_environment
    from coursec.render.theme import BUILTIN_THEMES, Theme

    env = make_environment(Theme("default", BUILTIN_THEMES / "default", {}, {}))
    assert isinstance(env, ThemeSandbox)
