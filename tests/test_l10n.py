"""Localization: segment keys, localize(), fallback chains, values, staleness, sync, exchange
round trips, status golden, regional manifests valid against the XSDs, theme UI catalogs.

The fixture course is ``tests/fixtures/l10n/course`` (regions de-DE and es-MX -> es); tests that
edit files work on a copy.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from markdown_it.token import Token
from schemas import validate

from coursec.build import BuildOptions, load_and_check
from coursec.cli import main
from coursec.diagnostics import Code, Reporter
from coursec.localize import localize_regions
from coursec.localize.exchange import export, import_file
from coursec.localize.regions import RegionLoader
from coursec.localize.segments import segments
from coursec.localize.sync import sync
from coursec.localize.ui import catalog_path, missing_plural_forms, read_catalog
from coursec.model import Course, Prose, Quiz, Scenario

FIXTURES = Path(__file__).parent / "fixtures" / "l10n"
COURSE = FIXTURES / "course"
REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "courses" / "customer-service"
THEME = REPO / "coursec" / "themes" / "default"


def _load(root: Path) -> Course:
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=root, targets=["web"]), reporter)
    assert checked is not None and not reporter.has_errors, reporter.diagnostics
    return checked[0]


def _regions(root: Path, regions: list[str] | None = None) -> dict[str, Course]:
    reporter = Reporter(strict=True)
    out = dict(localize_regions(_load(root), regions, reporter))
    assert not reporter.diagnostics, [d.message for d in reporter.diagnostics]
    return out


def _text(tokens: list[Token]) -> str:
    return " ".join(t.content for t in tokens if t.type == "inline")


def _prose(course: Course, lesson: int, page: int) -> str:
    blocks = course.lessons[lesson].pages[page].blocks
    return " | ".join(_text(b.tokens) for b in blocks if isinstance(b, Prose))


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "course"
    shutil.copytree(COURSE, dest)
    return dest


# --- keys and localize ----------------------------------------------------------------------


def test_segment_keys_come_from_ids() -> None:
    keys = [s.key for s in segments(_load(COURSE))]
    assert keys[:6] == [
        "course.title",
        "course.description",
        "basics.title",
        "basics.intro.p1",
        "basics.intro.p2",
        "basics.refunds.title",
    ]
    assert "fee-check.choice.fee" in keys
    assert "refund-call.node.opening.choice.calm-down" in keys
    assert "refund-call.ending.lost.p1" in keys
    assert len(keys) == len(set(keys))


def test_german_copy_keeps_ids_answers_and_targets() -> None:
    source = _load(COURSE)
    german = _regions(COURSE, ["de-DE"])["de-DE"]
    assert german.config.language == "de-DE"
    assert german.config.title == "Lokalisierungs-Fixture"
    intro = _prose(german, 0, 0)
    assert "bis zu 14 Tage nach dem Kauf" in intro
    assert "0800 555 0134" in intro
    quiz = next(q for q in german.quizzes())
    assert quiz.prompt_md == "Wie hoch ist die Gebühr?"
    assert [c.id for c in quiz.choices] == ["fee", "free"]
    assert [c.correct for c in quiz.choices] == [True, False]
    assert "20,00" in quiz.choices[0].text_md and "€" in quiz.choices[0].text_md
    scenario = german.scenarios()[0]
    assert [c.target for c in scenario.nodes["opening"].choices] == ["checked", "lost"]
    assert scenario.nodes["opening"].choices[1].text_md == "„Beruhigen Sie sich.“"
    # the source model is untouched
    assert next(q for q in source.quizzes()).prompt_md == "What is the fee?"
    assert source.config.language == "en-US"


def test_translated_links_and_images_keep_their_package_paths() -> None:
    german = _regions(COURSE, ["de-DE"])["de-DE"]
    link = next(
        child
        for block in german.lessons[0].pages[0].blocks
        if isinstance(block, Prose)
        for token in block.tokens
        for child in token.children or []
        if child.type == "link_open"
    )
    assert link.attrGet("href") == "#practice--intro"
    image = next(
        child
        for block in german.lessons[0].pages[1].blocks
        if isinstance(block, Prose)
        for token in block.tokens
        for child in token.children or []
        if child.type == "image"
    )
    assert image.attrGet("src") == "media/headset.svg"
    assert image.children and image.children[0].content == "Ein Headset"


def test_source_region_formats_values_in_english() -> None:
    english = _regions(COURSE, ["en-US"])["en-US"]
    assert "within 30 days" in _prose(english, 0, 0)
    assert "1-800-555-0134" in _prose(english, 0, 0)
    assert next(q for q in english.quizzes()).choices[0].text_md == "$25.00"


def test_fallback_chain_es_mx_then_es_then_source() -> None:
    mexican = _regions(COURSE, ["es-MX"])["es-MX"]
    # from es.yaml
    assert mexican.config.title == "Curso de prueba de localización"
    assert "30 días" in _prose(mexican, 0, 0)
    # es-MX's own string and values
    assert "Tu dinero **de vuelta**" in _prose(mexican, 0, 1)
    assert "800 555 0134" in _prose(mexican, 0, 0)
    fee = next(q for q in mexican.quizzes()).choices[0].text_md
    assert "450.00" in fee
    loader = RegionLoader(_load(COURSE), Reporter())
    region = loader.region("es-MX", Path("x"))  # type: ignore[arg-type]
    assert region is not None and region.chain == ["es-MX", "es"]


def test_missing_in_es_mx_but_present_in_es_is_not_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(COURSE)
    assert main(["l10n", "status", "--json", "--region", "es-MX"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = data["regions"][0]
    assert (row["missing"], row["translated"], row["fallback"]) == (0, 1, data["strings"] - 1)


def test_block_override_replaces_a_scenario_node(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "locales" / "es-MX.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "overrides:\n  refund-call.node.checked:\n    markdown: |\n"
        "      :::{node} checked\n"
        "      Encuentra el reembolso. Ofrece enviarlo por WhatsApp, como prefiere la clienta.\n\n"
        "      - «Ya va en camino; le mando el comprobante por WhatsApp.» -> resolved\n"
        "      :::\n",
        encoding="utf-8",
    )
    mexican = _regions(root, ["es-MX"])["es-MX"]
    node = mexican.scenarios()[0].nodes["checked"]
    assert "WhatsApp" in _text(node.body)
    assert [(c.id, c.target) for c in node.choices] == [("it-is-on-its", "resolved")]


# --- staleness, sync ------------------------------------------------------------------------


def test_source_edit_makes_the_translation_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy(tmp_path)
    lesson = root / "lessons" / "01-basics.md"
    lesson.write_text(lesson.read_text().replace("What is the fee?", "How much is the fee?"))
    monkeypatch.chdir(root)
    assert main(["check", ".", "--region", "de-DE"]) == 0
    err = capsys.readouterr().err
    assert "warning[CS603]: de-DE translation of 'fee-check.prompt' is stale" in err
    line = next(
        i + 1
        for i, text in enumerate((root / "locales/de-DE.yaml").read_text().split("\n"))
        if text.strip() == "fee-check.prompt:"
    )
    assert f"locales/de-DE.yaml:{line}:3:" in err
    assert main(["check", ".", "--region", "de-DE", "--strict"]) == 1
    capsys.readouterr()
    # sync keeps the translation and its old hash, and marks it
    assert main(["l10n", "sync", "--region", "de-DE"]) == 0
    assert "1 stale" in capsys.readouterr().out
    text = (root / "locales/de-DE.yaml").read_text()
    assert "text: Wie hoch ist die Gebühr?" in text
    assert "# STALE: the source changed" in text
    assert main(["l10n", "status", "--json", "--region", "de-DE"]) == 0
    row = json.loads(capsys.readouterr().out)["regions"][0]
    assert row["stale_keys"] == ["fee-check.prompt"]


def test_sync_is_idempotent_and_moves_translations_whose_key_changed(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = {p.name: p.read_bytes() for p in (root / "locales").iterdir()}
    results = sync(_load(root), None, Reporter())
    assert [r.changed for r in results] == [False, False, False]
    assert before == {p.name: p.read_bytes() for p in (root / "locales").iterdir()}
    # a translator's note is kept (and moves with its translation)
    german_file = root / "locales" / "de-DE.yaml"
    german_file.write_text(german_file.read_text().replace(
        "    text: Geld **zurück**\n", "    text: Geld **zurück**\n    note: wie im Original\n"))
    # a page id changes: every key of that page changes, no translation is lost
    lesson = root / "lessons" / "01-basics.md"
    lesson.write_text(lesson.read_text().replace("{#refunds}", "{#money-back}"))
    german = next(r for r in sync(_load(root), ["de-DE"], Reporter()) if r.tag == "de-DE")
    assert ("basics.refunds.p5", "basics.money-back.p5") in german.moved
    assert not german.obsolete and not german.untranslated
    data = yaml.safe_load((root / "locales/de-DE.yaml").read_text())
    assert data["strings"]["basics.money-back.p5"]["text"] == "Geld **zurück**"
    assert data["strings"]["basics.money-back.p5"]["note"] == "wie im Original"
    # a source paragraph removed: its translation is kept as obsolete, not dropped
    practise = "Practise in [the next lesson](02-practice.md).\n"
    lesson.write_text(lesson.read_text().replace(practise, ""))
    german = sync(_load(root), ["de-DE"], Reporter())[0]
    assert german.obsolete == ["basics.intro.p2"]
    assert "Üben Sie in [der nächsten Lektion]" in (root / "locales/de-DE.yaml").read_text()


# --- exchange -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_export_then_import_changes_nothing(tmp_path: Path, fmt: str) -> None:
    root = _copy(tmp_path)
    course = _load(root)
    region = RegionLoader(course, Reporter()).region("de-DE", Path("x"))  # type: ignore[arg-type]
    assert region is not None
    exported = tmp_path / f"de-DE.{fmt}"
    exported.write_bytes(export(course, region, fmt))  # type: ignore[arg-type]
    before = (root / "locales/de-DE.yaml").read_bytes()
    result = import_file(course, region, exported, fmt, Reporter())  # type: ignore[arg-type]
    assert result is not None and not result.changed and result.updated == []
    assert result.text.encode() == before
    # a translator's edit comes back, and import says what it changed
    edited = exported.read_text(encoding="utf-8").replace("Wie hoch ist die Gebühr?",
                                                          "Wie hoch ist das Entgelt?")
    exported.write_text(edited, encoding="utf-8")
    result = import_file(course, region, exported, fmt, Reporter())  # type: ignore[arg-type]
    assert result is not None and result.updated == ["fee-check.prompt"]
    assert "text: Wie hoch ist das Entgelt?" in result.text


def test_exported_files_are_what_the_tools_expect(tmp_path: Path) -> None:
    course = _load(COURSE)
    region = RegionLoader(course, Reporter()).region("de-DE", Path("x"))  # type: ignore[arg-type]
    assert region is not None
    xliff = etree.fromstring(export(course, region, "xliff"))
    assert xliff.get("version") == "2.0" and xliff.get("trgLang") == "de-DE"
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    unit = xliff.find(".//x:unit[@id='fee-check.prompt']", ns)
    assert unit is not None
    assert unit.findtext(".//x:source", namespaces=ns) == "What is the fee?"
    assert unit.findtext(".//x:target", namespaces=ns) == "Wie hoch ist die Gebühr?"
    po = export(course, region, "po").decode()
    assert (
        'msgctxt "fee-check.prompt"\nmsgid "What is the fee?"\nmsgstr "Wie hoch ist die Gebühr?"'
        in po
    )


def test_import_cli_reports_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy(tmp_path)
    monkeypatch.chdir(root)
    assert main(["l10n", "export", "--region", "de-DE", "--format", "po", "--out", "de.po"]) == 0
    po = (root / "de.po").read_text().replace('msgstr "Richtig."', 'msgstr "Genau."')
    (root / "de.po").write_text(po)
    capsys.readouterr()
    assert main(["l10n", "import", "de.po", "--region", "de-DE"]) == 0
    out = capsys.readouterr().out
    assert "1 updated" in out and "updated fee-check.correct" in out
    assert "text: Genau." in (root / "locales/de-DE.yaml").read_text()


# --- status golden --------------------------------------------------------------------------


def test_status_output_is_golden(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(COURSE)
    assert main(["l10n", "status"]) == 0
    out = capsys.readouterr().out
    golden = FIXTURES / "status.expected"
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        golden.write_text(out)
    assert out == golden.read_text()


# --- builds and manifests -------------------------------------------------------------------


def test_build_writes_one_package_per_region_and_target_with_regional_titles(
    tmp_path: Path,
    scorm12_schema: etree.XMLSchema,
    scorm2004_4th_schema: etree.XMLSchema,
) -> None:
    out = tmp_path / "build"
    assert main(["build", str(COURSE), "--target", "scorm12,scorm2004", "--out", str(out),
                 "--quiet"]) == 0
    names = sorted(p.name for p in out.glob("*.zip"))
    assert names == [
        f"l10n-fixture-{region}-{target}.zip"
        for region in ("de-DE", "en-US", "es-MX")
        for target in ("scorm12", "scorm2004")
    ]
    titles = {"de-DE": "Lokalisierungs-Fixture", "es-MX": "Curso de prueba de localización",
              "en-US": "Localization fixture"}
    for region, title in titles.items():
        with zipfile.ZipFile(out / f"l10n-fixture-{region}-scorm2004.zip") as zf:
            manifest = zf.read("imsmanifest.xml")
            page = zf.read("index.html").decode()
        assert validate(scorm2004_4th_schema, manifest) == []
        root = etree.fromstring(manifest)
        lom_title = root.find(".//{http://ltsc.ieee.org/xsd/LOM}title/{http://ltsc.ieee.org/xsd/LOM}string")
        assert lom_title is not None
        assert (lom_title.text, lom_title.get("language")) == (title, region)
        org = root.find(".//{http://www.imsglobal.org/xsd/imscp_v1p1}organization/"
                        "{http://www.imsglobal.org/xsd/imscp_v1p1}title")
        assert org is not None and org.text == title
        assert f'<html lang="{region}" dir="ltr">' in page
        with zipfile.ZipFile(out / f"l10n-fixture-{region}-scorm12.zip") as zf:
            manifest12 = zf.read("imsmanifest.xml")
        assert validate(scorm12_schema, manifest12) == []
        assert title.encode() in manifest12


def test_build_region_option_builds_only_those(tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert main(["build", str(COURSE), "--target", "web", "--region", "es-MX", "--out", str(out),
                 "--quiet"]) == 0
    assert [p.name for p in out.glob("*.zip")] == ["l10n-fixture-es-MX-web.zip"]
    page = (out / "l10n-fixture" / "es-MX" / "web" / "index.html").read_text()
    assert "Tu dinero <strong>de vuelta</strong>" in page
    assert '"lang":"es-MX"' in page


def test_errors_in_a_region_stop_the_build(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "locales" / "de-DE.yaml"
    path.write_text(path.read_text().replace("{{fee}}", "20 Euro"))
    out = tmp_path / "build"
    reporter = Reporter()
    regions = localize_regions(_load(root), ["de-DE"], reporter)
    assert [d.code for d in reporter.diagnostics] == [Code.CS604]
    assert regions  # the copy is still made; the build refuses it
    assert main(["build", str(root), "--target", "web", "--out", str(out), "--quiet"]) == 1
    assert not out.exists()


# --- theme UI strings -----------------------------------------------------------------------


UI_LANGUAGES = ["en", "de", "es", "ar"]


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_theme_catalogs_cover_every_string_and_plural_form(language: str) -> None:
    defaults = yaml.safe_load((THEME / "theme.yaml").read_text())["strings"]
    path = catalog_path(THEME, language)
    assert path is not None, f"no theme catalog for {language}"
    catalog = read_catalog(path)
    assert sorted(set(defaults) - set(catalog)) == [], "strings the catalog does not translate"
    assert sorted(set(catalog) - set(defaults)) == [], "strings the theme does not have"
    for key, value in catalog.items():
        if isinstance(value, dict):
            assert missing_plural_forms(value, language) == set(), key
            for form in value.values():
                assert "{n}" in form or language == "ar", (key, form)


def test_sample_course_regions_are_complete_and_clean() -> None:
    reporter = Reporter(strict=True)
    built = localize_regions(_load(SAMPLE), None, reporter)
    assert [d.message for d in reporter.sorted()] == []
    assert [tag for tag, _ in built] == ["en-US", "en-GB", "de-DE", "es-MX", "ar-SA"]
    courses = dict(built)
    # ar-SA adapts a scenario node (not only translates it); the graph is the source's
    source = {s.id: s for s in _load(SAMPLE).scenarios()}["no-policy-fits"].nodes["call-opens"]
    saudi = {s.id: s for s in courses["ar-SA"].scenarios()}["no-policy-fits"]
    node = saudi.nodes["call-opens"]
    assert isinstance(saudi, Scenario)
    assert any("وعليكم السلام" in c.text_md for c in node.choices)
    assert [(c.id, c.target, c.deltas) for c in node.choices] == [
        (c.id, c.target, c.deltas) for c in source.choices
    ]
    quiz = next(q for q in courses["en-GB"].quizzes() if q.id == "goodwill-limit-check")
    assert isinstance(quiz, Quiz) and "£" in quiz.choices[1].text_md


def test_untranslated_texts_are_one_line_per_region_unless_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    region_file = course / "locales" / "de-DE.yaml"
    text = region_file.read_text(encoding="utf-8")
    text = text.replace("    text: Begriff\n", "    text: ''\n")  # the key is there, empty
    for key, hash_, translation in (
        ("basics.refunds.p4", "e17c8ad0", "Erstattung"),
        ("basics.refunds.p5", "83f620f9", "Geld **zurück**"),
    ):
        block = f"  {key}:\n    hash: {hash_}\n    text: {translation}\n"
        assert block in text
        text = text.replace(block, "")
    region_file.write_text(text, encoding="utf-8")
    monkeypatch.chdir(course)

    def cs601_lines(*extra: str) -> list[str]:
        assert main(["check", ".", "--region", "de-DE", *extra]) == 0
        err = capsys.readouterr().err
        lines = err.splitlines()
        return [
            line if "CS601" in line else line.strip()
            for i, line in enumerate(lines)
            if "CS601" in line or (i and "CS601" in lines[i - 1] and "help:" in line)
        ]

    assert cs601_lines() == [
        "locales/de-DE.yaml: warning[CS601]: de-DE: 3 texts have no translation (the first: "
        "'basics.refunds.p2', lessons/01-basics.md:16)",
        "help: --verbose lists each one with its line; `coursec l10n sync --region de-DE` adds "
        "every key, with the source as a comment",
    ]
    assert cs601_lines("--verbose") == [
        "lessons/01-basics.md:18:1: warning[CS601]: de-DE: no translation for "
        "'basics.refunds.p4' in locales/de-DE.yaml",
        "lessons/01-basics.md:18:1: warning[CS601]: de-DE: no translation for "
        "'basics.refunds.p5' in locales/de-DE.yaml",
        "locales/de-DE.yaml:42:3: warning[CS601]: de-DE: 'basics.refunds.p2' has no translation "
        "(source: lessons/01-basics.md:16)",
    ]


FEE_OVERRIDE = """overrides:
  fee-check:
    note: Austrian usage, agreed with the Vienna office
    markdown: |
      :::{quiz} fee-check
      :correct: Stimmt.

      Was kostet die Rücksendung?

      - [x] {{fee}}
      - [ ] Gar nichts
      :::
