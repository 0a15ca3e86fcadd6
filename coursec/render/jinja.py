"""The Jinja environment of a theme.

In:  a ``Theme``.
Out: an ``Environment`` loading the theme's templates, autoescaping everything (model text comes
     in as ``Markup`` only after markdown-it escaped or nh3 sanitized it), failing on undefined
     names, with stable whitespace so the same course gives the same bytes. One environment per
     template folder is kept for the life of the process, so templates are compiled once (Jinja
     recompiles a template whose file changed: ``auto_reload``); the preview relies on it.
     Compiled templates are also kept on disk between runs (Jinja's bytecode cache, keyed by
     the template source) in ``$COURSEC_CACHE_DIR`` or ``~/.cache/coursec``: compiling costs
     more than rendering a small course. Without a writable cache folder nothing is cached.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)

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
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
