"""The wheel is all a user needs: built from a copy of the sources, installed into a fresh virtual
environment outside the repository, it builds the sample course (themes and runtime come from
the package data, not from the repository).

The environment sees the system site-packages (so the dependencies need no download) but the
wheel is installed into it without dependencies, and every command runs isolated (``-I``: no
cwd, no PYTHONPATH, no user site) from a folder outside the repository; the test checks that the
coursec it imports is the venv's, so an editable install of the repository cannot stand in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import coursec

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "courses" / "customer-service"
SOURCES = ("coursec", "pyproject.toml", "README.md")


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_outside_the_repository_and_builds_the_sample(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, src / name)
    dist = tmp_path / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(src)],
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("coursec-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "coursec/themes/default/theme.yaml" in names
    assert "coursec/themes/default/templates/index.html.j2" in names
    assert "coursec/runtime/player.js" in names

    venv = tmp_path / "venv"
    _run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        cwd=tmp_path,
    )
    python = venv / "bin" / "python"
    _run(  # this interpreter's pip, installing into the venv (no pip bootstrap needed there)
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         "--force-reinstall", str(wheel)],
        cwd=tmp_path,
    )
    where = _run(
        [str(python), "-I", "-c",
         "import json, coursec; print(json.dumps([coursec.__file__, coursec.__version__]))"],
        cwd=tmp_path,
    )
    imported, version = json.loads(where.stdout)
    assert Path(imported).resolve().is_relative_to(venv.resolve()), imported
    assert not Path(imported).resolve().is_relative_to(REPO), imported
    assert version == coursec.__version__

    shown = _run([str(venv / "bin" / "coursec"), "--version"], cwd=tmp_path)
    assert shown.stdout.strip() == f"coursec {coursec.__version__}"

    course = tmp_path / "course"
    shutil.copytree(SAMPLE, course)
    out = tmp_path / "out"
    built = _run(
        [str(python), "-I", "-m", "coursec", "build", str(course), "--out", str(out),
         "--target", "scorm12,web", "--region", "en-US", "--quiet"],
        cwd=tmp_path,
    )
    zips = sorted(Path(line).name for line in built.stdout.split())
    assert zips == ["customer-service-en-US-scorm12.zip", "customer-service-en-US-web.zip"]
    with zipfile.ZipFile(out / "customer-service-en-US-scorm12.zip") as package:
        entries = set(package.namelist())
        assert {"imsmanifest.xml", "index.html", "runtime/player.js"} <= entries
        assert b"cs-data" in package.read("index.html")
