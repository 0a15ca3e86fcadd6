"""The Jinja environment of a theme.

In:  a ``Theme``.
Out: an ``Environment`` loading the theme's templates, autoescaping everything (model text comes
     in as ``Markup`` only after markdown-it escaped or nh3 sanitized it), failing on undefined
     names, with stable whitespace so the same course gives the same bytes.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from coursec.render.theme import Theme


def make_environment(theme: Theme) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(theme.templates)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