"""


def _with_override(tmp_path: Path) -> Path:
    root = _copy(tmp_path)
    region_file = root / "locales" / "de-DE.yaml"
    region_file.write_text(region_file.read_text(encoding="utf-8") + FEE_OVERRIDE, "utf-8")
    return root


def test_sync_keeps_override_notes(tmp_path: Path) -> None:
    root = _with_override(tmp_path)
    sync(_load(root), ["de-DE"], Reporter())
    written = yaml.safe_load((root / "locales" / "de-DE.yaml").read_text(encoding="utf-8"))
    override = written["overrides"]["fee-check"]
    assert override["note"] == "Austrian usage, agreed with the Vienna office"
    assert override["hash"] and "Was kostet die Rücksendung?" in override["markdown"]


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_overrides_go_out_to_translators_and_come_back(tmp_path: Path, fmt: str) -> None:
    root = _with_override(tmp_path)
    sync(_load(root), ["de-DE"], Reporter())  # the override gets its hash
    region_file = root / "locales" / "de-DE.yaml"
    before = region_file.read_bytes()
    course = _load(root)
    region = RegionLoader(course, Reporter()).region("de-DE", Path("x"))  # type: ignore[arg-type]
    assert region is not None
    data = export(course, region, fmt)  # type: ignore[arg-type]
    text = data.decode("utf-8")
    assert "override:fee-check" in text and "Was kostet die R" in text
    assert "What is the fee?" in text  # the block's source, for the translator
    if fmt == "po":
        assert "#. Austrian usage, agreed with the Vienna office" in text
    exported = tmp_path / f"de-DE.{fmt}"
    exported.write_bytes(data)
    reporter = Reporter()
    result = import_file(course, region, exported, fmt, reporter)  # type: ignore[arg-type]
    assert reporter.diagnostics == []
    assert result is not None and not result.changed and result.updated == []
    assert result.text.encode() == before
    # the translator rewords the override: it comes back into overrides:, note and hash kept
    exported.write_text(text.replace("Gar nichts", "Nichts"), encoding="utf-8")
    result = import_file(course, region, exported, fmt, reporter)  # type: ignore[arg-type]
    assert result is not None and result.updated == ["override:fee-check"]
    written = yaml.safe_load(result.text)["overrides"]["fee-check"]
    assert "- [ ] Nichts\n" in written["markdown"] and "Gar nichts" not in written["markdown"]
    assert written["note"] == "Austrian usage, agreed with the Vienna office"
    assert written["hash"] == yaml.safe_load(before)["overrides"]["fee-check"]["hash"]
    region_file.write_text(result.text, encoding="utf-8")
    strict = Reporter(strict=True)
    assert localize_regions(_load(root), ["de-DE"], strict) and strict.diagnostics == []


def test_the_documented_grammatical_case_workaround_works(tmp_path: Path) -> None:
    """docs/localization.md's example (a text value per region for a unit that needs another
    grammatical case) applied to the fixture course gives the German dative."""
    doc = (REPO / "docs" / "localization.md").read_text(encoding="utf-8")
    marker = "```yaml\n# locales/de-DE.yaml (grammatical case)\n"
    assert marker in doc
    example = yaml.safe_load(doc.split(marker, 1)[1].split("```", 1)[0])
    root = _copy(tmp_path)
    region_file = root / "locales" / "de-DE.yaml"
    data = yaml.safe_load(region_file.read_text(encoding="utf-8"))
    data["values"].update(example["values"])
    for key, text in example["strings"].items():
        data["strings"][key] = {"hash": data["strings"][key]["hash"], "text": text}
    region_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    courses = _regions(root, ["de-DE", "es-MX"])
    assert "innerhalb von 30 Tagen zurückgeben" in _prose(courses["de-DE"], 0, 0)
    assert "30 días" in _prose(courses["es-MX"], 0, 0)  # the unit, formatted, elsewhere
