"""Quiz kinds: the table of every kind, one module per kind.

In:  nothing (this module imports nothing of coursec, so ``coursec.model`` derives its
     ``QuizKind`` from it).
Out: ``KINDS`` {name: module}: each kind's name (``:type:``, cs-data ``kind``, the runtime's
     ``kinds.js`` table) and the module of this package that declares its ``SPEC``
     (a ``coursec.quizkinds.base.KindSpec``: options, body lines, answer key, response
     patterns, grading, worst-case stored response, xAPI definition, template context), in the
     order kinds are listed (``:type:`` help, error messages). ``KIND_NAMES``. The specs
     themselves are read through ``coursec.quizkinds.registry``. Nothing is reported here.

Adding a kind ("hotspot"): ``coursec/quizkinds/hotspot.py`` declaring ``SPEC``, one line in
``KINDS`` below, ``coursec/runtime/qhotspot.js`` (the members kinds.js lists)
and one line in ``coursec/runtime/kinds.js``, its markup: a macro in the theme's
``kinds.html.j2`` named as ``SPEC.markup``, and a catalog string if it shows new words.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "single": "single",
    "multiple": "multiple",
    "true-false": "true_false",
    "fill-in": "fill_in",
    "numeric": "numeric",
    "matching": "matching",
    "sequencing": "sequencing",
    "likert": "likert",
}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
