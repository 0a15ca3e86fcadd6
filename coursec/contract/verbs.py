"""xAPI verb displays in the course language, from the theme's catalogs.

In:  theme folders, most specific first (the course's theme, then the built-in default theme),
     and the course language tag.
Out: ``verb_displays(folders, tag, more)`` -> ``(lang, {verb IRI: display})`` for every verb
     the runtime sends (``VERBS``, then ``more``: ``RELEASE_VERBS`` for a course with releases,
     whose launch may send ``resumed`` after migrating a saved state): from the ``verbs:``
     mapping of the first folder whose catalog for
     ``tag`` (``locales/<tag>.yaml``, else ``locales/<language>.yaml``) has one, displayed in
     ``tag``; else from the first ``theme.yaml`` with a ``verbs:`` mapping, in English (``en``).
     A verb a mapping lacks is taken from the English defaults, else shown as its name.
     Nothing is reported: a catalog that cannot be read counts as absent.

Used by ``render/data.py`` only (``cs-data.verbs`` and ``cs-data.verbLang``); the statements'
``verb.display`` is ``{verbLang: verbs[id]}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from coursec.localize.ui import catalog_path
from coursec.parse.confine import inside
from coursec.parse.yamlsrc import load_data

VERB_BASE = "http://adlnet.gov/expapi/verbs/"
#: the verbs the LRS adapters send (xapi, cmi5 and local launched with TinCan parameters)
VERBS = ("initialized", "experienced", "answered", "completed", "passed", "failed", "terminated")
#: sent only by a course with ``releases/`` (the runtime's ``restored`` event); a course
#: without releases ships no display for it (its statements then carry none)
RELEASE_VERBS = ("resumed",)
FALLBACK_LANG = "en"


def _verbs(path: Path | None) -> dict[str, str] | None:
    """The ``verbs:`` mapping of a catalog or theme.yaml (read once per version of the file:
    every region of a build reads the theme's; the mapping is shared, never changed)."""
    if path is None or not path.is_file():
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read_verbs(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_verbs(path: Path, mtime: int, size: int) -> dict[str, str] | None:
    try:
        data = load_data(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    verbs = data.get("verbs") if isinstance(data, dict) else None
    if not isinstance(verbs, dict):
        return None
    return {str(k): str(v) for k, v in verbs.items()}


def verb_displays(folders: Sequence[Path], tag: str, more: Sequence[str] = ()
                  ) -> tuple[str, dict[str, str]]:
    folders = list(dict.fromkeys(folders))
    defaults: dict[str, str] | None = None
    for folder in folders:
        defaults = _verbs(inside(folder, folder / "theme.yaml"))
        if defaults is not None:
            break
    lang, found = FALLBACK_LANG, defaults or {}
    for folder in folders:
        verbs = _verbs(catalog_path(folder, tag))
        if verbs is not None:
            lang, found = tag, verbs
            break
    fallback = defaults or {}
    return lang, {
        VERB_BASE + name: found.get(name) or fallback.get(name) or name
        for name in (*VERBS, *more)
    }
