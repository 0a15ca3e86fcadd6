"""The ``ui:`` section of a locale file: interface strings a course adds or overrides.

In:  the loaded ``ui:`` mapping of ``locales/<tag>.yaml`` and its ``Locator``::

         ui:
           check: Vérifier ma réponse         # one text
           tries_left:                        # a string whose form follows a count: its
             one: "Encore {n} essai."         # CLDR plural categories for the language
             many: "Encore {n} d'essais."
             other: "Encore {n} essais."

Out: ``read_ui`` -> {key: ``UiEntry``} (the text or the forms, with the span of the key and of
     every form). A string the theme counts (``tries_left``) may also be written as one text,
     used for every count. Which keys exist, and which forms a language has, is checked
     against the theme by ``coursec.localize.ui_strings``.
Reported: CS322 for a value that is neither text nor a mapping of texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coursec.diagnostics import Code, Reporter, Span
from coursec.parse.yamlsrc import Locator

SECTION = "ui"


@dataclass
class UiEntry:
    key: str
    value: str | dict[str, str]  # one text, or CLDR category -> text
    span: Span  # the key's line
    form_spans: dict[str, Span] = field(default_factory=dict)  # category (one text: other) -> value


def _text(raw: Any) -> str | None:
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return str(raw)
    return None


def read_ui(data: dict[str, Any], locator: Locator, reporter: Reporter) -> dict[str, UiEntry]:
    raw = data.get(SECTION)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        reporter.report(
            Code.CS322,
            locator.span((SECTION,)),
            "'ui' must be a mapping of interface string keys to texts",
            help="for example:  ui:\\n  check: Vérifier ma réponse",
        )
        return {}
    entries: dict[str, UiEntry] = {}
    for key, value in raw.items():
        name = str(key)
        span = locator.span((SECTION, name))
        text = _text(value)
        if text is not None:
            value_span = locator.value_span((SECTION, name))
            entries[name] = UiEntry(name, text, span, {"other": value_span})
            continue
        if isinstance(value, dict) and value:
            forms: dict[str, str] = {}
            spans: dict[str, Span] = {}
            for category, form in value.items():
                form_text = _text(form)
                where = locator.value_span((SECTION, name, str(category)))
                if form_text is None:
                    reporter.report(
                        Code.CS322, where, f"plural form '{category}' of '{name}' must be text"
                    )
                    continue
                forms[str(category)] = form_text
                spans[str(category)] = where
            if forms:
                entries[name] = UiEntry(name, forms, span, spans)
            continue
        reporter.report(
            Code.CS322,
            span,
            f"interface string '{name}' must be a text, or a mapping of plural forms "
            "(one, other, ...) to texts",
        )
    return entries
