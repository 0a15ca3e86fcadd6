"""The Jinja environment of a theme: sandboxed, confined to the theme's templates folder.

In:  a ``Theme``.
Out: an ``ImmutableSandboxedEnvironment`` loading the theme's templates, autoescaping everything
     (model text comes in as ``Markup`` only after markdown-it escaped or nh3 sanitized it),
     failing on undefined names, with stable whitespace so the same course gives the same bytes.
     A theme is untrusted input (a course-local theme comes with any pull request): the sandbox
     refuses attributes starting with ``_`` and Python internals (``__globals__``,
     ``__subclasses__``, ``func_code``...), unsafe ``str.format`` and every mutating method, and
     the loader refuses a template that resolves outside the templates folder (a symlink).
     ``render_page`` turns whatever a template does wrong into a diagnostic.
     One environment per template folder is kept for the life of the process, so templates are
     compiled once (Jinja recompiles a template whose file changed: ``auto_reload``); the preview
     relies on it. Compiled templates are also kept on disk between runs (Jinja's bytecode
     cache, keyed by the template source) in ``$COURSEC_CACHE_DIR`` or ``~/.cache/coursec``:
     compiling costs more than rendering a small course. Without a writable cache folder nothing
     is cached.
Reported (``render_page``): CS406 when a template breaks the sandbox (SecurityError), CS405 for a
     template outside the theme folder, CS504 for any other template error (syntax, undefined
     name, missing template, a runtime error), at the template's file:line when Jinja knows it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from coursec.diagnostics import Code, Reporter, Span
from coursec.parse.confine import inside
from coursec.parse.course import display_path
from coursec.render.theme import Theme


class OutsideTheme(TemplateNotFound):
    """A template that resolves outside the theme's templates folder."""


class ConfinedLoader(FileSystemLoader):
    """``FileSystemLoader`` of one folder that also refuses symlinks leading out of it."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        folder = Path(self.searchpath[0])
        if inside(folder, folder.joinpath(*split_template_path(template))) is None:
            raise OutsideTheme(template)
        return super().get_source(environment, template)


def make_environment(theme: Theme) -> Environment:
    return _environment(str(theme.templates))


def render_page(theme: Theme, name: str, context: dict[str, Any], reporter: Reporter) -> str | None:
    """Render template ``name`` of ``theme``; None (and a diagnostic) when the template fails."""
    try:
        return make_environment(theme).get_template(name).render(context)
    except OutsideTheme as error:
        reporter.report(
            Code.CS405,
            Span(display_path(theme.templates / str(error.name))),
            f"'templates/{error.name}' is outside the course folder",
        )
    except SecurityError as error:
        reporter.report(
            Code.CS406,
            _template_span(theme, name, error),
            f"theme template refused by the sandbox: {error}",
            help="a theme template may only read the values it is given and call safe filters",
        )
    except TemplateSyntaxError as error:
        reporter.report(Code.CS504, _template_span(theme, name, error), f"{error.message}")
    except TemplateError as error:
        reporter.report(
            Code.CS504, _template_span(theme, name, error), f"theme template failed: {error}"
        )
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as error:
        reporter.report(
            Code.CS504,
            _template_span(theme, name, error),
            f"theme template failed: {type(error).__name__}: {error}",
        )
    return None


def _template_span(theme: Theme, name: str, error: BaseException) -> Span:
    """Where in the theme's templates ``error`` arose: Jinja's own position (syntax errors),
    else the deepest template frame of the traceback (Jinja rewrites those frames to the
    template's file and line), else the template rendered."""
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if not filename:
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.startswith(str(theme.templates)):
                filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    if not filename:
        return Span(display_path(theme.templates / name))
    return Span(display_path(Path(filename)), line or 0, 1 if line else 0)


class ThemeSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing arithmetic that would hang or exhaust memory
    (``9**9**9``, ``'x' * 10**9``): a theme must not be able to stall a build."""

    intercepted_binops = frozenset({"**", "*"})
    MAX_SIZE = 1_000_000  # items of a repeated string or list; digits of a power

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        power = operator == "**" and _numbers(left, right)
        if power and abs(right) * _digits(left) > self.MAX_SIZE:
            raise SecurityError(f"{left!r} ** {right!r} is too large")
        if operator == "*" and _repeat_size(left, right) > self.MAX_SIZE:
            raise SecurityError("repeating a string or list this many times is refused")
        return super().call_binop(context, operator, left, right)


def _numbers(*values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _digits(number: Any) -> int:
    return max(1, len(str(int(abs(number)))))


def _repeat_size(left: Any, right: Any) -> int:
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(count, int):
            return len(seq) * count
    return 0


@lru_cache(maxsize=16)
def _environment(templates: str) -> Environment:
    loader: BaseLoader = ConfinedLoader(templates)
    return ThemeSandbox(
        loader=loader,
        auto_reload=True,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )


def _bytecode_cache() -> BytecodeCache | None:
    base = os.environ.get("COURSEC_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "coursec"
    )
    folder = Path(base) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    # a file name of its own: code compiled for the sandbox never mixes with older caches
    return FileSystemBytecodeCache(str(folder), pattern="sandboxed-%s.cache")
