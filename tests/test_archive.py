"""archive: deterministic zips (SOURCE_DATE_EPOCH, order, modes) and atomic directory swaps."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from coursec.archive import path_problem, replace_tree, write_zip, zip_bytes

REPO = Path(__file__).resolve().parents[1]
FILES = {
    "index.html": b"<!doctype html>" + b"x" * 500,
    "imsmanifest.xml": b"<manifest/>",
    "runtime/player.js": b"console.log(1)",
    "media/photo.png": b"\x89PNG" + bytes(range(256)),
    "media/z/deep.svg": b"<svg/>",
}


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def entries(data: bytes) -> list[zipfile.ZipInfo]:
    return zipfile.ZipFile(io.BytesIO(data)).infolist()


def test_same_input_same_bytes_whatever_the_order() -> None:
    first = zip_bytes(FILES)
    assert zip_bytes(dict(reversed(list(FILES.items())))) == first
    assert zip_bytes(FILES) == first


def test_entries_are_sorted_files_with_fixed_metadata() -> None:
    infos = entries(zip_bytes(FILES))
    assert [i.filename for i in infos] == sorted(FILES)
    assert "imsmanifest.xml" in [i.filename for i in infos]  # at the root, no prefix
    for info in infos:
        assert not info.is_dir()
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.create_system == 3
        assert info.external_attr >> 16 == 0o100644
        assert info.extra == b""
        assert info.flag_bits & 0x800 == 0  # names are ASCII, no UTF-8 flag
    types = {i.filename: i.compress_type for i in infos}
    assert types["index.html"] == zipfile.ZIP_DEFLATED
    assert types["media/photo.png"] == zipfile.ZIP_STORED


def test_content_round_trips() -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bytes(FILES))) as z:
        assert z.testzip() is None
        assert {n: z.read(n) for n in z.namelist()} == FILES


def test_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    default = zip_bytes(FILES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")  # 2023-11-14 22:13:21 UTC
    stamped = zip_bytes(FILES)
    assert stamped != default
    assert stamped == zip_bytes(FILES)
    assert {i.date_time for i in entries(stamped)} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # before 1980: clamped
    assert {i.date_time for i in entries(zip_bytes(FILES))} == {(1980, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999")  # after 2107: clamped
    assert {i.date_time for i in entries(zip_bytes(FILES))} == {(2107, 12, 31, 23, 59, 58)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        zip_bytes(FILES)


def test_same_bytes_in_another_process() -> None:
    """Hash seed, locale and time of day must not leak into the archive."""
    script = (
        "import sys, hashlib; from coursec.archive import zip_bytes; "
        "files = {f'd{i % 7}/f{i}.txt': str(i).encode() * i for i in range(60)}; "
        "sys.stdout.write(hashlib.sha256(zip_bytes(files)).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000",
               "TZ": "Pacific/Kiritimati" if seed == "1" else "America/Adak"}
        out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True,
                             capture_output=True, text=True)
        digests.add(out.stdout)
    assert len(digests) == 1


@pytest.mark.parametrize("name", ["media/café.png", "/abs.txt", "a/../b.txt", "a//b.txt",
                                  "a\\b.txt", "a b.txt", "c:x.txt", "./a.txt", "", "a/"])
def test_bad_paths_are_refused(name: str) -> None:
    assert path_problem(name) is not None
    with pytest.raises(ValueError):
        zip_bytes({name: b"x"})


def test_good_paths_pass() -> None:
    for name in ["index.html", "media/chart(1)_v2.0~final.svg", "runtime/a-b/c.js"]:
        assert path_problem(name) is None


def test_case_collisions_are_refused() -> None:
    with pytest.raises(ValueError, match="differ only by case"):
        zip_bytes({"Media/a.png": b"", "media/a.png": b""})


def test_write_zip(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "course.zip"
    write_zip(FILES, dest)
    assert dest.read_bytes() == zip_bytes(FILES)
    assert dest.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in dest.parent.iterdir()] == ["course.zip"]  # no temp left behind


def test_write_zip_failure_keeps_previous(tmp_path: Path) -> None:
    dest = tmp_path / "course.zip"
    dest.write_bytes(b"previous")
    with pytest.raises(ValueError):
        write_zip({"bad name.txt": b""}, dest)
    assert dest.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["course.zip"]


def test_replace_tree_creates_and_replaces(tmp_path: Path) -> None:
    dest = tmp_path / "build" / "web"
    replace_tree({"index.html": b"one", "old/stale.txt": b"s"}, dest)
    assert (dest / "old" / "stale.txt").read_bytes() == b"s"
    replace_tree(FILES, dest)
    found = {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*")
             if p.is_file()}
    assert found == FILES
    assert (dest / "index.html").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in dest.parent.iterdir()) == ["web"]


def test_replace_tree_failure_leaves_previous_output(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "web"
    replace_tree({"index.html": b"previous"}, dest)
    with pytest.raises(ValueError):
        replace_tree({"ok.txt": b"", "../escape.txt": b""}, dest)
    assert (dest / "index.html").read_bytes() == b"previous"

    calls = {"n": 0}
    real_write = Path.write_bytes

    def failing_write(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError, match="disk full"):
        replace_tree(FILES, dest)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["web"]  # temp sibling removed
    assert [p.name for p in dest.iterdir()] == ["index.html"]
    assert (dest / "index.html").read_bytes() == b"previous"
    assert not (tmp_path / "escape.txt").exists()


def test_replace_tree_rename_failure_restores_previous(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "web"
    replace_tree({"index.html": b"previous"}, dest)
    real_replace = os.replace

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).name.endswith(".tmp"):
            raise OSError("rename failed")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="rename failed"):
        replace_tree(FILES, dest)
    monkeypatch.undo()
    assert (dest / "index.html").read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["web"]
