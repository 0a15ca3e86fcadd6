"""Theme options: brand colours, fonts and logo, and the WCAG AA contrast check of every pair.

The contrast formula is checked against known ratios; each pair the page shows is reported
(CS325) at the line and column of the colour in course.yaml; the colours and fonts reach the
page as custom properties and font rules; a font stack cannot fetch anything; the logo is a
file of the course, confined like other media.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coursec.check.contrast import contrast, hex6, readable_on
from coursec.cli import main

ROOT = Path(__file__).resolve().parents[1]
UI_COURSE = ROOT / "tests" / "fixtures" / "ui" / "course"


def course_with(tmp_path: Path, theme: str) -> Path:
    """The fr-CA fixture course with ``theme:`` replaced by ``theme`` (YAML, indented)."""
    dest = tmp_path / "course"
    shutil.copytree(UI_COURSE, dest)
    config = (dest / "course.yaml").read_text(encoding="utf-8")
    head = config.split("theme:", 1)[0]
    (dest / "course.yaml").write_text(head + "theme:\n" + theme, encoding="utf-8")
    return dest


def check(course: Path, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.chdir(course)
    code = main(["check", "."])
    return code, capsys.readouterr().err


def built_page(course: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = course.parent / "build"
    assert main(["build", str(course), "--target", "web", "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    return next(out.glob("*/*/web/index.html")).read_text(encoding="utf-8")


# --- the formula ------------------------------------------------------------------------------


def test_contrast_ratios_match_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#FFFFFF", "#1F5F8B") == contrast("#1F5F8B", "#FFFFFF")
    assert hex6("#9ab") == "#99AABB"


def test_derived_colours_pass() -> None:
    for colour, background in (("#FFD000", "#FFFFFF"), ("#1F5F8B", "#101820"),
                               ("#888888", "#777777")):
        assert contrast(readable_on(colour, background), background) >= 4.5


# --- the check at build time ----------------------------------------------------------------


def test_every_pair_below_aa_is_reported_at_its_colour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = course_with(tmp_path, (
        "  colors:\n"
        '    primary: "#FFD000"\n'       # line 10: white text on it is 1.5:1
        '    on_primary: "#FFFFFF"\n'    # line 11
        '    accent: "#A0A0A0"\n'        # line 12: 2.6:1 on white, below 3:1 too
        '    text: "#1A1A1A"\n'
        '    background: "#FFFFFF"\n'
    ))
    code, err = check(course, monkeypatch, capsys)
    assert code == 1
    found = re.findall(r"course\.yaml:(\d+):(\d+): error\[CS325\]: ([^:]+):", err)
    assert ("11", "17", "text on the primary colour (header, primary buttons)") in found
    assert ("12", "13", "links and headings (accent) on the page background") in found
    assert ("12", "13", "focus ring (accent) on the page background") in found
    assert len(found) == 3, err
    assert "WCAG AA asks 3:1 for a user interface part" in err
    assert "WCAG AA asks 4.5:1 for text" in err


def test_a_dark_page_derives_readable_shades_and_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = course_with(tmp_path, (
        "  colors:\n"
        '    primary: "#0B3D91"\n'
        '    text: "#F2F2F2"\n'
        '    background: "#121417"\n'
    ))
    code, err = check(course, monkeypatch, capsys)
    assert code == 0, err
    html = built_page(course, capsys)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style
    props = dict(re.findall(r"--(cs-[a-z-]+):(#[0-9A-F]{6})", style.group(1)))
    assert props["cs-bg"] == "#121417" and props["cs-text"] == "#F2F2F2"
    for name in ("cs-brand-ink", "cs-muted", "cs-ok", "cs-bad"):
        assert contrast(props[name], "#121417") >= 4.5, name
    assert contrast(props["cs-text"], props["cs-soft"]) >= 4.5
    assert contrast(props["cs-line"], "#121417") >= 3.0


def test_a_derived_text_colour_that_cannot_pass_points_at_the_colour_to_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = course_with(tmp_path, "  brand_color: \"#808080\"\n")  # line 9
    code, err = check(course, monkeypatch, capsys)
    assert code == 1
    assert "course.yaml:9:16: error[CS325]: text on the primary colour" in err
    assert "help: for example #" in err


def test_the_fixture_theme_reaches_the_page(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    dest = tmp_path / "course"
    shutil.copytree(UI_COURSE, dest)
    html = built_page(dest, capsys)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style
    css = style.group(1)
    assert ":root{--cs-brand:#00545C;--cs-brand-text:#FFFFFF;--cs-brand-ink:#9A3412;" in css
    assert "--cs-bg:#FFFDF8" in css and "--cs-text:#1F2933" in css
    assert ':root{font-family:"Verdana","DejaVu Sans",sans-serif}' in css
    headings = "h1,h2,h3,h4,.cs-course-title,.cs-page-title"
    assert headings + '{font-family:"Georgia","DejaVu Serif",serif}' in css
    assert "&#34;" not in css  # written as CSS, not HTML-escaped inside <style>


@pytest.mark.parametrize(
    "font",
    ["Arial, url(https://fonts.example.com/a.woff2)", "Arial; } body { display: none",
     "'Inter', @import", "</style><script>alert(1)</script>"],
)
def test_a_font_stack_names_fonts_and_fetches_nothing(
    font: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    course = course_with(tmp_path, f"  font: {font!r}\n")
    code, err = check(course, monkeypatch, capsys)
    assert code == 1
    assert "course.yaml:9:9: error[CS326]:" in err and "is not a font family name" in err


def test_a_bad_colour_is_refused_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = course_with(tmp_path, "  colors:\n    accent: red\n")
    code, err = check(course, monkeypatch, capsys)
    assert code == 1 and "course.yaml:10:13:" in err and "[CS003]" in err


# --- the logo -------------------------------------------------------------------------------


def test_logo_outside_the_course_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    course = course_with(tmp_path, "  logo: ../outside.svg\n")
    code, err = check(course, monkeypatch, capsys)
    assert code == 1
    assert "course.yaml:9:9: error[CS405]: '../outside.svg' is outside the course folder" in err


def test_symlinked_logo_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    course = course_with(tmp_path, "  logo: media/linked.svg\n")
    (course / "media" / "linked.svg").symlink_to(tmp_path / "outside.svg")
    code, err = check(course, monkeypatch, capsys)
    assert code == 1 and "error[CS405]: 'media/linked.svg' is outside the course folder" in err


def test_logo_must_exist_and_be_an_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = course_with(tmp_path, "  logo: media/nope.svg\n")
    code, err = check(course, monkeypatch, capsys)
    assert code == 1 and "course.yaml:9:9: error[CS401]: logo not found: media/nope.svg" in err
    (course / "media" / "notes.txt").write_text("not an image")
    course2 = course_with(tmp_path / "b", "  logo: media/notes.txt\n")
    (course2 / "media" / "notes.txt").write_text("not an image")
    code, err = check(course2, monkeypatch, capsys)
    assert code == 1 and "error[CS326]: logo 'media/notes.txt' is not an image" in err


def test_logo_is_packaged_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "course"
    shutil.copytree(UI_COURSE, dest)
    html = built_page(dest, capsys)
    assert '<img class="cs-logo" src="media/logo.svg" alt="">' in html
    assert (next((tmp_path / "build").glob("*/*/web")) / "media" / "logo.svg").read_bytes() == (
        UI_COURSE / "media" / "logo.svg"
    ).read_bytes()
