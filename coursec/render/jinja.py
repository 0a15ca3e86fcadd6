"""The Jinja environment of a theme.

In:  a ``Theme``.
Out: an ``Environment`` loading the theme's templates, autoescaping everything (model text comes
     in as ``Markup`` only after markdown-it escaped or nh3 sanitized it), failing on undefined
     names, with stable whitespace so the same course gives the same bytes. One environment per
     template folder is kept for the life of the process, so templates are compiled once (Jinja
     recompiles a template whose file changed: ``auto_reload``); the preview relies on it.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from coursec.render.theme import Theme


def make_environment(theme: Theme) -> Environment:
    return _environment(str(theme.templates))


@lru_cache(maxsize=16)
def _environment(templates: str) -> Environment:
    return Environment(
        loader=FileSystemLoader(templates),
        auto_reload=True,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
