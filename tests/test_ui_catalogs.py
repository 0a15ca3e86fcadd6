"""The default theme's interface catalogs: complete, with each language's CLDR plural forms,
and every placeholder of the English text kept.

Each catalog ``coursec/themes/default/locales/<tag>.yaml`` must have every key of ``en.yaml``
(and no other), a counted string (a mapping in en.yaml) as a mapping with exactly the plural
categories Babel's CLDR data lists for the catalog's language, a plain string as a text, and in
every form only placeholders the English string has (all of them in a plain text and in the
``other`` form, which the runtime shows for any count the language does not single out).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from coursec.localize.ui import catalog_path, catalog_tags, read_catalog

THEME = Path(__file__).resolve().parents[1] / "coursec" / "themes" / "default"
CATALOGS = sorted(p.stem for p in (THEME / "locales").glob("*.yaml"))
REQUIRED = {"en", "de", "es", "ar", "fr", "it", "pt", "nl", "pl", "sv", "ja", "zh-Hans"}
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


def english() -> dict[str, Any]:
    return read_catalog(THEME / "locales" / "en.yaml")


def babel_categories(tag: str) -> set[str]:
    """The CLDR plural categories of the language, straight from Babel (``other`` always)."""
    return set(Locale.parse(tag, sep="-").plural_form.tags) | {"other"}


def names(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_required_languages_are_shipped() -> None:
    assert set(CATALOGS) >= REQUIRED, sorted(REQUIRED - set(CATALOGS))


@pytest.mark.parametrize("tag", CATALOGS)
def test_catalog_has_every_key_of_english_and_no_other(tag: str) -> None:
    catalog = read_catalog(THEME / "locales" / f"{tag}.yaml")
    assert list(catalog) == list(english()), "keys differ from en.yaml (or are out of order)"


@pytest.mark.parametrize("tag", CATALOGS)
def test_counted_strings_have_exactly_the_languages_plural_categories(tag: str) -> None:
    catalog = read_catalog(THEME / "locales" / f"{tag}.yaml")
    expected = babel_categories(tag)
    counted = [k for k, v in english().items() if isinstance(v, dict)]
    assert counted, "en.yaml has no counted string: the test would check nothing"
    for key, value in catalog.items():
        if key in counted:
            assert isinstance(value, dict), f"{key} must be plural forms"
            assert set(value) == expected, f"{key}: {sorted(value)} != Babel {sorted(expected)}"
        else:
            assert isinstance(value, str), f"{key} must be one text"


@pytest.mark.parametrize("tag", CATALOGS)
def test_placeholders_are_kept(tag: str) -> None:
    catalog = read_catalog(THEME / "locales" / f"{tag}.yaml")
    for key, source in english().items():
        source_forms = source if isinstance(source, dict) else {"other": source}
        allowed = {n for text in source_forms.values() for n in names(text)}
        required = names(source_forms["other"])
        value = catalog[key]
        forms = value if isinstance(value, dict) else {"other": value}
        for category, text in forms.items():
            assert names(text) <= allowed, f"{key}[{category}]: {names(text) - allowed}"
            if category == "other":
                assert required <= names(text), f"{key}: lost {required - names(text)}"
            assert text.strip() == text and text, f"{key}[{category}] is empty or padded"
            assert text.count("{") == text.count("}"), f"{key}[{category}]: broken braces"


@pytest.mark.parametrize("tag", ["fr", "it", "pt", "nl", "pl", "sv", "ja", "zh-Hans"])
def test_new_catalogs_are_translations_not_copies(tag: str) -> None:
    catalog = read_catalog(THEME / "locales" / f"{tag}.yaml")
    same = [k for k, v in english().items() if catalog[k] == v and k != "question"]
    assert len(same) <= 3, f"{tag}: left in English: {same}"


def test_babel_lists_the_forms_the_catalogs_assume() -> None:
    """A guard on the data the tests above read: Polish needs four forms, Japanese one."""
    assert babel_categories("pl") == {"one", "few", "many", "other"}
    assert babel_categories("ja") == {"other"}
    assert babel_categories("ar") == {"zero", "one", "two", "few", "many", "other"}


@pytest.mark.parametrize(
    ("region", "catalog"),
    [("fr-CA", "fr"), ("pt-BR", "pt"), ("zh-CN", "zh-Hans"), ("zh", "zh-Hans"),
     ("zh-Hans-SG", "zh-Hans"), ("ja-JP", "ja"), ("de-AT", "de"), ("sv-FI", "sv")],
)
def test_a_region_finds_its_languages_catalog(region: str, catalog: str) -> None:
    path = catalog_path(THEME, region)
    assert path is not None and path.stem == catalog, catalog_tags(region)


def test_a_language_without_a_catalog_finds_none() -> None:
    assert catalog_path(THEME, "fi-FI") is None
    assert catalog_path(THEME, "zh-TW") is None  # traditional script: zh-Hans does not fit
