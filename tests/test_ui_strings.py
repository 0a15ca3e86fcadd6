"""Interface strings a course adds or overrides: they reach the page (templates and cs-data),
follow the region's fallback chain within its language, warn when a language has no catalog,
and go through ``coursec l10n status/export/import/sync`` like the other strings.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml

from coursec.cli import main
from coursec.localize.ui import read_catalog

ROOT = Path(__file__).resolve().parents[1]
UI_COURSE = ROOT / "tests" / "fixtures" / "ui" / "course"
L10N_COURSE = ROOT / "tests" / "fixtures" / "l10n" / "course"
EN = ROOT / "coursec" / "themes" / "default" / "locales" / "en.yaml"


def copy(course: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "course"
    shutil.copytree(course, dest)
    return dest


def page(course: Path, region: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """(index.html of the region's web package, what the build printed on stderr)."""
    out = course.parent / "build"
    code = main(["build", str(course), "--target", "web", "--region", region, "--out", str(out),
                 "--quiet"])
    err = capsys.readouterr().err
    assert code == 0, err
    found = list(out.glob(f"*/{region}/web/index.html"))
    assert len(found) == 1, err
    return found[0].read_text(encoding="utf-8"), err


def strings_of(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="cs-data">(.*?)</script>', html, re.S)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return dict(data["strings"])


def add_ui(path: Path, ui: dict[str, Any]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    data = data or {"region": path.stem}
    data["ui"] = ui
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- reaching the page -----------------------------------------------------------------------


def test_fr_ca_course_has_the_french_catalog_under_its_own_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, err = page(copy(UI_COURSE, tmp_path), "fr-CA", capsys)
    strings = strings_of(html)
    assert strings["next"] == "Suivant" and strings["contents"] == "Sommaire du cours"
    assert strings["check"] == "Valider ma réponse"  # locales/fr-CA.yaml ui:
    assert strings["tries_left"] == {
        "one": "Encore {n} essai.", "many": "Encore {n} d'essais.", "other": "Encore {n} essais."
    }
    assert ">Valider ma réponse</button>" in html  # the template, not only the runtime data
    assert ">Sommaire du cours<" in html and ">Précédent</button>" in html
    assert strings["pages_viewed"]["other"] == "{done} sur {n} pages consultées"  # the runtime's
    assert "CS320" not in err and "Check answer" not in html


def test_region_files_override_their_region_and_same_language_fallbacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = copy(L10N_COURSE, tmp_path)
    add_ui(course / "locales" / "de-DE.yaml", {"check": "Prüfen"})
    add_ui(course / "locales" / "es.yaml", {"next": "Continuar", "check": "Comprobar"})
    add_ui(course / "locales" / "es-MX.yaml", {"check": "Revisar"})
    de = strings_of(page(course, "de-DE", capsys)[0])
    es_mx = strings_of(page(course, "es-MX", capsys)[0])
    en = strings_of(page(course, "en-US", capsys)[0])
    assert de["check"] == "Prüfen" and de["next"] == "Weiter"  # the rest: the theme's de
    assert es_mx["check"] == "Revisar"  # its own file wins over the fallback es
    assert es_mx["next"] == "Continuar"  # from es, its fallback of the same language
    assert en["check"] == "Check answer" and en["next"] == "Next"


def test_a_plain_text_for_a_counted_string_is_used_for_every_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = copy(L10N_COURSE, tmp_path)
    add_ui(course / "locales" / "de-DE.yaml", {"tries_left": "Verbleibende Versuche: {n}"})
    strings = strings_of(page(course, "de-DE", capsys)[0])
    assert strings["tries_left"] == "Verbleibende Versuche: {n}"


def test_the_source_language_reads_its_own_locale_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = copy(L10N_COURSE, tmp_path)
    add_ui(course / "locales" / "en-US.yaml", {"check": "Check my answer"})
    html, _ = page(course, "en-US", capsys)
    assert strings_of(html)["check"] == "Check my answer"
    assert ">Check my answer</button>" in html


# --- a language the theme has no catalog for -----------------------------------------------


def finnish(tmp_path: Path) -> Path:
    course = copy(UI_COURSE, tmp_path)
    config = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(config.replace("language: fr-CA", "language: fi-FI"))
    (course / "locales" / "fr-CA.yaml").unlink()
    return course


def test_a_language_without_catalog_is_a_warning_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, err = page(finnish(tmp_path), "fi-FI", capsys)
    assert "course.yaml:5:11: warning[CS320]" in err
    every = len(read_catalog(EN))  # the theme's interface strings
    assert f"has no interface strings in Finnish: {every} of {every}" in err
    assert "under 'ui:' in" in err and "locales/fi-FI.yaml" in err
    assert "`coursec l10n export --region fi-FI`" in err
    assert strings_of(html)["next"] == "Next"  # what the warning is about


def test_a_course_that_gives_every_string_needs_no_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = finnish(tmp_path)
    ui: dict[str, Any] = {}
    for key, value in read_catalog(EN).items():
        if isinstance(value, dict):  # Finnish: one, other
            ui[key] = {"one": f"FI {value['one']}", "other": f"FI {value['other']}"}
        else:
            ui[key] = f"FI {value}"
    add_ui(course / "locales" / "fi-FI.yaml", ui)
    html, err = page(course, "fi-FI", capsys)
    assert "CS320" not in err
    assert strings_of(html)["next"] == "FI Next"


# --- l10n status / export / import / sync --------------------------------------------------


def finnish_region(tmp_path: Path) -> Path:
    course = copy(L10N_COURSE, tmp_path)
    config = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(config.replace("regions: [", "regions: [fi-FI, "))
    add_ui(course / "locales" / "fi-FI.yaml", {"next": "Seuraava"})
    return course


def test_status_counts_the_interface_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(finnish_region(tmp_path))
    main(["l10n", "status", "--json"])
    regions = {r["region"]: r for r in json.loads(capsys.readouterr().out)["regions"]}
    fi = regions["fi-FI"]["ui"]
    assert fi["course"] == 1 and fi["missing"] == len(read_catalog(EN)) - 1
    assert regions["fi-FI"]["ui"]["course_keys"] == ["next"]
    assert regions["de-DE"]["ui"] == {
        "catalog": "de.yaml", "course": 0, "missing": 0, "course_keys": [], "missing_keys": []
    }
    main(["l10n", "status"])
    row = next(r for r in capsys.readouterr().out.splitlines() if r.startswith("fi-FI"))
    assert row.split()[-2:] == ["1", str(len(read_catalog(EN)) - 1)]


def test_export_lists_the_regions_interface_strings_with_plural_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(finnish_region(tmp_path))
    assert main(["l10n", "export", "--region", "fi-FI", "--format", "po", "--out", "fi.po"]) == 0
    units = {e.msgctxt: e for e in polib.pofile("fi.po")}
    assert units["ui:next"].msgid == "Next" and units["ui:next"].msgstr == "Seuraava"
    assert units["ui:check"].msgid == "Check answer" and units["ui:check"].msgstr == ""
    assert units["ui:tries_left[one]"].msgid == "{n} try left."
    assert units["ui:tries_left[other]"].msgid == "{n} tries left."
    assert "ui:tries_left[many]" not in units  # Finnish has one and other only
    assert main(["l10n", "export", "--region", "de-DE", "--format", "po", "--out", "de.po"]) == 0
    assert not [e for e in polib.pofile("de.po") if e.msgctxt.startswith("ui:")]  # catalog de
    capsys.readouterr()


def test_import_writes_ui_and_export_then_import_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = finnish_region(tmp_path)
    monkeypatch.chdir(course)
    assert main(["l10n", "export", "--region", "fi-FI", "--format", "po", "--out", "fi.po"]) == 0
    po = polib.pofile("fi.po")
    translations = {
        "ui:check": "Tarkista vastaus",
        "ui:tries_left[one]": "{n} yritys jäljellä.",
        "ui:tries_left[other]": "{n} yritystä jäljellä.",
    }
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
    po.append(polib.POEntry(msgctxt="ui:chek", msgid="Check answer", msgstr="Tarkista"))
    po.save("fi.po")
    assert main(["l10n", "import", "fi.po", "--region", "fi-FI"]) == 0
    err = capsys.readouterr().err
    assert "warning[CS602]: 'ui:chek' names no interface string of the theme" in err
    assert "did you mean 'check'?" in err
    ui = yaml.safe_load((course / "locales" / "fi-FI.yaml").read_text(encoding="utf-8"))["ui"]
    assert ui == {
        "next": "Seuraava",
        "check": "Tarkista vastaus",
        "tries_left": {"one": "{n} yritys jäljellä.", "other": "{n} yritystä jäljellä."},
    }
    before = (course / "locales" / "fi-FI.yaml").read_text(encoding="utf-8")
    for fmt, name in (("po", "again.po"), ("xliff", "again.xlf")):
        assert main(["l10n", "export", "--region", "fi-FI", "--format", fmt, "--out", name]) == 0
        assert main(["l10n", "import", name, "--region", "fi-FI"]) == 0
        assert (course / "locales" / "fi-FI.yaml").read_text(encoding="utf-8") == before
    assert main(["l10n", "sync", "--region", "fi-FI"]) == 0  # sync keeps ui: as it is
    after = yaml.safe_load((course / "locales" / "fi-FI.yaml").read_text(encoding="utf-8"))
    assert after["ui"] == ui
    capsys.readouterr()


def test_status_of_a_source_language_with_its_own_locale_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(UI_COURSE)
    assert main(["l10n", "status", "--json"]) == 0
    regions = json.loads(capsys.readouterr().out)["regions"]
    assert [r["region"] for r in regions] == ["fr-CA"]  # listed once, as the source
    assert regions[0]["ui"]["course_keys"] == ["check", "tries_left"]
    assert regions[0]["ui"]["catalog"] == "fr.yaml" and regions[0]["ui"]["missing"] == 0
