"""Catalogs: ``coursec build A B C --jobs N`` and the build cache in the output folder.

A cached rebuild is byte-identical to a clean build and reports the same diagnostics; an edit
rebuilds exactly the course edited; a new coursec (version, or a built-in theme file) rebuilds
everything; ``--jobs 1`` and ``--jobs 2`` give the same bytes and the same diagnostics in the
same order; a broken cache entry is a rebuild, never a crash; a course with errors publishes
nothing of itself and the other courses are published (exit 1).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import coursec
from coursec import build_cache
from coursec.cli import main

REPO = Path(__file__).resolve().parents[1]
NAMES = ("alpha", "bravo", "charlie")


def make_course(root: Path, course_id: str, marker: str = "one", heading: bool = True,
                regions: bool = False) -> Path:
    """A small course of two lessons and two targets; without ``heading`` the second lesson
    has no '#' title (a CS021 warning); with ``regions`` also de-DE and fr-FR, whose region
    files translate nothing (CS601 warnings)."""
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    extra = ""
    if regions:
        extra = "regions: [de-DE, fr-FR]\n"
        (root / "locales").mkdir(exist_ok=True)
        for tag in ("de-DE", "fr-FR"):
            (root / "locales" / f"{tag}.yaml").write_text("{}\n", encoding="utf-8")
    (root / "course.yaml").write_text(
        f"id: {course_id}\ntitle: Course {course_id}\ntargets: [web, scorm12]\n{extra}",
        encoding="utf-8")
    (root / "lessons" / "01-one.md").write_text(
        f"# One\n\nMarker {marker} of {course_id}.\n", encoding="utf-8")
    title = "# Two\n\n" if heading else ""
    (root / "lessons" / "02-two.md").write_text(f"{title}Second lesson.\n", encoding="utf-8")
    return root


def catalog(tmp_path: Path) -> list[Path]:
    """Three courses; the second has a warning."""
    return [make_course(tmp_path / "courses" / name, name, heading=name != "bravo")
            for name in NAMES]


def run(capsys: pytest.CaptureFixture[str], courses: list[Path], out: Path,
        *extra: str) -> tuple[int, str, str]:
    code = main(["build", *map(str, courses), "--out", str(out), "--quiet", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def generation(out: Path, course_id: str) -> str:
    """The published generation of a course (a build that writes makes a new one)."""
    return os.readlink(out / ".coursec" / course_id / "current")


def generations(out: Path) -> list[str]:
    return [generation(out, name) for name in NAMES]


def published_bytes(out: Path) -> dict[str, bytes]:
    """Every zip and every package file, by its public name."""
    found = {p.name: p.read_bytes() for p in sorted(out.glob("*.zip"))}
    for name in NAMES:
        tree = out / name
        if tree.exists():
            found.update({p.relative_to(out).as_posix(): p.read_bytes()
                          for p in sorted(tree.rglob("*")) if p.is_file()})
    return found


def entries(out: Path) -> list[Path]:
    return sorted(build_cache.cache_dir(out).glob("*.json"))


def test_cached_rebuild_is_byte_identical_to_a_clean_build_and_reports_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    courses, out, clean = catalog(tmp_path), tmp_path / "out", tmp_path / "clean"
    first = run(capsys, courses, out, "--jobs", "1")
    assert first[0] == 0 and "warning[CS021]" in first[2]
    before = generations(out)
    again = run(capsys, courses, out, "--jobs", "1")
    assert again == first  # the same paths, the same warnings (from the cache entry)
    assert generations(out) == before  # nothing was written again
    assert run(capsys, courses, clean, "--jobs", "1", "--no-cache")[0] == 0
    assert not build_cache.cache_dir(clean).exists()
    assert published_bytes(out) == published_bytes(clean)
    assert len(published_bytes(out)) > 6
    for zip_file in sorted(out.glob("*.zip")):  # as cmp sees them
        subprocess.run(["cmp", str(zip_file), str(clean / zip_file.name)], check=True)


def test_a_source_edit_rebuilds_exactly_that_course(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    courses, out = catalog(tmp_path), tmp_path / "out"
    assert run(capsys, courses, out)[0] == 0
    before = generations(out)
    old = {name: (out / f"{name}-en-US-web.zip").read_bytes() for name in NAMES}
    make_course(courses[1], "bravo", marker="two", heading=False)  # one lesson's bytes change
    assert run(capsys, courses, out)[0] == 0
    after = generations(out)
    assert [a == b for a, b in zip(before, after, strict=True)] == [True, False, True]
    assert (out / "bravo-en-US-web.zip").read_bytes() != old["bravo"]
    assert (out / "alpha-en-US-web.zip").read_bytes() == old["alpha"]
    assert len(entries(out)) == 3  # the old entry of bravo is gone
    (courses[2] / "media").mkdir()  # a new file, even one no lesson uses, is a new input
    (courses[2] / "media" / "extra.txt").write_bytes(b"x")
    assert run(capsys, courses, out)[0] == 0
    assert [a == b for a, b in zip(after, generations(out), strict=True)] == [True, True, False]


def test_options_are_part_of_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    courses, out = catalog(tmp_path)[:1], tmp_path / "out"
    assert run(capsys, courses, out)[0] == 0
    before = generation(out, "alpha")
    assert run(capsys, courses, out, "--target", "web")[0] == 0
    assert generation(out, "alpha") != before
    again = generation(out, "alpha")
    assert run(capsys, courses, out, "--target", "web")[0] == 0
    assert generation(out, "alpha") == again


def test_a_new_coursec_version_rebuilds_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    courses, out = catalog(tmp_path), tmp_path / "out"
    assert run(capsys, courses, out)[0] == 0
    before = generations(out)
    monkeypatch.setattr(coursec, "__version__", coursec.__version__ + ".post1")
    build_cache.tool_digest.cache_clear()
    try:
        assert run(capsys, courses, out)[0] == 0
    finally:
        build_cache.tool_digest.cache_clear()
    after = generations(out)
    assert all(a != b for a, b in zip(before, after, strict=True))


def test_a_changed_builtin_theme_rebuilds_everything(tmp_path: Path) -> None:
    """A copy of coursec whose default theme's template gains a comment (a subprocess: the
    installed package is not touched)."""
    package = tmp_path / "pkg"
    shutil.copytree(REPO / "coursec", package / "coursec",
                    ignore=shutil.ignore_patterns("__pycache__"))
    courses, out = catalog(tmp_path)[:2], tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(package)}
    command = [sys.executable, "-m", "coursec", "build", *map(str, courses),
               "--out", str(out), "--quiet", "--jobs", "1"]
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=tmp_path)
    before = [generation(out, name) for name in NAMES[:2]]
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=tmp_path)
    assert [generation(out, name) for name in NAMES[:2]] == before  # cached
    templates = sorted((package / "coursec" / "themes" / "default" / "templates").glob("*.j2"))
    assert templates, "the default theme has templates"
    with templates[0].open("a", encoding="utf-8") as stream:
        stream.write("{# a comment: the output is the same, the theme is not #}\n")
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=tmp_path)
    after = [generation(out, name) for name in NAMES[:2]]
    assert all(a != b for a, b in zip(before, after, strict=True))


def test_jobs_1_and_jobs_2_give_the_same_bytes_and_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    courses = catalog(tmp_path)
    one = run(capsys, courses, tmp_path / "one", "--jobs", "1")
    two = run(capsys, courses, tmp_path / "two", "--jobs", "2")
    assert one[0] == two[0] == 0
    assert one[1].replace(str(tmp_path / "one"), "OUT") == two[1].replace(
        str(tmp_path / "two"), "OUT")
    assert one[2] == two[2] and "warning[CS021]" in one[2]
    assert published_bytes(tmp_path / "one") == published_bytes(tmp_path / "two")


@pytest.mark.parametrize("damage", ["garbage", "wrong-shape", "zip-changed", "wrong-code"])
def test_a_broken_cache_entry_is_a_rebuild_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    courses, out = catalog(tmp_path)[:2], tmp_path / "out"
    first = run(capsys, courses, out)
    assert first[0] == 0
    before = [generation(out, name) for name in NAMES[:2]]
    key = (build_cache.cache_dir(out) / "alpha.key").read_text(encoding="ascii")
    entry = build_cache.cache_dir(out) / f"{key}.json"
    if damage == "garbage":
        entry.write_bytes(b"\x00{not json")
    elif damage == "wrong-shape":
        entry.write_text(json.dumps({"schema": 1, "key": key, "packages": 3}), encoding="utf-8")
    elif damage == "zip-changed":
        zip_file = (out / "alpha-en-US-web.zip").resolve()
        zip_file.write_bytes(zip_file.read_bytes() + b"\0")
    else:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        raw["diagnostics"] = [{"code": "CS999", "severity": "warning", "span": ["x", 1, 1, 1],
                               "message": "m", "help": None}]
        entry.write_text(json.dumps(raw), encoding="utf-8")
    again = run(capsys, courses, out)
    assert again == first
    after = [generation(out, name) for name in NAMES[:2]]
    assert after[0] != before[0] and after[1] == before[1]  # alpha rebuilt, bravo cached
    assert run(capsys, courses, out) == first  # and alpha's new entry is good
    assert [generation(out, name) for name in NAMES[:2]] == after


def test_a_course_with_errors_publishes_nothing_of_itself_and_the_others_are_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    courses, out = catalog(tmp_path), tmp_path / "out"
    assert run(capsys, courses, out)[0] == 0
    old_bravo = published_bytes(out)
    make_course(courses[0], "alpha", marker="two")
    make_course(courses[2], "charlie", marker="two")
    (courses[1] / "lessons" / "01-one.md").write_text(
        "# One\n\n:::nonsense\n:::\n", encoding="utf-8")
    for jobs in ("1", "2"):
        code, printed, errors = run(capsys, courses, out, "--jobs", jobs)
        assert code == 1
        assert "error[CS201]" in errors and f"build failed for {courses[1]}" in errors
        assert "bravo" not in printed and "alpha-en-US-web.zip" in printed
        now = published_bytes(out)
        assert {k: v for k, v in now.items() if "bravo" in k} == {
            k: v for k, v in old_bravo.items() if "bravo" in k}
        assert b"Marker two of alpha" in now["alpha/en-US/web/index.html"]
        assert b"Marker two of charlie" in now["charlie/en-US/web/index.html"]


def test_a_folder_given_twice_is_built_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    courses = catalog(tmp_path)[:1]
    code, printed, _ = run(capsys, [courses[0], courses[0] / "."], tmp_path / "out")
    assert code == 0 and printed.count("alpha-en-US-web.zip") == 1


def test_two_courses_of_one_id_are_both_refused_and_the_others_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two folders whose course.yaml say the same id would publish the same ``<out>/<id>/``
    and zips, the later replacing the earlier (a silent wrong result): CS509 on each, at its
    ``id:`` line; neither is built, what was published stays, the rest of the catalog builds."""
    courses, out = catalog(tmp_path), tmp_path / "out"
    assert run(capsys, courses, out)[0] == 0
    before = published_bytes(out)
    make_course(courses[2], "alpha", marker="copy")  # charlie now says it is alpha
    for jobs in ("1", "2"):
        code, printed, errors = run(capsys, courses, out, "--jobs", jobs)
        assert code == 1
        assert errors.count("error[CS509]") == 2
        for course, other in ((courses[0], courses[2]), (courses[2], courses[0])):
            assert f"{course / 'course.yaml'}:1:1: error[CS509]: course id 'alpha' is also the " \
                   f"id of {other}" in errors
            assert f"build failed for {course}" in errors
        assert "bravo-en-US-web.zip" in printed and "alpha-en-US-web.zip" not in printed
        assert {k: v for k, v in published_bytes(out).items() if "alpha" in k} == {
            k: v for k, v in before.items() if "alpha" in k}


