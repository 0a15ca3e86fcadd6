"""bench/generate.py writes a course that checks clean, and writes it deterministically."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from coursec.cli import main

GENERATE = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def _generate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_scale_1_checks_clean_and_is_deterministic(tmp_path: Path) -> None:
    generate = _generate_module()
    first, second = tmp_path / "a", tmp_path / "b"
    generate.main(["--scale", "1", "--out", str(first)])
    generate.main(["--scale", "1", "--out", str(second)])

    assert main(["check", str(first)]) == 0
    files = _files(first)
    assert files == _files(second)
    lessons = [name for name in files if name.startswith("lessons/")]
    assert len(lessons) == 1
    text = files[lessons[0]].decode()
    assert text.count(":::{quiz}") == 10 + 5  # 10 per module + the small final assessment
    assert "::::{assessment}" in text
    assert text.count("::::{scenario}") == 1  # a real scenario, not a block quote dialogue
    assert text.count(":::{node}") == 10 and ":::{ending}" in text
    assert any(name.startswith("media/") and name.endswith(".svg") for name in files)