def test_one_course_shared_out_to_two_workers_is_the_same_as_one_worker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Six packages (three regions, two targets) made by two workers, published as one set."""
    course = [make_course(tmp_path / "courses" / "alpha", "alpha", heading=False, regions=True)]
    one = run(capsys, course, tmp_path / "one", "--jobs", "1")
    two = run(capsys, course, tmp_path / "two", "--jobs", "2")
    assert one[0] == two[0] == 0
    assert one[1].replace(str(tmp_path / "one"), "OUT") == two[1].replace(
        str(tmp_path / "two"), "OUT")
    assert one[1].count(".zip") == 6
    assert one[2] == two[2] and "warning[CS021]" in one[2] and "warning[CS601]" in one[2]
    assert published_bytes(tmp_path / "one") == published_bytes(tmp_path / "two")
    before = generation(tmp_path / "two", "alpha")
    assert run(capsys, course, tmp_path / "two", "--jobs", "2") == two  # cached, the same
    assert generation(tmp_path / "two", "alpha") == before
    (course[0] / "lessons" / "01-one.md").write_text("# One\n\n:::nonsense\n:::\n",
                                                     encoding="utf-8")
    failed = run(capsys, course, tmp_path / "two", "--jobs", "2")
    assert failed[0] == 1 and failed[1] == "" and failed[2].count("error[CS201]") == 1
    assert generation(tmp_path / "two", "alpha") == before


def _zip_entries(out: Path) -> dict[str, bytes]:
    """Every entry of every zip (with its date), and every file of the package folders."""
    import zipfile

    found: dict[str, bytes] = {}
    for path in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                found[f"{path.name}!{info.filename}@{info.date_time}"] = archive.read(info)
    for path in sorted(out.rglob("*")):
        if path.is_file() and ".coursec" not in path.relative_to(out).parts[:1] \
                and path.suffix != ".zip":
            found[path.relative_to(out).as_posix()] = path.read_bytes()
    return found


def test_the_sample_course_from_the_cache_is_a_clean_build_entry_for_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample (5 regions x 5 targets): a no-change rebuild writes nothing and leaves every
    zip entry and package file as a clean build makes it; after a region file is edited, the
    rebuild is again a clean build of the edited course, entry for entry."""
    course = tmp_path / "customer-service"
    shutil.copytree(REPO / "courses" / "customer-service", course)
    out, clean = tmp_path / "out", tmp_path / "clean"
    first = run(capsys, [course], out, "--jobs", "1")
    assert first[0] == 0, first[2]
    before = generation(out, "customer-service")
    again = run(capsys, [course], out, "--jobs", "2")
    assert again == first and generation(out, "customer-service") == before  # from the cache
    assert run(capsys, [course], clean, "--jobs", "1", "--no-cache")[0] == 0
    built = _zip_entries(out)
    assert len(built) > 25 * 5 and built == _zip_entries(clean)
    german = course / "locales" / "de-DE.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("Kundenservice", "Kundendienst"),
                      encoding="utf-8")
    assert run(capsys, [course], out, "--jobs", "2")[0] == 0
    assert generation(out, "customer-service") != before
    shutil.rmtree(clean)
    assert run(capsys, [course], clean, "--jobs", "1", "--no-cache")[0] == 0
    edited = _zip_entries(out)
    assert edited == _zip_entries(clean) and edited != built
    assert b"Kundendienst" in b"".join(v for k, v in edited.items() if "de-DE" in k)
